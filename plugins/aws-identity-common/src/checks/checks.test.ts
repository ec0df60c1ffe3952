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
import { Cluster, PodAggregate, ServiceAccount } from '../domain/types';
import { PolicyStatement } from '../policy/types';
import {
  SEED_001_PERMISSIONS,
  SEED_003_PERMISSIONS,
} from '../__fixtures__/seeds';
import { evaluateIrsaTrust } from '../evaluate/workloadRequests';
import { BindingCheckContext, bindingChecks } from './bindingChecks';
import {
  createPermissionCheckContext,
  permissionChecks,
} from './permissionChecks';
import {
  PodIdentityCheckContext,
  podIdentityChecks,
} from './podIdentityChecks';
import {
  checkRegistry,
  checksNotComputableOffline,
  findCheck,
} from './registry';
import { createTrustCheckContext, trustChecks } from './trustChecks';
import { Check, runChecks } from './types';

import {
  ACCOUNT,
  ISSUER,
  OTHER_ISSUER as OTHER,
  PROVIDER,
  ROLE,
  exampleTrustContext,
  oidcProvider as provider,
  parseStatements,
  podIdentityStatement as pidTrust,
  webIdentityStatement as wi,
} from '../__fixtures__/exampleCluster';

const parse = parseStatements;
const GOOD = wi({
  StringEquals: {
    [`${ISSUER}:sub`]: 'system:serviceaccount:app:api',
    [`${ISSUER}:aud`]: 'sts.amazonaws.com',
  },
});

function ids<C>(checks: ReadonlyArray<Check<C>>, context: C): string[] {
  return runChecks(checks, context, { kind: 'role', ref: 'x' }).map(f => f.id);
}
const trustIds = (
  statements: PolicyStatement[],
  extra: Partial<Parameters<typeof createTrustCheckContext>[0]> = {},
) => ids(trustChecks, exampleTrustContext(statements, { namespace: 'app', serviceAccount: 'api' }, extra));

