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

import { buildIdentityReport } from '../report/buildIdentityReport';
import { IdentityReport, IdentityReportInput } from '../report/types';
import { Cluster, emptyPodAggregate, PodAggregate, PodIdentityAssociation, Role, ServiceAccount } from '../domain/types';
import { PolicyStatement } from '../policy/types';
import {
  annotationRemovalTargets,
  migrationRequestProgress,
  migrationRequestStage,
  planMigrationRequest,
} from './migrationRequest';
import { requestRisk, requestSubject } from './requestKind';

// The order of the EKS User Guide's "Migrate to EKS Pod Identity": extend the role's trust with
// the pods.eks.amazonaws.com statement, create the association, restart the pods (the
// association wins over the annotation for new pods), verify, then remove the IRSA path.

const ACCOUNT = '111122223333';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/orders-api`;
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;
const ENTITY = 'component:default/orders';

const CLUSTER: Cluster = {
  name: 'prod',
  accountId: ACCOUNT,
  region: 'eu-west-1',
  arn: CLUSTER_ARN,
  issuer: `https://${ISSUER}`,
  podIdentityAgent: { state: 'installed', status: 'ACTIVE', version: 'v1.3.4-eksbuild.1' },
  fargateProfiles: { state: 'known', profiles: [] },
};

const sa = (name: string, annotations: Record<string, string> = { 'eks.amazonaws.com/role-arn': ROLE_ARN }): ServiceAccount => ({
  cluster: 'prod',
  namespace: 'orders',
  name,
  annotations,
});

const OIDC: PolicyStatement = {
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: {
      [`${ISSUER}:aud`]: 'sts.amazonaws.com',
      [`${ISSUER}:sub`]: ['system:serviceaccount:orders:api', 'system:serviceaccount:orders:worker'],
    },
  },
};

const POD_IDENTITY: PolicyStatement = {
  Effect: 'Allow',
  Principal: { Service: 'pods.eks.amazonaws.com' },
  Action: ['sts:AssumeRole', 'sts:TagSession'],
  Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnEquals: { 'aws:SourceArn': CLUSTER_ARN } },
};

const role = (statements: PolicyStatement[]): Role => ({
  arn: ROLE_ARN,
  name: 'orders-api',
  accountId: ACCOUNT,
  trustPolicy: { Version: '2012-10-17', Statement: statements },
  permissionPolicies: [],
});

const IRSA_PODS: PodAggregate = emptyPodAggregate({
  podCount: 2,
  irsaEnvCount: 2,
  irsaVolumeCount: 2,
  roleArnsInEnv: [{ roleArn: ROLE_ARN, podCount: 2 }],
  workloads: ['Deployment/api'],
  hostNetworkPodCount: 0,
  fargatePodCount: 0,
});
const POD_IDENTITY_PODS: PodAggregate = { ...IRSA_PODS, irsaEnvCount: 0, irsaVolumeCount: 0, roleArnsInEnv: [], podIdentityEnvCount: 2 };

const association = (name: string): PodIdentityAssociation => ({
  associationId: `a-${name}`,
  cluster: 'prod',
  namespace: 'orders',
  serviceAccount: name,
  roleArn: ROLE_ARN,
});

function report(serviceAccount: ServiceAccount, overrides: Partial<IdentityReportInput> = {}): IdentityReport {
  return buildIdentityReport({
    cluster: CLUSTER,
    serviceAccount,
    pods: IRSA_PODS,
    podLabelSets: [{ app: 'orders', 'backstage.io/kubernetes-id': 'orders' }],
    roles: [role([OIDC])],
    completeAccounts: [ACCOUNT],
    oidcProviders: [
      { arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, accountId: ACCOUNT, issuerHostPath: ISSUER, clientIds: ['sts.amazonaws.com'] },
    ],
    podIdentityAssociations: [],
    ...overrides,
  });
}

const API = { cluster: 'prod', namespace: 'orders', name: 'api' };

