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
import { mockServices } from '@backstage/backend-test-utils';
import { V1Pod, V1ServiceAccount } from '@kubernetes/client-node';
import { IRSA_ANNOTATIONS } from '@internal/plugin-aws-identity-common';
import { variedCluster } from '../../testing/variedPods';
import { ClusterInventory } from './ClusterInventory';
import { ClusterReadApi, ListPage, WatchStream } from './clusterReadApi';
import { accountOf, aggregateContributions, isUninjected, podContribution } from './podAggregates';

const ROLE = 'arn:aws:iam::111122223333:role/payments';
const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

function serviceAccount(namespace: string, name: string, annotations: Record<string, string> = {}, resourceVersion = '1'): V1ServiceAccount {
  return {
    metadata: { namespace, name, annotations, labels: { 'backstage.io/kubernetes-id': name }, resourceVersion },
  };
}

/** A pod the webhook mutated for `role` (its env names the role), or one it did not touch. */
function pod(namespace: string, name: string, serviceAccountName: string, role?: string): V1Pod {
  return {
    metadata: { namespace, name, labels: { app: serviceAccountName } },
    spec: {
      serviceAccountName,
      containers: [
        {
          name: 'app',
          env: role
            ? [
                { name: 'AWS_ROLE_ARN', value: role },
                { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' },
              ]
            : [],
        },
      ],
    },
  };
}

/** An API status error as client-node throws it. */
function apiError(code: number, message: string) {
  return Object.assign(new Error(`HTTP-Code: ${code}`), { code, body: JSON.stringify({ kind: 'Status', code, message }) });
}

/**
 * The Kubernetes API of one cluster, faked at the inventory's seam: LISTs page one item at a
 * time with continue tokens, the WATCH hands its callbacks to the test.
 */
class FakeClusterApi implements ClusterReadApi {
  serviceAccounts: V1ServiceAccount[] = [];
  pods: V1Pod[] = [];
  listRevision = '100';
  podsError?: Error;
  /** Continue tokens that have expired (410 Gone) once. */
  expireContinueOnce = false;
  readonly calls: string[] = [];
  watches: Array<{
    resource: 'serviceaccounts' | 'pods';
    resourceVersion?: string;
    onEvent: (phase: string, object: any) => void;
    done: (error: unknown) => void;
    aborted: boolean;
  }> = [];

  async listServiceAccounts(continueToken: string | undefined): Promise<ListPage<V1ServiceAccount>> {
    this.calls.push(`list serviceaccounts ${continueToken ?? ''}`.trim());
    return this.page(this.serviceAccounts, continueToken);
  }

  async listPods(continueToken: string | undefined): Promise<ListPage<V1Pod>> {
    this.calls.push(`list pods ${continueToken ?? ''}`.trim());
    if (this.podsError) throw this.podsError;
    return this.page(this.pods, continueToken);
  }

  async readIssuerDiscovery() {
    return { issuer: ISSUER };
  }

  /** Key names by `Kind/namespace/name`; an Error is thrown as the API's refusal. */
  keyNames: Record<string, string[] | Error> = {};

  async readKeyNames(kind: 'Secret' | 'ConfigMap', namespace: string, name: string) {
    this.calls.push(`get ${kind} ${namespace}/${name}`);
    const answer = this.keyNames[`${kind}/${namespace}/${name}`];
    if (answer instanceof Error) throw answer;
    if (!answer) throw Object.assign(new Error('not found'), { code: 404 });
    return answer;
  }

  watchServiceAccounts: WatchStream = (version, onEvent, done) => this.open('serviceaccounts', version, onEvent, done);
  watchPods: WatchStream = (version, onEvent, done) => this.open('pods', version, onEvent, done);

  /** The service-account watch currently open. */
  get watch() {
    return this.latest('serviceaccounts');
  }

  /** The pod watch currently open. */
  get podWatch() {
    return this.latest('pods');
  }

  private latest(resource: 'serviceaccounts' | 'pods') {
    return this.watches.filter(w => w.resource === resource).pop()!;
  }

  private async open(
    resource: 'serviceaccounts' | 'pods',
    resourceVersion: string | undefined,
    onEvent: (phase: string, object: any) => void,
    done: (error: unknown) => void,
  ): Promise<AbortController> {
    this.calls.push(`watch ${resource} ${resourceVersion}`);
    const watch = { resource, resourceVersion, onEvent, done, aborted: false };
    this.watches.push(watch);
    const controller = new AbortController();
    controller.signal.addEventListener('abort', () => {
      watch.aborted = true;
    });
    return controller;
  }

  private page<T>(items: T[], continueToken: string | undefined): ListPage<T> {
    if (continueToken && this.expireContinueOnce) {
      this.expireContinueOnce = false;
      throw apiError(410, 'The provided continue parameter is too old to display a consistent list result.');
    }
    const index = continueToken ? Number(continueToken) : 0;
    const next = index + 1 < items.length ? String(index + 1) : undefined;
    return { items: items.slice(index, index + 1), metadata: { _continue: next, resourceVersion: this.listRevision } };
  }
}

async function started(api: FakeClusterApi) {
  const inventory = new ClusterInventory({
    cluster: 'prod',
    api,
    logger: mockServices.logger.mock(),
    retryMs: 5,
  });
  const changes = jest.fn();
  inventory.onChange(changes);
  await inventory.start();
  return { inventory, changes };
}

/** Lets the callbacks the fake API started run. */
const settle = () => new Promise(resolve => setTimeout(resolve, 20));

/** The apiserver's answer to a watch from a compacted revision; the inventory must drop that watch. */
async function expireWatch(watch: FakeClusterApi['watches'][number]) {
  watch.onEvent('ERROR', { kind: 'Status', code: 410, message: 'too old resource version' });
  await settle();
  expect(watch.aborted).toBe(true);
}

describe('ClusterInventory', () => {
  let api: FakeClusterApi;
  beforeEach(() => {
    api = new FakeClusterApi();
    api.serviceAccounts = [
      serviceAccount('payments', 'payments-api', { [IRSA_ANNOTATIONS.roleArn]: ROLE }),
      serviceAccount('ledger', 'ledger'),
    ];
    api.pods = [pod('payments', 'payments-api-1', 'payments-api', ROLE), pod('payments', 'payments-api-2', 'payments-api', ROLE)];
  });

  it('lists every page of service accounts and pods, then watches each from its list revision', async () => {
    const { inventory } = await started(api);
    const current = inventory.view();
    expect([...current.serviceAccounts.keys()]).toEqual(['payments/payments-api', 'ledger/ledger']);
    expect(current.serviceAccountLabels.get('ledger/ledger')).toEqual({ 'backstage.io/kubernetes-id': 'ledger' });
    expect(current.pods.get('payments/payments-api')?.aggregate).toMatchObject({ podCount: 2, irsaEnvCount: 2 });
    expect(current.discoveredIssuer).toBe(ISSUER);
    expect(current.status).toMatchObject({ source: { kind: 'cluster', cluster: 'prod' }, state: 'ok' });
    expect(api.calls).toEqual([
      'list serviceaccounts',
      'list serviceaccounts 1',
      'watch serviceaccounts 100',
      'list pods',
      'list pods 1',
      'watch pods 100',
    ]);
  });

  it('follows watch events, and never changes a view it handed out', async () => {
    const { inventory, changes } = await started(api);
    const before = inventory.view();
    expect(inventory.view()).toBe(before);
    changes.mockClear();

    api.watch.onEvent('ADDED', serviceAccount('reports', 'reports', {}, '101'));
    api.watch.onEvent('DELETED', serviceAccount('ledger', 'ledger', {}, '102'));
    const after = inventory.view();

    expect([...after.serviceAccounts.keys()]).toEqual(['payments/payments-api', 'reports/reports']);
    expect([...before.serviceAccounts.keys()]).toEqual(['payments/payments-api', 'ledger/ledger']);
    expect(after).not.toBe(before);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('recounts the pods that need a restart when a role annotation changes', async () => {
    const { inventory } = await started(api);
    expect(inventory.view().pods.get('payments/payments-api')?.aggregate.createdBeforeAnnotationCount).toBe(0);

    // The pods still carry the old role: the webhook injects only when a pod is created.
    api.watch.onEvent('MODIFIED', serviceAccount('payments', 'payments-api', { [IRSA_ANNOTATIONS.roleArn]: `${ROLE}-v2` }, '101'));
    await settle();

    expect(inventory.view().pods.get('payments/payments-api')?.aggregate.createdBeforeAnnotationCount).toBe(2);
  });

  it('follows pod watch events into the aggregates, with no LIST after the first', async () => {
    const { inventory, changes } = await started(api);
    const before = inventory.view();
    changes.mockClear();

    api.podWatch.onEvent('ADDED', pod('ledger', 'ledger-1', 'ledger'));
    api.podWatch.onEvent('DELETED', pod('payments', 'payments-api-2', 'payments-api', ROLE));
    const after = inventory.view();

    expect(after.pods.get('ledger/ledger')?.aggregate.podCount).toBe(1);
    expect(after.pods.get('payments/payments-api')?.aggregate).toMatchObject({ podCount: 1, irsaEnvCount: 1 });
    // The view handed out before is unchanged.
    expect(before.pods.get('payments/payments-api')?.aggregate.podCount).toBe(2);
    expect(before.pods.has('ledger/ledger')).toBe(false);
    expect(changes).toHaveBeenCalledTimes(2);
    expect(api.calls.filter(c => c.startsWith('list pods'))).toEqual(['list pods', 'list pods 1']);
  });

  it('moves a modified pod between aggregates and drops an account whose last pod went', async () => {
    const { inventory } = await started(api);
    // MODIFIED replaces the pod's contribution: the webhook-less copy no longer counts as injected.
    api.podWatch.onEvent('MODIFIED', pod('payments', 'payments-api-1', 'payments-api'));
    expect(inventory.view().pods.get('payments/payments-api')?.aggregate).toMatchObject({ podCount: 2, irsaEnvCount: 1 });

    api.podWatch.onEvent('DELETED', pod('payments', 'payments-api-1', 'payments-api'));
    api.podWatch.onEvent('DELETED', pod('payments', 'payments-api-2', 'payments-api', ROLE));
    expect(inventory.view().pods.has('payments/payments-api')).toBe(false);
    // Deleting a pod the inventory never saw changes nothing.
    api.podWatch.onEvent('DELETED', pod('payments', 'ghost', 'payments-api'));
    expect(inventory.view().pods.size).toBe(0);
  });

  it('relists pods only when their watch says its revision is too old (410 Gone)', async () => {
    const { inventory } = await started(api);
    api.pods = [pod('ledger', 'ledger-1', 'ledger')];
    api.listRevision = '300';
    await expireWatch(api.podWatch);

    expect([...inventory.view().pods.keys()]).toEqual(['ledger/ledger']);
    expect(api.podWatch.resourceVersion).toBe('300');
    expect(inventory.counts().pods).toEqual({ lists: 2, watches: 2, relistsAfterGone: 1 });
    // A routine end resumes without a LIST.
    api.podWatch.onEvent('BOOKMARK', { metadata: { resourceVersion: '310' } });
    api.podWatch.done(null);
    await settle();
    expect(api.podWatch.resourceVersion).toBe('310');
    expect(inventory.counts().pods.lists).toBe(2);
  });

  it('relists when the apiserver refuses the watch request itself with HTTP 410, not retrying the same revision', async () => {
    const { inventory } = await started(api);
    api.pods = [pod('ledger', 'ledger-1', 'ledger')];
    api.listRevision = '400';
    // client-node's Watch ends a non-200 answer with an Error carrying `statusCode`.
    api.podWatch.done(Object.assign(new Error('Gone'), { statusCode: 410 }));
    await settle();
    expect([...inventory.view().pods.keys()]).toEqual(['ledger/ledger']);
    expect(api.podWatch.resourceVersion).toBe('400');
    expect(inventory.counts().pods).toEqual({ lists: 2, watches: 2, relistsAfterGone: 1 });
    expect(inventory.view().status).toMatchObject({ state: 'ok' });
  });

  it('reports a pod watch that failed as an error of the cluster until it is open again', async () => {
    const { inventory } = await started(api);
    api.podWatch.done(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(inventory.view().status).toMatchObject({ state: 'error', error: 'watching pods failed: socket hang up' });
    await settle();
    // Retried from the same revision; once open the cluster is ok again.
    expect(api.podWatch.resourceVersion).toBe('100');
    expect(inventory.view().status).toMatchObject({ state: 'ok' });
  });

  it('restarts a list whose continue token expired (410 Gone)', async () => {
    api.expireContinueOnce = true;
    const { inventory } = await started(api);
    expect(inventory.view().serviceAccounts.size).toBe(2);
    expect(api.calls.slice(0, 4)).toEqual([
      'list serviceaccounts',
      'list serviceaccounts 1',
      'list serviceaccounts',
      'list serviceaccounts 1',
    ]);
  });

  it('lists again when the watch says its revision is too old (410 Gone)', async () => {
    const { inventory } = await started(api);
    api.serviceAccounts = [serviceAccount('reports', 'reports')];
    api.listRevision = '200';
    await expireWatch(api.watch);

    expect([...inventory.view().serviceAccounts.keys()]).toEqual(['reports/reports']);
    expect(api.watch.resourceVersion).toBe('200');
  });

  it('resumes a watch the apiserver ended from the last revision it saw', async () => {
    await started(api);
    api.watch.onEvent('MODIFIED', serviceAccount('ledger', 'ledger', {}, '150'));
    api.watch.onEvent('BOOKMARK', { metadata: { resourceVersion: '160' } });
    api.watch.done(null);
    await settle();
    expect(api.watch.resourceVersion).toBe('160');
    expect(api.calls.filter(c => c.startsWith('list serviceaccounts'))).toHaveLength(2);
  });

  it('reports pods it may not list as an error of the cluster, and recovers', async () => {
    api.podsError = apiError(403, 'pods is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "pods"');
    const { inventory } = await started(api);
    expect(inventory.view().status).toMatchObject({
      state: 'error',
      error:
        'listing pods failed: HTTP 403: pods is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "pods"',
    });
    // Service accounts were read; they stay served.
    expect(inventory.view().serviceAccounts.size).toBe(2);

    delete api.podsError;
    // Retried with back-off (5 ms here, then doubling).
    await settle();
    await settle();
    expect(inventory.view().status).toMatchObject({ state: 'ok' });
    expect(inventory.view().pods.get('payments/payments-api')?.aggregate.podCount).toBe(2);
  });

  it('stops watching when stopped', async () => {
    const { inventory } = await started(api);
    inventory.stop();
    expect(api.watch.aborted).toBe(true);
    expect(api.podWatch.aborted).toBe(true);
  });
  describe('runtime facts', () => {
    /** A pod that reads every key of Secret `secret` into its env (`envFrom`), created at `created`. */
    function envFromPod(name: string, secret: string, created = '2026-03-01T10:00:00Z'): V1Pod {
      const base = pod('ledger', name, 'ledger');
      return {
        ...base,
        metadata: { ...base.metadata, creationTimestamp: new Date(created) },
        spec: { ...base.spec!, containers: [{ name: 'app', envFrom: [{ secretRef: { name: secret } }] }] },
      };
    }

    it("resolves envFrom Secrets to their key names once, from a cache, never on a view", async () => {
      api.pods = [envFromPod('ledger-1', 'legacy-creds'), envFromPod('ledger-2', 'legacy-creds')];
      api.keyNames['Secret/ledger/legacy-creds'] = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'DB_URL'];
      const { inventory } = await started(api);
      // The pods' list event, not a view, asked for the keys: they are read before anyone looks.
      expect(api.calls.filter(c => c.startsWith('get '))).toEqual(['get Secret ledger/legacy-creds']);
      await settle();
      const aggregate = inventory.view().pods.get('ledger/ledger')!.aggregate;
      expect(aggregate.credentialSources).toEqual([
        { variable: 'AWS_ACCESS_KEY_ID', via: 'env-from-secret', source: 'legacy-creds', podCount: 2 },
        { variable: 'AWS_SECRET_ACCESS_KEY', via: 'env-from-secret', source: 'legacy-creds', podCount: 2 },
      ]);
      expect(aggregate.staticKeysCount).toBe(2);
      expect(aggregate.unreadableEnvSources).toBeUndefined();
      // Two pods, several views, a new pod of the same Secret: one read.
      api.podWatch.onEvent('ADDED', envFromPod('ledger-3', 'legacy-creds'));
      inventory.view();
      await settle();
      inventory.view();
      expect(api.calls.filter(c => c.startsWith('get '))).toEqual(['get Secret ledger/legacy-creds']);
      expect(inventory.counts().envSources).toEqual({ reads: 1, errors: 0 });
    });

    it('says it could not read the keys when RBAC refuses get on secrets, and keeps the cluster ok', async () => {
      api.pods = [envFromPod('ledger-1', 'legacy-creds')];
      api.keyNames['Secret/ledger/legacy-creds'] = apiError(
        403,
        'secrets "legacy-creds" is forbidden: User "system:serviceaccount:backstage:reader" cannot get resource "secrets"',
      );
      const { inventory } = await started(api);
      inventory.view();
      await settle();
      const current = inventory.view();
      expect(current.pods.get('ledger/ledger')?.aggregate.unreadableEnvSources).toEqual([
        {
          kind: 'Secret',
          name: 'legacy-creds',
          reason: expect.stringContaining("could not read Secret legacy-creds's keys: HTTP 403"),
        },
      ]);
      // Reading secrets is optional: the limitation is the affected service account's, not the cluster's.
      expect(current.status.state).toBe('ok');
    });

    it("keeps the role annotation's managedFields time and the creation times of uninjected pods", async () => {
      api.serviceAccounts = [
        {
          metadata: {
            ...serviceAccount('ledger', 'ledger', { [IRSA_ANNOTATIONS.roleArn]: ROLE }).metadata,
            managedFields: [
              {
                manager: 'kubectl-annotate',
                operation: 'Update',
                time: new Date('2026-02-01T12:00:00Z'),
                fieldsV1: { 'f:metadata': { 'f:annotations': { [`f:${IRSA_ANNOTATIONS.roleArn}`]: {} } } },
              },
            ],
          },
        },
      ];
      api.keyNames['Secret/ledger/none'] = [];
      api.pods = [envFromPod('ledger-1', 'none', '2026-02-02T00:00:00Z'), envFromPod('ledger-2', 'none', '2026-02-03T00:00:00Z')];
      const { inventory } = await started(api);
      const current = inventory.view();
      expect(current.serviceAccounts.get('ledger/ledger')?.roleArnAnnotatedAt).toBe('2026-02-01T12:00:00.000Z');
      expect(current.pods.get('ledger/ledger')?.aggregate.uninjected).toEqual({
        count: 2,
        oldestCreatedAt: '2026-02-02T00:00:00.000Z',
        newestCreatedAt: '2026-02-03T00:00:00.000Z',
      });
      // A deleted pod's time goes with it.
      api.podWatch.onEvent('DELETED', envFromPod('ledger-2', 'none', '2026-02-03T00:00:00Z'));
      expect(inventory.view().pods.get('ledger/ledger')?.aggregate.uninjected).toEqual({
        count: 1,
        oldestCreatedAt: '2026-02-02T00:00:00.000Z',
        newestCreatedAt: '2026-02-02T00:00:00.000Z',
      });
    });
  });

  describe('compact state', () => {
    /**
     * Each account's aggregate computed from the full pods, as if every pod object were kept:
     * one contribution per pod with its own workload, nothing interned or shared.
     */
    function fromFullPods(pods: V1Pod[], accounts: V1ServiceAccount[], keyNames: Record<string, string[]>) {
      const byAccount = new Map<string, V1Pod[]>();
      for (const p of pods) byAccount.set(accountOf(p), [...(byAccount.get(accountOf(p)) ?? []), p]);
      const roles = new Map(accounts.map(a => [`${a.metadata?.namespace}/${a.metadata?.name}`, a.metadata?.annotations?.[IRSA_ANNOTATIONS.roleArn]]));
      return new Map(
        [...byAccount].map(([account, accountPods]) => {
          const contributions = accountPods.map(podContribution);
          const { aggregate, labelSets } = aggregateContributions(contributions, roles.get(account), {
            uninjectedCreatedAt: accountPods
              .filter((p, i) => isUninjected(contributions[i]) && p.metadata?.creationTimestamp)
              .map(p => new Date(p.metadata!.creationTimestamp!).toISOString()),
            envSourceKeys: (ref, namespace) => {
              const keys = keyNames[`${ref.kind}/${namespace}/${ref.name}`];
              return keys
                ? { keys: [...new Set(keys)].sort() }
                : { error: expect.stringContaining(`could not read ${ref.kind} ${ref.name}'s keys`) };
            },
          });
          return [account, { aggregate, labelSets: [...labelSets] }];
        }),
      );
    }

    const viewed = (inventory: ClusterInventory) =>
      new Map([...inventory.view().pods].map(([account, p]) => [account, { aggregate: p.aggregate, labelSets: [...p.labelSets] }]));

    it('gives the aggregates the full pods give, through list and watch events', async () => {
      const cluster = variedCluster(12, 7);
      api.serviceAccounts = cluster.serviceAccounts;
      api.pods = cluster.pods;
      api.keyNames = cluster.keyNames;
      const { inventory } = await started(api);
      await settle();
      const pods = new Map(cluster.pods.map(p => [`${p.metadata?.namespace}/${p.metadata?.name}`, p]));
      const expected = () => fromFullPods([...pods.values()], api.serviceAccounts, cluster.keyNames);
      expect(viewed(inventory)).toEqual(expected());

      // Deleted pods, a pod relabelled and orphaned (its controller gone), one a controller adopted.
      const events: Array<['ADDED' | 'MODIFIED' | 'DELETED', V1Pod]> = [];
      cluster.pods.filter((_, i) => i % 4 === 1).forEach(p => events.push(['DELETED', p]));
      const orphan = cluster.pods[0];
      events.push(['MODIFIED', { ...orphan, metadata: { ...orphan.metadata, ownerReferences: undefined, labels: { app: 'moved' } } }]);
      const bare = cluster.pods[2];
      events.push(['MODIFIED', { ...bare, metadata: { ...bare.metadata, ownerReferences: cluster.pods[0].metadata?.ownerReferences } }]);
      events.push(['ADDED', { ...cluster.pods[3], metadata: { ...cluster.pods[3].metadata, name: 'late-arrival' } }]);
      for (const [phase, p] of events) {
        api.podWatch.onEvent(phase, p);
        const key = `${p.metadata?.namespace}/${p.metadata?.name}`;
        if (phase === 'DELETED') pods.delete(key);
        else pods.set(key, p);
      }
      expect(viewed(inventory)).toEqual(expected());

      // A new role annotation changes which pods were created before it.
      const account = api.serviceAccounts[1];
      const reannotated = { metadata: { ...account.metadata, annotations: { [IRSA_ANNOTATIONS.roleArn]: 'arn:aws:iam::111122223333:role/other' } } };
      api.watch.onEvent('MODIFIED', reannotated);
      api.serviceAccounts = api.serviceAccounts.map(a => (a === account ? reannotated : a));
      expect(viewed(inventory)).toEqual(expected());
    });
  });
});
