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

import http from 'node:http';
import { authHeaders, BenchContext } from './setup';

/** B1 figures. */
export interface B1Result {
  clients: number;
  seconds: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  awsCalls: number;
  kubeSummary: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** B1: warm `GET /identity` over HTTP, N keep-alive clients, random entities, fixed duration. */
export async function runB1(
  ctx: BenchContext,
  options: { seconds: number; clients: number },
): Promise<B1Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const headers = authHeaders();
  const url = (i: number) =>
    `${ctx.backend.baseUrl}/api/aws-identity/identity?entityRef=component:default/bench-${i}`;
  const get = (i: number) =>
    new Promise<boolean>((resolve, reject) => {
      http
        .get(url(i), { agent, headers }, res => {
          res.on('data', () => {});
          res.on('end', () => resolve(res.statusCode === 200));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  // Warm-up: every entity once (memoised reports), then counters start from zero.
  for (let i = 0; i < ctx.entities; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, ctx.entities - i) }, (_, k) => get(i + k)));
  }
  await ctx.sandbox.proxy.resetCounts();
  for (const proxy of ctx.kubeProxies.values()) proxy.reset();

  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (performance.now() < until) {
        const i = Math.floor(Math.random() * ctx.entities);
        const t0 = performance.now();
        const ok = await get(i).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const awsCalls = await ctx.sandbox.proxy.count();
  const kubeCounts: Record<string, number> = {};
  for (const proxy of ctx.kubeProxies.values()) {
    for (const r of proxy.requests()) kubeCounts[r.verb] = (kubeCounts[r.verb] ?? 0) + 1;
  }
  agent.destroy();
  const kubeSummary =
    Object.entries(kubeCounts)
      .map(([verb, n]) => `${verb} ${n}`)
      .join(', ') || '0';
  return {
    clients: options.clients,
    seconds: Math.round(elapsed),
    requests: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / elapsed,
    awsCalls,
    kubeSummary: `${kubeSummary} (background pod resync/watch; none per page view)`,
  };
}
