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

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  buildIdentityReport,
  Cluster,
  ClusterServiceAccountRef,
  emptyPodAggregate,
  IdentityReport,
  MigrationRequest,
  PodAggregate,
  PodIdentityAssociation,
  PolicyStatement,
  Role,
  ServiceAccount,
} from '@internal/plugin-aws-identity-common';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitBranchDelivery } from '../delivery/GitBranchDelivery';
import { createBareRemote } from '../testing/bareRemote';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { LiveIdentity, RequestService, WORKFLOW_ACTOR } from './RequestService';
import { testDirectory } from './__fixtures__';

// A migration request follows the EKS User Guide's "Migrate to EKS Pod Identity": the pull
// request extends the role's trust and creates the association; the tracker then waits for
// the pods to be restarted onto Pod Identity before it offers removing the annotation.

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const author = { name: 'test', email: 'test@example.com' };
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 't@e' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv }).toString().trim();

const ACCOUNT = '111111111111';
const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/SANDBOXEAST';
const CLUSTER_ARN = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/sandbox-east`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/orders-api`;
const ENTITY = 'component:default/orders';
const API: ClusterServiceAccountRef = { cluster: 'sandbox-east', namespace: 'orders', name: 'api' };

const CLUSTER: Cluster = {
  name: 'sandbox-east',
  accountId: ACCOUNT,
  region: 'us-east-1',
  arn: CLUSTER_ARN,
  issuer: `https://${ISSUER}`,
  podIdentityAgent: { state: 'installed', status: 'ACTIVE', version: 'v1.3.4-eksbuild.1' },
  fargateProfiles: { state: 'known', profiles: [] },
};
const SA: ServiceAccount = { ...API, annotations: { 'eks.amazonaws.com/role-arn': ROLE_ARN } };
const OIDC: PolicyStatement = {
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: 'system:serviceaccount:orders:api' } },
};
const IRSA_PODS: PodAggregate = emptyPodAggregate({
  podCount: 1,
  irsaEnvCount: 1,
  irsaVolumeCount: 1,
  roleArnsInEnv: [{ roleArn: ROLE_ARN, podCount: 1 }],
  workloads: ['Deployment/api'],
  hostNetworkPodCount: 0,
  fargatePodCount: 0,
});
const ASSOCIATION: PodIdentityAssociation = { associationId: 'a-1', cluster: 'sandbox-east', namespace: 'orders', serviceAccount: 'api', roleArn: ROLE_ARN };

/** The inventory as the sources would report it, turned into reports by the real engine. */
interface Inventory {
  trust: PolicyStatement[];
  associations: PodIdentityAssociation[];
  pods: PodAggregate;
  cluster: Cluster;
  /** Whether the cluster and its account were read (the re-check after verified needs both). */
  read?: boolean;
}

function liveFrom(inventory: Inventory): LiveIdentity {
  const report = (): IdentityReport =>
    buildIdentityReport({
      cluster: inventory.cluster,
      serviceAccount: SA,
      pods: inventory.pods,
      podLabelSets: [{ app: 'orders' }],
      roles: [{ arn: ROLE_ARN, name: 'orders-api', accountId: ACCOUNT, trustPolicy: { Version: '2012-10-17', Statement: inventory.trust }, permissionPolicies: [] } as Role],
      completeAccounts: [ACCOUNT],
      oidcProviders: [{ arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, accountId: ACCOUNT, issuerHostPath: ISSUER, clientIds: ['sts.amazonaws.com'] }],
      podIdentityAssociations: inventory.associations,
    });
  return {
    role: () => undefined,
    clusters: () => [inventory.cluster],
    accountStatus: () => undefined,
    refreshAccounts: async () => {},
    binding: () =>
      inventory.read
        ? { known: true, annotations: SA.annotations, associationRoleArns: inventory.associations.map(a => a.roleArn) }
        : { known: false },
    entityReports: async entityRef => (entityRef === ENTITY ? [report()] : undefined),
    serviceAccountReport: ref => (ref.cluster === API.cluster && ref.namespace === API.namespace && ref.name === API.name ? report() : undefined),
  };
}

