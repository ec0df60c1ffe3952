/*
 * Copyright 2026 The aws-identity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { PodAggregate, Role, ServiceAccount, emptyPodAggregate } from '../domain/types';
import { buildIdentityReport } from '../report/buildIdentityReport';
import { IdentityReportInput } from '../report/types';
import { irsaTrustPolicy, podIdentityTrustPolicy } from '../testing';
import { liveProofRefused, liveProved } from './liveProofOutcome';
import { DENY_ALL_SESSION_POLICY, planLiveProof } from './planLiveProof';

// The EKS user guide's IRSA setup: one OIDC provider, a role trusting one service account.
const ACCOUNT = '111111111111';
const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/reports`;
const SUBJECT = 'system:serviceaccount:reports:reports';
const role = (trustPolicy: unknown): Role => ({
  arn: ROLE_ARN,
  name: 'reports',
  accountId: ACCOUNT,
  trustPolicy,
  permissionPolicies: [],
});
const serviceAccount = (annotations: Record<string, string> = {}): ServiceAccount => ({
  cluster: 'east',
  namespace: 'reports',
  name: 'reports',
  annotations,
});
const pods = (over: Partial<PodAggregate> = {}): PodAggregate => emptyPodAggregate({ podCount: 1, ...over });
const input = (over: Partial<IdentityReportInput> = {}): IdentityReportInput => ({
  cluster: {
    name: 'east',
    accountId: ACCOUNT,
    arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/east`,
    issuer: `https://${ISSUER}`,
  },
  serviceAccount: serviceAccount({ 'eks.amazonaws.com/role-arn': ROLE_ARN }),
  pods: pods(),
  roles: [role(irsaTrustPolicy({ accountId: ACCOUNT, issuerHostPath: ISSUER, subject: SUBJECT }))],
  completeAccounts: [ACCOUNT],
  oidcProviders: [
    { arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, accountId: ACCOUNT, issuerHostPath: ISSUER, clientIds: ['sts.amazonaws.com'] },
  ],
  podIdentityAssociations: [],
  ...over,
});
const podIdentityInput = (trust: unknown): IdentityReportInput =>
  input({
    serviceAccount: serviceAccount(),
    roles: [role(trust)],
    podIdentityAssociations: [{ cluster: 'east', namespace: 'reports', serviceAccount: 'reports', roleArn: ROLE_ARN }],
  });

describe('planLiveProof', () => {
  it('IRSA: a TokenRequest with the webhook audience (sts.amazonaws.com) and the 10-minute minimum, a deny-all session', () => {
    const sa = input().serviceAccount;
    expect(planLiveProof(buildIdentityReport(input()), sa)).toEqual({
      kind: 'web-identity',
      roleArn: ROLE_ARN,
      audience: 'sts.amazonaws.com',
      // TokenRequest: expirationSeconds must be at least 600; STS: DurationSeconds at least 900.
      tokenExpirationSeconds: 600,
      sessionDurationSeconds: 900,
      sessionPolicy: DENY_ALL_SESSION_POLICY,
    });
    expect(JSON.parse(DENY_ALL_SESSION_POLICY)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }],
    });
  });

  it("IRSA: the eks.amazonaws.com/audience annotation is the audience the pods' token carries", () => {
    const annotated = input({
      serviceAccount: serviceAccount({ 'eks.amazonaws.com/role-arn': ROLE_ARN, 'eks.amazonaws.com/audience': 'internal.example.com' }),
    });
    const plan = planLiveProof(buildIdentityReport(annotated), annotated.serviceAccount);
    expect(plan).toMatchObject({ kind: 'web-identity', audience: 'internal.example.com' });
  });

  it('Pod Identity: says it cannot be proved from outside a pod, and that the trust admits pods.eks.amazonaws.com', () => {
    const given = podIdentityInput(podIdentityTrustPolicy({ accountId: ACCOUNT }));
    const plan = planLiveProof(buildIdentityReport(given), given.serviceAccount);
    expect(plan.kind).toBe('answered');
    if (plan.kind !== 'answered') return;
    expect(plan.result).toMatchObject({ via: 'pod-identity', outcome: 'evaluated', roleArn: ROLE_ARN });
    expect(plan.result.message).toMatch(/cannot be proved live from outside a pod/);
    expect(plan.result.message).toMatch(/admits pods\.eks\.amazonaws\.com \(sts:AssumeRole and sts:TagSession\)/);
  });

  it('Pod Identity: a trust without sts:TagSession is not called proved', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const given = podIdentityInput(trust);
    const plan = planLiveProof(buildIdentityReport(given), given.serviceAccount);
    expect(plan).toMatchObject({ kind: 'answered', result: { outcome: 'not-provable', via: 'pod-identity' } });
  });

  it('no binding: nothing to prove', () => {
    const given = input({ serviceAccount: serviceAccount(), roles: [] });
    expect(planLiveProof(buildIdentityReport(given), given.serviceAccount)).toMatchObject({
      kind: 'answered',
      result: { via: 'none', outcome: 'not-provable' },
    });
  });
});

describe('live proof results', () => {
  const context = {
    target: { cluster: 'east', namespace: 'reports', serviceAccount: 'reports' },
    roleArn: ROLE_ARN,
    audience: 'sts.amazonaws.com',
    at: '2026-03-01T10:00:00.000Z',
    trigger: 'button' as const,
  };

  it('proved: names the time and the role, and the caveat of an emulator', () => {
    const result = liveProved({ ...context, callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/reports/proof`, caveat: 'emulator: token not validated' });
    expect(result.message).toBe(
      `Proved live at 2026-03-01T10:00:00.000Z: the cluster's token was accepted for role ${ROLE_ARN} (emulator: token not validated).`,
    );
    expect(result.outcome).toBe('proved');
  });

  it("refused by STS: the decoder's reading of the error for this service account", () => {
    const result = liveProofRefused(
      {
        ...context,
        stage: 'sts',
        errorText: 'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity',
      },
      buildIdentityReport(input()),
    );
    expect(result.outcome).toBe('refused');
    expect(result.error?.error.kind).toBe('web-identity-denied');
    expect(result.message).toMatch(/^Not proved at .*: STS refused the cluster's token for role/);
  });

  it('refused by the cluster: says the token was not issued, without decoding it as an STS error', () => {
    const result = liveProofRefused(
      { ...context, stage: 'token', errorText: 'HTTP 403: cannot create resource "serviceaccounts/token"' },
      buildIdentityReport(input()),
    );
    expect(result.error).toBeUndefined();
    expect(result.message).toMatch(/the cluster did not issue a token for reports\/reports: HTTP 403/);
  });
});
