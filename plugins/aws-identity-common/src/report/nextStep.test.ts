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
import { SEED_003_ISSUER, SEED_003_TRUST } from '../__fixtures__/seeds';
import {
  Cluster,
  Finding,
  PodAggregate,
  Role,
  ServiceAccount,
} from '../domain/types';
import { buildIdentityReport } from './buildIdentityReport';
import { decideNextStep } from './nextStep';
import { IdentityReportInput } from './types';

/*
 * The verdict rules (architecture.md): `verified` — bound, the trust admits exactly this service
 * account, pods injected; `broken` — fails closed, the pods cannot get the role; `risky` — works
 * but fails open or has high findings; `not-configured` — no binding. The next step is what
 * unblocks the pods first when broken, else the most severe finding, and nothing when verified.
 */

const ACCOUNT = '501672548510';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/sdc`;
const CLUSTER: Cluster = {
  name: 'prod',
  accountId: ACCOUNT,
  issuer: `https://${SEED_003_ISSUER}`,
  arn: `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod`,
};
const SA: ServiceAccount = {
  cluster: 'prod',
  namespace: 'ns1',
  name: 'sdc',
  annotations: { 'eks.amazonaws.com/role-arn': ROLE_ARN },
};
const PROVIDER = {
  arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${SEED_003_ISSUER}`,
  accountId: ACCOUNT,
  issuerHostPath: SEED_003_ISSUER,
  clientIds: ['sts.amazonaws.com'],
};
const INJECTED_PODS: PodAggregate = {
  podCount: 3,
  irsaEnvCount: 3,
  irsaVolumeCount: 3,
  podIdentityEnvCount: 0,
  createdBeforeAnnotationCount: 0,
  staticKeysCount: 0,
  skipWebhookLabelCount: 0,
  nonRootWithoutFsGroupCount: 0,
  roleArnsInEnv: [{ roleArn: ROLE_ARN, podCount: 3 }],
  workloads: ['Deployment/sdc'],
};
const conditions = SEED_003_TRUST.Statement[0].Condition.StringEquals;
/** The EKS user guide's IRSA trust: sub and aud pinned. */
const PINNED_TRUST = {
  ...SEED_003_TRUST,
  Statement: [
    {
      ...SEED_003_TRUST.Statement[0],
      Condition: {
        StringEquals: {
          ...conditions,
          [`${SEED_003_ISSUER}:aud`]: 'sts.amazonaws.com',
        },
      },
    },
  ],
};
/** The same trust without the sub condition: any service account of the cluster may assume it. */
const NO_SUB_TRUST = {
  ...PINNED_TRUST,
  Statement: [
    {
      ...PINNED_TRUST.Statement[0],
      Condition: {
        StringEquals: { [`${SEED_003_ISSUER}:aud`]: 'sts.amazonaws.com' },
      },
    },
  ],
};
const role = (trustPolicy: unknown): Role => ({
  arn: ROLE_ARN,
  name: 'sdc',
  accountId: ACCOUNT,
  trustPolicy,
  permissionPolicies: [],
});

const input = (
  over: Partial<IdentityReportInput> = {},
): IdentityReportInput => ({
  cluster: CLUSTER,
  serviceAccount: SA,
  pods: INJECTED_PODS,
  roles: [role(PINNED_TRUST)],
  completeAccounts: [ACCOUNT],
  oidcProviders: [PROVIDER],
  podIdentityAssociations: [],
  ...over,
});

function finding(
  id: string,
  severity: Finding['severity'],
  failMode: Finding['failMode'],
): Finding {
  return {
    id,
    severity,
    failMode,
    title: `${id} title`,
    subject: { kind: 'service-account', ref: 'prod/ns1/sdc' },
    message: `${id} message`,
    fix: `${id} fix`,
  };
}

describe('the next step of a report', () => {
  it('is nothing for a verified binding, even with a low finding left', () => {
    // Seed 003 as published: no aud condition, which STS enforces anyway (IRSA-T04, low).
    const report = buildIdentityReport(input({ roles: [role(SEED_003_TRUST)] }));
    expect(report.verdict).toBe('verified');
    expect(report.findings.map(f => f.id)).toEqual(['IRSA-T04']);
    expect(report.nextStep).toBeUndefined();
  });

  it('is creating the role when the annotated role does not exist', () => {
    const report = buildIdentityReport(input({ roles: [] }));
    expect(report.verdict).toBe('broken');
    expect(report.nextStep).toEqual({
      findingId: 'IRSA-B02',
      title: 'Annotated role cannot be assumed by this service account',
      fix: report.findings.find(f => f.id === 'IRSA-B02')!.fix,
      reason: 'breaks-binding',
    });
  });

  it('is restarting pods started before the annotation, ahead of a more severe trust that fails open', () => {
    // The webhook mutates pods only when they are created: pods started before the annotation
    // run without AWS_ROLE_ARN. The trust without sub is critical but does not stop the pods.
    const report = buildIdentityReport(
      input({
        roles: [role(NO_SUB_TRUST)],
        pods: {
          ...INJECTED_PODS,
          irsaEnvCount: 1,
          irsaVolumeCount: 1,
          createdBeforeAnnotationCount: 2,
        },
      }),
    );
    expect(report.verdict).toBe('broken');
    expect(report.findings[0]).toMatchObject({
      id: 'IRSA-T01',
      severity: 'critical',
    });
    expect(report.nextStep).toMatchObject({
      findingId: 'IRSA-B04',
      reason: 'breaks-binding',
    });
  });

  it('is the most severe finding of a risky binding', () => {
    const report = buildIdentityReport(input({ roles: [role(NO_SUB_TRUST)] }));
    expect(report.verdict).toBe('risky');
    expect(report.nextStep).toEqual({
      findingId: 'IRSA-T01',
      title: report.findings[0].title,
      fix: report.findings[0].fix,
      reason: 'most-severe',
    });
  });

  it('is the most severe finding of a service account without a binding', () => {
    // Long-lived keys in the pods' environment win over any role (the SDKs' credential chain).
    const report = buildIdentityReport(
      input({
        serviceAccount: { ...SA, annotations: {} },
        roles: [],
        pods: {
          ...INJECTED_PODS,
          irsaEnvCount: 0,
          irsaVolumeCount: 0,
          staticKeysCount: 3,
          roleArnsInEnv: [],
        },
      }),
    );
    expect(report.verdict).toBe('not-configured');
    expect(report.nextStep).toMatchObject({
      findingId: 'IRSA-B05',
      reason: 'most-severe',
    });
  });

  it('is nothing for a service account without a binding nor findings', () => {
    const report = buildIdentityReport(
      input({
        serviceAccount: { ...SA, annotations: {} },
        roles: [],
        pods: undefined,
      }),
    );
    expect(report.verdict).toBe('not-configured');
    expect(report.findings).toEqual([]);
    expect(report.nextStep).toBeUndefined();
  });

  it('counts only findings of the path the pods take when broken', () => {
    // With both bindings the webhook injects Pod Identity only: a closed IRSA finding does not
    // stop these pods, an incomplete Pod Identity trust does.
    const findings = [
      finding('IRSA-B02', 'high', 'closed'),
      finding('PID-01', 'medium', 'closed'),
    ];
    expect(decideNextStep('broken', findings, 'pod-identity')).toMatchObject({
      findingId: 'PID-01',
      fix: 'PID-01 fix',
      reason: 'breaks-binding',
    });
    expect(decideNextStep('broken', findings, 'irsa')).toMatchObject({
      findingId: 'IRSA-B02',
    });
  });

  it('is nothing when what breaks the binding has no finding', () => {
    // e.g. an invalid cluster issuer: the verdict's reasons say it; no check carries its fix.
    expect(
      decideNextStep(
        'broken',
        [finding('IRSA-T04', 'medium', 'open'), finding('IRSA-T14', 'medium', 'closed')],
        'irsa',
      ),
    ).toBeUndefined();
  });
});
