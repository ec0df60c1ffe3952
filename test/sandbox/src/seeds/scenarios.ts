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

/**
 * The seed scenarios (`../shared/seeds/000…003`) and the deliberate misconfigurations from
 * security.md §1, as data. `apply.ts` turns them into IAM, Kubernetes and Pod Identity objects;
 * `expectations.json` is generated from the `expectations` fields (see `yarn sandbox expectations`).
 */
import { IRSA_ANNOTATIONS } from '@internal/plugin-aws-identity-common';
import { ACCOUNT_A, ACCOUNT_B, CLUSTER_EAST, CLUSTER_WEST } from '../topology';
import {
  irsaTrust,
  podIdentityTrust,
  s3BucketPolicy,
  subject,
} from './policies';
import { ContainerSeed, RoleSeed, Scenario } from './types';

function roleArn(accountId: string, name: string, path = '/'): string {
  return `arn:aws:iam::${accountId}:role${path}${name}`;
}

const agent: ContainerSeed = {
  name: 'edgedelta-agent',
  image: 'gcr.io/edgedelta/agent:v0.1.105',
};

/** Seed 000 — Edge Delta: one service account for a DaemonSet and two StatefulSets, three ways. */
const edgeDeltaWorkloads = (containers: ContainerSeed[]) => [
  {
    kind: 'DaemonSet' as const,
    name: 'edgedelta',
    serviceAccount: 'edgedelta',
    pods: 2,
    containers,
  },
  {
    kind: 'StatefulSet' as const,
    name: 'edgedelta-compactor',
    serviceAccount: 'edgedelta',
    containers,
  },
  {
    kind: 'StatefulSet' as const,
    name: 'edgedelta-rollup',
    serviceAccount: 'edgedelta',
    containers,
  },
];

const seed000: Scenario[] = [
  {
    id: 'seed-000-static-keys-env',
    title:
      'Edge Delta with static AWS keys in the container env (option 2, kubectl)',
    source: 'seeds/000_f7fb65eca555eb09.txt',
    component: 'edgedelta-env-keys',
    roles: [],
    namespaces: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'edgedelta-env-keys',
        serviceAccounts: [{ name: 'edgedelta' }],
        workloads: edgeDeltaWorkloads([
          {
            ...agent,
            env: [
              // AWS's documented example keys, never valid credentials.
              { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' },
              {
                name: 'AWS_SECRET_ACCESS_KEY',
                value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
              },
            ],
          },
        ]),
      },
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'edgedelta-env-keys',
        serviceAccount: 'edgedelta',
        binding: 'none',
        verdict: 'not-configured',
        findings: ['IRSA-B05'],
        optionalFindings: ['IRSA-B07'],
        rationale:
          'No role binding; long-lived keys hard-coded in env come first in the SDK credential chain.',
      },
    ],
  },
  {
    id: 'seed-000-static-keys-secret',
    title:
      'Edge Delta with AWS keys from a Kubernetes Secret (option 2, helm/secret)',
    source: 'seeds/000_f7fb65eca555eb09.txt',
    component: 'edgedelta-secret-keys',
    roles: [],
    namespaces: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'edgedelta-secret-keys',
        serviceAccounts: [{ name: 'edgedelta' }],
        secrets: [
          {
            name: 'edgedelta-aws',
            stringData: {
              AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
              AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            },
          },
        ],
        workloads: edgeDeltaWorkloads([
          {
            ...agent,
            env: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].map(name => ({
              name,
              valueFrom: { secretKeyRef: { name: 'edgedelta-aws', key: name } },
            })),
          },
        ]),
      },
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'edgedelta-secret-keys',
        serviceAccount: 'edgedelta',
        binding: 'none',
        verdict: 'not-configured',
        findings: ['IRSA-B05'],
        optionalFindings: ['IRSA-B07'],
        rationale:
          'No role binding; static keys come from a Secret into env, still earlier in the chain than IRSA.',
      },
    ],
  },
  {
    id: 'seed-000-irsa',
    title: 'Edge Delta with IRSA done right (option 3)',
    source: 'seeds/000_f7fb65eca555eb09.txt',
    component: 'edgedelta-agent',
    roles: [
      {
        accountId: ACCOUNT_A,
        name: 'edgedelta-s3-archive',
        description: 'Edge Delta archive output to S3',
        trust: ctx =>
          irsaTrust(ctx, {
            accountId: ACCOUNT_A,
            cluster: CLUSTER_EAST,
            sub: subject('edgedelta', 'edgedelta'),
          }),
        inlinePolicies: [
          {
            name: 's3-archive',
            document: s3BucketPolicy('edgedelta-archive', [
              's3:PutObject',
              's3:GetObject',
            ]),
          },
        ],
      },
    ],
    namespaces: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'edgedelta',
        serviceAccounts: [
          {
            name: 'edgedelta',
            annotations: {
              [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'edgedelta-s3-archive'),
            },
          },
        ],
        workloads: edgeDeltaWorkloads([agent]),
      },
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'edgedelta',
        serviceAccount: 'edgedelta',
        binding: 'irsa',
        effectiveRoleArn: roleArn(ACCOUNT_A, 'edgedelta-s3-archive'),
        verdict: 'verified',
        findings: [],
        // The DaemonSet and both StatefulSets share the SA as the seed prescribes; they are one component.
        optionalFindings: ['IRSA-B07'],
        rationale:
          'Trust scoped by sub and aud to this SA on this issuer; pods created after the annotation are injected.',
      },
    ],
  },
];

