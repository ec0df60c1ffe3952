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
  Cluster,
  IdentityReportInput,
  OidcProvider,
  PodAggregate,
  PodIdentityAssociation,
  Role,
  RolePolicy,
  normalizeIssuer,
} from '@internal/plugin-aws-identity-common';
import { podIdentityTrustPolicy } from '@internal/plugin-aws-identity-common/testing';

/*
 * Inputs of the engine for the sandbox's seed scenarios (test/sandbox/src/seeds/scenarios.ts):
 * two accounts with one EKS cluster each, the IAM roles and OIDC providers the seeder creates,
 * and the pods the webhook injected. The issuer ids are the ones moto drew when the sandbox
 * was captured, so that the reports read like the portal's.
 */

/** Account of the platform cluster and most seed roles. */
export const ACCOUNT_A = '111111111111';
/** Account of the second cluster. */
export const ACCOUNT_B = '222222222222';

/**
 * A sandbox cluster: EKS in `region` of `accountId`. moto drew the same issuer id in both
 * regions when the sandbox was captured.
 */
function eksCluster(name: string, accountId: string, region: string): Cluster {
  return {
    name,
    accountId,
    region,
    arn: `arn:aws:eks:${region}:${accountId}:cluster/${name}`,
    issuer: `https://oidc.eks.${region}.amazonaws.com/id/vZoctesPFj`,
  };
}

/** The sandbox's clusters, as the backend's index describes them to the engine. */
export const CLUSTERS: Record<'east' | 'west', Cluster> = {
  east: eksCluster('sandbox-east', ACCOUNT_A, 'us-east-1'),
  west: eksCluster('sandbox-west', ACCOUNT_B, 'eu-west-1'),
};

/** The issuer as `host/path`, by the engine's own normalisation (the prefix of the condition keys). */
function issuerOf(c: Cluster): string {
  const issuer = normalizeIssuer(c.issuer);
  if (!issuer.ok) throw new Error(`test cluster ${c.name}: ${issuer.error}`);
  return issuer.value.hostPath;
}

/** The IAM OIDC provider of each cluster, in the cluster's account (the EKS user guide's setup). */
const OIDC_PROVIDERS: OidcProvider[] = Object.values(CLUSTERS).map(c => ({
  arn: `arn:aws:iam::${c.accountId}:oidc-provider/${issuerOf(c)}`,
  accountId: c.accountId,
  issuerHostPath: issuerOf(c),
  clientIds: ['sts.amazonaws.com'],
}));

/** `arn:aws:iam::<account>:role/<name>` */
export function roleArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:role/${name}`;
}

/** The IRSA trust policy of the EKS user guide; without `sub` it admits any service account (IRSA-T01). */
function irsaTrust(
  cluster: Cluster,
  subject: { namespace: string; name: string } | undefined,
) {
  const issuer = issuerOf(cluster);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::${cluster.accountId}:oidc-provider/${issuer}`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            ...(subject
              ? {
                  [`${issuer}:sub`]: `system:serviceaccount:${subject.namespace}:${subject.name}`,
                }
              : {}),
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  };
}

/** The EKS Pod Identity trust policy (principal `pods.eks.amazonaws.com`). */
const podIdentityTrust = (accountId: string) =>
  podIdentityTrustPolicy({ accountId });

/**
 * An inline policy: ListBucket on the bucket, `objectActions` on its keys and any `extra`
 * statements.
 */
function s3BucketPolicy(
  bucket: string,
  objectActions: string[],
  extra: Record<string, unknown>[] = [],
  name = 's3',
): RolePolicy {
  const objects = objectActions.length
    ? [
        {
          Effect: 'Allow',
          Action: objectActions,
          Resource: [`arn:aws:s3:::${bucket}/*`],
        },
      ]
    : [];
  return {
    name,
    kind: 'inline',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: [`arn:aws:s3:::${bucket}`],
        },
        ...objects,
        ...extra,
      ],
    },
  };
}

function role(
  accountId: string,
  name: string,
  trustPolicy: unknown,
  permissionPolicies: RolePolicy[],
): Role {
  return {
    arn: roleArn(accountId, name),
    name,
    accountId,
    trustPolicy,
    permissionPolicies,
  };
}

/** Running pods of one service account, as the pod watcher aggregates them. */
function pods(options: {
  count: number;
  workloads: string[];
  irsaRoleArn?: string;
  podIdentity?: boolean;
  staticKeys?: boolean;
}): PodAggregate {
  const { count, workloads, irsaRoleArn } = options;
  const irsa = irsaRoleArn ? count : 0;
  return {
    podCount: count,
    irsaEnvCount: irsa,
    irsaVolumeCount: irsa,
    podIdentityEnvCount: options.podIdentity ? count : 0,
    createdBeforeAnnotationCount: 0,
    staticKeysCount: options.staticKeys ? count : 0,
    skipWebhookLabelCount: 0,
    nonRootWithoutFsGroupCount: 0,
    roleArnsInEnv: irsaRoleArn
      ? [{ roleArn: irsaRoleArn, podCount: count }]
      : [],
    workloads,
  };
}

