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
  buildIdentityReport,
  emptyPodAggregate,
  IdentityRequest,
  MigrationPlan,
  MigrationRequest,
  RequestActor,
  requestActionOptions,
  RoleRequest,
  RoleRequestRisk,
} from '@internal/plugin-aws-identity-common';

/** A submitted role request for `component:default/payments`, by `user:default/dev`. */
export function roleRequest(overrides: Partial<RoleRequest> = {}): RoleRequest {
  return {
    id: 'req-1',
    idempotencyKey: 'task-1/step-1',
    state: 'submitted',
    entityRef: 'component:default/payments',
    requestedBy: 'user:default/dev',
    submittedBy: 'plugin:scaffolder',
    format: 'terraform',
    createdAt: '2026-10-01T10:00:00Z',
    updatedAt: '2026-10-01T10:00:00Z',
    plan: {
      input: {
        entityRef: 'component:default/payments',
        roleName: 'payments-reader',
        accountId: '111122223333',
        binding: 'irsa',
        clusters: [
          {
            name: 'dev',
            accountId: '111122223333',
            issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
          },
        ],
        namespace: 'payments',
        serviceAccount: 'payments-api',
        access: [{ resource: 'arn:aws:s3:::reports', accessLevel: 'read' }],
      },
      roleArn: 'arn:aws:iam::111122223333:role/payments-reader',
      grants: [{ preset: 's3-read', resource: 'arn:aws:s3:::reports' }],
      trustPolicy: {
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRoleWithWebIdentity',
              Principal: {
                Federated: 'arn:aws:iam::111122223333:oidc-provider/x',
              },
            },
          ],
        },
        size: 180,
        quota: 2048,
      },
      permissionPolicy: {
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
            },
          ],
        },
        size: 90,
        quota: 10240,
      },
      findings: [
        {
          id: 'IRSA-P03',
          severity: 'medium',
          failMode: 'open',
          title: 'Broad object access',
          subject: { kind: 'policy', ref: 'permissions' },
          message: 'The policy reads every object in the bucket.',
          fix: 'Narrow the resource to a prefix.',
        },
      ],
      risk: 'medium',
    },
    transitions: [
      {
        from: null,
        to: 'submitted',
        actor: 'user:default/dev',
        reason: 'needs report access',
        at: '2026-10-01T10:00:00Z',
      },
    ],
    ...overrides,
  };
}

/**
 * The request as the backend answers `actor`: with the actions they may take, decided by the
 * same rule the backend applies (`requestActionOptions` of -common).
 */
export function asSeenBy<T extends IdentityRequest>(request: T, actor: RequestActor): T {
  return { ...request, actions: requestActionOptions(request, actor) };
}

const MIGRATION_ACCOUNT = '111122223333';
const MIGRATION_ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const MIGRATION_ROLE = `arn:aws:iam::${MIGRATION_ACCOUNT}:role/payments-reader`;

/**
 * The engine's migration plan of `dev/payments/payments-api`, an IRSA workload whose pods are on
 * IRSA (`irsa`) or were restarted onto EKS Pod Identity after the change was applied (`migrated`).
 */
export function paymentsMigrationPlan(stage: 'irsa' | 'migrated' = 'irsa'): MigrationPlan {
  const clusterArn = `arn:aws:eks:eu-west-1:${MIGRATION_ACCOUNT}:cluster/dev`;
  const oidc = {
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::${MIGRATION_ACCOUNT}:oidc-provider/${MIGRATION_ISSUER}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${MIGRATION_ISSUER}:sub`]: 'system:serviceaccount:payments:payments-api', [`${MIGRATION_ISSUER}:aud`]: 'sts.amazonaws.com' } },
  };
  const podIdentity = {
    Effect: 'Allow',
    Principal: { Service: 'pods.eks.amazonaws.com' },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    Condition: { StringEquals: { 'aws:SourceAccount': MIGRATION_ACCOUNT }, ArnEquals: { 'aws:SourceArn': clusterArn } },
  };
  const migrated = stage === 'migrated';
  const report = buildIdentityReport({
    cluster: {
      name: 'dev',
      accountId: MIGRATION_ACCOUNT,
      region: 'eu-west-1',
      arn: clusterArn,
      issuer: `https://${MIGRATION_ISSUER}`,
      podIdentityAgent: { state: 'installed', status: 'ACTIVE' },
      fargateProfiles: { state: 'known', profiles: [] },
    },
    serviceAccount: { cluster: 'dev', namespace: 'payments', name: 'payments-api', annotations: { 'eks.amazonaws.com/role-arn': MIGRATION_ROLE } },
    pods: emptyPodAggregate(
      migrated
        ? { podCount: 1, podIdentityEnvCount: 1, workloads: ['Deployment/payments-api'], hostNetworkPodCount: 0, fargatePodCount: 0 }
        : { podCount: 1, irsaEnvCount: 1, irsaVolumeCount: 1, roleArnsInEnv: [{ roleArn: MIGRATION_ROLE, podCount: 1 }], workloads: ['Deployment/payments-api'], hostNetworkPodCount: 0, fargatePodCount: 0 },
    ),
    podLabelSets: [{ app: 'payments' }],
    roles: [{ arn: MIGRATION_ROLE, name: 'payments-reader', accountId: MIGRATION_ACCOUNT, trustPolicy: { Version: '2012-10-17', Statement: migrated ? [oidc, podIdentity] : [oidc] }, permissionPolicies: [] }],
    completeAccounts: [MIGRATION_ACCOUNT],
    oidcProviders: [{ arn: `arn:aws:iam::${MIGRATION_ACCOUNT}:oidc-provider/${MIGRATION_ISSUER}`, accountId: MIGRATION_ACCOUNT, issuerHostPath: MIGRATION_ISSUER, clientIds: ['sts.amazonaws.com'] }],
    podIdentityAssociations: migrated ? [{ associationId: 'a-1', cluster: 'dev', namespace: 'payments', serviceAccount: 'payments-api', roleArn: MIGRATION_ROLE }] : [],
  });
  return report.migration!;
}

/** A submitted migration request of `component:default/payments`, by `user:default/dev`, as the backend answers it. */
export function migrationRequest(overrides: Partial<MigrationRequest> = {}): MigrationRequest {
  const serviceAccount = { cluster: 'dev', namespace: 'payments', name: 'payments-api' };
  const plan = paymentsMigrationPlan();
  return {
    kind: 'migration',
    id: 'mig-1',
    idempotencyKey: 'migration:1',
    state: 'submitted',
    entityRef: 'component:default/payments',
    requestedBy: 'user:default/dev',
    submittedBy: 'user:default/dev',
    createdAt: '2026-10-01T10:00:00Z',
    updatedAt: '2026-10-01T10:00:00Z',
    migration: { input: { entityRef: 'component:default/payments', serviceAccounts: [serviceAccount] }, targets: [{ serviceAccount, plan }], findings: [], risk: 'none' },
    progress: [{ serviceAccount, status: plan.status, steps: plan.steps }],
    transitions: [{ from: null, to: 'submitted', actor: 'user:default/dev', at: '2026-10-01T10:00:00Z' }],
    ...overrides,
  };
}

/** The plan of {@link roleRequest}, for another role name or risk. */
export function planFor(options: {
  roleName?: string;
  risk?: RoleRequestRisk;
}): RoleRequest['plan'] {
  const { plan } = roleRequest();
  return {
    ...plan,
    input: { ...plan.input, roleName: options.roleName ?? plan.input.roleName },
    risk: options.risk ?? plan.risk,
  };
}