/** Seed 001 — external-secrets reading Secrets Manager under one prefix, trust scoped by `sub`. */
const seed001: Scenario = {
  id: 'seed-001-external-secrets',
  title:
    'external-secrets service account reading Secrets Manager under k8s-main/',
  source: 'seeds/001_50b67e6514cffa51.txt',
  component: 'external-secrets',
  roles: [
    {
      accountId: ACCOUNT_A,
      name: 'ExternalSecrets',
      path: '/k8s-main/',
      // Verbatim shape of the write-up: StringEquals on sub only, no aud condition.
      trust: ctx =>
        irsaTrust(ctx, {
          accountId: ACCOUNT_A,
          cluster: CLUSTER_EAST,
          sub: subject('external-secrets', 'aws-secretsmanager'),
          aud: false,
        }),
      inlinePolicies: [
        {
          name: 'external-secrets',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Action: [
                  'secretsmanager:GetResourcePolicy',
                  'secretsmanager:GetSecretValue',
                  'secretsmanager:DescribeSecret',
                  'secretsmanager:ListSecretVersionIds',
                ],
                Effect: 'Allow',
                Resource: [
                  `arn:aws:secretsmanager:us-east-1:${ACCOUNT_A}:secret:k8s-main/*`,
                ],
              },
              {
                Action: 'secretsmanager:ListSecrets',
                Effect: 'Allow',
                Resource: '*',
              },
            ],
          },
        },
      ],
    },
  ],
  namespaces: [
    {
      cluster: CLUSTER_EAST,
      namespace: 'external-secrets',
      serviceAccounts: [
        {
          name: 'aws-secretsmanager',
          annotations: {
            [IRSA_ANNOTATIONS.roleArn]: roleArn(
              ACCOUNT_A,
              'ExternalSecrets',
              '/k8s-main/',
            ),
          },
        },
      ],
      workloads: [
        {
          kind: 'Deployment',
          name: 'external-secrets',
          serviceAccount: 'aws-secretsmanager',
          containers: [
            {
              name: 'external-secrets',
              image: 'ghcr.io/external-secrets/external-secrets:v0.9.0',
            },
          ],
        },
        {
          kind: 'Pod',
          name: 'awscli',
          serviceAccount: 'aws-secretsmanager',
          containers: [{ name: 'awscli', image: 'amazon/aws-cli' }],
        },
      ],
    },
  ],
  expectations: [
    {
      cluster: CLUSTER_EAST,
      namespace: 'external-secrets',
      serviceAccount: 'aws-secretsmanager',
      binding: 'irsa',
      effectiveRoleArn: roleArn(ACCOUNT_A, 'ExternalSecrets', '/k8s-main/'),
      verdict: 'verified',
      findings: ['IRSA-T04'],
      // The write-up verifies the role from an `awscli` pod running as the same service account.
      optionalFindings: ['IRSA-B07'],
      rationale:
        'sub pins the SA (works, not open); no aud condition is defence in depth only while the provider has one client ID (low).',
    },
  ],
};

/** Seed 002 — S3 list role bound through the webhook, in both clusters (one role per account). */
const seed002: Scenario = {
  id: 'seed-002-s3-list',
  title:
    'S3 list role bound through the webhook; pods show the injected env and token volume',
  source: 'seeds/002_5a52b380231ffb67.txt',
  component: 'reports',
  roles: [
    { accountId: ACCOUNT_A, cluster: CLUSTER_EAST },
    { accountId: ACCOUNT_B, cluster: CLUSTER_WEST },
  ].map(({ accountId, cluster }) => ({
    accountId,
    name: 'reports-s3-list',
    trust: ctx =>
      irsaTrust(ctx, {
        accountId,
        cluster,
        sub: subject('reports', 'reports'),
      }),
    inlinePolicies: [
      {
        name: 's3-list',
        document: {
          Version: '2012-10-17' as const,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:ListBucket'],
              Resource: ['arn:aws:s3:::sandbox-reports'],
            },
            { Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: '*' },
          ],
        },
      },
    ],
  })),
  namespaces: [
    { cluster: CLUSTER_EAST, accountId: ACCOUNT_A },
    { cluster: CLUSTER_WEST, accountId: ACCOUNT_B },
  ].map(({ cluster, accountId }) => ({
    cluster,
    namespace: 'reports',
    serviceAccounts: [
      {
        name: 'reports',
        annotations: {
          [IRSA_ANNOTATIONS.roleArn]: roleArn(accountId, 'reports-s3-list'),
        },
      },
    ],
    workloads: [
      {
        kind: 'Deployment' as const,
        name: 'reports',
        serviceAccount: 'reports',
        pods: 2,
        containers: [{ name: 'app', image: 'amazon/aws-cli' }],
      },
    ],
  })),
  expectations: [
    { cluster: CLUSTER_EAST, accountId: ACCOUNT_A },
    { cluster: CLUSTER_WEST, accountId: ACCOUNT_B },
  ].map(({ cluster, accountId }) => ({
    cluster,
    namespace: 'reports',
    serviceAccount: 'reports',
    binding: 'irsa' as const,
    effectiveRoleArn: roleArn(accountId, 'reports-s3-list'),
    verdict: 'verified' as const,
    findings: [],
    rationale:
      'Trust scoped by sub and aud; provider in the role account; pods injected.',
  })),
};