describe('trust checks', () => {
  it('a well-formed IRSA trust has no findings', () => {
    expect(trustIds([GOOD])).toEqual([]);
  });

  it.each([
    [
      'IRSA-T01',
      [wi({ StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } })],
    ],
    [
      'IRSA-T02a',
      [wi({ StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:*' } })],
    ],
    [
      'IRSA-T02a',
      [
        wi({
          StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:*:api' },
        }),
      ],
    ],
    [
      'IRSA-T02b',
      [
        wi({
          StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:team-*:api' },
        }),
      ],
    ],
    [
      'IRSA-T02c',
      [
        wi({
          StringLike: {
            [`${ISSUER}:sub`]: 'system:serviceaccount:app:*',
            [`${ISSUER}:aud`]: 'sts.amazonaws.com',
          },
        }),
      ],
    ],
    [
      'IRSA-T03',
      [
        wi({
          StringEquals: {
            [`${ISSUER}:sub`]: 'system:serviceaccount:app:*',
            [`${ISSUER}:aud`]: 'sts.amazonaws.com',
          },
        }),
      ],
    ],
    [
      'IRSA-T04',
      [
        wi({
          StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:app:api' },
        }),
      ],
    ],
    [
      'IRSA-T05',
      [
        wi({
          StringEquals: { [`${OTHER}:sub`]: 'system:serviceaccount:app:api' },
        }),
      ],
    ],
    [
      'IRSA-T06',
      [
        {
          ...GOOD,
          Principal: {
            Federated: `arn:aws:iam::999988887777:oidc-provider/${ISSUER}`,
          },
        },
      ],
    ],
    [
      'IRSA-T07',
      [
        wi({
          StringNotEquals: {
            [`${ISSUER}:sub`]: 'system:serviceaccount:kube-system:x',
          },
        }),
      ],
    ],
    [
      'IRSA-T08',
      [
        {
          ...GOOD,
          Principal: {
            Federated: [
              PROVIDER,
              `arn:aws:iam::${ACCOUNT}:oidc-provider/${OTHER}`,
            ],
          },
        },
      ],
    ],
    [
      'IRSA-T09',
      [
        GOOD,
        {
          ...GOOD,
          Principal: {
            Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OTHER}`,
          },
          Condition: {
            StringEquals: {
              [`${OTHER}:sub`]: 'system:serviceaccount:app:api',
              [`${OTHER}:aud`]: 'sts.amazonaws.com',
            },
          },
        },
      ],
    ],
    [
      'IRSA-T10',
      [
        GOOD,
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      ],
    ],
    [
      'IRSA-T11',
      [
        GOOD,
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:root' },
          Action: 'sts:AssumeRole',
        },
      ],
    ],
    [
      'IRSA-T12',
      [
        GOOD,
        {
          Effect: 'Allow',
          Principal: { Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    ],
    [
      'IRSA-T13',
      [
        {
          ...GOOD,
          Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole'],
        },
      ],
    ],
  ] as Array<[string, PolicyStatement[]]>)('%s fires', (id, statements) => {
    expect(
      trustIds(statements, {
        oidcProviders: [provider(), provider(OTHER)],
        knownIssuers: [ISSUER, OTHER],
      }),
    ).toContain(id);
  });

  it.each([
    ['IRSA-T01', [GOOD]],
    [
      'IRSA-T02a',
      [
        wi({
          StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:app:api-*' },
        }),
      ],
    ],
    [
      'IRSA-T02b',
      [
        wi({
          StringEquals: {
            [`${ISSUER}:sub`]: [
              'system:serviceaccount:team-a:api',
              'system:serviceaccount:team-b:api',
            ],
          },
        }),
      ],
    ],
    ['IRSA-T02c', [GOOD]],
    [
      'IRSA-T03',
      [
        wi({
          StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:app:api-?' },
        }),
      ],
    ],
    ['IRSA-T04', [GOOD]],
    ['IRSA-T05', [GOOD]],
    ['IRSA-T06', [GOOD]],
    ['IRSA-T07', [GOOD]],
    ['IRSA-T08', [GOOD]],
    ['IRSA-T09', [GOOD]],
    [
      'IRSA-T10',
      [
        GOOD,
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
        },
      ],
    ],
    [
      'IRSA-T11',
      [
        GOOD,
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'x' } },
        },
      ],
    ],
    [
      'IRSA-T12',
      [
        GOOD,
        {
          Effect: 'Allow',
          Principal: { Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
        },
      ],
    ],
    [
      'IRSA-T13',
      [
        {
          ...GOOD,
          Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
        },
      ],
    ],
  ] as Array<[string, PolicyStatement[]]>)(
    '%s stays quiet',
    (id, statements) => {
      expect(trustIds(statements)).not.toContain(id);
    },
  );

  it("IRSA-T05 fires when the role trusts another cluster than the service account's", () => {
    const other = {
      ...GOOD,
      Principal: {
        Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OTHER}`,
      },
      Condition: {
        StringEquals: {
          [`${OTHER}:sub`]: 'system:serviceaccount:app:api',
          [`${OTHER}:aud`]: 'sts.amazonaws.com',
        },
      },
    };
    expect(trustIds([other], { oidcProviders: [provider(OTHER)] })).toContain(
      'IRSA-T05',
    );
  });

  it('IRSA-T06 fires when the provider is missing from the account', () => {
    expect(trustIds([GOOD], { oidcProviders: [] })).toContain('IRSA-T06');
  });

  it('IRSA-T09 is high for an issuer no known cluster has', () => {
    const other = {
      ...GOOD,
      Principal: {
        Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OTHER}`,
      },
    };
    const findings = runChecks(
      trustChecks,
      createTrustCheckContext({
        roleArn: ROLE,
        roleAccountId: ACCOUNT,
        policy: parse([GOOD, other]),
        knownIssuers: [ISSUER],
      }),
      { kind: 'role', ref: ROLE },
    );
    expect(findings.find(f => f.id === 'IRSA-T09')?.severity).toBe('high');
  });

  it('IRSA-T14 fires at 80 % of the quota and not below', () => {
    expect(trustIds([GOOD], { trustPolicyQuota: 300 })).toContain('IRSA-T14');
    expect(trustIds([GOOD], { trustPolicyQuota: 4096 })).not.toContain(
      'IRSA-T14',
    );
  });

  it('IRSA-T15 fires for a trusted service account that does not exist', () => {
    expect(
      trustIds([GOOD], { knownServiceAccounts: { [ISSUER]: ['app/other'] } }),
    ).toContain('IRSA-T15');
    expect(
      trustIds([GOOD], { knownServiceAccounts: { [ISSUER]: ['app/api'] } }),
    ).not.toContain('IRSA-T15');
  });

  it('judges wildcard trust by evaluation: a Deny that narrows a wildcard quiets T02a', () => {
    const statements: PolicyStatement[] = [
      wi({ StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:*' } }),
      {
        Effect: 'Deny',
        Principal: '*',
        Action: '*',
        Condition: {
          StringNotEquals: {
            [`${ISSUER}:sub`]: 'system:serviceaccount:app:api',
          },
        },
      },
    ];
    const found = trustIds(statements);
    expect(found).not.toContain('IRSA-T02a');
    expect(found).not.toContain('IRSA-T01');
  });
});

const CLUSTER: Cluster = {
  name: 'prod',
  accountId: ACCOUNT,
  issuer: `https://${ISSUER}`,
  arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`,
};
const SA: ServiceAccount = {
  cluster: 'prod',
  namespace: 'app',
  name: 'api',
  annotations: { 'eks.amazonaws.com/role-arn': ROLE },
};
const PODS: PodAggregate = {
  podCount: 2,
  irsaEnvCount: 2,
  irsaVolumeCount: 2,
  podIdentityEnvCount: 0,
  createdBeforeAnnotationCount: 0,
  staticKeysCount: 0,
  skipWebhookLabelCount: 0,
  nonRootWithoutFsGroupCount: 0,
  roleArnsInEnv: [{ roleArn: ROLE, podCount: 2 }],
  workloads: ['Deployment/api'],
};
const bindingContext = (
  over: Partial<BindingCheckContext> = {},
): BindingCheckContext => ({
  cluster: CLUSTER,
  serviceAccount: SA,
  pods: PODS,
  annotatedRoleArn: ROLE,
  annotatedRoleExists: true,
  irsaTrust: evaluateIrsaTrust(parse([GOOD]), {
    issuerHostPath: ISSUER,
    accountId: ACCOUNT,
    namespace: 'app',
    serviceAccount: 'api',
  }),
  associations: [],
  oidcProviders: [provider()],
  ...over,
});
const bindingIds = (over: Partial<BindingCheckContext> = {}) =>
  ids(bindingChecks, bindingContext(over));

describe('binding checks', () => {
  it('a healthy binding has no findings', () => {
    expect(bindingIds()).toEqual([]);
  });

  it.each([
    ['IRSA-B01', { annotatedRoleArn: 'arn:aws:iam::123:role/x' }],
    ['IRSA-B02', { annotatedRoleExists: false }],
    [
      'IRSA-B02',
      {
        irsaTrust: evaluateIrsaTrust(parse([GOOD]), {
          issuerHostPath: ISSUER,
          accountId: ACCOUNT,
          namespace: 'app',
          serviceAccount: 'other',
        }),
      },
    ],
    [
      'IRSA-B03',
      { rolesTrustingServiceAccount: [`arn:aws:iam::${ACCOUNT}:role/legacy`] },
    ],
    [
      'IRSA-B04',
      { pods: { ...PODS, irsaEnvCount: 1, createdBeforeAnnotationCount: 1 } },
    ],
    [
      'IRSA-B04',
      {
        pods: {
          ...PODS,
          roleArnsInEnv: [
            { roleArn: `arn:aws:iam::${ACCOUNT}:role/old`, podCount: 2 },
          ],
        },
      },
    ],
    ['IRSA-B05', { pods: { ...PODS, staticKeysCount: 1 } }],
    ['IRSA-B06', { serviceAccount: { ...SA, name: 'default' } }],
    [
      'IRSA-B07',
      { pods: { ...PODS, workloads: ['Deployment/api', 'CronJob/report'] } },
    ],
    ['IRSA-B07', { otherServiceAccountsOfRole: ['prod/other/worker'] }],
    [
      'IRSA-B08',
      {
        serviceAccount: {
          ...SA,
          annotations: {
            ...SA.annotations,
            'eks.amazonaws.com/token-expiration': '300',
          },
        },
      },
    ],
    ['IRSA-B08', { pods: { ...PODS, tokenExpirationAnnotations: ['abc'] } }],
    [
      'IRSA-B09',
      {
        serviceAccount: {
          ...SA,
          annotations: {
            ...SA.annotations,
            'eks.amazonaws.com/audience': 'vault',
          },
        },
      },
    ],
    [
      'IRSA-B11',
      {
        cluster: { ...CLUSTER, kubernetesVersion: '1.18' },
        pods: { ...PODS, nonRootWithoutFsGroupCount: 1 },
      },
    ],
    [
      'IRSA-B12',
      {
        associations: [
          {
            cluster: 'prod',
            namespace: 'app',
            serviceAccount: 'api',
            roleArn: ROLE,
          },
        ],
      },
    ],
  ] as Array<[string, Partial<BindingCheckContext>]>)(
    '%s fires',
    (id, over) => {
      expect(bindingIds(over)).toContain(id);
    },
  );

  it.each([
    ['IRSA-B01', { annotatedRoleArn: `arn:aws:iam::${ACCOUNT}:role/path/x@y` }],
    ['IRSA-B02', { annotatedRoleExists: undefined, irsaTrust: undefined }],
    ['IRSA-B03', { rolesTrustingServiceAccount: [ROLE] }],
    [
      'IRSA-B04',
      {
        pods: {
          ...PODS,
          podCount: 0,
          irsaEnvCount: 0,
          irsaVolumeCount: 0,
          roleArnsInEnv: [],
        },
      },
    ],
    ['IRSA-B05', {}],
    [
      'IRSA-B06',
      {
        serviceAccount: { ...SA, name: 'default', annotations: {} },
        annotatedRoleArn: undefined,
      },
    ],
    ['IRSA-B07', {}],
    [
      'IRSA-B08',
      {
        serviceAccount: {
          ...SA,
          annotations: {
            ...SA.annotations,
            'eks.amazonaws.com/token-expiration': '3600',
          },
        },
      },
    ],
    [
      'IRSA-B09',
      {
        serviceAccount: {
          ...SA,
          annotations: {
            ...SA.annotations,
            'eks.amazonaws.com/audience': 'sts.amazonaws.com',
          },
        },
      },
    ],
    [
      'IRSA-B11',
      {
        cluster: { ...CLUSTER, kubernetesVersion: '1.30' },
        pods: { ...PODS, nonRootWithoutFsGroupCount: 1 },
      },
    ],
    ['IRSA-B12', {}],
  ] as Array<[string, Partial<BindingCheckContext>]>)(
    '%s stays quiet',
    (id, over) => {
      expect(bindingIds(over)).not.toContain(id);
    },
  );
});

const permissionIds = (
  document: unknown,
  over: Partial<Parameters<typeof createPermissionCheckContext>[0]> = {},
) =>
  ids(
    permissionChecks,
    createPermissionCheckContext({
      subjectRef: ROLE,
      policies: [{ name: 'p', kind: 'inline', document }],
      ...over,
    }),
  );
const allow = (
  Action: string | string[],
  Resource: string | string[] = '*',
  extra: Partial<PolicyStatement> = {},
) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource, ...extra }],
});

describe('permission checks', () => {
  it('the seed S3 policy is clean', () => {
    expect(permissionIds(SEED_003_PERMISSIONS)).toEqual([]);
  });

  it('the seed Secrets Manager policy is clean (ListSecrets needs "*")', () => {
    expect(permissionIds(SEED_001_PERMISSIONS)).toEqual([]);
  });

  it.each([
    ['IRSA-P01', allow('*')],
    ['IRSA-P02', allow('s3:*', 'arn:aws:s3:::b/*')],
    ['IRSA-P03', allow('sqs:SendMessage')],
    ['IRSA-P04', allow('iam:PassRole')],
    [
      'IRSA-P04',
      allow('iam:PutRolePolicy', 'arn:aws:iam::111122223333:role/x'),
    ],
    ['IRSA-P05', allow('s3:PutBucketPolicy')],
    ['IRSA-P06', allow('ecr:GetAuthorizationToken')],
    ['IRSA-P07', allow('secretsmanager:GetSecretValue')],
    ['IRSA-P08', allow('dynamodb:PutItem')],
    [
      'IRSA-P09',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
      },
    ],
    ['IRSA-P10', allow('s3:GetObjekt', 'arn:aws:s3:::b/*')],
    ['IRSA-P10', allow('s3:GetObject', 'bucket/*')],
    [
      'IRSA-P10',
      {
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::b/*',
          },
        ],
      },
    ],
    ['IRSA-P10', '{ not json'],
  ] as Array<[string, unknown]>)('%s fires', (id, document) => {
    expect(permissionIds(document)).toContain(id);
  });

  it.each([
    ['IRSA-P01', allow('s3:GetObject', 'arn:aws:s3:::b/*')],
    ['IRSA-P02', allow('s3:Get*', 'arn:aws:s3:::b/*')],
    ['IRSA-P03', allow('sts:GetCallerIdentity')],
    ['IRSA-P03', allow('ec2:DescribeInstances', '*', { Condition: {} })],
    [
      'IRSA-P04',
      allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-task'),
    ],
    ['IRSA-P05', allow('s3:PutBucketPolicy', 'arn:aws:s3:::b')],
    ['IRSA-P06', allow('sts:GetCallerIdentity')],
    [
      'IRSA-P07',
      allow(
        'secretsmanager:GetSecretValue',
        'arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/*',
      ),
    ],
    [
      'IRSA-P08',
      allow('dynamodb:PutItem', '*', {
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'a' } },
      }),
    ],
    ['IRSA-P09', allow('s3:GetObject', 'arn:aws:s3:::b/*')],
    ['IRSA-P10', allow('s3:GetObject', 'arn:aws:s3:::b/*')],
    // IAM User Guide, policy variables: a variable in the resource part of an ARN is valid (2012-10-17).
    [
      'IRSA-P10',
      allow(
        's3:GetObject',
        'arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*',
      ),
    ],
  ] as Array<[string, unknown]>)('%s stays quiet', (id, document) => {
    expect(permissionIds(document)).not.toContain(id);
  });

  it('IRSA-P11 fires for an oversized managed policy and not for a small one', () => {
    const big = allow(
      Array.from({ length: 500 }, (_, i) => `s3:GetObject${i}`),
      'arn:aws:s3:::b/*',
    );
    const run = (document: unknown) =>
      ids(
        permissionChecks,
        createPermissionCheckContext({
          subjectRef: ROLE,
          policies: [{ name: 'm', kind: 'managed', document }],
        }),
      );
    expect(run(big)).toContain('IRSA-P11');
    expect(run(allow('s3:GetObject', 'arn:aws:s3:::b/*'))).not.toContain(
      'IRSA-P11',
    );
  });

  it('IRSA-P13 fires without the required boundary and not with it', () => {
    const boundary = 'arn:aws:iam::111122223333:policy/workload-boundary';
    expect(
      permissionIds(allow('s3:GetObject', 'arn:aws:s3:::b/*'), {
        requiredPermissionsBoundaryArn: boundary,
      }),
    ).toContain('IRSA-P13');
    expect(
      permissionIds(allow('s3:GetObject', 'arn:aws:s3:::b/*'), {
        requiredPermissionsBoundaryArn: boundary,
        permissionsBoundaryArn: boundary,
      }),
    ).not.toContain('IRSA-P13');
  });

  it('IRSA-P14 fires for a resource in another account and not for its own', () => {
    const scope = { allowedResourceScope: { accountIds: [ACCOUNT] } };
    expect(
      permissionIds(
        allow('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:999988887777:q'),
        scope,
      ),
    ).toContain('IRSA-P14');
    expect(
      permissionIds(
        allow('sqs:SendMessage', `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`),
        scope,
      ),
    ).not.toContain('IRSA-P14');
  });

  it('iam:* is critical', () => {
    const findings = runChecks(
      permissionChecks,
      createPermissionCheckContext({
        subjectRef: ROLE,
        policies: [{ name: 'p', kind: 'inline', document: allow('iam:*') }],
      }),
      { kind: 'role', ref: ROLE },
    );
    expect(findings.find(f => f.id === 'IRSA-P02')?.severity).toBe('critical');
  });
});

const pidIds = (over: Partial<PodIdentityCheckContext>) =>
  ids(podIdentityChecks, {
    roleArn: ROLE,
    trustPolicy: parse([pidTrust()]),
    permissionPolicies: [],
    associations: [],
    clusters: [CLUSTER],
    ...over,
  });
const abac = (keys: string[]) =>
  createPermissionCheckContext({
    subjectRef: ROLE,
    policies: [
      {
        name: 'abac',
        kind: 'inline',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::b/*',
              Condition: {
                StringEquals: Object.fromEntries(keys.map(k => [k, 'x'])),
              },
            },
          ],
        },
      },
    ],
  }).policies;

describe('pod identity checks', () => {
  it.each([
    [
      'PID-01',
      { trustPolicy: parse([pidTrust({ Action: 'sts:AssumeRole' })]) },
    ],
    ['PID-01', { trustPolicy: parse([pidTrust({ Condition: undefined })]) }],
    [
      'PID-02',
      { permissionPolicies: abac(['aws:PrincipalTag/kubernetes-namespace']) },
    ],
    [
      'PID-04',
      {
        roleArn: 'arn:aws:iam::999988887777:role/app',
        associations: [
          {
            cluster: 'prod',
            namespace: 'app',
            serviceAccount: 'api',
            roleArn: 'arn:aws:iam::999988887777:role/app',
          },
        ],
      },
    ],
  ] as Array<[string, Partial<PodIdentityCheckContext>]>)(
    '%s fires',
    (id, over) => {
      expect(pidIds(over)).toContain(id);
    },
  );

  it.each([
    ['PID-01', {}],
    [
      'PID-02',
      {
        permissionPolicies: abac([
          'aws:PrincipalTag/kubernetes-namespace',
          'aws:PrincipalTag/eks-cluster-arn',
        ]),
      },
    ],
    [
      'PID-04',
      {
        associations: [
          {
            cluster: 'prod',
            namespace: 'app',
            serviceAccount: 'api',
            roleArn: ROLE,
          },
        ],
      },
    ],
  ] as Array<[string, Partial<PodIdentityCheckContext>]>)(
    '%s stays quiet',
    (id, over) => {
      expect(pidIds(over)).not.toContain(id);
    },
  );
});

describe('registry', () => {
  it('lists every implemented check once, with complete metadata', () => {
    const seen = new Set<string>();
    for (const check of checkRegistry) {
      expect(seen.has(check.id)).toBe(false);
      seen.add(check.id);
      for (const field of [check.title, check.explanation, check.fix])
        expect(field.length).toBeGreaterThan(10);
      expect(['open', 'closed']).toContain(check.failMode);
    }
    expect(seen.size).toBe(62);
    expect(findCheck('irsa-t01')?.severity).toBe('critical');
  });

  it('does not list a check as both implemented and not computable', () => {
    for (const { id } of checksNotComputableOffline)
      expect(findCheck(id)).toBeUndefined();
  });

  it('turns a crashing check into a finding instead of hiding others', () => {
    const crashing = {
      ...trustChecks[0],
      run: () => {
        throw new Error('bug');
      },
    };
    const findings = runChecks([crashing], undefined as never, {
      kind: 'role',
      ref: 'x',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('bug');
  });
});