describe('RequestService: migration requests', () => {
  let root: string;
  let remote: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'aws-identity-migration-'));
    remote = createBareRemote(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function service(inventory: Inventory) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseRequestStore.create({ database: mockServices.database({ knex }) });
    const requests = new RequestService({
      store,
      directory: testDirectory,
      live: liveFrom(inventory),
      logger: mockServices.logger.mock(),
      delivery: new GitBranchDelivery({ remote, baseBranch: 'main', author }),
    });
    return { store, requests };
  }
  const jane = { ref: 'user:default/jane', kind: 'user' as const };
  const body = (request: Record<string, unknown>) => ({ kind: 'migration', idempotencyKey: 'm1', request, format: 'terraform' });

  it('goes through approval (four eyes), delivery and tracking to verified', async () => {
    const inventory: Inventory = { trust: [OIDC], associations: [], pods: IRSA_PODS, cluster: CLUSTER };
    const { store, requests } = await service(inventory);

    const { request, created } = await requests.submit(body({ entityRef: ENTITY, serviceAccounts: [API] }), jane);
    expect(created).toBe(true);
    expect(request).toMatchObject({ kind: 'migration', state: 'submitted', entityRef: ENTITY, requestedBy: 'user:default/jane' });
    // The same key and input is the same request.
    expect((await requests.submit(body({ entityRef: ENTITY, serviceAccounts: [API] }), jane)).created).toBe(false);

    // Never approve your own.
    await expect(
      requests.decide({ id: request.id, action: 'approve', actor: { ref: 'user:default/jane', mayDecide: true } }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await requests.decide({ id: request.id, action: 'approve', actor: { ref: 'user:default/alice', mayDecide: true } });

    await requests.advance();
    let current = (await store.get(request.id)) as MigrationRequest;
    expect(current.state).toBe('pr-open');
    const branch = current.delivery!.branch;
    const files = git(root, '--git-dir', remote, 'ls-tree', '-r', '--name-only', branch).split('\n');
    expect(files.filter(f => f.startsWith('aws-identity/'))).toEqual([
      'aws-identity/pod-identity-migration/policies/migrate-sandbox-east-orders-api-trust-policy.json',
      'aws-identity/pod-identity-migration/terraform/migrate-sandbox-east-orders-api.tf',
    ]);
    const tf = git(root, '--git-dir', remote, 'show', `${branch}:aws-identity/pod-identity-migration/terraform/migrate-sandbox-east-orders-api.tf`);
    expect(tf).toContain('resource "aws_eks_pod_identity_association"');
    expect(tf).toContain('pods.eks.amazonaws.com');
    expect(git(root, '--git-dir', remote, 'log', '-1', '--format=%B', branch)).toContain('Approved-by: user:default/alice');

    const work = join(root, 'merge');
    git(root, 'clone', '--quiet', remote, work);
    git(work, 'fetch', '--quiet', 'origin', branch);
    git(work, 'merge', '--quiet', '--no-edit', 'FETCH_HEAD');
    git(work, 'push', '--quiet', 'origin', 'HEAD:main');
    await requests.advance();
    expect((await store.get(request.id))!.state).toBe('merged');

    // Merged but not applied: the tracker says which step is missing.
    await requests.advance();
    current = (await store.get(request.id)) as MigrationRequest;
    expect(current.state).toBe('merged');
    expect(current.verification?.drift.join(' ')).toContain('step 1');

    // Applied: the role trusts Pod Identity and the association exists; pods still on IRSA.
    inventory.trust = [OIDC, JSON.parse(JSON.stringify(current.migration.targets[0].plan.trustChange!.statement))];
    inventory.associations = [ASSOCIATION];
    await requests.advance();
    expect((await store.get(request.id))!.state).toBe('live');
    await requests.advance();
    current = (await store.get(request.id)) as MigrationRequest;
    expect(current.state).toBe('live');
    expect(current.verification?.drift.join(' ')).toContain('Restart the pods');

    // Not verified yet: the annotation removal is not offered, and refused.
    const reader = { ref: 'user:default/jane', mayDecide: false, catalog: async () => ({ hidden: new Set<string>(), owners: new Map<string, string>() }) };
    expect(((await requests.get(request.id, reader)) as MigrationRequest).annotationRemoval).toBeUndefined();
    await expect(requests.removeAnnotation(request.id, reader)).rejects.toMatchObject({ name: 'ConflictError', message: expect.stringContaining('once the request is verified') });

    // Restarted onto Pod Identity: verified, and the progress offers removing the annotation.
    inventory.pods = { ...IRSA_PODS, irsaEnvCount: 0, irsaVolumeCount: 0, roleArnsInEnv: [], podIdentityEnvCount: 1 };
    await requests.advance();
    const verified = (await requests.get(request.id, reader)) as MigrationRequest;
    expect(verified.state).toBe('verified');
    expect(verified.progress?.[0].steps.find(s => s.id === 'remove-annotation')?.state).toBe('next');
    expect(verified.annotationRemoval).toEqual({ serviceAccounts: [API] });

    // The follow-up change: the annotation patch and, as only orders/api relied on it, the trust without the OIDC statement.
    const followed = (await requests.removeAnnotation(request.id, reader)) as MigrationRequest;
    expect(followed.followUp?.branch).toBe(`aws-identity/request-${request.id}-remove-annotation`);
    expect(followed.annotationRemoval).toBeUndefined();
    const followUpFiles = git(root, '--git-dir', remote, 'ls-tree', '-r', '--name-only', followed.followUp!.branch).split('\n').filter(f => f.startsWith('aws-identity/'));
    expect(followUpFiles).toEqual(expect.arrayContaining([
      'aws-identity/pod-identity-migration/kubernetes/migrate-sandbox-east-orders-api-remove-irsa-annotation.yaml',
      'aws-identity/pod-identity-migration/policies/migrate-sandbox-east-orders-api-trust-policy-without-oidc.json',
      'aws-identity/pod-identity-migration/terraform/migrate-sandbox-east-orders-api-remove-oidc.tf',
    ]));
    const withoutOidc = JSON.parse(git(root, '--git-dir', remote, 'show', `${followed.followUp!.branch}:aws-identity/pod-identity-migration/policies/migrate-sandbox-east-orders-api-trust-policy-without-oidc.json`));
    expect(withoutOidc.Statement).toEqual([inventory.trust[1]]);
    // Delivered once: a second call answers the recorded change.
    expect(((await requests.removeAnnotation(request.id, reader)) as MigrationRequest).followUp).toEqual(followed.followUp);
    expect(verified.transitions.map(t => [t.to, t.actor])).toEqual([
      ['submitted', 'user:default/jane'],
      ['approved', 'user:default/alice'],
      ['pr-open', WORKFLOW_ACTOR],
      ['merged', WORKFLOW_ACTOR],
      ['live', WORKFLOW_ACTOR],
      ['verified', WORKFLOW_ACTOR],
    ]);
  });

  it.each([
    ['an entity the catalog lacks', { entityRef: 'component:default/nope' }, /^request\.entityRef: component:default\/nope is not in the catalog/],
    ['no entity ref', { serviceAccounts: [API] }, /^request\.entityRef: must be an entity ref/],
    ['an unknown service account', { entityRef: ENTITY, serviceAccounts: [{ ...API, name: 'x' }] }, /^request\.serviceAccounts\[0\]: .* is not a service account of component:default\/orders/],
  ])('refuses %s with a 400 naming the field, storing nothing', async (_name, input, message) => {
    const { store, requests } = await service({ trust: [OIDC], associations: [], pods: IRSA_PODS, cluster: CLUSTER });
    await expect(requests.submit(body(input), jane)).rejects.toMatchObject({ name: 'InputError', message: expect.stringMatching(message) });
    expect(await store.count({})).toBe(0);
  });

  it('refuses a service account that is not ready, naming the failing readiness item', async () => {
    const { requests } = await service({ trust: [OIDC], associations: [], pods: IRSA_PODS, cluster: { ...CLUSTER, podIdentityAgent: { state: 'not-installed' } } });
    await expect(requests.submit(body({ entityRef: ENTITY }), jane)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^request\.entityRef: "sandbox-east\/orders\/api" is not ready to migrate: EKS Pod Identity Agent add-on is blocked/),
    });
  });

  describe('after verified', () => {
    const ON_POD_IDENTITY: PodAggregate = { ...IRSA_PODS, irsaEnvCount: 0, irsaVolumeCount: 0, roleArnsInEnv: [], podIdentityEnvCount: 1 };

    /** A migration the tracker verified, over an inventory that shows it done and is read. */
    async function verifiedMigration() {
      const inventory: Inventory = { trust: [OIDC], associations: [], pods: IRSA_PODS, cluster: CLUSTER };
      const { store, requests } = await service(inventory);
      const { request } = await requests.submit(body({ entityRef: ENTITY, serviceAccounts: [API] }), jane);
      const statement = (request as MigrationRequest).migration.targets[0].plan.trustChange!.statement;
      Object.assign(inventory, { trust: [OIDC, JSON.parse(JSON.stringify(statement))], associations: [ASSOCIATION], pods: ON_POD_IDENTITY, read: true });
      for (const [from, to] of [['submitted', 'approved'], ['approved', 'pr-open'], ['pr-open', 'merged'], ['merged', 'live'], ['live', 'verified']] as const) {
        await store.transition({ id: request.id, from, to, actor: WORKFLOW_ACTOR });
      }
      await requests.advance();
      expect((await store.get(request.id))!.state).toBe('verified');
      return { inventory, store, requests, id: request.id, podIdentityStatement: inventory.trust[1] };
    }

    it('moves to drifted when the association is deleted, with the fix and the drift on the targets\' reports, and back when it is recreated', async () => {
      const { inventory, store, requests, id } = await verifiedMigration();
      inventory.associations = [];
      await requests.advance();
      const drifted = (await store.get(id))!;
      expect(drifted.state).toBe('drifted');
      expect(drifted.verification?.drift).toEqual(expect.arrayContaining(['the Pod Identity association of orders/api on sandbox-east was deleted']));
      expect(drifted.verification?.fix).toMatch(/^Apply the delivered migration code again/);
      expect(await requests.driftedRequests()).toEqual([
        {
          request: expect.objectContaining({ requestId: id, roleArn: ROLE_ARN, kind: 'migration', drift: drifted.verification?.drift }),
          serviceAccounts: [API],
        },
      ]);
      inventory.associations = [ASSOCIATION];
      await requests.advance();
      const repaired = (await store.get(id))!;
      expect(repaired.state).toBe('verified');
      expect(repaired.transitions[repaired.transitions.length - 1].reason).toBe(
        'repaired: the associations, trust and pods are on EKS Pod Identity again',
      );
    });

    it('moves to drifted when the role no longer trusts EKS Pod Identity, and when pods run on IRSA again', async () => {
      const { inventory, store, requests, id, podIdentityStatement } = await verifiedMigration();
      inventory.trust = [OIDC];
      await requests.advance();
      expect((await store.get(id))!.verification?.drift).toEqual(
        expect.arrayContaining([expect.stringMatching(/^the trust policy of arn:aws:iam::111111111111:role\/orders-api no longer admits EKS Pod Identity/)]),
      );
      expect((await store.get(id))!.state).toBe('drifted');
      inventory.trust = [OIDC, podIdentityStatement];
      inventory.pods = IRSA_PODS;
      await requests.advance();
      expect((await store.get(id))!.verification?.drift).toEqual(['1 running pod(s) of orders/api on sandbox-east do not use EKS Pod Identity (0 do)']);
    });

    it('concludes nothing while the cluster or its account cannot be read', async () => {
      const { inventory, store, requests, id } = await verifiedMigration();
      inventory.associations = [];
      inventory.read = false;
      await requests.advance();
      expect((await store.get(id))!.state).toBe('verified');
    });
  });
});