/** Seed 003 — StreamSets Data Collector: S3 on one bucket, trust edited from aud to sub, fsGroup 65534. */
const seed003: Scenario = {
  id: 'seed-003-data-collector',
  title:
    'Data collector with S3 Put/Get/ListBucket on one bucket; trust edited from aud to sub',
  source: 'seeds/003_a989600eebf614b3.txt',
  component: 'sdc',
  roles: [
    {
      accountId: ACCOUNT_A,
      name: 'sdc',
      trust: ctx =>
        irsaTrust(ctx, {
          accountId: ACCOUNT_A,
          cluster: CLUSTER_EAST,
          sub: subject('ns1', 'sdc'),
          aud: false,
        }),
      managedPolicies: [
        {
          name: 'sdc-s3-ingest-policy',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'VisualEditor0',
                Effect: 'Allow',
                Action: ['s3:PutObject', 's3:GetObject', 's3:ListBucket'],
                Resource: [
                  'arn:aws:s3:::sdc-ingest-bucket/*',
                  'arn:aws:s3:::sdc-ingest-bucket',
                ],
              },
            ],
          },
        },
      ],
    },
  ],
  namespaces: [
    {
      cluster: CLUSTER_EAST,
      namespace: 'ns1',
      serviceAccounts: [
        {
          name: 'sdc',
          annotations: { [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'sdc') },
        },
      ],
      workloads: [
        {
          kind: 'Deployment',
          name: 'sdc',
          serviceAccount: 'sdc',
          containers: [
            { name: 'sdc', image: 'streamsets/datacollector:3.18.0' },
          ],
          podSecurityContext: { fsGroup: 65534 },
        },
      ],
    },
  ],
  expectations: [
    {
      cluster: CLUSTER_EAST,
      namespace: 'ns1',
      serviceAccount: 'sdc',
      binding: 'irsa',
      effectiveRoleArn: roleArn(ACCOUNT_A, 'sdc'),
      verdict: 'verified',
      findings: ['IRSA-T04'],
      optionalFindings: ['IRSA-B11'],
      rationale:
        'aud condition was replaced by sub (works, sub pins the SA); missing aud is Medium defence-in-depth.',
    },
  ],
};

/** A plain single-SA misconfiguration namespace on the east cluster. */
function simpleNamespace(
  namespace: string,
  sa: string,
  annotations: Record<string, string> | undefined,
  extra: { annotateAfterPods?: boolean; workloadSa?: string } = {},
) {
  return {
    cluster: CLUSTER_EAST,
    namespace,
    serviceAccounts: [
      { name: sa, annotations, annotateAfterPods: extra.annotateAfterPods },
    ],
    workloads: [
      {
        kind: 'Deployment' as const,
        name: sa,
        serviceAccount: extra.workloadSa ?? sa,
        containers: [{ name: 'app', image: 'amazon/aws-cli' }],
      },
    ],
  };
}

