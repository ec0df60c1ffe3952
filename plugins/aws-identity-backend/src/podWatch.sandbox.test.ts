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
import { EntityIdentityResponse } from '@internal/plugin-aws-identity-common';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import request from 'supertest';
import { KubeApiProxy } from './testing/kubeApiProxy';
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
    await core?.deleteNamespacedPod({ namespace: NAMESPACE, name: 'watched-1' }).catch(() => {});
    await backend?.stop();
    await proxy?.stop();
    await sandbox?.stop();
  });

  const staticKeyPods = async (): Promise<number | undefined> => {
    const response = await request(backend!.server)
      .get('/api/aws-identity/identity')
      .query({ entityRef: ENTITY })
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    const body = response.body as EntityIdentityResponse;
    const report = body.serviceAccounts.find(
      r => r.serviceAccount.cluster === CLUSTER_EAST && r.serviceAccount.namespace === NAMESPACE && r.serviceAccount.name === SERVICE_ACCOUNT,
    );
    return report?.effectiveIdentity.pods?.staticKeys;
  };

  it('shows a new and a deleted pod within 5 s, with no LIST after the first', async () => {
    const sources = async () =>
      (await request(backend!.server).get('/api/aws-identity/sources').set('Authorization', mockCredentials.user.header())).body.sources;
    await eventually(sources, list => sourceOf(list, { cluster: CLUSTER_EAST })?.state === 'ok');
    const before = await eventually(staticKeyPods, n => n !== undefined);
    expect(before).toBeGreaterThan(0);
    proxy!.reset();

    await core.createNamespacedPod({
      namespace: NAMESPACE,
      body: {
        metadata: { name: 'watched-1', labels: { app: 'watched' } },
        spec: {
          serviceAccountName: SERVICE_ACCOUNT,
          containers: [
            {
              name: 'app',
              image: 'public.ecr.aws/docker/library/busybox:stable',
              // AWS's documented example key id, never valid credentials.
              env: [{ name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' }],
            },
          ],
        },
      },
    });
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
});
