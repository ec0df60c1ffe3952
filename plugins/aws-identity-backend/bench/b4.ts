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

import { IRSA_ANNOTATIONS } from '@internal/plugin-aws-identity-common';
import { percentile } from './b1';
import { BENCH_NAMESPACE, BenchContext, identityOf, kubeRequest, roleArn } from './setup';

/** B4 figures. */
export interface B4Result {
  samples: number[];
  p50: number;
  p95: number;
}

/**
 * B4: an admin patches a service account's role annotation; time until `GET /identity` shows
 * the new binding (polled every 20 ms).
 */
export async function runB4(ctx: BenchContext, options: { samples: number }): Promise<B4Result> {
  const cluster = ctx.sandbox.state.clusters[0];
  const step = Math.floor(ctx.serviceAccountsTotal / ctx.entities);
  const samples: number[] = [];
  for (let s = 0; s < options.samples; s++) {
    const entity = s * 7 + 1;
    const sa = entity * step;
    const target = roleArn(cluster.accountId, (sa + 1 + s) % ctx.rolesPerAccount);
    const started = performance.now();
    const res = await kubeRequest(
      cluster,
      'PATCH',
      `/api/v1/namespaces/${BENCH_NAMESPACE}/serviceaccounts/sa-${sa}`,
      { metadata: { annotations: { [IRSA_ANNOTATIONS.roleArn]: target } } },
      'application/merge-patch+json',
    );
    if (res.status !== 200) throw new Error(`patch sa-${sa}: HTTP ${res.status}`);
    for (;;) {
      const body = await identityOf(ctx.backend, entity);
      if (body.serviceAccounts.some(r => r.binding.irsaRoleArn === target)) break;
      if (performance.now() - started > 60_000) throw new Error(`sa-${sa} change not visible in 60 s`);
      await new Promise(r => setTimeout(r, 20));
    }
    samples.push(performance.now() - started);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}