const misconfigurations: Scenario[] = [
  {
    id: 'mc-missing-sub',
    title: 'Trust policy with aud but no sub condition',
    source: 'security.md IRSA-T01',
    component: 'report-generator',
    roles: [
      {
        accountId: ACCOUNT_A,
        name: 'mc-missing-sub',
        trust: ctx =>
          irsaTrust(ctx, { accountId: ACCOUNT_A, cluster: CLUSTER_EAST }),
        inlinePolicies: [
          {
            name: 's3',
            document: s3BucketPolicy('sandbox-reports', ['s3:GetObject']),
          },
        ],
      },
    ],
    namespaces: [
      simpleNamespace('mc-missing-sub', 'report-generator', {
        [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'mc-missing-sub'),
      }),
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-missing-sub',
        serviceAccount: 'report-generator',
        binding: 'irsa',
        effectiveRoleArn: roleArn(ACCOUNT_A, 'mc-missing-sub'),
        verdict: 'risky',
        findings: ['IRSA-T01'],
        rationale:
          'Works for this SA, but any SA in the cluster with an sts.amazonaws.com token can assume it (fail-open, Critical).',
      },
    ],
  },
  {
    id: 'mc-wildcard-sub',
    title: 'StringLike sub = system:serviceaccount:*',
    source: 'security.md IRSA-T02a',
    component: 'batch-runner',
    roles: [
      {
        accountId: ACCOUNT_A,
        name: 'mc-wildcard-sub',
        trust: ctx =>
          irsaTrust(ctx, {
            accountId: ACCOUNT_A,
            cluster: CLUSTER_EAST,
            sub: 'system:serviceaccount:*',
            subOperator: 'StringLike',
          }),
        inlinePolicies: [
          {
            name: 's3',
            document: s3BucketPolicy('sandbox-reports', ['s3:GetObject']),
          },
        ],
      },
    ],
    namespaces: [
      simpleNamespace('mc-wildcard-sub', 'batch-runner', {
        [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'mc-wildcard-sub'),
      }),
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-wildcard-sub',
        serviceAccount: 'batch-runner',
        binding: 'irsa',
        effectiveRoleArn: roleArn(ACCOUNT_A, 'mc-wildcard-sub'),
        verdict: 'risky',
        findings: ['IRSA-T02a'],
        rationale:
          'StringLike * crosses ":" so every SA of every namespace matches (fail-open, Critical).',
      },
    ],
  },
  {
    id: 'mc-other-cluster-issuer',
    title: "Role trusts the other cluster's issuer",
    source: 'security.md IRSA-T05',
    component: 'billing-api',
    roles: [
      {
        accountId: ACCOUNT_A,
        name: 'mc-other-cluster-issuer',
        // Provider for the west issuer exists in account A, so only the issuer is wrong (not T06).
        trust: ctx =>
          irsaTrust(ctx, {
            accountId: ACCOUNT_A,
            cluster: CLUSTER_WEST,
            sub: subject('mc-other-cluster-issuer', 'billing-api'),
          }),
        inlinePolicies: [
          {
            name: 's3',
            document: s3BucketPolicy('sandbox-reports', ['s3:GetObject']),
          },
        ],
      },
    ],
    namespaces: [
      simpleNamespace('mc-other-cluster-issuer', 'billing-api', {
        [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'mc-other-cluster-issuer'),
      }),
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-other-cluster-issuer',
        serviceAccount: 'billing-api',
        binding: 'irsa',
        verdict: 'broken',
        findings: ['IRSA-T05', 'IRSA-B02'],
        optionalFindings: ['IRSA-T15'],
        rationale:
          "Federated provider is sandbox-west's issuer; tokens from sandbox-east never match (fail-closed).",
      },
    ],
  },
  {
    id: 'mc-provider-missing',
    title:
      'Cross-account role whose account has no OIDC provider for the issuer',
    source: 'security.md IRSA-T06',
    component: 'ledger-exporter',
    roles: [
      {
        accountId: ACCOUNT_B,
        name: 'mc-provider-missing',
        // Account B only has a provider for sandbox-west; this trusts sandbox-east's issuer.
        trust: ctx =>
          irsaTrust(ctx, {
            accountId: ACCOUNT_B,
            cluster: CLUSTER_EAST,
            sub: subject('mc-provider-missing', 'ledger-exporter'),
          }),
        inlinePolicies: [
          {
            name: 's3',
            document: s3BucketPolicy('sandbox-ledger', ['s3:PutObject']),
          },
        ],
      },
    ],
    namespaces: [
      simpleNamespace('mc-provider-missing', 'ledger-exporter', {
        [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_B, 'mc-provider-missing'),
      }),
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-provider-missing',
        serviceAccount: 'ledger-exporter',
        binding: 'irsa',
        verdict: 'broken',
        findings: ['IRSA-T06'],
        optionalFindings: ['IRSA-B02'],
        rationale:
          'STS answers "No OpenIDConnect provider found in your account" (fail-closed).',
      },
    ],
  },
  {
    id: 'mc-role-missing',
    title: 'Service account annotated with a role that does not exist',
    source: 'security.md IRSA-B02',
    component: 'notifier',
    roles: [],
    namespaces: [
      simpleNamespace('mc-role-missing', 'notifier', {
        [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'mc-role-does-not-exist'),
      }),
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-role-missing',
        serviceAccount: 'notifier',
        binding: 'irsa',
        verdict: 'broken',
        findings: ['IRSA-B02'],
        rationale:
          'The annotated role is absent from the account; pods are injected but cannot assume anything.',
      },
    ],
  },
  {
    id: 'mc-pod-before-annotation',
    title: 'Pods created before the role annotation was added',
    source: 'security.md IRSA-B04',
    component: 'queue-worker',
    roles: [
      {
        accountId: ACCOUNT_A,
        name: 'mc-pod-before-annotation',
        trust: ctx =>
          irsaTrust(ctx, {
            accountId: ACCOUNT_A,
            cluster: CLUSTER_EAST,
            sub: subject('mc-pod-before-annotation', 'queue-worker'),
          }),
        inlinePolicies: [
          {
            name: 's3',
            document: s3BucketPolicy('sandbox-reports', ['s3:GetObject']),
          },
        ],
      },
    ],
    namespaces: [
      simpleNamespace(
        'mc-pod-before-annotation',
        'queue-worker',
        { [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'mc-pod-before-annotation') },
        { annotateAfterPods: true },
      ),
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-pod-before-annotation',
        serviceAccount: 'queue-worker',
        binding: 'irsa',
        verdict: 'broken',
        findings: ['IRSA-B04'],
        rationale:
          'Webhook mutates on CREATE only: running pods lack AWS_ROLE_ARN and the token volume and fall back to the node role.',
      },
    ],
  },
  {
    id: 'mc-default-sa',
    title: 'Role annotation on the namespace default service account',
    source: 'security.md IRSA-B06',
    component: 'legacy-cron',
    roles: [
      {
        accountId: ACCOUNT_A,
        name: 'mc-default-sa',
        trust: ctx =>
          irsaTrust(ctx, {
            accountId: ACCOUNT_A,
            cluster: CLUSTER_EAST,
            sub: subject('mc-default-sa', 'default'),
          }),
        inlinePolicies: [
          {
            name: 's3',
            document: s3BucketPolicy('sandbox-reports', ['s3:GetObject']),
          },
        ],
      },
    ],
    namespaces: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-default-sa',
        serviceAccounts: [
          {
            name: 'default',
            annotations: {
              [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'mc-default-sa'),
            },
          },
        ],
        workloads: [
          // No serviceAccountName: the pod runs as `default`, as every other pod of the namespace would.
          {
            kind: 'Deployment',
            name: 'legacy-cron',
            containers: [{ name: 'cron', image: 'amazon/aws-cli' }],
          },
        ],
      },
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-default-sa',
        serviceAccount: 'default',
        binding: 'irsa',
        effectiveRoleArn: roleArn(ACCOUNT_A, 'mc-default-sa'),
        verdict: 'risky',
        findings: ['IRSA-B06'],
        rationale:
          'Works, but every pod without an explicit SA in the namespace gets the role (High).',
      },
    ],
  },
  {
    id: 'mc-irsa-and-pod-identity',
    title:
      'One service account with both an IRSA annotation and a Pod Identity association',
    source: 'security.md IRSA-B12',
    component: 'uploader',
    roles: [
      {
        accountId: ACCOUNT_A,
        name: 'mc-both-irsa',
        trust: ctx =>
          irsaTrust(ctx, {
            accountId: ACCOUNT_A,
            cluster: CLUSTER_EAST,
            sub: subject('mc-both', 'uploader'),
          }),
        inlinePolicies: [
          {
            name: 's3',
            document: s3BucketPolicy('sandbox-uploads', ['s3:PutObject']),
          },
        ],
      },
      {
        accountId: ACCOUNT_A,
        name: 'mc-both-pod-identity',
        trust: () => podIdentityTrust(ACCOUNT_A),
        inlinePolicies: [
          {
            name: 's3',
            document: s3BucketPolicy('sandbox-uploads', [
              's3:PutObject',
              's3:GetObject',
            ]),
          },
        ],
      },
    ],
    namespaces: [
      simpleNamespace('mc-both', 'uploader', {
        [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'mc-both-irsa'),
      }),
    ],
    podIdentity: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-both',
        serviceAccount: 'uploader',
        roleArn: roleArn(ACCOUNT_A, 'mc-both-pod-identity'),
      },
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'mc-both',
        serviceAccount: 'uploader',
        binding: 'both',
        // The webhook gives container credentials (Pod Identity) precedence.
        effectiveRoleArn: roleArn(ACCOUNT_A, 'mc-both-pod-identity'),
        verdict: 'verified',
        findings: ['IRSA-B12'],
        rationale:
          'Both bindings are valid; the effective identity is the Pod Identity role, which the UI must show (Medium).',
      },
    ],
  },
];

