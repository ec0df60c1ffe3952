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
 * Pods are watched, not re-listed: against a real kube-apiserver (behind a recording proxy),
 * a pod created or deleted shows in `GET /identity` within seconds, and the steady state makes
 * no LIST at all — only watches, resumed from their resourceVersion.
 */

import { mockCredentials } from '@backstage/backend-test-utils';
import { CLUSTER_EAST, Sandbox, useSandbox } from '@internal/aws-identity-test';
import { EntityIdentityResponse, SourceStatus } from '@internal/plugin-aws-identity-common';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import request from 'supertest';
import { KubeApiProxy, KubeRequestRecord } from './testing/kubeApiProxy';
import { readStaticKeyPods, staticKeyPod } from './testing/staticKeyPods';
import {
  eventually,
  SandboxBackend,
  SandboxClusterConfig,
  sourceOf,
  startSandboxBackend,
} from './testing/sandboxBackend';

jest.setTimeout(300_000);

/** A seed whose service account `edgedelta-env-keys/edgedelta` runs pods with static keys. */
const ENTITY = 'component:default/edgedelta-env-keys';
const NAMESPACE = 'edgedelta-env-keys';
const SERVICE_ACCOUNT = 'edgedelta';
const WATCHED = { entityRef: ENTITY, cluster: CLUSTER_EAST, namespace: NAMESPACE, serviceAccount: SERVICE_ACCOUNT };

