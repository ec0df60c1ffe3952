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
import { Cluster, PodAggregate, Role, ServiceAccount } from '../domain/types';
import {
  SEED_003_PERMISSIONS,
  SEED_003_TRUST,
  SEED_003_ISSUER,
} from '../__fixtures__/seeds';
import { buildIdentityReport } from './buildIdentityReport';
import { IdentityReportInput } from './types';

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
const ROLE: Role = {
  arn: ROLE_ARN,
  name: 'sdc',
  accountId: ACCOUNT,
  trustPolicy: SEED_003_TRUST,
  permissionPolicies: [
    {
      name: 'sdc-s3-ingest-policy',
      kind: 'managed',
      document: SEED_003_PERMISSIONS,
    },
  ],
};
const PROVIDER = {
  arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${SEED_003_ISSUER}`,
  accountId: ACCOUNT,
  issuerHostPath: SEED_003_ISSUER,
  clientIds: ['sts.amazonaws.com'],
};
const PODS: PodAggregate = {
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
const withAud = {
  ...SEED_003_TRUST,
  Statement: [
    {
      ...SEED_003_TRUST.Statement[0],
      Condition: {
        StringEquals: {
          ...SEED_003_TRUST.Statement[0].Condition.StringEquals,
          [`${SEED_003_ISSUER}:aud`]: 'sts.amazonaws.com',
        },
      },
    },
  ],
};

const input = (
  over: Partial<IdentityReportInput> = {},
): IdentityReportInput => ({
  cluster: CLUSTER,
  serviceAccount: SA,
  pods: PODS,
  roles: [{ ...ROLE, trustPolicy: withAud }],
  completeAccounts: [ACCOUNT],
  oidcProviders: [PROVIDER],
  podIdentityAssociations: [],
  ...over,
});

describe('buildIdentityReport', () => {
  it('verifies a correct IRSA binding (seed 003 with aud)', () => {
    const report = buildIdentityReport(input());
    expect(report.binding).toEqual({
      kind: 'irsa',
      irsaRoleArn: ROLE_ARN,
      podIdentityRoleArns: [],
      effective: 'irsa',
    });
    expect(report.effectiveIdentity).toMatchObject({
      source: 'irsa',
      roleArn: ROLE_ARN,
      basis: 'observed-pods',
    });
    expect(report.roles[0].trust?.allowed).toBe(true);
    expect(report.roles[0].trust?.deciding.map(d => d.index)).toEqual([0]);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('verified');
    expect(report.roles[0].permissions?.services.map(s => s.service)).toEqual([
      's3',
    ]);
  });

  it('seed 003 as published has no aud condition: verified with low IRSA-T04 (STS enforces the only client ID)', () => {
    const report = buildIdentityReport(input({ roles: [ROLE] }));
    expect(report.findings.map(f => [f.id, f.severity])).toEqual([
      ['IRSA-T04', 'low'],
    ]);
    expect(report.verdict).toBe('verified');
  });

  it('no aud condition while the provider accepts another audience: risky (IRSA-T04 medium, fails open)', () => {
    const report = buildIdentityReport(
      input({
        roles: [ROLE],
        oidcProviders: [
          { ...PROVIDER, clientIds: ['sts.amazonaws.com', 'vault'] },
        ],
      }),
    );
    expect(report.findings.map(f => [f.id, f.severity, f.failMode])).toEqual([
      ['IRSA-T04', 'medium', 'open'],
    ]);
    expect(report.verdict).toBe('risky');
  });

  it('unknown, not not-configured, when the cluster associations could not be read', () => {
    const report = buildIdentityReport(
      input({
        serviceAccount: { ...SA, annotations: {} },
        pods: {
          ...PODS,
          irsaEnvCount: 0,
          irsaVolumeCount: 0,
          roleArnsInEnv: [],
        },
        podIdentityAssociationsKnown: false,
      }),
    );
    expect(report.verdict).toBe('unknown');
    expect(report.verdictReasons.join(' ')).toMatch(/could not be read/);
  });

  it('not-configured without a binding', () => {
    const report = buildIdentityReport(
      input({
        serviceAccount: { ...SA, annotations: {} },
        pods: {
          ...PODS,
          irsaEnvCount: 0,
          irsaVolumeCount: 0,
          roleArnsInEnv: [],
        },
      }),
    );
    expect(report.binding.kind).toBe('none');
    expect(report.verdict).toBe('not-configured');
    expect(report.effectiveIdentity.source).toBe('node-role');
  });

  it('broken when the trust does not admit the service account', () => {
    const report = buildIdentityReport(
      input({ serviceAccount: { ...SA, name: 'other' } }),
    );
    expect(report.verdict).toBe('broken');
    expect(report.findings.map(f => f.id)).toContain('IRSA-B02');
    expect(report.verdictReasons.join(' ')).toContain('does not admit');
  });

  it('broken when the role does not exist in a completely read account', () => {
    const report = buildIdentityReport(input({ roles: [] }));
    expect(report.roles[0].exists).toBe(false);
    expect(report.verdict).toBe('broken');
  });

  it('does not call a role missing when its account was not read completely', () => {
    const report = buildIdentityReport(
      input({ roles: [], completeAccounts: [] }),
    );
    expect(report.roles[0].exists).toBeUndefined();
    expect(report.findings.map(f => f.id)).not.toContain('IRSA-B02');
    // …nor verified: nothing about the role could be confirmed.
    expect(report.verdict).toBe('unknown');
    expect(report.verdictReasons.join(' ')).toMatch(/was not read completely/);
  });

  it('broken when pods predate the annotation (they fall back to the node role)', () => {
    const report = buildIdentityReport(
      input({
        pods: {
          ...PODS,
          irsaEnvCount: 1,
          irsaVolumeCount: 1,
          createdBeforeAnnotationCount: 2,
          roleArnsInEnv: [{ roleArn: ROLE_ARN, podCount: 1 }],
        },
      }),
    );
    expect(report.effectiveIdentity).toMatchObject({
      source: 'mixed',
      pods: { irsa: 1, nodeRole: 2 },
    });
    expect(report.findings.map(f => f.id)).toContain('IRSA-B04');
    expect(report.verdict).toBe('broken');
  });

  it('broken when the OIDC provider is missing from the role account', () => {
    const report = buildIdentityReport(input({ oidcProviders: [] }));
    expect(report.findings.map(f => f.id)).toContain('IRSA-T06');
    expect(report.verdict).toBe('broken');
  });

  it('risky when static keys override the role', () => {
    const report = buildIdentityReport(
      input({ pods: { ...PODS, staticKeysCount: 3 } }),
    );
    expect(report.effectiveIdentity.source).toBe('static-keys');
    expect(report.verdict).toBe('risky');
  });

  it('risky when the trust admits the whole namespace', () => {
    const wide = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER.arn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringLike: {
              [`${SEED_003_ISSUER}:sub`]: 'system:serviceaccount:ns1:*',
            },
            StringEquals: { [`${SEED_003_ISSUER}:aud`]: 'sts.amazonaws.com' },
          },
        },
      ],
    };
    const report = buildIdentityReport(
      input({ roles: [{ ...ROLE, trustPolicy: wide }] }),
    );
    expect(report.findings.map(f => f.id)).toContain('IRSA-T02c');
    expect(report.verdict).toBe('risky');
  });

  it('both bindings: Pod Identity wins, IRSA-B12 reported', () => {
    const pidRoleArn = `arn:aws:iam::${ACCOUNT}:role/sdc-pid`;
    const pidRole: Role = {
      arn: pidRoleArn,
      name: 'sdc-pid',
      accountId: ACCOUNT,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'pods.eks.amazonaws.com' },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
        ],
      },
    };
    const report = buildIdentityReport(
      input({
        roles: [{ ...ROLE, trustPolicy: withAud }, pidRole],
        podIdentityAssociations: [
          {
            cluster: 'prod',
            namespace: 'ns1',
            serviceAccount: 'sdc',
            roleArn: pidRoleArn,
          },
          {
            cluster: 'prod',
            namespace: 'other',
            serviceAccount: 'x',
            roleArn: 'ignored',
          },
        ],
        pods: {
          ...PODS,
          irsaEnvCount: 0,
          irsaVolumeCount: 0,
          podIdentityEnvCount: 3,
          roleArnsInEnv: [],
        },
      }),
    );
    expect(report.binding.kind).toBe('both');
    // EKS user guide: with both configured, the Pod Identity credentials are the ones pods use.
    expect(report.binding.effective).toBe('pod-identity');
    expect(report.binding.podIdentityRoleArns).toEqual([pidRoleArn]);
    expect(report.effectiveIdentity).toMatchObject({
      source: 'pod-identity',
      roleArn: pidRoleArn,
    });
    expect(
      report.roles.find(r => r.via === 'pod-identity')?.trust?.allowed,
    ).toBe(true);
    expect(report.findings.map(f => f.id)).toContain('IRSA-B12');
    // IRSA-B12 is medium and fails closed: the pods work, with the association's role.
    expect(report.verdict).toBe('verified');
  });

  it('Pod Identity pods with hostNetwork: the effective identity says they do not reach the agent the usual way (RUN-02), not just "use EKS Pod Identity"', () => {
    const pidRoleArn = `arn:aws:iam::${ACCOUNT}:role/node-metrics`;
    const report = buildIdentityReport(
      input({
        serviceAccount: { ...SA, annotations: {} },
        roles: [
          {
            ...ROLE,
            arn: pidRoleArn,
            name: 'node-metrics',
            trustPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'pods.eks.amazonaws.com' },
                  Action: ['sts:AssumeRole', 'sts:TagSession'],
                },
              ],
            },
          },
        ],
        podIdentityAssociations: [
          {
            cluster: 'prod',
            namespace: 'ns1',
            serviceAccount: 'sdc',
            roleArn: pidRoleArn,
          },
        ],
        pods: {
          ...PODS,
          irsaEnvCount: 0,
          irsaVolumeCount: 0,
          podIdentityEnvCount: 3,
          hostNetworkPodCount: 3,
          roleArnsInEnv: [],
        },
      }),
    );
    expect(report.findings.map(f => f.id)).toContain('RUN-02');
    expect(report.effectiveIdentity.explanation).toContain(
      '3 use EKS Pod Identity, but 3 of the pods run with hostNetwork: true and do not reach the Pod Identity Agent the usual way (RUN-02)',
    );
  });

  it('never throws on a garbage trust policy; reports it', () => {
    const report = buildIdentityReport(
      input({ roles: [{ ...ROLE, trustPolicy: '{nope' }] }),
    );
    expect(report.roles[0].trustError).toMatch(/not valid JSON/);
    expect(report.verdict).toBe('broken');
  });

  it('orders findings by severity', () => {
    const report = buildIdentityReport(
      input({
        serviceAccount: {
          ...SA,
          annotations: {
            ...SA.annotations,
            'eks.amazonaws.com/token-expiration': 'abc',
          },
        },
        pods: { ...PODS, staticKeysCount: 1 },
      }),
    );
    const severities = report.findings.map(f => f.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) =>
          ['critical', 'high', 'medium', 'low', 'info'].indexOf(a) -
          ['critical', 'high', 'medium', 'low', 'info'].indexOf(b),
      ),
    );
  });
});