/** A clean EKS Pod Identity binding on the west cluster (account B). */
const podIdentityOnly: Scenario = {
  id: 'pod-identity-only',
  title: 'Service account bound only through EKS Pod Identity',
  source: 'security.md §1.5 (clean case)',
  component: 'catalog-sync',
  roles: [
    {
      accountId: ACCOUNT_B,
      name: 'catalog-sync',
      trust: () => podIdentityTrust(ACCOUNT_B),
      inlinePolicies: [
        {
          name: 's3',
          document: s3BucketPolicy('sandbox-reports', ['s3:GetObject']),
        },
      ],
    },
  ],
  namespaces: [
    {
      cluster: CLUSTER_WEST,
      namespace: 'catalog-sync',
      serviceAccounts: [{ name: 'catalog-sync' }],
      workloads: [
        {
          kind: 'Deployment',
          name: 'catalog-sync',
          serviceAccount: 'catalog-sync',
          containers: [{ name: 'sync', image: 'amazon/aws-cli' }],
        },
      ],
    },
  ],
  podIdentity: [
    {
      cluster: CLUSTER_WEST,
      namespace: 'catalog-sync',
      serviceAccount: 'catalog-sync',
      roleArn: roleArn(ACCOUNT_B, 'catalog-sync'),
    },
  ],
  expectations: [
    {
      cluster: CLUSTER_WEST,
      namespace: 'catalog-sync',
      serviceAccount: 'catalog-sync',
      binding: 'pod-identity',
      effectiveRoleArn: roleArn(ACCOUNT_B, 'catalog-sync'),
      verdict: 'verified',
      findings: [],
      rationale:
        'Same-account role, pods.eks.amazonaws.com trust with TagSession and aws:SourceAccount; pods injected.',
    },
  ],
};

