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
import { V1Pod, V1ServiceAccount } from '@kubernetes/client-node';
import {
  IRSA_ANNOTATIONS,
  ServiceAccount,
  SourceStatus,
  annotationWrittenAt,
} from '@internal/plugin-aws-identity-common';
import { ClusterView, ServiceAccountPods } from '@internal/plugin-aws-identity-node';
import { describeError } from '../../lib/describeError';
import { SmallMap } from '../../lib/SmallMap';
import { StringPool } from '../../lib/StringPool';
import { ClusterReadApi } from './clusterReadApi';
import { ListWatch, ListWatchHandlers } from './listWatch';
import { EnvSourceKeyCache } from './EnvSourceKeyCache';
import {
  accountKey,
  accountOf,
  aggregateContributions,
  isUninjected,
  ownWorkload,
  PodContribution,
  PodContributionTable,
  podKey,
  withPodWorkload,
} from './podAggregates';

const ROLE_ARN = IRSA_ANNOTATIONS.roleArn;

/**
 * Keeps one cluster's service accounts and pods current with the list-and-watch protocol
 * ({@link ListWatch}: LIST with `limit`/`continue`, then WATCH from the list's resourceVersion,
 * resumed after routine ends, relisting on `410 Gone`): no periodic LIST, and a change is in the
 * view as soon as its watch event arrives. Of pods only a small {@link PodContribution} per pod is
 * kept, folded into per-service-account aggregates when a view is taken.
 *
 * Views are immutable: a view handed out is never changed. Events update the maps in place
 * only while no view shares them, and copy them first otherwise (copy on write), so a burst of
 * events between two reads costs one copy, not one per event.
 *
 * @public
 */
