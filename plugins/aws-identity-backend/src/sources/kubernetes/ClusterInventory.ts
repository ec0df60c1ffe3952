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


import { LoggerService } from '@backstage/backend-plugin-api';
import { V1ServiceAccount } from '@kubernetes/client-node';
import { IRSA_ANNOTATIONS, ServiceAccount, SourceStatus } from '@internal/plugin-aws-identity-common';
import { ClusterView, ServiceAccountPods } from '@internal/plugin-aws-identity-node';
import { describeError } from '../../lib/describeError';
import { ClusterReadApi, ListPage } from './clusterReadApi';
import { aggregatePods } from './podAggregates';

const ROLE_ARN = IRSA_ANNOTATIONS.roleArn;

/**
 * Keeps one cluster's service accounts (LIST with `limit`/`continue`, then WATCH from the
 * list's resourceVersion, relisting on `410 Gone`) and per-service-account pod aggregates
 * (relisted every `podResyncMs`; full pod objects are dropped after aggregation).
 *
 * Views are immutable: a view handed out is never changed. The watch updates the maps in
 * place only while no view shares them, and copies them first otherwise (copy on write), so
 * a burst of events between two reads costs one copy, not one per event.
 *
 * @public
 */
export class ClusterInventory {
  private serviceAccounts = new Map<string, ServiceAccount>();
  private serviceAccountLabels = new Map<string, Record<string, string>>();
  private pods: ReadonlyMap<string, ServiceAccountPods> = new Map();
  private discoveredIssuer?: string;
  private status: SourceStatus;
  /** The view last handed out, until anything changes. */
  private current?: ClusterView;
  /** Whether the service-account maps belong to a view handed out (and must be copied to change). */
  private shared = false;
  /**
   * The last failure of each part of the read; the cluster is `ok` only when every part's last
   * attempt succeeded (a good service-account relist must not hide forbidden pods).
   */
  private readonly failures = new Map<ReadPart, string>();
  private watchAbort?: AbortController;
  private podTimer?: NodeJS.Timeout;
  private restartTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly options: {
      cluster: string;
      api: ClusterReadApi;
      logger: LoggerService;
      podResyncMs?: number;
      /** Delay before re-establishing a failed watch. */
      retryMs?: number;
    },
  ) {
    this.status = { source: { kind: 'cluster', cluster: options.cluster }, state: 'stale' };
  }

  /** Registers a callback for any change of the view; returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Performs the initial read and starts watching. Resolves after the first read attempt. */
  async start(): Promise<void> {
    await this.readIssuer();
    await this.relistServiceAccounts();
    await this.refreshPods();
    const podResyncMs = this.options.podResyncMs ?? 30_000;
    this.podTimer = setInterval(() => void this.refreshPods(), podResyncMs);
    this.podTimer.unref?.();
  }

  /** Stops watching and polling. */
  stop(): void {
    this.stopped = true;
    this.watchAbort?.abort();
    if (this.podTimer) clearInterval(this.podTimer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
  }

  /** The current view; cheap, never does I/O, and never changes once returned. */
  view(): ClusterView {
    if (!this.current) {
      this.current = {
        cluster: this.options.cluster,
        serviceAccounts: this.serviceAccounts,
        serviceAccountLabels: this.serviceAccountLabels,
        pods: this.pods,
        discoveredIssuer: this.discoveredIssuer,
        status: this.status,
      };
      this.shared = true;
    }
    return this.current;
  }

  /** Re-reads pods now (used after a service account's annotation changed, and on a timer). */
  async refreshPods(): Promise<void> {
    try {
      const pods = await listAllPages(page => this.options.api.listPods(page));
      const accounts = this.serviceAccounts;
      const aggregated = aggregatePods(pods.items, (namespace, name) =>
        accounts.get(`${namespace}/${name}`)?.annotations[ROLE_ARN],
      );
      this.markOk('pods');
      // Most resyncs find what the last one found; only a difference is a change worth
      // announcing (it makes the index rebuild its reports).
      if (!samePods(this.pods, aggregated)) {
        this.pods = aggregated;
        this.current = undefined;
        this.emit();
      }
    } catch (error) {
      this.markError('pods', 'listing pods', error);
    }
  }

  private async readIssuer(): Promise<void> {
    try {
      this.discoveredIssuer = (await this.options.api.readIssuerDiscovery()).issuer;
      this.current = undefined;
    } catch (error) {
      // A cluster without public discovery is not broken; EKS's issuer still applies.
      this.options.logger.debug(
        `aws-identity: no OIDC discovery for cluster ${this.options.cluster}: ${error}`,
      );
    }
  }

  private async relistServiceAccounts(): Promise<void> {
    try {
      const accounts = new Map<string, ServiceAccount>();
      const labels = new Map<string, Record<string, string>>();
      const list = await listAllPages(page => this.options.api.listServiceAccounts(page));
      for (const item of list.items) this.put(item, accounts, labels);
      this.serviceAccounts = accounts;
      this.serviceAccountLabels = labels;
      this.shared = false;
      this.current = undefined;
      this.markOk('serviceAccounts');
      this.emit();
      await this.watchServiceAccounts(list.resourceVersion);
    } catch (error) {
      this.markError('serviceAccounts', 'listing service accounts', error);
      this.scheduleRestart();
    }
  }

  private async watchServiceAccounts(resourceVersion?: string): Promise<void> {
    if (this.stopped) return;
    let lastResourceVersion = resourceVersion;
    // Set once this watch has ended or was replaced by a relist; a replaced watch's end
    // (its abort) must neither be reported nor restart it.
    let ended = false;
    let superseded = false;
    this.watchAbort = await this.options.api.watchServiceAccounts(
      resourceVersion,
      (phase, object) => {
        if (phase === 'ERROR') {
          // 410 Gone: our resourceVersion is too old; only a fresh LIST can resume.
          if (object?.code === 410) {
            superseded = true;
            this.watchAbort?.abort();
            void this.relistServiceAccounts();
          }
          return;
        }
        const item = object as V1ServiceAccount;
        lastResourceVersion = item.metadata?.resourceVersion ?? lastResourceVersion;
        if (phase === 'BOOKMARK') return;
        const key = `${item.metadata?.namespace}/${item.metadata?.name}`;
        const before = this.serviceAccounts.get(key)?.annotations[ROLE_ARN];
        this.writable();
        if (phase === 'DELETED') {
          this.serviceAccounts.delete(key);
          this.serviceAccountLabels.delete(key);
        } else {
          this.put(item, this.serviceAccounts, this.serviceAccountLabels);
        }
        this.emit();
        const after = this.serviceAccounts.get(key)?.annotations[ROLE_ARN];
        // Which pods need a restart depends on the annotation: recompute them when it changes.
        if (before !== after) void this.refreshPods();
      },
      error => {
        ended = true;
        if (this.stopped || superseded) return;
        const routine = !error || (error as Error).name === 'TimeoutError';
        if (!routine) this.markError('serviceAccounts', 'watching service accounts', error);
        // The apiserver ends watches routinely; resume from where we were.
        this.restartTimer = setTimeout(
          () => void this.watchServiceAccounts(lastResourceVersion).catch(() => this.relistServiceAccounts()),
          routine ? 0 : this.options.retryMs ?? 2_000,
        );
        this.restartTimer.unref?.();
      },
    );
    // `watch` returns once the stream is open, or after `done` when it could not be opened: an
    // open stream means the cluster is readable again after an outage.
    if (!ended && this.failures.has('serviceAccounts')) this.markOk('serviceAccounts');
  }

  /** Makes the service-account maps safe to change in place: copies them if a view holds them. */
  private writable(): void {
    if (this.shared) {
      this.serviceAccounts = new Map(this.serviceAccounts);
      this.serviceAccountLabels = new Map(this.serviceAccountLabels);
      this.shared = false;
    }
    this.current = undefined;
  }

  private put(
    item: V1ServiceAccount,
    accounts: Map<string, ServiceAccount>,
    labels: Map<string, Record<string, string>>,
  ): void {
    const namespace = item.metadata?.namespace ?? 'default';
    const name = item.metadata?.name ?? '';
    const key = `${namespace}/${name}`;
    accounts.set(key, {
      cluster: this.options.cluster,
      namespace,
      name,
      annotations: { ...(item.metadata?.annotations ?? {}) },
      createdAt: toIso(item.metadata?.creationTimestamp),
    });
    labels.set(key, { ...(item.metadata?.labels ?? {}) });
  }

  private scheduleRestart(): void {
    if (this.stopped) return;
    this.restartTimer = setTimeout(
      () => void this.relistServiceAccounts(),
      this.options.retryMs ?? 2_000,
    );
    this.restartTimer.unref?.();
  }

  private markOk(part: ReadPart): void {
    this.failures.delete(part);
    this.status = this.failures.size
      ? { ...this.status, state: 'error', error: [...this.failures.values()].join('; ') }
      : {
          source: { kind: 'cluster', cluster: this.options.cluster },
          state: 'ok',
          lastSuccessAt: new Date().toISOString(),
        };
    this.current = undefined;
  }

  private markError(part: ReadPart, what: string, error: unknown): void {
    const message = describeError(error);
    this.options.logger.warn(
      `aws-identity: cluster ${this.options.cluster}: ${what} failed: ${message}`,
    );
    this.failures.set(part, `${what} failed: ${message}`);
    this.status = {
      source: { kind: 'cluster', cluster: this.options.cluster },
      state: 'error',
      lastSuccessAt: this.status.lastSuccessAt,
      error: [...this.failures.values()].join('; '),
    };
    this.current = undefined;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The independently failing parts of a cluster read. */
type ReadPart = 'serviceAccounts' | 'pods';

/** How often a paginated LIST restarts after its continue token expired (410) before failing. */
const MAX_LIST_RESTARTS = 3;

/**
 * Reads every page of a LIST. A continue token expires (the apiserver answers `410 Gone` once
 * etcd compacted past the list's snapshot, after about five minutes); the only way on is a new
 * list from the first page, so that happens here instead of failing the read.
 */
async function listAllPages<T>(
  page: (continueToken: string | undefined) => Promise<ListPage<T>>,
): Promise<{ items: T[]; resourceVersion?: string }> {
  for (let restarts = 0; ; restarts++) {
    const items: T[] = [];
    let next: string | undefined;
    let resourceVersion: string | undefined;
    try {
      do {
        const result = await page(next);
        items.push(...result.items);
        next = result.metadata?._continue || undefined;
        resourceVersion = result.metadata?.resourceVersion;
      } while (next);
      return { items, resourceVersion };
    } catch (error) {
      const expired = next !== undefined && (error as { code?: number })?.code === 410;
      if (!expired || restarts >= MAX_LIST_RESTARTS) throw error;
    }
  }
}

/** Whether two pod foldings say the same about every service account. */
function samePods(
  a: ReadonlyMap<string, ServiceAccountPods>,
  b: ReadonlyMap<string, ServiceAccountPods>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [key, pods] of a) {
    const other = b.get(key);
    if (!other) return false;
    if (JSON.stringify(pods.aggregate) !== JSON.stringify(other.aggregate)) return false;
    if ([...pods.labelSets.keys()].join('|') !== [...other.labelSets.keys()].join('|')) return false;
  }
  return true;
}

function toIso(value: Date | string | undefined): string | undefined {
  if (!value) return undefined;
  return value instanceof Date ? value.toISOString() : value;
}