/**
 * EKS Pod Identity with a cross-account target role and a session policy (EKS User Guide, target
 * IAM roles; session policies, 2026). The target trusts the association role by ARN, but was
 * written before EKS generated the association's external id, so it does not require it.
 */
const podIdentityTargetRole: Scenario = {
  id: 'pod-identity-target-role',
  title: 'Pod Identity association with a cross-account target role and a session policy',
  source: 'EKS User Guide: target IAM roles; session policies for EKS Pod Identity',
  component: 'statement-archive',
  roles: [
    {
      accountId: ACCOUNT_B,
      name: 'statement-archive',
      trust: () => podIdentityTrust(ACCOUNT_B),
      inlinePolicies: [
        {
          name: 'assume-target',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['sts:AssumeRole', 'sts:TagSession'],
                Resource: roleArn(ACCOUNT_A, 'statement-archive-target'),
              },
            ],
          },
        },
      ],
    },
    {
      accountId: ACCOUNT_A,
      name: 'statement-archive-target',
      trust: () => ({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: roleArn(ACCOUNT_B, 'statement-archive') },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
          },
        ],
      }),
      inlinePolicies: [
        { name: 's3', document: s3BucketPolicy('sandbox-reports', ['s3:GetObject', 's3:PutObject']) },
      ],
    },
  ],
  namespaces: [
    {
      cluster: CLUSTER_WEST,
      namespace: 'statement-archive',
      serviceAccounts: [{ name: 'statement-archive' }],
      workloads: [
        {
          kind: 'Deployment',
          name: 'statement-archive',
          serviceAccount: 'statement-archive',
          containers: [{ name: 'export', image: 'amazon/aws-cli' }],
        },
      ],
    },
  ],
  podIdentity: [
    {
      cluster: CLUSTER_WEST,
      namespace: 'statement-archive',
      serviceAccount: 'statement-archive',
      roleArn: roleArn(ACCOUNT_B, 'statement-archive'),
      targetRoleArn: roleArn(ACCOUNT_A, 'statement-archive-target'),
      disableSessionTags: true,
      sessionPolicy: s3BucketPolicy('sandbox-reports', ['s3:GetObject']),
    },
  ],
  expectations: [
    {
      cluster: CLUSTER_WEST,
      namespace: 'statement-archive',
      serviceAccount: 'statement-archive',
      binding: 'pod-identity',
      verdict: 'risky',
      findings: ['PID-06'],
      optionalFindings: ['PID-04', 'IRSA-B07'],
      rationale:
        'Both hops are allowed (the target trusts the association role, which may assume it); the target trust does not require the external id EKS passes (Medium).',
      // The pods get the target role's session, which the session policy limits to reads.
      permissions: {
        roleArn: roleArn(ACCOUNT_A, 'statement-archive-target'),
        allows: ['s3:GetObject arn:aws:s3:::sandbox-reports/*', 's3:ListBucket arn:aws:s3:::sandbox-reports'],
        unresolved: [],
      },
    },
  ],
};

