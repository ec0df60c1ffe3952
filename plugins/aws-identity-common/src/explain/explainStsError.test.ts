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
import {
  PodAggregate,
  Role,
  ServiceAccount,
  emptyPodAggregate,
} from '../domain/types';
import { buildIdentityReport } from '../report/buildIdentityReport';
import { IdentityReportInput } from '../report/types';
import { irsaTrustPolicy, podIdentityTrustPolicy } from '../testing';
import { explainStsError } from './explainStsError';

// A service account of an EKS cluster bound by IRSA, as in the EKS user guide's setup.
const ACCOUNT = '111111111111';
const ISSUER =
  'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/reports`;
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
const irsaTrust = (subject: string) =>
  irsaTrustPolicy({ accountId: ACCOUNT, issuerHostPath: ISSUER, subject });
const podIdentityTrust = () => podIdentityTrustPolicy({ accountId: ACCOUNT });
const role = (trustPolicy: unknown, arn = ROLE_ARN): Role => ({
  arn,
  name: arn.split('/')[1],
  accountId: ACCOUNT,
  trustPolicy,
  permissionPolicies: [],
});
/** The example's service account, reports/reports of cluster east, with `annotations`. */
const serviceAccount = (
  annotations: Record<string, string> = {},
): ServiceAccount => ({
  cluster: 'east',
  namespace: 'reports',
  name: 'reports',
  annotations,
});
const IRSA_ANNOTATION = { 'eks.amazonaws.com/role-arn': ROLE_ARN };
const pods = (over: Partial<PodAggregate> = {}): PodAggregate =>
  emptyPodAggregate({
    podCount: 2,
    irsaEnvCount: 2,
    irsaVolumeCount: 2,
    roleArnsInEnv: [{ roleArn: ROLE_ARN, podCount: 2 }],
    ...over,
  });
const input = (
  over: Partial<IdentityReportInput> = {},
): IdentityReportInput => ({
  cluster: {
    name: 'east',
    accountId: ACCOUNT,
    arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/east`,
    issuer: `https://${ISSUER}`,
  },
  serviceAccount: serviceAccount(IRSA_ANNOTATION),
  pods: pods(),
  roles: [role(irsaTrust('system:serviceaccount:reports:reports'))],
  completeAccounts: [ACCOUNT],
  oidcProviders: [
    {
      arn: PROVIDER_ARN,
      accountId: ACCOUNT,
      issuerHostPath: ISSUER,
      clientIds: ['sts.amazonaws.com'],
    },
  ],
  podIdentityAssociations: [],
  ...over,
});
const report = (over: Partial<IdentityReportInput> = {}) =>
  buildIdentityReport(input(over));
/** The service account bound by a Pod Identity association to `roleArn` only, its pods injected for it. */
const podIdentityReport = (trust: unknown, roleArn: string) => {
  const { cluster, namespace, name } = serviceAccount();
  return report({
    serviceAccount: serviceAccount(),
    pods: pods({
      irsaEnvCount: 0,
      irsaVolumeCount: 0,
      podIdentityEnvCount: 2,
      roleArnsInEnv: [],
    }),
    roles: [role(trust, roleArn)],
    podIdentityAssociations: [
      { cluster, namespace, serviceAccount: name, roleArn },
    ],
  });
};

/** The report of the IRSA example with `annotations` added to the service account. */
const irsaReportAnnotated = (annotations: Record<string, string>) =>
  report({
    serviceAccount: serviceAccount({ ...IRSA_ANNOTATION, ...annotations }),
  });

