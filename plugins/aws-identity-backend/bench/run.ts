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
 * `yarn bench [--small] [--duration=SECONDS] [--clients=N] [--only=B5|B7|B8] [--service-accounts=N]
 * [--pods-per-sa=N]`: benchmarks B1, B2, B4, B5 and B6 (pods watched) of performance.md §5
 * against a private sandbox (moto behind the recording proxy, two real kube-apiservers), B7
 * (the roles view at 50,000 roles, 10,000 with `--small`) in-process and B8 ("could also
 * assume" from the index, in memory). `--only=B7` or `--only=B8` runs that one alone, without
 * the sandbox; `--only=B5` runs the pod watch and the heap (B6, then B5) alone, at 20,000
 * service accounts × 5 pods (100,000 pods) across the two clusters unless sized by the flags,
 * and prints them next to the figures of the former 30 s pod re-list. Prints a table. Not part
 * of the test suite.
 */

// startTestBackend's mocks reference the Jest API; outside Jest a no-op stand-in suffices.
(globalThis as any).jest ??= { fn: (impl?: unknown) => impl ?? (() => undefined) };

import { B1Result, runB1 } from './b1';
import { B2Result, runB2 } from './b2';
import { B4Result, runB4 } from './b4';
import { B5Result, runB5 } from './b5';
import { B6Result, runB6 } from './b6';
import { B7Result, runB7 } from './b7';
import { B8Result, runB8 } from './b8';
import { BenchContext, setUp } from './setup';

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find(a => a.startsWith(prefix))?.slice(prefix.length);
}

const fmt = (n: number, digits = 2) =>
  Number.isFinite(n) ? n.toFixed(digits) : String(n);

function b7Rows(b7: B7Result): Array<[string, string, string, string]> {
  return [
    ['B7', `roles view, first build (${b7.roles} roles, ${b7.serviceAccounts} SAs; every trust assessed)`, `${fmt(b7.coldMs, 0)} ms`, ''],
    ['B7', 'rebuild after a cluster change (assessments kept)', `${fmt(b7.rebuildMs, 0)} ms`, ''],
    ['B7', 'rebuild after every account is read again unchanged', `${fmt(b7.rereadMs, 0)} ms`, ''],
    ['B7', `GET /roles page, filtered (${b7.pages} pages) p50 / p95`, `${fmt(b7.p50)} / ${fmt(b7.p95)} ms`, 'p95 ≤ 100 ms'],
    ['B7', `CSV export of every role (${fmt(b7.csvMb)} MB)`, `${fmt(b7.csvMs, 0)} ms`, ''],
    ['B7', 'heap retained by the roles view', `${fmt(b7.heapMb)} MB (${fmt((b7.heapMb * 10_000) / Math.max(1, b7.roles))} MB per 10k roles)`, ''],
  ];
}

/** LIST page size of the cluster reads (clusterReadApi's LIST_PAGE_SIZE). */
const LIST_PAGE_SIZE = 500;
/** The former design's pod re-list period. */
const RELIST_SECONDS = 30;

/**
 * The pod-watch figures next to those of the former design, which re-listed every cluster's pods
 * every 30 s. Its figures follow from that period (no longer runnable): a change waits for the
 * next re-list (uniformly 0–30 s: p50 15 s, p95 28.5 s), and each re-list pages through every
 * pod of the cluster.
 */