describe('pods are watched, not re-listed (sandbox)', () => {
  let sandbox: Sandbox;
  let backend: SandboxBackend | undefined;
  let proxy: KubeApiProxy | undefined;
  let core: CoreV1Api;

  beforeAll(async () => {
    sandbox = await useSandbox();
    const east = sandbox.cluster(CLUSTER_EAST);
    const admin = new KubeConfig();
    admin.loadFromFile(east.kubeconfigs.admin);
    core = admin.makeApiClient(CoreV1Api);
    proxy = await KubeApiProxy.start({ upstream: east.server, caFile: east.caFile });
    backend = await startSandboxBackend({
      state: sandbox.state,
      configure: config => {
        const clusters = config.kubernetes.clusterLocatorMethods[0].clusters as SandboxClusterConfig[];
        clusters.find(c => c.name === CLUSTER_EAST)!.url = proxy!.url;
      },
      awsIdentity: { syncIntervalSeconds: 300, staleAfterSeconds: 3600 },
    });
  });

  afterAll(async () => {
    for (const name of ['watched-1', 'watched-2']) {
      await core?.deleteNamespacedPod({ namespace: NAMESPACE, name, gracePeriodSeconds: 0 }).catch(() => {});
    }
    await backend?.stop();
    await proxy?.stop();
    await sandbox?.stop();
  });

  const sources = async (): Promise<SourceStatus[]> =>
    (await request(backend!.server).get('/api/aws-identity/sources').set('Authorization', mockCredentials.user.header())).body.sources;
  const eastState = async () => sourceOf(await sources(), { cluster: CLUSTER_EAST });

  const staticKeyPods = async (): Promise<number | undefined> =>
    (await readStaticKeyPods(backend!.server, WATCHED)).staticKeys;

  it('shows a new and a deleted pod within 5 s, with no LIST after the first', async () => {
    await eventually(eastState, status => status?.state === 'ok');
    const before = await eventually(staticKeyPods, n => n !== undefined);
    expect(before).toBeGreaterThan(0);
    proxy!.reset();

    await core.createNamespacedPod({ namespace: NAMESPACE, body: staticKeyPod('watched-1', SERVICE_ACCOUNT) });
    const created = Date.now();
    const afterCreate = await eventually(staticKeyPods, n => n === before! + 1, 5_000, 100);
    expect({ staticKeyPods: afterCreate, withinMs: Date.now() - created <= 5_000 }).toEqual({
      staticKeyPods: before! + 1,
      withinMs: true,
    });

    await core.deleteNamespacedPod({ namespace: NAMESPACE, name: 'watched-1', gracePeriodSeconds: 0 });
    const deleted = Date.now();
    const afterDelete = await eventually(staticKeyPods, n => n === before, 5_000, 100);
    expect({ staticKeyPods: afterDelete, withinMs: Date.now() - deleted <= 5_000 }).toEqual({
      staticKeyPods: before,
      withinMs: true,
    });

    // Steady state: only watches (resumed with a resourceVersion), never a LIST.
    const lists = proxy!.requests().filter(r => r.verb === 'list');
    expect(lists).toEqual([]);
    const watches = proxy!.requests().filter(r => r.verb === 'watch');
    expect(watches.every(w => w.resourceVersion !== undefined)).toBe(true);
  });

  it('shows a watch cut mid-stream as an error of the cluster, and catches up on what changed meanwhile', async () => {
    const before = await eventually(staticKeyPods, n => n !== undefined);
    await proxy!.takeDown();
    const down = await eventually(eastState, status => status?.state === 'error', 30_000, 200);
    expect(down).toEqual(expect.objectContaining({ state: 'error', error: expect.stringMatching(/watching (pods|service accounts) failed/) }));
    // Changed while the backend cannot see the cluster: never reported as if it were current.
    await core.createNamespacedPod({ namespace: NAMESPACE, body: staticKeyPod('watched-2', SERVICE_ACCOUNT) });
    expect((await eastState())?.state).toBe('error');

    await proxy!.bringUp();
    // Back-off is capped at 30 s; the resumed watch then delivers the pod created meanwhile.
    const up = await eventually(eastState, status => status?.state === 'ok', 60_000, 200);
    expect(up?.state).toBe('ok');
    expect(await eventually(staticKeyPods, n => n === before! + 1, 30_000, 200)).toBe(before! + 1);
    await core.deleteNamespacedPod({ namespace: NAMESPACE, name: 'watched-2', gracePeriodSeconds: 0 });
    expect(await eventually(staticKeyPods, n => n === before, 10_000, 200)).toBe(before);
  });

  // Simulated through the proxy, so the 410 on resume is certain; apiserverRestart.sandbox.test.ts
  // restarts the real kube-apiserver process, where resuming and 410 are both possible.
  it('survives a simulated apiserver restart: error while down (no stale OK), watches resume, 410 on resume relists once', async () => {
    await eventually(eastState, status => status?.state === 'ok', 60_000, 200);
    const before = await eventually(staticKeyPods, n => n !== undefined);
    // The apiserver goes away: open watches are cut and new connections refused.
    await proxy!.takeDown();
    const down = await eventually(eastState, status => status?.state === 'error', 30_000, 200);
    expect(down?.state).toBe('error');
    await core.createNamespacedPod({ namespace: NAMESPACE, body: staticKeyPod('watched-1', SERVICE_ACCOUNT) });
    // A page view meanwhile must not call the cluster current.
    expect((await eastState())?.state).toBe('error');

    // It comes back with its watch cache rebuilt from etcd: a watch from the old revision is
    // answered 410 Gone once (Kubernetes API concepts, "Efficient detection of changes").
    const isWatch = (r: KubeRequestRecord) => r.verb === 'watch';
    const isList = (r: KubeRequestRecord) => r.verb === 'list' && !r.continued;
    const gone = new Set<string>();
    proxy!.reset();
    proxy!.intercept(record => {
      if (isWatch(record) && record.resourceVersion && !gone.has(record.path)) {
        gone.add(record.path);
        return {
          action: 'answer',
          status: 200,
          body: {
            type: 'ERROR',
            object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410, message: 'too old resource version' },
          },
        };
      }
      return { action: 'pass' };
    });
    await proxy!.bringUp();
    const up = await eventually(eastState, status => status?.state === 'ok', 60_000, 200);
    proxy!.intercept();
    expect(up?.state).toBe('ok');
    expect(await eventually(staticKeyPods, n => n === before! + 1, 30_000, 200)).toBe(before! + 1);
    // One fresh LIST per resource whose watch met the 410, no more.
    const lists = proxy!.requests().filter(isList);
    for (const path of gone) expect(lists.filter(r => r.path === path)).toHaveLength(1);
    await core.deleteNamespacedPod({ namespace: NAMESPACE, name: 'watched-1', gracePeriodSeconds: 0 });
    expect(await eventually(staticKeyPods, n => n === before, 10_000, 200)).toBe(before);
  });

  it("says per service account that RBAC refused reading an envFrom Secret's keys, read on the pod's event, not on page views", async () => {
    await eventually(eastState, status => status?.state === 'ok', 60_000, 200);
    const isSecretRead = (r: KubeRequestRecord) => r.verb === 'get' && r.path.includes('/secrets/');
    const report = async () => {
      const response = await request(backend!.server)
        .get('/api/aws-identity/identity')
        .query({ entityRef: 'component:default/report-mailer' })
        .set('Authorization', mockCredentials.user.header());
      return (response.body as EntityIdentityResponse).serviceAccounts.find(
        r => r.serviceAccount.cluster === CLUSTER_EAST && r.serviceAccount.namespace === 'rt-envfrom-unreadable',
      );
    };
    const unreadable = await eventually(report, r => r?.findings.some(f => f.id === 'RUN-04') === true, 30_000, 200);
    expect(unreadable?.findings.find(f => f.id === 'RUN-04')).toMatchObject({
      severity: 'info',
      message: expect.stringMatching(/^Could not read Secret mailer-aws's keys \(could not read Secret mailer-aws's keys: HTTP 403/),
    });
    // The limitation is that service account's; the cluster itself reads fine.
    expect((await eastState())?.state).toBe('ok');
    proxy!.reset();
    for (let i = 0; i < 5; i++) await report();
    expect(proxy!.requests().filter(isSecretRead)).toEqual([]);
  });

  it('relists pods because the pod watch answered 410 Gone, and only then', async () => {
    await eventually(eastState, status => status?.state === 'ok', 60_000, 200);
    const before = await staticKeyPods();
    const isPodWatch = (r: KubeRequestRecord) => r.verb === 'watch' && r.path === '/api/v1/pods';
    const isPodList = (r: KubeRequestRecord) => r.verb === 'list' && r.path === '/api/v1/pods' && !r.continued;
    proxy!.reset();
    let answered = false;
    proxy!.intercept(record => {
      if (!answered && isPodWatch(record)) {
        answered = true;
        return {
          action: 'answer',
          status: 200,
          body: {
            type: 'ERROR',
            object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410, message: 'too old resource version: 1 (2)' },
          },
        };
      }
      return { action: 'pass' };
    });
    proxy!.endWatches();
    const seen = await eventually(async () => proxy!.requests().filter(r => isPodWatch(r) || isPodList(r)), rs => rs.some(isPodList), 30_000, 100);
    proxy!.intercept();
    // The watch that met the 410 resumed from a revision; the LIST that followed starts afresh.
    expect(seen.slice(0, 2).map(r => r.verb)).toEqual(['watch', 'list']);
    expect(seen[0].resourceVersion).toEqual(expect.stringMatching(/^\d+$/));
    expect(seen[1].resourceVersion).toBeUndefined();
    expect(seen.filter(isPodList)).toHaveLength(1);
    expect((await eventually(eastState, status => status?.state === 'ok'))?.state).toBe('ok');
    expect(await staticKeyPods()).toBe(before);
  });
});
