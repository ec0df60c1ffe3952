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
 * Fault cases F1–F7 of security.md §4 against the sandbox: each source that cannot be read is
 * reported per source over HTTP while the others are served, and nothing unreadable is "ok".
 *
 * Everything here is non-destructive for a shared sandbox: AWS faults are proxy rules scoped to
 * one account and cleared after each test, unreachable clusters are a proxy of this test taken
 * down (or addresses nobody listens on), and RBAC cases use new service accounts.
 */

import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  CLUSTER_EAST,
  CLUSTER_WEST,
  FaultRule,
  Sandbox,
  useSandbox,
} from '@internal/aws-identity-test';
import {
  EntityIdentityResponse,
  SourceStatus,
} from '@internal/plugin-aws-identity-common';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { createServer } from 'node:net';
import request from 'supertest';
import { KubeApiProxy, KubeRequestRecord } from './testing/kubeApiProxy';
import {
  eventually,
  SandboxBackend,
  SandboxClusterConfig,
  SandboxPortalConfig,
  sourceOf,
  startSandboxBackend,
} from './testing/sandboxBackend';

jest.setTimeout(300_000);

/** An entity whose only service account runs in sandbox-west (account B) with a role of B. */
const WEST_ENTITY = 'component:default/catalog-sync';
/** An entity whose service account runs in sandbox-east with a role of account A. */
const EAST_ENTITY = 'component:default/sdc';