function podWatchRows(ctx: BenchContext, b5: B5Result, b6: B6Result): string[][] {
  const clusters = ctx.sandbox.state.clusters.length;
  const podsPerCluster = Math.ceil(b6.pods / clusters);
  const relistsInWindow = Math.floor(b6.steadySeconds / RELIST_SECONDS);
  const relistLists = relistsInWindow * clusters * Math.ceil(podsPerCluster / LIST_PAGE_SIZE);
  return [
    ['B6', `pod created → counted in GET /identity (${b6.samples.length} samples)`, `p50 ${fmt(b6.p50, 0)} ms, p95 ${fmt(b6.p95, 0)} ms`, `p50 ${fmt(RELIST_SECONDS * 500, 0)} ms, p95 ${fmt(RELIST_SECONDS * 950, 0)} ms (computed)`, 'p95 ≤ 5,000 ms'],
    ['B6', `LIST requests in ${b6.steadySeconds} s of steady state (recording proxy)`, String(b6.steadyLists), `${relistLists} (${relistsInWindow} re-lists × ${clusters} clusters × ${Math.ceil(podsPerCluster / LIST_PAGE_SIZE)} pages, computed)`, '0'],
    ['B6', `all K8s requests in the steady window`, Object.entries(b6.steadyRequests).map(([k, n]) => `${k}: ${n}`).join(', ') || 'none', '', ''],
    ['B6', 'pods seeded', `${b6.pods} in ${fmt(b6.seedSeconds, 0)} s`, '', ''],
    ['B5', `heap per 10,000 SAs (${b5.serviceAccounts} SAs + ${b5.pods} watched pods of one cluster, after GC; measured)`, `${fmt(b5.mbPer10kServiceAccounts)} MB`, 'not measured', '≤ 20 MB'],
    ['B5', `heap per 10,000 roles (${b5.roles} roles measured)`, `${fmt(b5.mbPer10kRoles)} MB`, '', '≤ 20 MB'],
  ];
}