/** Session tags disabled on the association while the role's policy is written on them. */
const podIdentityTagsDisabled: Scenario = {
  id: 'pod-identity-tags-disabled',
  title: 'Pod Identity with session tags disabled while the permission policy relies on them',
  source: 'EKS User Guide: enable or disable session tags (ABAC)',
  component: 'tenant-files',
  roles: [
    {
      accountId: ACCOUNT_B,
      name: 'tenant-files',
      trust: () => podIdentityTrust(ACCOUNT_B),
      inlinePolicies: [
        {
          name: 'per-namespace',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['s3:GetObject'],
                Resource: ['arn:aws:s3:::sandbox-reports/${aws:PrincipalTag/kubernetes-namespace}/*'],
                Condition: { StringEquals: { 'aws:PrincipalTag/eks-cluster-name': CLUSTER_WEST } },
              },
            ],
          },
        },
      ],
    },
  ],
  namespaces: [
    {
      cluster: CLUSTER_WEST,
      namespace: 'tenant-files',
      serviceAccounts: [{ name: 'tenant-files' }],
      workloads: [
        {
          kind: 'Deployment',
          name: 'tenant-files',
          serviceAccount: 'tenant-files',
          containers: [{ name: 'files', image: 'amazon/aws-cli' }],
        },
      ],
    },
  ],
  podIdentity: [
    {
      cluster: CLUSTER_WEST,
      namespace: 'tenant-files',
      serviceAccount: 'tenant-files',
      roleArn: roleArn(ACCOUNT_B, 'tenant-files'),
      disableSessionTags: true,
    },
  ],
  expectations: [
    {
      cluster: CLUSTER_WEST,
      namespace: 'tenant-files',
      serviceAccount: 'tenant-files',
      binding: 'pod-identity',
      effectiveRoleArn: roleArn(ACCOUNT_B, 'tenant-files'),
      verdict: 'risky',
      findings: ['PID-08'],
      optionalFindings: ['PID-02', 'IRSA-B07'],
      rationale:
        'The role is assumed, but its only statement reads kubernetes-namespace / eks-cluster-name session tags the association disables: it grants nothing (High).',
      permissions: {
        roleArn: roleArn(ACCOUNT_B, 'tenant-files'),
        allows: [],
        unresolved: ['${aws:PrincipalTag/kubernetes-namespace}', 'aws:PrincipalTag/eks-cluster-name'],
      },
    },
  ],
};

/** An IRSA role of account A in cluster east trusting exactly `namespace:serviceAccount`. */
function irsaRole(namespace: string, serviceAccount: string, name = namespace): RoleSeed {
  return {
    accountId: ACCOUNT_A,
    name,
    trust: ctx =>
      irsaTrust(ctx, {
        accountId: ACCOUNT_A,
        cluster: CLUSTER_EAST,
        sub: subject(namespace, serviceAccount),
      }),
    inlinePolicies: [
      { name: 's3', document: s3BucketPolicy('sandbox-reports', ['s3:GetObject']) },
    ],
  };
}

/**
 * Runtime checks (#15, "Why is my pod denied?"): what the running pods show about the
 * credentials their SDK will really use.
 */
