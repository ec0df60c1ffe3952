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

import { percentile } from './b1';
import { BENCH_NAMESPACE, BenchContext, bounded, identityOf, kubeRequest } from './setup';

/** B6 figures. */
export interface B6Result {
  pods: number;
  seedSeconds: number;
  samples: number[];
  p50: number;
  p95: number;
  steadySeconds: number;
  /** `verb path` → count through the kube proxies during the steady window. */
  steadyRequests: Record<string, number>;
  steadyLists: number;
}

/** A pod for service account `sa-<i>` (no controller runs in the sandbox: pods are just objects). */
function benchPod(name: string, sa: number) {
  return {
    metadata: { name, labels: { app: `bench-${sa}`, 'backstage.io/kubernetes-id': `bench-${sa}` } },
    spec: {
      serviceAccountName: `sa-${sa}`,
      containers: [{ name: 'app', image: 'public.ecr.aws/docker/library/busybox:stable' }],
    },
  };
}

/** Pods the report counts for entity `e` (every pod of its service account). */
async function podsOf(ctx: BenchContext, entity: number): Promise<number> {
  const body = (await identityOf(ctx.backend, entity)) as unknown as {
    serviceAccounts: Array<{ effectiveIdentity: { pods?: Record<string, number> } }>;
  };
  const pods = body.serviceAccounts[0]?.effectiveIdentity.pods;
  return pods ? Object.values(pods).reduce((a, b) => a + b, 0) : 0;
}

/**
 * B6: pods are watched. Seeds `podsPerServiceAccount` pods for every service account (the full
 * run: 20,000 × 5 = 100,000 pods across both clusters), then measures (a) the time from creating
 * a pod to `GET /identity` counting it, and (b) the Kubernetes requests the backend makes in a
 * steady window longer than the old 30 s pod resync: LISTs must be zero.
 */
export async function runB6(ctx: BenchContext, options: { podsPerServiceAccount: number; samples: number }): Promise<B6Result> {
  const clusters = ctx.sandbox.state.clusters;
  const perCluster = Math.ceil(ctx.serviceAccountsTotal / clusters.length);
  const started = Date.now();
  const work: Array<{ cluster: number; sa: number; k: number }> = [];
  for (let sa = 0; sa < ctx.serviceAccountsTotal; sa++) {
    for (let k = 0; k < options.podsPerServiceAccount; k++) work.push({ cluster: Math.floor(sa / perCluster), sa, k });
  }
  await bounded(work, 48, async ({ cluster, sa, k }) => {
    const res = await kubeRequest(clusters[cluster], 'POST', `/api/v1/namespaces/${BENCH_NAMESPACE}/pods`, benchPod(`sa-${sa}-${k}`, sa));
    if (res.status >= 300 && res.status !== 409) throw new Error(`creating pod sa-${sa}-${k}: HTTP ${res.status}`);
  });
  const seedSeconds = (Date.now() - started) / 1000;
  ctx.log(`${work.length} pods seeded in ${seedSeconds.toFixed(1)} s`);

  const step = Math.floor(ctx.serviceAccountsTotal / ctx.entities);
  // The watch delivers the seeded pods; wait until the first sampled entity counts all of its own.
  for (const deadline = Date.now() + 600_000; (await podsOf(ctx, 3)) < options.podsPerServiceAccount; ) {
    if (Date.now() > deadline) throw new Error('seeded pods not visible after 600 s');
    await new Promise(r => setTimeout(r, 1_000));
  }

  const samples: number[] = [];
  for (let s = 0; s < options.samples; s++) {
    const entity = s * 11 + 3;
    const sa = entity * step;
    const cluster = clusters[Math.floor(sa / perCluster)];
    const before = await podsOf(ctx, entity);
    const t0 = performance.now();
    const res = await kubeRequest(cluster, 'POST', `/api/v1/namespaces/${BENCH_NAMESPACE}/pods`, benchPod(`sample-${s}-${Date.now()}`, sa));
    if (res.status >= 300) throw new Error(`creating sample pod: HTTP ${res.status}`);
    while ((await podsOf(ctx, entity)) <= before) {
      if (performance.now() - t0 > 60_000) throw new Error(`pod for sa-${sa} not visible in 60 s`);
      await new Promise(r => setTimeout(r, 20));
    }
    samples.push(performance.now() - t0);
  }

  const steadySeconds = ctx.small ? 35 : 65;
  for (const proxy of ctx.kubeProxies.values()) proxy.reset();
  await new Promise(r => setTimeout(r, steadySeconds * 1000));
  const steadyRequests: Record<string, number> = {};
  let steadyLists = 0;
  for (const proxy of ctx.kubeProxies.values()) {
    for (const [key, n] of Object.entries(proxy.counts())) steadyRequests[key] = (steadyRequests[key] ?? 0) + n;
    steadyLists += proxy.requests().filter(r => r.verb === 'list').length;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    pods: work.length,
    seedSeconds,
    samples,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    steadySeconds,
    steadyRequests,
    steadyLists,
  };
}