function printRows(title: string, rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(
    [`\n${title}\n`, line(rows[0]), `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line), ''].join('\n'),
  );
}

function printTable(
  ctx: BenchContext,
  b1: B1Result,
  b2: B2Result,
  b4: B4Result,
  b5: B5Result,
  b6: B6Result,
  b7: B7Result,
  b8: B8Result,
) {
  const rows: Array<[string, string, string, string]> = [
    ['bench', 'metric', 'value', 'target'],
    ['B1', `warm GET /identity, ${b1.clients} clients, ${b1.seconds} s`, `${b1.requests} req, ${b1.errors} errors`, ''],
    ['B1', 'latency p50 / p95 / p99 (ms)', `${fmt(b1.p50)} / ${fmt(b1.p95)} / ${fmt(b1.p99)}`, 'p95 ≤ 10, p99 ≤ 25'],
    ['B1', 'throughput (req/s)', fmt(b1.rps, 0), '≥ 2,000 (1 vCPU)'],
    ['B1', 'AWS calls during run (proxy)', String(b1.awsCalls), '0'],
    ['B1', 'K8s requests during run (kube proxy)', b1.kubeSummary, '0 caused by page views'],
    ...b2.accounts.map(
      (a): [string, string, string, string] => [
        'B2',
        `full IAM sync, account ${a.accountId} (${a.roles} roles, ${a.policies} policies)`,
        `${a.syncCalls} calls (${a.syncByAction})`,
        `≤ ${a.target}`,
      ],
    ),
    ...b2.accounts.map(
      (a): [string, string, string, string] => [
        'B2',
        `per-role crawl, account ${a.accountId}`,
        `${a.crawlCalls} calls (${a.crawlByAction}); ratio ${fmt(a.crawlCalls / Math.max(1, a.syncCalls), 0)}×`,
        '',
      ],
    ),
    ['B4', `annotation change → new verdict (${b4.samples.length} samples)`, `p50 ${fmt(b4.p50, 0)} ms, p95 ${fmt(b4.p95, 0)} ms`, 'p95 ≤ 5,000 ms'],
    ['B6', `pods seeded (${b6.pods} across ${ctx.sandbox.state.clusters.length} clusters)`, `${fmt(b6.seedSeconds, 0)} s`, ''],
    ['B6', `pod created → counted in GET /identity (${b6.samples.length} samples)`, `p50 ${fmt(b6.p50, 0)} ms, p95 ${fmt(b6.p95, 0)} ms`, 'p95 ≤ 5,000 ms'],
    ['B6', `K8s requests in ${b6.steadySeconds} s of steady state`, Object.entries(b6.steadyRequests).map(([k, n]) => `${k}: ${n}`).join(', ') || 'none', ''],
    ['B6', 'LISTs in steady state', String(b6.steadyLists), '0'],
    ['B5', `heap per 10,000 roles (${b5.roles} roles measured)`, `${fmt(b5.mbPer10kRoles)} MB`, '≤ 20 MB'],
    ['B5', `heap per 10,000 SAs (${b5.serviceAccounts} SAs + ${b5.pods} watched pods of one cluster, after GC)`, `${fmt(b5.mbPer10kServiceAccounts)} MB`, '≤ 20 MB'],
    ...b7Rows(b7),
    ...b8Rows(b8),
  ];
  printRows(
    `aws-identity benchmarks (${ctx.small ? 'small' : 'full'}: ${ctx.rolesPerAccount} roles × ${ctx.accounts.length} accounts, ${ctx.serviceAccountsTotal} service accounts, ${ctx.entities} entities)`,
    rows,
  );
}

/** B8's rows: printed, not asserted. */
function b8Rows(b8: B8Result): Array<[string, string, string, string]> {
  return [
    ['B8', `could-also-assume index, ${b8.roles} roles: build / heap`, `${fmt(b8.buildMs, 0)} ms / ${fmt(b8.indexMb)} MB`, ''],
    ['B8', `lookup per SA p50 / p95 (µs), ${b8.serviceAccounts} SAs`, `${fmt(b8.lookupP50Us, 1)} / ${fmt(b8.lookupP95Us, 1)}`, ''],
    ['B8', 'all lookups / roles found per SA', `${fmt(b8.allLookupsMs, 0)} ms / ${fmt(b8.meanFound)}`, ''],
  ];
}

const B8_SIZE = { roles: 5_000, serviceAccounts: 20_000 };

async function main() {
  const small = process.argv.includes('--small');
  const b7Options = small
    ? { roles: 10_000, serviceAccounts: 4_000, pages: 120 }
    : { roles: 50_000, serviceAccounts: 20_000, pages: 300 };
  const only = arg('only')?.toUpperCase();
  if (only === 'B7') {
    printRows('aws-identity benchmark B7 (roles view, in-process)', [['bench', 'metric', 'value', 'target'], ...b7Rows(await runB7(b7Options))]);
    return;
  }
  if (only === 'B8') {
    printRows('aws-identity benchmark B8 (could also assume, in memory)', [['bench', 'metric', 'value', 'target'], ...b8Rows(runB8(B8_SIZE))]);
    return;
  }
  const serviceAccounts = arg('service-accounts') === undefined ? undefined : Number(arg('service-accounts'));
  const ctx = await setUp({
    small,
    serviceAccounts,
    log: line => process.stderr.write(`[bench] ${line}\n`),
  });
  if (arg('only')?.toUpperCase() === 'B5') {
    try {
      const podsPerServiceAccount = Number(arg('pods-per-sa') ?? 5);
      const b6 = await runB6(ctx, { podsPerServiceAccount, samples: small ? 5 : 10 });
      const b5 = await runB5(ctx);
      printRows(
        `aws-identity benchmark B5 (pods watched): ${ctx.serviceAccountsTotal} service accounts, ${b6.pods} pods across ${ctx.sandbox.state.clusters.length} clusters`,
        [['bench', 'metric', 'watch (now)', 'former 30 s re-list', 'target'], ...podWatchRows(ctx, b5, b6)],
      );
    } finally {
      await ctx.tearDown();
    }
    return;
  }
  try {
    const b1 = await runB1(ctx, {
      seconds: Number(arg('duration') ?? (small ? 10 : 20)),
      clients: Number(arg('clients') ?? 50),
    });
    const b2 = await runB2(ctx);
    const b4 = await runB4(ctx, { samples: small ? 5 : 10 });
    // Before B5, so that B5's heap figure includes the pods.
    const b6 = await runB6(ctx, { podsPerServiceAccount: 5, samples: small ? 5 : 10 });
    const b5 = await runB5(ctx);
    const b7 = await runB7(b7Options);
    const b8 = runB8(B8_SIZE);
    printTable(ctx, b1, b2, b4, b5, b6, b7, b8);
  } finally {
    await ctx.tearDown();
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