describe('planMigrationRequest', () => {
  it('plans a named IRSA service account from its live report, never from the request', () => {
    const result = planMigrationRequest({ entityRef: ENTITY, serviceAccounts: [API] }, ENTITY, [report(sa('api')), report(sa('worker'))]);
    if (!result.ok) throw new Error(result.error);
    expect(result.plan.input).toEqual({ entityRef: ENTITY, serviceAccounts: [API] });
    expect(result.plan.targets).toHaveLength(1);
    const [target] = result.plan.targets;
    expect(target.serviceAccount).toEqual(API);
    // The statement the engine appends, pinned to the role's account and the cluster.
    expect(target.plan.trustChange?.trustPolicy.Statement).toEqual([OIDC, POD_IDENTITY]);
    expect(target.plan.association).toMatchObject({ eksClusterName: 'prod', namespace: 'orders', serviceAccount: 'api', roleArn: ROLE_ARN });
    expect(requestSubject({ kind: 'migration', migration: result.plan })).toBe('IRSA → EKS Pod Identity: prod/orders/api');
    expect(requestRisk({ kind: 'migration', migration: result.plan })).toBe(result.plan.risk);
  });

  it('takes every IRSA-bound service account of the entity when none is named', () => {
    const plain = report(sa('web', {}));
    const result = planMigrationRequest({ entityRef: ENTITY }, ENTITY, [report(sa('api')), report(sa('worker')), plain]);
    if (!result.ok) throw new Error(result.error);
    expect(result.plan.targets.map(t => t.serviceAccount.name)).toEqual(['api', 'worker']);
    expect(result.plan.input).toEqual({ entityRef: ENTITY });
  });

  it.each([
    ['a trust policy of the requester', { entityRef: ENTITY, trustPolicy: {} }, 'trustPolicy', /not a field of a migration request/],
    ['an empty list', { entityRef: ENTITY, serviceAccounts: [] }, 'serviceAccounts', /list of 1–50/],
    ['a bad namespace', { entityRef: ENTITY, serviceAccounts: [{ ...API, namespace: 'Orders!' }] }, 'serviceAccounts[0].namespace', /Kubernetes name/],
    ['a role ARN per service account', { entityRef: ENTITY, serviceAccounts: [{ ...API, roleArn: ROLE_ARN }] }, 'serviceAccounts[0].roleArn', /not a field/],
    ['a service account twice', { entityRef: ENTITY, serviceAccounts: [API, API] }, 'serviceAccounts[1]', /listed twice/],
    ['an unknown service account', { entityRef: ENTITY, serviceAccounts: [{ ...API, name: 'nope' }] }, 'serviceAccounts[0]', /is not a service account of component:default\/orders/],
  ])('refuses %s, naming the field', (_name, input, field, error) => {
    const result = planMigrationRequest(input, ENTITY, [report(sa('api'))]);
    expect(result).toMatchObject({ ok: false, field, error: expect.stringMatching(error) });
  });

  it('refuses a service account that is not bound with IRSA', () => {
    const result = planMigrationRequest({ entityRef: ENTITY, serviceAccounts: [API] }, ENTITY, [report(sa('api', {}))]);
    expect(result).toMatchObject({ ok: false, field: 'serviceAccounts[0]', error: expect.stringContaining('is not bound with IRSA') });
  });

  it.each([
    ['no agent add-on', { cluster: { ...CLUSTER, podIdentityAgent: { state: 'not-installed' as const } } }, /EKS Pod Identity Agent add-on is blocked/],
    [
      'a Fargate profile selecting the pods',
      { cluster: { ...CLUSTER, fargateProfiles: { state: 'known' as const, profiles: [{ name: 'fp', status: 'ACTIVE', selectors: [{ namespace: 'orders' }] }] } } },
      /Fargate.* is blocked/,
    ],
    ['hostNetwork pods', { pods: { ...IRSA_PODS, hostNetworkPodCount: 1 } }, /hostNetwork.* is blocked/i],
  ])('refuses a service account that is not ready (%s), naming the readiness item', (_name, overrides, error) => {
    const result = planMigrationRequest({ entityRef: ENTITY, serviceAccounts: [API] }, ENTITY, [report(sa('api'), overrides)]);
    expect(result).toMatchObject({ ok: false, field: 'serviceAccounts[0]', error: expect.stringMatching(error) });
  });

  it('refuses a component whose service accounts are all migrated, or with one not ready', () => {
    const migrated = report(sa('api', {}));
    expect(planMigrationRequest({ entityRef: ENTITY }, ENTITY, [migrated])).toMatchObject({ ok: false, field: 'entityRef' });
    const blocked = report(sa('worker'), { cluster: { ...CLUSTER, podIdentityAgent: { state: 'not-installed' } } });
    const result = planMigrationRequest({ entityRef: ENTITY }, ENTITY, [report(sa('api')), blocked]);
    expect(result).toMatchObject({ ok: false, field: 'entityRef', error: expect.stringContaining('prod/orders/worker') });
  });

  it('refuses a service account whose trust statement and association are already there', () => {
    const done = report(sa('api'), { roles: [role([OIDC, POD_IDENTITY])], podIdentityAssociations: [association('api')] });
    const result = planMigrationRequest({ entityRef: ENTITY, serviceAccounts: [API] }, ENTITY, [done]);
    expect(result).toMatchObject({ ok: false, field: 'serviceAccounts[0]', error: expect.stringContaining('restart its pods') });
  });
});

describe('migrationRequestStage', () => {
  const planned = planMigrationRequest({ entityRef: ENTITY, serviceAccounts: [API] }, ENTITY, [report(sa('api'))]);
  if (!planned.ok) throw new Error(planned.error);
  const plan = planned.plan;
  const stageOf = (reports: IdentityReport[]) => migrationRequestStage(migrationRequestProgress(plan, reports));

  it('follows the live inventory step by step until the pods are verified on Pod Identity', () => {
    // Nothing applied yet: merged, waiting for the trust statement.
    const before = stageOf([report(sa('api'))]);
    expect(before.stage).toBe('merged');
    expect(before.missing.join(' ')).toContain('step 1');

    // Trust and association live; the running pods still use IRSA.
    const applied = stageOf([report(sa('api'), { roles: [role([OIDC, POD_IDENTITY])], podIdentityAssociations: [association('api')] })]);
    expect(applied.stage).toBe('live');
    expect(applied.missing.join(' ')).toContain('step 3 (Restart the pods)');

    // Restarted: the pods carry the Pod Identity credentials environment.
    const restarted = report(sa('api'), {
      roles: [role([OIDC, POD_IDENTITY])],
      podIdentityAssociations: [association('api')],
      pods: POD_IDENTITY_PODS,
    });
    const progress = migrationRequestProgress(plan, [restarted]);
    expect(migrationRequestStage(progress)).toEqual({ stage: 'verified', missing: [] });
    // Only now is the annotation removal offered.
    expect(annotationRemovalTargets(progress).map(p => p.serviceAccount)).toEqual([API]);
    expect(annotationRemovalTargets(migrationRequestProgress(plan, [report(sa('api'))]))).toEqual([]);
  });

  it('degrades a service account that left the inventory to unknown, and counts one without the annotation as migrated', () => {
    expect(migrationRequestProgress(plan, [])[0]).toMatchObject({ status: 'unknown', steps: [] });
    expect(stageOf([]).missing).toEqual(['prod/orders/api is not in the inventory']);
    expect(migrationRequestProgress(plan, [report(sa('api', {}))])[0].status).toBe('migrated');
  });
});
