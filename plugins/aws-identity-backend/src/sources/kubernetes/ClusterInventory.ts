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
import {
  CoreV1Api,
  KubeConfig,
  V1ServiceAccount,
  Watch,
  WellKnownApi,
} from '@kubernetes/client-node';
import { ServiceAccount, SourceStatus } from '@internal/plugin-aws-identity-common';
import { aggregatePods, ROLE_ARN_ANNOTATION, ServiceAccountPods } from './podAggregates';

/** Page size for LIST calls: large enough to be cheap, small enough for the apiserver. */
const LIST_PAGE_SIZE = 500;
/** Server-side watch duration; below client-node's 30 s inactivity timeout. */
const WATCH_SECONDS = 25;

/**
 * A read-only view of one cluster, kept current by LIST + WATCH.
 *
 * @public
 */
export interface ClusterView {
  cluster: string;
  serviceAccounts: ReadonlyMap<string, ServiceAccount>;
  /** Keyed `namespace/serviceAccount`. */
  pods: ReadonlyMap<string, ServiceAccountPods>;
  /** Labels of each service account, keyed `namespace/name` (for label-selector joins). */
  serviceAccountLabels: ReadonlyMap<string, Record<string, string>>;
  /** The issuer the cluster itself publishes at `/.well-known/openid-configuration`. */
  discoveredIssuer?: string;
  status: SourceStatus;
}

/**
 * Keeps one cluster's service accounts (LIST with `limit`/`continue`, then WATCH from the
 * list's resourceVersion, relisting on `410 Gone`) and per-service-account pod aggregates
 * (relisted every `podResyncMs`; full pod objects are dropped after aggregation).
 *
 * @public
 */
export class ClusterInventory {
  private readonly core: CoreV1Api;
  private serviceAccounts = new Map<string, ServiceAccount>();
  private serviceAccountLabels = new Map<string, Record<string, string>>();
  private pods = new Map<string, ServiceAccountPods>();
  private discoveredIssuer?: string;
  private status: SourceStatus;
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
      kubeConfig: KubeConfig;
      logger: LoggerService;
      podResyncMs?: number;
      /** Delay before re-establishing a failed watch. */
      retryMs?: number;
    },
  ) {
    this.core = options.kubeConfig.makeApiClient(CoreV1Api);
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

  /** The current view; cheap, never does I/O. */
  view(): ClusterView {
    return {
      cluster: this.options.cluster,
      serviceAccounts: this.serviceAccounts,
      serviceAccountLabels: this.serviceAccountLabels,
      pods: this.pods,
      discoveredIssuer: this.discoveredIssuer,
      status: this.status,
    };
  }

  /** Re-reads pods now (used after a service account's annotation changed, and on a timer). */
  async refreshPods(): Promise<void> {
    try {
      const pods = await listAllPages(async _continue => {
        const page = await this.core.listPodForAllNamespaces({
          limit: LIST_PAGE_SIZE,
          _continue,
        });
        return { items: page.items, metadata: page.metadata };
      });
      this.pods = aggregatePods(pods.items, (namespace, name) =>
        this.serviceAccounts.get(`${namespace}/${name}`)?.annotations[ROLE_ARN_ANNOTATION],
      );
      this.markOk('pods');
    } catch (error) {
      this.markError('pods', 'listing pods', error);
    }
  }

  private async readIssuer(): Promise<void> {
    try {
      const raw = await this.options.kubeConfig
        .makeApiClient(WellKnownApi)
        .getServiceAccountIssuerOpenIDConfiguration();
      const document = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
        issuer?: string;
      };
      this.discoveredIssuer = document.issuer;
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
      const list = await listAllPages(async _continue => {
        const page = await this.core.listServiceAccountForAllNamespaces({
          limit: LIST_PAGE_SIZE,
          _continue,
        });
        return { items: page.items, metadata: page.metadata };
      });
      for (const item of list.items) this.put(item, accounts, labels);
      this.serviceAccounts = accounts;
      this.serviceAccountLabels = labels;
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
    const watch = new Watch(this.options.kubeConfig);
    let lastResourceVersion = resourceVersion;
    // Set once this watch has ended or was replaced by a relist; a replaced watch's end
    // (its abort) must neither be reported nor restart it.
    let ended = false;
    let superseded = false;
    this.watchAbort = await watch.watch(
      '/api/v1/serviceaccounts',
      // The client aborts a watch after 30 s without events; asking the server to end it
      // sooner makes every quiet period a clean end that we resume from.
      { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: WATCH_SECONDS },
      (phase: string, object: any) => {
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
        const before = this.serviceAccounts.get(key)?.annotations[ROLE_ARN_ANNOTATION];
        if (phase === 'DELETED') {
          this.serviceAccounts.delete(key);
          this.serviceAccountLabels.delete(key);
        } else {
          this.put(item, this.serviceAccounts, this.serviceAccountLabels);
        }
        this.emit();
        const after = this.serviceAccounts.get(key)?.annotations[ROLE_ARN_ANNOTATION];
        // Which pods need a restart depends on the annotation: recompute them when it changes.
        if (before !== after) void this.refreshPods().then(() => this.emit());
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
  page: (
    continueToken: string | undefined,
  ) => Promise<{ items: T[]; metadata?: { _continue?: string; resourceVersion?: string } }>,
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

function toIso(value: Date | string | undefined): string | undefined {
  if (!value) return undefined;
  return value instanceof Date ? value.toISOString() : value;
}

/** An error message safe to show users: status code and reason, never request headers. */
export function describeError(error: unknown): string {
  const e = error as { code?: number; statusCode?: number; body?: unknown; message?: string };
  const code = e?.code ?? e?.statusCode;
  let reason: string | undefined;
  if (typeof e?.body === 'string') {
    try {
      reason = JSON.parse(e.body).message;
    } catch {
      reason = undefined;
    }
  } else if (e?.body && typeof e.body === 'object') {
    reason = (e.body as { message?: string }).message;
  }
  const base = reason ?? e?.message ?? String(error);
  // DOMException codes (e.g. 23 for a timeout) are not HTTP statuses.
  const isHttpStatus = typeof code === 'number' && code >= 100 && code < 600;
  const line = base.split('\n')[0];
  return isHttpStatus ? `HTTP ${code}: ${line}` : line;
}