export class ClusterInventory {
  private serviceAccounts = new Map<string, ServiceAccount>();
  private serviceAccountLabels = new Map<string, Record<string, string>>();
  /**
   * Each pod's interned contribution by its {@link podKey}, grouped by `namespace/serviceAccount`:
   * the only per-pod state kept. A pod's service account never changes, so every event (DELETED
   * included) names its group: one entry per pod.
   */
  private readonly podsByAccount = new Map<string, SmallMap<string, PodContribution>>();
  /** Repeated strings (namespaces, role ARNs, label values) of service accounts and pods, kept once. */
  private readonly strings = new StringPool();
  private readonly contributions = new PodContributionTable({ strings: this.strings });
  /**
   * Creation times (epoch ms) of the pods injected with neither binding, by account and pod
   * name: kept apart from the interned contributions, whose sharing a per-pod time would end.
   */
  private readonly uninjectedCreatedAt = new Map<string, SmallMap<string, number>>();
  /** Key names of the Secrets / ConfigMaps pods read through `envFrom`. */
  private readonly envSourceKeys: EnvSourceKeyCache;
  /** Aggregates as of the last view; the accounts in `dirtyAccounts` are recomputed on the next. */
  private pods = new Map<string, ServiceAccountPods>();
  private readonly dirtyAccounts = new Set<string>();
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
  private readonly serviceAccountWatch: ListWatch<V1ServiceAccount>;
  private readonly podWatch: ListWatch<V1Pod>;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly options: {
      cluster: string;
      api: ClusterReadApi;
      logger: LoggerService;
      /** First delay before re-establishing a failed list or watch (doubles per failure, capped). */
      retryMs?: number;
      /** Longest delay between retries. */
      maxRetryMs?: number;
      /** How long the key names of an `envFrom` Secret / ConfigMap are trusted before a re-read. */
      envSourceRefreshMs?: number;
    },
  ) {
    this.status = { source: { kind: 'cluster', cluster: options.cluster }, state: 'stale' };
    const { api } = options;
    this.envSourceKeys = new EnvSourceKeyCache({
      read: (kind, namespace, name) => api.readKeyNames(kind, namespace, name),
      refreshMs: options.envSourceRefreshMs,
      changed: namespace => {
        for (const account of this.podsByAccount.keys()) {
          if (account.startsWith(`${namespace}/`)) this.dirtyAccounts.add(account);
        }
        this.current = undefined;
        this.emit();
      },
    });
    this.serviceAccountWatch = this.listWatch<V1ServiceAccount>('serviceAccounts', 'service accounts', {
      list: page => api.listServiceAccounts(page),
      watch: (version, onEvent, done) => api.watchServiceAccounts(version, onEvent, done),
      listed: items => this.replaceServiceAccounts(items),
      changed: (phase, item) => this.changeServiceAccount(phase, item),
    });
    this.podWatch = this.listWatch<V1Pod>('pods', 'pods', {
      list: page => api.listPods(page),
      watch: (version, onEvent, done) => api.watchPods(version, onEvent, done),
      listed: items => this.replacePods(items),
      changed: (phase, item) => this.changePod(phase, item),
    });
  }

  /** A list-and-watch of one resource whose readability is the status of `part`. */
  private listWatch<T extends { metadata?: { resourceVersion?: string } }>(
    part: ReadPart,
    resource: string,
    io: Pick<ConstructorParameters<typeof ListWatch<T>>[0], 'list' | 'watch'> &
      Pick<ListWatchHandlers<T>, 'listed' | 'changed'>,
  ): ListWatch<T> {
    return new ListWatch<T>({
      resource,
      list: io.list,
      watch: io.watch,
      retryMs: this.options.retryMs,
      maxRetryMs: this.options.maxRetryMs,
      handlers: {
        listed: io.listed,
        changed: io.changed,
        readable: () => this.markOk(part),
        failed: (what, error) => this.markError(part, what, error),
      },
    });
  }

  /** Registers a callback for any change of the view; returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Performs the initial reads and starts watching. Resolves after the first read attempt. */
  async start(): Promise<void> {
    await this.readIssuer();
    this.envSourceKeys.start();
    await this.serviceAccountWatch.start();
    await this.podWatch.start();
  }

  /** Stops watching. */
  stop(): void {
    this.serviceAccountWatch.stop();
    this.podWatch.stop();
    this.envSourceKeys.stop();
  }

  /** LIST and WATCH calls made so far, per resource (a steady state adds watches only). */
  counts(): {
    serviceAccounts: ListWatch<V1ServiceAccount>['counts'];
    pods: ListWatch<V1Pod>['counts'];
    envSources: EnvSourceKeyCache['counts'];
  } {
    return {
      serviceAccounts: { ...this.serviceAccountWatch.counts },
      pods: { ...this.podWatch.counts },
      envSources: { ...this.envSourceKeys.counts },
    };
  }

  /** The current view; cheap, never does I/O, and never changes once returned. */
  view(): ClusterView {
    if (!this.current) {
      this.foldDirtyAccounts();
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

  private replaceServiceAccounts(items: V1ServiceAccount[]): void {
    const accounts = new Map<string, ServiceAccount>();
    const labels = new Map<string, Record<string, string>>();
    for (const item of items) this.put(item, accounts, labels);
    // Which pods need a restart depends on each annotation: recount every account whose changed.
    for (const key of new Set([...this.serviceAccounts.keys(), ...accounts.keys()])) {
      if (this.serviceAccounts.get(key)?.annotations[ROLE_ARN] !== accounts.get(key)?.annotations[ROLE_ARN]) {
        this.dirtyAccounts.add(key);
      }
    }
    this.serviceAccounts = accounts;
    this.serviceAccountLabels = labels;
    this.shared = false;
    this.current = undefined;
    this.emit();
  }

  private changeServiceAccount(phase: 'ADDED' | 'MODIFIED' | 'DELETED', item: V1ServiceAccount): void {
    const key = `${item.metadata?.namespace}/${item.metadata?.name}`;
    const before = this.serviceAccounts.get(key)?.annotations[ROLE_ARN];
    this.writable();
    if (phase === 'DELETED') {
      this.serviceAccounts.delete(key);
      this.serviceAccountLabels.delete(key);
    } else {
      this.put(item, this.serviceAccounts, this.serviceAccountLabels);
    }
    // The pods keep the env they were created with: a new annotation changes which need a restart.
    if (before !== this.serviceAccounts.get(key)?.annotations[ROLE_ARN]) this.dirtyAccounts.add(key);
    this.emit();
  }

  private replacePods(items: V1Pod[]): void {
    for (const account of this.podsByAccount.keys()) this.dirtyAccounts.add(account);
    this.podsByAccount.clear();
    this.uninjectedCreatedAt.clear();
    for (const item of items) this.putPod(item);
    this.current = undefined;
    this.emit();
  }

  private changePod(phase: 'ADDED' | 'MODIFIED' | 'DELETED', item: V1Pod): void {
    if (phase === 'DELETED') this.removePod(item);
    else this.putPod(item);
    this.current = undefined;
    this.emit();
  }

  private putPod(item: V1Pod): void {
    const contribution = this.contributions.of(item);
    let pods = this.podsByAccount.get(contribution.account);
    if (!pods) {
      pods = new SmallMap();
      this.podsByAccount.set(contribution.account, pods);
    }
    const name = item.metadata?.name ?? '';
    const key = podKey(contribution, name);
    // A pod a controller adopted or orphaned changes key; it keeps its place among the
    // account's pods (and its workload's in the aggregate), as it did keyed by name alone.
    pods.replace(key === name ? ownWorkload(name) : name, key, contribution);
    // The event, not the next page view, starts the first read of an envFrom source's key names.
    const namespace = contribution.account.split('/')[0];
    for (const ref of contribution.envFrom) this.envSourceKeys.observe(ref, namespace);
    const created = item.metadata?.creationTimestamp;
    if (isUninjected(contribution) && created) {
      let times = this.uninjectedCreatedAt.get(contribution.account);
      if (!times) {
        times = new SmallMap();
        this.uninjectedCreatedAt.set(contribution.account, times);
      }
      times.set(name, new Date(created).getTime());
    } else {
      this.forgetCreatedAt(contribution.account, name);
    }
    this.dirtyAccounts.add(contribution.account);
  }

  private forgetCreatedAt(account: string, name: string): void {
    const times = this.uninjectedCreatedAt.get(account);
    if (times?.delete(name) && times.size === 0) this.uninjectedCreatedAt.delete(account);
  }

  private removePod(item: V1Pod): void {
    const account = accountOf(item);
    const pods = this.podsByAccount.get(account);
    const name = item.metadata?.name ?? '';
    this.forgetCreatedAt(account, name);
    // Deleted under whichever key it had (see putPod).
    const deleted = [name, ownWorkload(name)].filter(key => pods?.delete(key)).length > 0;
    if (!pods || !deleted) return;
    if (pods.size === 0) this.podsByAccount.delete(account);
    this.dirtyAccounts.add(account);
  }

  /** Recomputes the aggregates of the accounts changed since the last view, into a new map. */
  private foldDirtyAccounts(): void {
    if (this.dirtyAccounts.size === 0) return;
    const next = new Map(this.pods);
    for (const account of this.dirtyAccounts) {
      const contributions = this.podsByAccount.get(account);
      if (!contributions) {
        next.delete(account);
        continue;
      }
      // Accounts and service accounts share the `namespace/name` key.
      const role = this.serviceAccounts.get(account)?.annotations[ROLE_ARN];
      const times = this.uninjectedCreatedAt.get(account);
      next.set(
        account,
        aggregateContributions(withWorkloads(contributions), role, {
          uninjectedCreatedAt: times ? [...times.values()].map(t => new Date(t).toISOString()) : undefined,
          envSourceKeys: (ref, namespace) => this.envSourceKeys.lookup(ref, namespace),
          share: list => this.contributions.share(list),
        }),
      );
    }
    this.dirtyAccounts.clear();
    this.pods = next;
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
    const namespace = this.strings.of(item.metadata?.namespace ?? 'default');
    const name = item.metadata?.name ?? '';
    const key = accountKey(namespace, name);
    const annotations = { ...(item.metadata?.annotations ?? {}) };
    // The role ARN repeats in every injected pod's env: one copy serves both.
    if (annotations[ROLE_ARN] !== undefined) annotations[ROLE_ARN] = this.strings.of(annotations[ROLE_ARN]);
    accounts.set(key, {
      cluster: this.options.cluster,
      namespace,
      name,
      annotations,
      createdAt: toIso(item.metadata?.creationTimestamp),
      ...optional('roleArnAnnotatedAt', annotationWrittenAt(item.metadata, ROLE_ARN)),
    });
    labels.set(key, this.strings.record(item.metadata?.labels ?? {}));
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
    // A recovery is news: the index must stop showing the error.
    this.emit();
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

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function toIso(value: Date | string | undefined): string | undefined {
  if (!value) return undefined;
  return value instanceof Date ? value.toISOString() : value;
}

/** An account's stored contributions with each pod's own workload restored (see {@link withPodWorkload}). */
function* withWorkloads(pods: SmallMap<string, PodContribution>): Iterable<PodContribution> {
  for (const [key, contribution] of pods) yield withPodWorkload(contribution, key);
}