describe('fault handling against the sandbox (security.md §4)', () => {
  let sandbox: Sandbox;
  let backend: SandboxBackend | undefined;
  const proxies: KubeApiProxy[] = [];

  beforeAll(async () => {
    sandbox = await useSandbox();
  });

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    await sandbox.proxy.clearFaults();
    for (const proxy of proxies.splice(0)) await proxy.stop();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  const start = async (options: {
    configure?: (config: SandboxPortalConfig) => void;
  }) => {
    backend = await startSandboxBackend({
      state: sandbox.state,
      configure: options.configure,
      awsIdentity: {
        syncIntervalSeconds: 300,
        staleAfterSeconds: 3600,
      },
    });
    return backend;
  };

  const sources = async (): Promise<SourceStatus[]> => {
    const response = await request(backend!.server)
      .get('/api/aws-identity/sources')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return response.body.sources;
  };

  const identity = async (entityRef: string): Promise<EntityIdentityResponse> => {
    const response = await request(backend!.server)
      .get('/api/aws-identity/identity')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return response.body;
  };

  /** Waits until every source has been read once (none is still "not read yet"). */
  const settled = () =>
    eventually(sources, list =>
      list.every(s => s.state === 'ok' || (s.state === 'error' && Boolean(s.error))),
    );

  const clustersOf = (config: SandboxPortalConfig) =>
    config.kubernetes.clusterLocatorMethods[0].clusters as SandboxClusterConfig[];

  const accountOf = (config: SandboxPortalConfig, accountId: string) => {
    const account = config.aws.accounts.find(a => a.accountId === accountId);
    if (!account) throw new Error(`no configured account ${accountId}`);
    return account as typeof account & { roleName?: string };
  };

  const expectOk = (list: SourceStatus[], key: { accountId: string } | { cluster: string }) =>
    // objectContaining prints the whole status (with its error) when it is not ok.
    expect(sourceOf(list, key)).toEqual(expect.objectContaining({ state: 'ok' }));

  /** Counts the proxy's calls from zero, with `fault` in force. */
  const withFreshCounts = async (fault: FaultRule) => {
    await sandbox.proxy.resetCounts();
    await sandbox.proxy.addFault(fault);
  };

  describe('F1: IAM throttled', () => {
    it('retries a throttled GetAccountAuthorizationDetails and then reads the account', async () => {
      await withFreshCounts({ kind: 'throttle', service: 'iam', action: 'GetAccountAuthorizationDetails', accountId: ACCOUNT_B, times: 2 });
      await start({});
      const list = await eventually(sources, l =>
        ['ok', 'error'].includes(sourceOf(l, { accountId: ACCOUNT_B })?.state ?? ''),
      );
      expectOk(list, { accountId: ACCOUNT_B });
      expectOk(list, { accountId: ACCOUNT_A });
      const [gaad] = await sandbox.proxy.callCounts({
        accountId: ACCOUNT_B,
        action: 'GetAccountAuthorizationDetails',
      });
      // Two throttled attempts, then the pages of one successful read.
      expect(gaad.faulted).toBe(2);
      expect(gaad.count).toBeGreaterThanOrEqual(3);
    });

    it('reports a persistently throttled account as error after 3 attempts while the rest is served', async () => {
      await withFreshCounts({ kind: 'throttle', service: 'iam', action: 'GetAccountAuthorizationDetails', accountId: ACCOUNT_B });
      await start({});
      const list = await eventually(sources, l =>
        sourceOf(l, { accountId: ACCOUNT_B })?.state === 'error' &&
        l.filter(s => s.source.kind === 'cluster').every(s => s.state === 'ok'),
      );
      expect(sourceOf(list, { accountId: ACCOUNT_B })).toMatchObject({
        state: 'error',
        error: expect.stringMatching(/Rate exceeded/),
      });
      expectOk(list, { accountId: ACCOUNT_A });
      expectOk(list, { cluster: CLUSTER_EAST });
      expectOk(list, { cluster: CLUSTER_WEST });
      // SDK standard retry mode: 3 attempts per read, then give up (no hammering).
      expect(
        await sandbox.proxy.count({
          accountId: ACCOUNT_B,
          action: 'GetAccountAuthorizationDetails',
        }),
      ).toBe(3);

      // The other account's components are still served, and the unreadable one's status travels
      // with every identity answer.
      const east = await identity(EAST_ENTITY);
      expect(east.serviceAccounts.length).toBeGreaterThan(0);
      expect(sourceOf(east.sources, { accountId: ACCOUNT_B })?.state).toBe('error');
    });
  });

  describe('F2: STS throttled (assume-role per account)', () => {
    const previous = process.env.AWS_ENDPOINT_URL_STS;
    beforeEach(() => {
      // integration-aws-node builds its own STS client for `roleName`; the SDK's service-specific
      // endpoint variable routes it to the sandbox instead of the real STS.
      process.env.AWS_ENDPOINT_URL_STS = sandbox.state.aws.endpoint;
    });
    afterEach(() => {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
      else process.env.AWS_ENDPOINT_URL_STS = previous;
    });

    it('reports the account while AssumeRole is throttled, recovers, and reuses the session', async () => {
      await withFreshCounts({ kind: 'throttle', service: 'sts', action: 'AssumeRole' });
      await start({
        configure: config => {
          accountOf(config, ACCOUNT_B).roleName = 'aws-identity-reader';
        },
      });
      const failing = await eventually(sources, l =>
        sourceOf(l, { accountId: ACCOUNT_B })?.state === 'error',
      );
      expect(sourceOf(failing, { accountId: ACCOUNT_B })).toMatchObject({
        state: 'error',
        error: expect.stringMatching(/Rate exceeded/),
      });
      expectOk(failing, { accountId: ACCOUNT_A });
      expect(
        (await sandbox.proxy.callCounts({ action: 'AssumeRole' }))
          .map(c => c.count)
          .reduce((a, b) => a + b, 0),
      ).toBeGreaterThanOrEqual(3);

      await sandbox.proxy.clearFaults();
      // A sync still running from startup makes a trigger a no-op: trigger until one has run.
      const recovered = await eventually(
        async () => {
          await backend!.syncAws();
          return sources();
        },
        l => sourceOf(l, { accountId: ACCOUNT_B })?.state === 'ok',
        30_000,
      );
      expectOk(recovered, { accountId: ACCOUNT_B });

      // The assumed session is reused: more syncs, no more AssumeRole calls.
      const assumeCalls = async () =>
        (await sandbox.proxy.callCounts({ action: 'AssumeRole' }))
          .map(c => c.count - c.faulted)
          .reduce((a, b) => a + b, 0);
      const gaadCalls = () =>
        sandbox.proxy.count({ accountId: ACCOUNT_B, action: 'GetAccountAuthorizationDetails' });
      const [assumedBefore, gaadBefore] = [await assumeCalls(), await gaadCalls()];
      expect(assumedBefore).toBe(1);
      await backend!.syncAws();
      await backend!.syncAws();
      expect(await gaadCalls()).toBeGreaterThanOrEqual(gaadBefore + 2);
      expect(await assumeCalls()).toBe(1);
      expectOk(await sources(), { accountId: ACCOUNT_B });
    });
  });

  describe('F3: expired or wrong credentials', () => {
    it('fails closed on keys of another account instead of reading that account as this one', async () => {
      await start({
        configure: config => {
          // Well-formed keys that are not account B's: moto, like an operator's copy-paste slip
          // in real AWS, answers for a different account.
          Object.assign(accountOf(config, ACCOUNT_B), {
            accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
            secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          });
        },
      });
      const list = await settled();
      expect(sourceOf(list, { accountId: ACCOUNT_B })).toMatchObject({
        state: 'error',
        error: expect.stringMatching(/belong to account \d{12}, not 222222222222/),
      });
      expectOk(list, { accountId: ACCOUNT_A });
    });

    it.each([
      ['ExpiredToken', 'The security token included in the request is expired'],
      ['InvalidClientTokenId', 'The security token included in the request is invalid.'],
    ])('reports %s as an error on that account, never ok', async (code, message) => {
      await sandbox.proxy.addFault({
        kind: 'error',
        accountId: ACCOUNT_B,
        status: 403,
        code,
        message,
      });
      await start({});
      const list = await settled();
      expect(sourceOf(list, { accountId: ACCOUNT_B })).toMatchObject({
        state: 'error',
        error: expect.stringContaining(message),
      });
      expectOk(list, { accountId: ACCOUNT_A });
      expectOk(list, { cluster: CLUSTER_EAST });
      // The same credentials read account B's EKS cluster, so its cluster says so too.
      expect(sourceOf(list, { cluster: CLUSTER_WEST })).toMatchObject({
        state: 'error',
        error: expect.stringContaining(`reading EKS failed: ${message}`),
      });
      const west = await identity(WEST_ENTITY);
      expect(sourceOf(west.sources, { accountId: ACCOUNT_B })?.state).toBe('error');
    });

    // Account B's keys also read its EKS cluster, so sandbox-west's Pod Identity associations
    // are unknown too: its service accounts can be neither verified nor "not configured".
    it('never calls a binding verified when its role account was never read', async () => {
      await sandbox.proxy.addFault({
        kind: 'error',
        accountId: ACCOUNT_B,
        status: 403,
        code: 'ExpiredToken',
        message: 'The security token included in the request is expired',
      });
      await start({});
      await settled();
      const west = await identity(WEST_ENTITY);
      expect(west.serviceAccounts.length).toBeGreaterThan(0);
      for (const report of west.serviceAccounts) {
        expect({ sa: report.serviceAccount, verdict: report.verdict }).toEqual({
          sa: report.serviceAccount,
          verdict: 'unknown',
        });
      }
    });
  });

  describe('F5: cluster unreachable', () => {
    it('reports a refused and an unresolvable cluster per cluster and serves the others', async () => {
      const closedPort = await freePort();
      await start({
        configure: config => {
          const [east] = clustersOf(config);
          const detached = { ...east, authMetadata: {} };
          clustersOf(config).push(
            { ...detached, name: 'refused', url: `https://127.0.0.1:${closedPort}` },
            { ...detached, name: 'nxdomain', url: 'https://cluster.aws-identity.invalid:6443' },
          );
        },
      });
      const list = await settled();
      expect(sourceOf(list, { cluster: 'refused' })).toMatchObject({
        state: 'error',
        error: expect.stringMatching(/ECONNREFUSED|connect|fetch failed/i),
      });
      expect(sourceOf(list, { cluster: 'nxdomain' })).toMatchObject({
        state: 'error',
        error: expect.stringMatching(/ENOTFOUND|getaddrinfo|fetch failed/i),
      });
      expectOk(list, { cluster: CLUSTER_EAST });
      expectOk(list, { cluster: CLUSTER_WEST });
      const east = await identity(EAST_ENTITY);
      expect(east.serviceAccounts.length).toBeGreaterThan(0);
    });

    it('marks a cluster that goes away mid-run, keeps its last data, and recovers', async () => {
      const west = sandbox.cluster(CLUSTER_WEST);
      const proxy = await KubeApiProxy.start({ upstream: west.server, caFile: west.caFile });
      proxies.push(proxy);
      await start({
        configure: config => {
          clustersOf(config).find(c => c.name === CLUSTER_WEST)!.url = proxy.url;
        },
      });
      await eventually(sources, l => sourceOf(l, { cluster: CLUSTER_WEST })?.state === 'ok');
      const before = await identity(WEST_ENTITY);
      expect(before.serviceAccounts.length).toBeGreaterThan(0);

      await proxy.takeDown();
      const down = await eventually(sources, l =>
        sourceOf(l, { cluster: CLUSTER_WEST })?.state === 'error',
      );
      expect(sourceOf(down, { cluster: CLUSTER_WEST })).toMatchObject({
        state: 'error',
        error: expect.any(String),
        lastSuccessAt: expect.any(String),
      });
      expectOk(down, { cluster: CLUSTER_EAST });
      // The last good service accounts are still shown, flagged by the source status.
      const during = await identity(WEST_ENTITY);
      expect(during.serviceAccounts.map(r => r.serviceAccount)).toEqual(
        before.serviceAccounts.map(r => r.serviceAccount),
      );
      expect(sourceOf(during.sources, { cluster: CLUSTER_WEST })?.state).toBe('error');

      await proxy.bringUp();
      const back = await eventually(sources, l => sourceOf(l, { cluster: CLUSTER_WEST })?.state === 'ok');
      expectOk(back, { cluster: CLUSTER_WEST });
    });
  });

  describe('F6: RBAC forbids listing', () => {
    it('reports forbidden service accounts and forbidden pods per cluster', async () => {
      const east = sandbox.cluster(CLUSTER_EAST);
      const admin = new KubeConfig();
      admin.loadFromFile(east.kubeconfigs.admin);
      const core = admin.makeApiClient(CoreV1Api);
      const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
      const suffix = Date.now().toString(36);
      const tokenFor = async (name: string) => {
        await core.createNamespacedServiceAccount({
          namespace: 'default',
          body: { metadata: { name } },
        });
        const token = await core.createNamespacedServiceAccountToken({
          namespace: 'default',
          name,
          body: { spec: { audiences: [], expirationSeconds: 3600 } },
        });
        return token.status!.token;
      };
      const noRbac = await tokenFor(`f6-none-${suffix}`);
      const saOnlyName = `f6-sa-only-${suffix}`;
      const saOnly = await tokenFor(saOnlyName);
      await rbac.createClusterRole({
        body: {
          metadata: { name: saOnlyName },
          rules: [
            { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['list', 'watch'] },
          ],
        },
      });
      await rbac.createClusterRoleBinding({
        body: {
          metadata: { name: saOnlyName },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: saOnlyName },
          subjects: [{ kind: 'ServiceAccount', name: saOnlyName, namespace: 'default' }],
        },
      });

      await start({
        configure: config => {
          const [base] = clustersOf(config);
          const detached = { ...base, authMetadata: {} };
          clustersOf(config).push(
            { ...detached, name: 'no-rbac', serviceAccountToken: noRbac },
            { ...detached, name: 'sa-only', serviceAccountToken: saOnly },
          );
        },
      });
      // The forbidden clusters fail at once; the healthy ones are ok once EKS was read too. Wait for
      // both, so that a slow first AWS sync on a loaded machine is not mistaken for a fault.
      const list = await eventually(
        sources,
        l =>
          ['no-rbac', 'sa-only'].every(cluster => sourceOf(l, { cluster })?.state === 'error') &&
          [CLUSTER_EAST, CLUSTER_WEST].every(cluster => sourceOf(l, { cluster })?.state === 'ok'),
      );
      expect(sourceOf(list, { cluster: 'no-rbac' })).toMatchObject({
        state: 'error',
        error: expect.stringMatching(/HTTP 403: .*serviceaccounts is forbidden/),
      });
      expect(sourceOf(list, { cluster: 'sa-only' })).toMatchObject({
        state: 'error',
        error: expect.stringMatching(/listing pods failed: HTTP 403: .*pods is forbidden/),
      });
      expectOk(list, { cluster: CLUSTER_EAST });
      expectOk(list, { cluster: CLUSTER_WEST });

      // Pods stay forbidden: no later successful read of another part may turn it "ok".
      await new Promise(r => setTimeout(r, 3_000));
      expect(sourceOf(await sources(), { cluster: 'sa-only' })?.state).toBe('error');
    });
  });

  describe('F7: large lists, expired continue tokens and watch 410', () => {
    const EXPIRED = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      reason: 'Expired',
      code: 410,
    };

    it('pages with limit/continue, restarts the list on 410, and relists after a watch 410', async () => {
      const east = sandbox.cluster(CLUSTER_EAST);
      const admin = new KubeConfig();
      admin.loadFromFile(east.kubeconfigs.admin);
      const core = admin.makeApiClient(CoreV1Api);
      const namespace = 'f7-bulk';
      await core.createNamespace({ body: { metadata: { name: namespace } } }).catch(() => {});
      const total = 1_200;
      const queue = Array.from({ length: total }, (_, i) => `bulk-${i}`);
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let name = queue.shift(); name; name = queue.shift()) {
            await core
              .createNamespacedServiceAccount({ namespace, body: { metadata: { name } } })
              .catch(e => {
                if ((e as { code?: number }).code !== 409) throw e;
              });
          }
        }),
      );

      const proxy = await KubeApiProxy.start({ upstream: east.server, caFile: east.caFile });
      proxies.push(proxy);
      // The first continued page of the first service-account LIST gets the apiserver's 410.
      // (Kubernetes 1.37 serves continued pages from the watch cache, so compacting etcd does not
      // expire a token within a test's time; the answer is the one the apiserver sends.)
      let expiredSent = false;
      proxy.intercept(record => {
        if (
          !expiredSent &&
          record.verb === 'list' &&
          record.path === '/api/v1/serviceaccounts' &&
          record.continued
        ) {
          expiredSent = true;
          return { action: 'answer', status: 410, body: EXPIRED };
        }
        return { action: 'pass' };
      });
      await start({
        configure: config => {
          clustersOf(config).find(c => c.name === CLUSTER_EAST)!.url = proxy.url;
        },
      });
      const list = await eventually(sources, l => sourceOf(l, { cluster: CLUSTER_EAST })?.state === 'ok');
      expectOk(list, { cluster: CLUSTER_EAST });

      const saLists = proxy
        .requests()
        .filter(r => r.verb === 'list' && r.path === '/api/v1/serviceaccounts');
      const pages = Math.ceil(total / 500);
      // One aborted list (first page, then the 410) and one complete list of ≥ `pages` pages.
      expect(saLists.filter(r => r.status === 410)).toHaveLength(1);
      expect(saLists.filter(r => !r.continued).length).toBe(2);
      expect(saLists.filter(r => r.status === 200).length).toBeGreaterThanOrEqual(pages + 1);

      // Control: a watch that ends routinely (its timeout, the server still up) is resumed from
      // the last resourceVersion, with no LIST; so a LIST after the 410 below is the 410's doing.
      const isSaList = (r: KubeRequestRecord) => r.verb === 'list' && r.path === '/api/v1/serviceaccounts' && !r.continued;
      const isSaWatch = (r: KubeRequestRecord) => r.verb === 'watch' && r.path === '/api/v1/serviceaccounts';
      await eventually(async () => proxy.requests().filter(isSaWatch).length, n => n >= 1, 30_000);
      proxy.reset();
      proxy.endWatches();
      const resumed = await eventually(async () => proxy.requests().filter(isSaWatch), w => w.length >= 1, 30_000);
      expect(resumed[0].resourceVersion).toEqual(expect.stringMatching(/^\d+$/));
      await new Promise(r => setTimeout(r, 3_000));
      expect(proxy.requests().filter(isSaList)).toEqual([]);

      // The watch then reports 410 (resourceVersion too old): the inventory relists, without a
      // resourceVersion to resume from.
      proxy.reset();
      proxy.intercept(record =>
        isSaWatch(record)
          ? {
              action: 'answer',
              status: 200,
              body: {
                type: 'ERROR',
                object: { ...EXPIRED, message: 'too old resource version: 1 (2)' },
              },
            }
          : { action: 'pass' },
      );
      proxy.endWatches();
      const relisted = await eventually(async () => proxy.requests(), rs => rs.some(isSaList), 30_000);
      proxy.intercept();
      const sequence = relisted.filter(r => isSaWatch(r) || isSaList(r));
      // Exactly one watch met the 410, and the LIST came right after it.
      expect(sequence.slice(0, 2).map(r => r.verb)).toEqual(['watch', 'list']);
      expect(sequence[0].resourceVersion).toEqual(expect.stringMatching(/^\d+$/));
      expect(sequence[1].resourceVersion).toBeUndefined();
      const after = await eventually(sources, l => sourceOf(l, { cluster: CLUSTER_EAST })?.state === 'ok');
      expectOk(after, { cluster: CLUSTER_EAST });
    });
  });
});

/** A loopback port nobody listens on (bound once, then released). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