const runtimeScenarios: Scenario[] = [
  {
    id: 'rt-injection-skipped',
    title: 'Pods the webhook skipped although they started after the role annotation',
    source: 'security.md IRSA-B04 (webhook skipped); #15 RUN-01',
    component: 'invoice-sync',
    roles: [irsaRole('rt-injection-skipped', 'invoice-sync')],
    namespaces: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'rt-injection-skipped',
        serviceAccounts: [
          {
            name: 'invoice-sync',
            annotations: { [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'rt-injection-skipped') },
          },
        ],
        workloads: [
          {
            kind: 'Deployment',
            name: 'invoice-sync',
            serviceAccount: 'invoice-sync',
            // The webhook's objectSelector is "label DoesNotExist": "false" skips the pod too.
            podLabels: { 'eks.amazonaws.com/skip-pod-identity-webhook': 'false' },
            createPodsAfterMs: 1100,
            containers: [{ name: 'sync', image: 'amazon/aws-cli' }],
          },
        ],
      },
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'rt-injection-skipped',
        serviceAccount: 'invoice-sync',
        binding: 'irsa',
        verdict: 'broken',
        findings: ['IRSA-B04', 'RUN-01'],
        rationale:
          'The pods were created after the annotation (its managedFields time) but carry no IRSA env: the webhook skipped them (its objectSelector skips any value of the skip label), so a restart alone does not help.',
      },
    ],
  },
  {
    id: 'rt-hostnetwork-pod-identity',
    title: 'EKS Pod Identity in a hostNetwork DaemonSet',
    source: '#15 RUN-02',
    component: 'node-metrics',
    roles: [
      {
        accountId: ACCOUNT_B,
        name: 'node-metrics',
        trust: () => podIdentityTrust(ACCOUNT_B),
        inlinePolicies: [
          { name: 's3', document: s3BucketPolicy('sandbox-reports', ['s3:GetObject']) },
        ],
      },
    ],
    namespaces: [
      {
        cluster: CLUSTER_WEST,
        namespace: 'rt-hostnetwork',
        serviceAccounts: [{ name: 'node-metrics' }],
        workloads: [
          {
            kind: 'DaemonSet',
            name: 'node-metrics',
            serviceAccount: 'node-metrics',
            hostNetwork: true,
            containers: [{ name: 'metrics', image: 'amazon/aws-cli' }],
          },
        ],
      },
    ],
    podIdentity: [
      {
        cluster: CLUSTER_WEST,
        namespace: 'rt-hostnetwork',
        serviceAccount: 'node-metrics',
        roleArn: roleArn(ACCOUNT_B, 'node-metrics'),
      },
    ],
    expectations: [
      {
        cluster: CLUSTER_WEST,
        namespace: 'rt-hostnetwork',
        serviceAccount: 'node-metrics',
        binding: 'pod-identity',
        effectiveRoleArn: roleArn(ACCOUNT_B, 'node-metrics'),
        verdict: 'broken',
        findings: ['RUN-02'],
        rationale:
          "The association and trust are right and the pods are injected, but hostNetwork pods do not reach the Pod Identity Agent's link-local address the usual way.",
      },
    ],
  },
  {
    id: 'rt-envfrom-keys',
    title: 'AWS keys through envFrom of a Secret, readable by the portal or not',
    source: 'security.md IRSA-B05; #15 RUN-04',
    component: 'report-mailer',
    roles: [
      irsaRole('rt-envfrom-keys', 'report-mailer'),
      irsaRole('rt-envfrom-unreadable', 'report-mailer'),
    ],
    namespaces: ['rt-envfrom-keys', 'rt-envfrom-unreadable'].map(namespace => ({
      cluster: CLUSTER_EAST,
      namespace,
      // Only the first namespace lets the portal read its secrets' key names.
      portalMayReadSecrets: namespace === 'rt-envfrom-keys',
      serviceAccounts: [
        {
          name: 'report-mailer',
          annotations: { [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, namespace) },
        },
      ],
      secrets: [
        {
          name: 'mailer-aws',
          // AWS's documented example keys, never valid credentials.
          stringData: {
            AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
            AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            SMTP_HOST: 'smtp.example.com',
          },
        },
      ],
      workloads: [
        {
          kind: 'Deployment' as const,
          name: 'report-mailer',
          serviceAccount: 'report-mailer',
          containers: [
            { name: 'mailer', image: 'amazon/aws-cli', envFrom: [{ secretRef: { name: 'mailer-aws' } }] },
          ],
        },
      ],
    })),
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'rt-envfrom-keys',
        serviceAccount: 'report-mailer',
        binding: 'irsa',
        verdict: 'risky',
        findings: ['IRSA-B05', 'RUN-04'],
        rationale:
          "envFrom of Secret mailer-aws sets AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read from the Secret's key names): static keys win over the IRSA web identity in every SDK.",
      },
      {
        cluster: CLUSTER_EAST,
        namespace: 'rt-envfrom-unreadable',
        serviceAccount: 'report-mailer',
        binding: 'irsa',
        verdict: 'verified',
        findings: ['RUN-04'],
        rationale:
          "The portal may not get secrets here (optional RBAC): the report says it could not read Secret mailer-aws's keys (Info), never that nothing shadows the role.",
      },
    ],
  },
  {
    id: 'rt-wrong-audience',
    title: 'A hand-written IRSA token volume with another audience',
    source: 'security.md IRSA-B09; #15 RUN-05',
    component: 'vault-sync',
    roles: [irsaRole('rt-wrong-audience', 'vault-sync')],
    namespaces: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'rt-wrong-audience',
        serviceAccounts: [
          {
            name: 'vault-sync',
            annotations: { [IRSA_ANNOTATIONS.roleArn]: roleArn(ACCOUNT_A, 'rt-wrong-audience') },
          },
        ],
        workloads: [
          {
            kind: 'Deployment',
            name: 'vault-sync',
            serviceAccount: 'vault-sync',
            // Hand-rolled IRSA: the webhook is told to stay away, the spec projects its own token.
            podLabels: { 'eks.amazonaws.com/skip-pod-identity-webhook': 'true' },
            volumes: [
              {
                name: 'aws-iam-token',
                projected: {
                  sources: [
                    { serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } },
                  ],
                },
              },
            ],
            containers: [
              {
                name: 'sync',
                image: 'amazon/aws-cli',
                env: [
                  { name: 'AWS_ROLE_ARN', value: roleArn(ACCOUNT_A, 'rt-wrong-audience') },
                  {
                    name: 'AWS_WEB_IDENTITY_TOKEN_FILE',
                    value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
                  },
                ],
                volumeMounts: [
                  { name: 'aws-iam-token', mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount' },
                ],
              },
            ],
          },
        ],
      },
    ],
    expectations: [
      {
        cluster: CLUSTER_EAST,
        namespace: 'rt-wrong-audience',
        serviceAccount: 'vault-sync',
        binding: 'irsa',
        verdict: 'broken',
        findings: ['RUN-05'],
        rationale:
          'The pods carry the IRSA env and an aws-iam-token volume, but its token is for audience "vault": STS answers "Incorrect token audience".',
      },
    ],
  },
];

/** Every scenario, in seeding order. */
export const scenarios: Scenario[] = [
  ...seed000,
  seed001,
  seed002,
  seed003,
  ...misconfigurations,
  podIdentityOnly,
  podIdentityTargetRole,
  podIdentityTagsDisabled,
  ...runtimeScenarios,
];
