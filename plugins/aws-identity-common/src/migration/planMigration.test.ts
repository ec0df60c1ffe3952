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
import { IdentityReportInput } from '../report/types';
import {
  Cluster,
  FargateProfile,
  PodAggregate,
  PodIdentityAssociation,
  Role,
  ServiceAccount,
  emptyPodAggregate,
} from '../domain/types';
import { PolicyStatement } from '../policy/types';
import { summarizeMigrations } from './summarizeMigrations';
import { MigrationPlan, MigrationReadinessId, MigrationStepId } from './types';

// Cases follow the EKS User Guide: "Learn how EKS Pod Identity grants pods access to AWS
// services" (restrictions: agent add-on, no Fargate), "Migrate to EKS Pod Identity" (extend the
// trust, associate, restart; the association wins over the annotation), and eksctl's
// `utils migrate-to-pod-identity` (adds the pods.eks.amazonaws.com statement next to the OIDC
// one; removing the OIDC trust is a separate, optional step).

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/orders-api`;
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;

const CLUSTER: Cluster = {
  name: 'prod',
  accountId: ACCOUNT,
  region: 'eu-west-1',
  arn: CLUSTER_ARN,
  issuer: `https://${ISSUER}`,
  kubernetesVersion: '1.31',
  podIdentityAgent: { state: 'installed', status: 'ACTIVE', version: 'v1.3.4-eksbuild.1' },
  fargateProfiles: { state: 'known', profiles: [] },
};

const SA: ServiceAccount = {
  cluster: 'prod',
  namespace: 'orders',
  name: 'api',
  annotations: { 'eks.amazonaws.com/role-arn': ROLE_ARN },
};

const oidcStatement = (subjects: string | string[] = 'system:serviceaccount:orders:api'): PolicyStatement => ({
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: subjects } },
});

const POD_IDENTITY_STATEMENT: PolicyStatement = {
  Effect: 'Allow',
  Principal: { Service: 'pods.eks.amazonaws.com' },
  Action: ['sts:AssumeRole', 'sts:TagSession'],
  Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnEquals: { 'aws:SourceArn': CLUSTER_ARN } },
};