describe('explainStsError', () => {
  it('InvalidIdentityToken, no provider: names the missing provider from IRSA-T06', () => {
    const out = explainStsError(
      `An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No OpenIDConnect provider found in your account for https://${ISSUER}`,
      report({ oidcProviders: [] }),
    );
    expect(out.error).toMatchObject({
      kind: 'no-oidc-provider',
      code: 'InvalidIdentityToken',
      issuer: `https://${ISSUER}`,
    });
    expect(out.causes[0]).toMatchObject({ findingId: 'IRSA-T06' });
    expect(out.causes[0].text).toContain(PROVIDER_ARN);
    expect(out.nextSteps[0]).toMatch(/OIDC provider/);
    expect(out.roleArn).toBe(ROLE_ARN);
  });

  it('Incorrect token audience: the audience annotation the provider does not accept', () => {
    const out = explainStsError(
      'InvalidIdentityToken: Incorrect token audience',
      irsaReportAnnotated({ 'eks.amazonaws.com/audience': 'vault' }),
    );
    expect(out.error.kind).toBe('incorrect-audience');
    expect(out.causes.map(c => c.findingId)).toContain('IRSA-B09');
    expect(out.causes.some(c => /:aud = "vault"/.test(c.text))).toBe(true);
  });

  it('AccessDenied on AssumeRoleWithWebIdentity: the failed sub condition of the trust', () => {
    const out = explainStsError(
      'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity',
      report({
        roles: [role(irsaTrust('system:serviceaccount:reports:other'))],
      }),
    );
    expect(out.error.kind).toBe('web-identity-denied');
    const trust = out.causes.find(c => c.statementIndex === 0);
    expect(trust?.text).toContain(`${ISSUER}:sub`);
    expect(trust?.text).toContain('system:serviceaccount:reports:reports');
    expect(out.nextSteps.join(' ')).toMatch(/trust policy/);
  });

  it('AccessDenied for a role that does not exist says so', () => {
    const out = explainStsError(
      'AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity',
      report({ roles: [] }),
    );
    expect(out.causes[0].text).toBe(`Role ${ROLE_ARN} does not exist.`);
  });

  it('ExpiredToken: an expiry annotation EKS clamps (IRSA-B08)', () => {
    const out = explainStsError(
      'ExpiredTokenException: Token expired: current date/time 1700000000 must be before the expiration date/time 1699999000',
      irsaReportAnnotated({ 'eks.amazonaws.com/token-expiration': '300' }),
    );
    expect(out.error).toMatchObject({
      kind: 'expired-token',
      code: 'ExpiredTokenException',
    });
    expect(out.causes.map(c => c.findingId)).toContain('IRSA-B08');
    expect(out.nextSteps.join(' ')).toMatch(/re-reads the projected token/);
  });

  it('IDPCommunicationError: nothing wrong in the report, retry advised', () => {
    const out = explainStsError(
      "IDPCommunicationError: Couldn't retrieve verification key from your identity provider",
      report(),
    );
    expect(out.error.kind).toBe('idp-communication');
    expect(out.causes).toEqual([]);
    expect(out.nextSteps.join(' ')).toMatch(/verdict verified/);
    expect(out.nextSteps.join(' ')).toMatch(/Retry with backoff/);
  });

  it('PackedPolicyTooLarge on a Pod Identity binding points at the association', () => {
    const pidArn = `arn:aws:iam::${ACCOUNT}:role/reports-pid`;
    const out = explainStsError(
      'PackedPolicyTooLarge: Packed policy consumes 112% of allotted space',
      podIdentityReport(podIdentityTrust(), pidArn),
    );
    expect(out.error.kind).toBe('packed-policy-too-large');
    expect(out.roleArn).toBe(pidArn);
    expect(out.nextSteps.join(' ')).toMatch(/association's session policy/);
  });

  it('AccessDenied on sts:TagSession for Pod Identity: the trust lacks TagSession', () => {
    const pidArn = `arn:aws:iam::${ACCOUNT}:role/reports-pid`;
    const trust = podIdentityTrust();
    trust.Statement[0].Action = ['sts:AssumeRole'];
    const out = explainStsError(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/x is not authorized to perform: sts:TagSession on resource: ${pidArn}`,
      podIdentityReport(trust, pidArn),
    );
    expect(out.error.kind).toBe('pod-identity-denied');
    expect(
      out.causes.some(c =>
        /^sts:TagSession: statement 0 does not apply/.test(c.text),
      ),
    ).toBe(true);
  });

  it('Could not load credentials: pods not injected by the webhook', () => {
    const out = explainStsError(
      'CredentialsProviderError: Could not load credentials from any providers',
      report({
        pods: pods({
          irsaEnvCount: 0,
          irsaVolumeCount: 0,
          roleArnsInEnv: [],
          createdBeforeAnnotationCount: 2,
        }),
      }),
    );
    expect(out.error.kind).toBe('no-credentials');
    expect(out.causes[0].text).toMatch(
      /^2 of 2 running pods were not injected for irsa/,
    );
    expect(out.causes.map(c => c.findingId)).toContain('IRSA-B04');
    expect(out.nextSteps.join(' ')).toMatch(/rollout restart/);
  });

  it('Unable to locate credentials with no binding: says the service account is not bound', () => {
    const out = explainStsError(
      'botocore.exceptions.NoCredentialsError: Unable to locate credentials',
      report({
        serviceAccount: serviceAccount(),
        roles: [],
        pods: pods({ irsaEnvCount: 0, irsaVolumeCount: 0, roleArnsInEnv: [] }),
      }),
    );
    expect(out.error.kind).toBe('no-credentials');
    expect(out.causes[0].text).toMatch(
      /no IRSA annotation and no Pod Identity association/,
    );
  });

  it('unrecognised text says so', () => {
    const out = explainStsError('Segmentation fault (core dumped)', report());
    expect(out.error.kind).toBe('unrecognised');
    expect(out.meaning).toMatch(
      /does not contain an STS or AWS SDK credential error/,
    );
    expect(out.causes).toEqual([]);
  });
});

describe('explainStsError with the runtime checks', () => {
  it('AccessDenied for an IAM user: names the Secret whose keys shadow the role', () => {
    // The shape of an IAM authorization error (IAM User Guide, "Troubleshoot access denied").
    const out = explainStsError(
      `An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:iam::${ACCOUNT}:user/ci-bot is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::reports/x"`,
      report({
        pods: pods({
          staticKeysCount: 2,
          credentialSources: [
            { variable: 'AWS_ACCESS_KEY_ID', via: 'env-from-secret', source: 'legacy-creds', podCount: 2 },
          ],
        }),
      }),
    );
    expect(out.error.kind).toBe('denied-as-user');
    const run04 = out.causes.find(c => c.findingId === 'RUN-04');
    expect(run04?.text).toContain('Secret legacy-creds (envFrom)');
    expect(out.causes.map(c => c.findingId)).toContain('IRSA-B05');
  });

  it('Could not load credentials from a Pod Identity pod on Fargate: RUN-03', () => {
    const pidArn = `arn:aws:iam::${ACCOUNT}:role/pid`;
    const out = explainStsError(
      'CredentialsProviderError: Could not load credentials from any providers',
      report({
        serviceAccount: serviceAccount(),
        roles: [role(podIdentityTrust(), pidArn)],
        podIdentityAssociations: [
          { cluster: 'east', namespace: 'reports', serviceAccount: 'reports', roleArn: pidArn },
        ],
        pods: pods({ irsaEnvCount: 0, irsaVolumeCount: 0, roleArnsInEnv: [], fargatePodCount: 2 }),
      }),
    );
    expect(out.causes.map(c => c.findingId)).toContain('RUN-03');
  });

  it('Incorrect token audience: the projected token of the pods names another audience (RUN-05)', () => {
    const out = explainStsError(
      'InvalidIdentityToken: Incorrect token audience',
      report({
        pods: pods({
          serviceAccountTokens: [{ volume: 'aws-iam-token', audience: 'vault', expirationSeconds: 3600, podCount: 2 }],
        }),
      }),
    );
    expect(out.causes.map(c => c.findingId)).toContain('RUN-05');
  });
});