/** What the backend's index passes the engine for one service account in the sandbox. */
function input(options: {
  cluster: Cluster;
  namespace: string;
  name: string;
  annotatedRoleArn?: string;
  roles: Role[];
  pods?: PodAggregate;
  associations?: PodIdentityAssociation[];
}): IdentityReportInput {
  const { cluster, namespace, name, annotatedRoleArn } = options;
  return {
    cluster,
    serviceAccount: {
      cluster: cluster.name,
      namespace,
      name,
      annotations: annotatedRoleArn
        ? { 'eks.amazonaws.com/role-arn': annotatedRoleArn }
        : {},
    },
    pods: options.pods,
    roles: options.roles,
    // Both accounts were read completely: a role missing from them does not exist.
    completeAccounts: [ACCOUNT_A, ACCOUNT_B],
    oidcProviders: OIDC_PROVIDERS,
    podIdentityAssociations: options.associations ?? [],
    context: { knownClusters: Object.values(CLUSTERS) },
  };
}

/** Seed 002 (`reports`): an S3 list role bound through the webhook, in both clusters. */
export const reportsInputs: IdentityReportInput[] = [
  CLUSTERS.east,
  CLUSTERS.west,
].map(cluster => {
  const arn = roleArn(cluster.accountId, 'reports-s3-list');
  return input({
    cluster,
    namespace: 'reports',
    name: 'reports',
    annotatedRoleArn: arn,
    roles: [
      role(
        cluster.accountId,
        'reports-s3-list',
        irsaTrust(cluster, { namespace: 'reports', name: 'reports' }),
        [
          s3BucketPolicy(
            'sandbox-reports',
            [],
            [
              {
                Effect: 'Allow',
                Action: ['s3:ListAllMyBuckets'],
                Resource: '*',
              },
            ],
            's3-list',
          ),
        ],
      ),
    ],
    pods: pods({
      count: 2,
      workloads: ['Deployment/reports'],
      irsaRoleArn: arn,
    }),
  });
});

/** `mc-role-missing` (`notifier`, IRSA-B02): annotated with a role that does not exist. */
export const notifierInput: IdentityReportInput = input({
  cluster: CLUSTERS.east,
  namespace: 'mc-role-missing',
  name: 'notifier',
  annotatedRoleArn: roleArn(ACCOUNT_A, 'mc-role-does-not-exist'),
  roles: [],
  pods: pods({
    count: 1,
    workloads: ['Deployment/notifier'],
    irsaRoleArn: roleArn(ACCOUNT_A, 'mc-role-does-not-exist'),
  }),
});

/** `mc-missing-sub` (`report-generator`, IRSA-T01): a trust policy with aud but no sub. */
export const reportGeneratorInput: IdentityReportInput = input({
  cluster: CLUSTERS.east,
  namespace: 'mc-missing-sub',
  name: 'report-generator',
  annotatedRoleArn: roleArn(ACCOUNT_A, 'mc-missing-sub'),
  roles: [
    role(ACCOUNT_A, 'mc-missing-sub', irsaTrust(CLUSTERS.east, undefined), [
      s3BucketPolicy('sandbox-reports', ['s3:GetObject']),
    ]),
  ],
  pods: pods({
    count: 1,
    workloads: ['Deployment/report-generator'],
    irsaRoleArn: roleArn(ACCOUNT_A, 'mc-missing-sub'),
  }),
});

/**
 * Seed 000 (`edgedelta-env-keys`, IRSA-B05): no binding; a DaemonSet on two nodes and two
 * StatefulSets share the service account, with static keys in their environment.
 */
export const edgeDeltaInput: IdentityReportInput = input({
  cluster: CLUSTERS.east,
  namespace: 'edgedelta-env-keys',
  name: 'edgedelta',
  roles: [],
  pods: pods({
    count: 4,
    workloads: [
      'DaemonSet/edgedelta',
      'StatefulSet/edgedelta-compactor',
      'StatefulSet/edgedelta-rollup',
    ],
    staticKeys: true,
  }),
});

/**
 * `mc-irsa-and-pod-identity` (`uploader`, IRSA-B12): an IRSA annotation and a Pod Identity
 * association on one service account; the webhook injects Pod Identity only.
 */
export const uploaderInput: IdentityReportInput = input({
  cluster: CLUSTERS.east,
  namespace: 'mc-both',
  name: 'uploader',
  annotatedRoleArn: roleArn(ACCOUNT_A, 'mc-both-irsa'),
  roles: [
    role(
      ACCOUNT_A,
      'mc-both-irsa',
      irsaTrust(CLUSTERS.east, { namespace: 'mc-both', name: 'uploader' }),
      [s3BucketPolicy('sandbox-uploads', ['s3:PutObject'])],
    ),
    role(ACCOUNT_A, 'mc-both-pod-identity', podIdentityTrust(ACCOUNT_A), [
      s3BucketPolicy('sandbox-uploads', ['s3:PutObject', 's3:GetObject']),
    ]),
  ],
  associations: [
    {
      cluster: 'sandbox-east',
      namespace: 'mc-both',
      serviceAccount: 'uploader',
      roleArn: roleArn(ACCOUNT_A, 'mc-both-pod-identity'),
    },
  ],
  pods: pods({
    count: 1,
    workloads: ['Deployment/uploader'],
    podIdentity: true,
  }),
});