const role = (statements: PolicyStatement[], arn = ROLE_ARN): Role => ({
  arn,
  name: arn.split('/').pop() ?? 'role',
  accountId: arn.split(':')[4],
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

const LABELS = [{ app: 'orders-api', 'backstage.io/kubernetes-id': 'orders' }];

function plan(overrides: Partial<IdentityReportInput> = {}): MigrationPlan {
  const input: IdentityReportInput = {
    cluster: CLUSTER,
    serviceAccount: SA,
    pods: IRSA_PODS,
    podLabelSets: LABELS,
    roles: [role([oidcStatement()])],
    completeAccounts: [ACCOUNT],
    oidcProviders: [
      { arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, accountId: ACCOUNT, issuerHostPath: ISSUER, clientIds: ['sts.amazonaws.com'] },
    ],
    podIdentityAssociations: [],
    ...overrides,
  };
  const migration = buildIdentityReport(input).migration;
  if (!migration) throw new Error('no migration plan');
  return migration;
}

const item = (p: MigrationPlan, id: MigrationReadinessId) => p.readiness.find(r => r.id === id)!;
const states = (p: MigrationPlan) => Object.fromEntries(p.steps.map(s => [s.id, s.state])) as Record<MigrationStepId, string>;

const profile = (selectors: FargateProfile['selectors'], name = 'fp-orders'): FargateProfile => ({
  name,
  status: 'ACTIVE',
  selectors,
});

describe('planMigration', () => {
  it('plans a ready IRSA workload: trust first, association next, the IRSA path last', () => {
    const p = plan();
    expect(p.status).toBe('ready');
    expect(p.readiness.every(r => r.state === 'ready')).toBe(true);
    expect(states(p)).toEqual({
      'add-trust-statement': 'next',
      'create-association': 'pending',
      'restart-pods': 'pending',
      'verify-pods': 'pending',
      'remove-annotation': 'pending',
      'remove-oidc-statement': 'pending',
    });
    expect(p.steps.map(s => s.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(p.steps[5].optional).toBe(true);
    // The appended statement is the scaffolder generator's, pinned to account and cluster; the
    // OIDC statement stays in front of it.
    expect(p.trustChange?.statement).toEqual(POD_IDENTITY_STATEMENT);
    expect(p.trustChange?.trustPolicy.Statement).toEqual([oidcStatement(), POD_IDENTITY_STATEMENT]);
    expect(p.association).toEqual({
      eksClusterName: 'prod',
      cluster: 'prod',
      region: 'eu-west-1',
      namespace: 'orders',
      serviceAccount: 'api',
      roleArn: ROLE_ARN,
    });
  });

  it('is no plan for a service account without an IRSA annotation', () => {
    const report = buildIdentityReport({
      cluster: CLUSTER,
      serviceAccount: { ...SA, annotations: {} },
      roles: [],
      oidcProviders: [],
      podIdentityAssociations: [],
    });
    expect(report.migration).toBeUndefined();
  });

  it.each([
    ['not installed', { state: 'not-installed' as const }, 'blocked', /create-addon --cluster-name prod --addon-name eks-pod-identity-agent/],
    ['degraded', { state: 'installed' as const, status: 'DEGRADED', version: 'v1.3.4' }, 'blocked', /ACTIVE/],
    ['still creating', { state: 'installed' as const, status: 'CREATING' }, 'blocked', /ACTIVE/],
    ['unreadable (AccessDenied)', { state: 'unknown' as const, reason: 'AccessDeniedException: not authorized to perform eks:ListAddons' }, 'unknown', /eks:ListAddons/],
  ])('refuses the association while the agent add-on is %s', (_name, agent, state, fix) => {
    const p = plan({ cluster: { ...CLUSTER, podIdentityAgent: agent } });
    const agentItem = item(p, 'pod-identity-agent');
    expect(agentItem.state).toBe(state);
    expect(agentItem.fix).toMatch(fix);
    expect(p.status).toBe(state);
    // Extending the trust is harmless without the agent; associating is not.
    expect(states(p)['add-trust-statement']).toBe('next');
    expect(states(p)['create-association']).toBe('blocked');
    expect(p.steps[1].reason).toContain('EKS Pod Identity Agent add-on');
  });

  it('never calls the agent ready when the add-ons were not read at all', () => {
    const { podIdentityAgent: _unread, ...cluster } = CLUSTER;
    expect(item(plan({ cluster }), 'pod-identity-agent').state).toBe('unknown');
  });

  it.each([
    ['a namespace-only selector', [{ namespace: 'orders' }], 'blocked', 'blocked'],
    ['a wildcard namespace', [{ namespace: 'ord*' }], 'blocked', 'blocked'],
    ['a selector whose labels the pods carry', [{ namespace: 'orders', labels: { app: 'orders-api' } }], 'blocked', 'blocked'],
    ['a wildcard label value', [{ namespace: 'orders', labels: { app: 'orders-*' } }], 'blocked', 'blocked'],
    ['a selector with a label the pods lack', [{ namespace: 'orders', labels: { app: 'orders-api', tier: 'batch' } }], 'ready', 'pending'],
    ['another namespace', [{ namespace: 'kube-system' }], 'ready', 'pending'],
  ])('matches Fargate profiles against the pods: %s', (_name, selectors, state, associationState) => {
    const p = plan({ cluster: { ...CLUSTER, fargateProfiles: { state: 'known', profiles: [profile(selectors)] } } });
    expect(item(p, 'fargate').state).toBe(state);
    expect(item(p, 'fargate').evidence).toMatch(state === 'blocked' ? /Fargate profile fp-orders selects the pods/ : /None of the 1 Fargate profiles/);
    expect(states(p)['create-association']).toBe(associationState);
  });

  it('ignores a Fargate profile being deleted, and refuses pods seen running on Fargate', () => {
    const deleting = { ...profile([{ namespace: 'orders' }]), status: 'DELETING' };
    expect(item(plan({ cluster: { ...CLUSTER, fargateProfiles: { state: 'known', profiles: [deleting] } } }), 'fargate').state).toBe('ready');
    expect(item(plan({ pods: { ...IRSA_PODS, fargatePodCount: 1 } }), 'fargate').state).toBe('blocked');
  });

  it('cannot rule Fargate out without the profiles, nor a labelled selector without running pods', () => {
    expect(item(plan({ cluster: { ...CLUSTER, fargateProfiles: { state: 'unknown', reason: 'AccessDenied' } } }), 'fargate').state).toBe('unknown');
    const labelled = { state: 'known' as const, profiles: [profile([{ namespace: 'orders', labels: { app: 'x' } }])] };
    const p = plan({ cluster: { ...CLUSTER, fargateProfiles: labelled }, pods: emptyPodAggregate({ hostNetworkPodCount: 0 }), podLabelSets: [] });
    expect(item(p, 'fargate').state).toBe('unknown');
  });

  it('refuses hostNetwork pods and does not guess when they were not counted', () => {
    const p = plan({ pods: { ...IRSA_PODS, hostNetworkPodCount: 1 } });
    expect(item(p, 'host-network').state).toBe('blocked');
    expect(item(p, 'host-network').evidence).toMatch(/^1 of 2 running pods use hostNetwork/);
    const { hostNetworkPodCount: _uncounted, ...uncounted } = IRSA_PODS;
    expect(item(plan({ pods: uncounted }), 'host-network').state).toBe('unknown');
  });

  it('measures the trust policy without whitespace against the account quota (2,048 by default)', () => {
    // 40 subjects bring the OIDC statement close to the quota; the Pod Identity statement does not fit.
    const subjects = Array.from({ length: 40 }, (_, i) => `system:serviceaccount:orders:api-${String(i).padStart(2, '0')}`);
    const big = role([oidcStatement(['system:serviceaccount:orders:api', ...subjects])]);
    const p = plan({ roles: [big] });
    const size = item(p, 'trust-policy-size');
    expect(p.trustChange?.minifiedLength).toBe(JSON.stringify(p.trustChange?.trustPolicy).length);
    expect(p.trustChange!.minifiedLength).toBeGreaterThan(2048);
    expect(size.state).toBe('blocked');
    expect(size.fix).toMatch(/up to 4096/);
    expect(states(p)['add-trust-statement']).toBe('blocked');
    // The account's own AssumeRolePolicySizeMax (raised to 4,096) leaves room.
    const raised = plan({ roles: [big], options: { trustPolicyQuotaByAccount: { [ACCOUNT]: 4096 } } });
    expect(item(raised, 'trust-policy-size').state).toBe('ready');
    expect(raised.trustChange?.quota).toBe(4096);
  });

  it('keeps statements of other callers and says so', () => {
    const ec2: PolicyStatement = { Sid: 'Batch', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
    const p = plan({ roles: [role([oidcStatement(), ec2])] });
    const other = item(p, 'other-trusted-principals');
    expect(other.state).toBe('attention');
    expect(other.evidence).toContain('statement 1 (Batch): Service ec2.amazonaws.com');
    expect(p.status).toBe('ready');
    expect(p.trustChange?.trustPolicy.Statement).toEqual([oidcStatement(), ec2, POD_IDENTITY_STATEMENT]);
  });

  it('proposes a target-role chain for a role in another account than the cluster', () => {
    const crossArn = `arn:aws:iam::${OTHER_ACCOUNT}:role/orders-api`;
    const cross: Role = {
      ...role([{ ...oidcStatement(), Principal: { Federated: `arn:aws:iam::${OTHER_ACCOUNT}:oidc-provider/${ISSUER}` } }], crossArn),
    };
    const p = plan({
      serviceAccount: { ...SA, annotations: { 'eks.amazonaws.com/role-arn': crossArn } },
      roles: [cross],
      completeAccounts: [OTHER_ACCOUNT],
    });
    const x = item(p, 'cross-account');
    expect(x.state).toBe('blocked');
    expect(x.fix).toContain(`${crossArn} as targetRoleArn`);
    expect(p.trustChange).toBeUndefined();
    expect(states(p)['add-trust-statement']).toBe('blocked');
    expect(states(p)['create-association']).toBe('blocked');
  });

  it('tracks the steps from the inventory: trust added, associated, pods restarted and verified', () => {
    const association: PodIdentityAssociation = {
      associationId: 'a-0123456789abcdefg',
      cluster: 'prod',
      namespace: 'orders',
      serviceAccount: 'api',
      roleArn: ROLE_ARN,
    };
    const migrated = role([oidcStatement(), POD_IDENTITY_STATEMENT]);
    const trusted = plan({ roles: [migrated] });
    expect(states(trusted)['add-trust-statement']).toBe('done');
    expect(states(trusted)['create-association']).toBe('next');
    expect(trusted.status).toBe('in-progress');
    expect(trusted.steps[1].remediation?.[0].code).toContain(
      'aws eks create-pod-identity-association --cluster-name prod',
    );

    // Associated; the running pods were created before it and still use IRSA.
    const associated = plan({ roles: [migrated], podIdentityAssociations: [association] });
    expect(states(associated)['create-association']).toBe('done');
    expect(states(associated)['restart-pods']).toBe('next');
    expect(associated.steps[2].remediation?.[0].code).toContain('kubectl rollout restart deployment/api -n orders');

    // Restarted: the webhook gave every new pod the container-credentials environment.
    const onPodIdentity = { ...IRSA_PODS, irsaEnvCount: 0, irsaVolumeCount: 0, roleArnsInEnv: [], podIdentityEnvCount: 2 };
    const verified = plan({ roles: [migrated], podIdentityAssociations: [association], pods: onPodIdentity });
    expect(states(verified)).toMatchObject({
      'add-trust-statement': 'done',
      'create-association': 'done',
      'restart-pods': 'done',
      'verify-pods': 'done',
      'remove-annotation': 'next',
      'remove-oidc-statement': 'pending',
    });
    expect(verified.steps[4].remediation?.[0].code).toContain('eks.amazonaws.com/role-arn-');
  });

  it('keeps the OIDC statement while other subjects rely on it', () => {
    const shared = role([oidcStatement(['system:serviceaccount:orders:api', 'system:serviceaccount:orders:worker'])]);
    const p = plan({ roles: [shared] });
    expect(states(p)['remove-oidc-statement']).toBe('blocked');
    expect(p.steps[5].reason).toContain('system:serviceaccount:orders:worker');
    expect(plan().steps[5].reason).toContain('Only system:serviceaccount:orders:api relies on the OIDC statement');
  });

  it('blocks the association when another role is already associated, or associations are unreadable', () => {
    const other: PodIdentityAssociation = { cluster: 'prod', namespace: 'orders', serviceAccount: 'api', roleArn: `arn:aws:iam::${ACCOUNT}:role/other` };
    expect(plan({ podIdentityAssociations: [other] }).steps[1].reason).toContain('another role');
    expect(states(plan({ podIdentityAssociationsKnown: false }))['create-association']).toBe('blocked');
  });
});

describe('summarizeMigrations', () => {
  it('counts the service accounts ready to migrate', () => {
    const ready = plan();
    const blocked = plan({ cluster: { ...CLUSTER, podIdentityAgent: { state: 'not-installed' } } });
    const summary = summarizeMigrations([ready, ready, blocked]);
    expect(summary).toMatchObject({ total: 3, ready: 2, blocked: 1, unknown: 0, migrated: 0 });
    expect(summary.headline).toBe('2 of 3 service accounts ready to migrate to EKS Pod Identity.');
  });
});
