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
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { SourceStatus } from '@internal/plugin-aws-identity-common';
import {
  AccountSnapshot,
  AwsIdentityAwsSource,
  AwsIdentityConfig,
  AwsSourceSnapshot,
  EksClusterRef,
  EksClusterSnapshot,
} from '@internal/plugin-aws-identity-node';
import { SourceSnapshotStore } from '../../database/SourceSnapshotStore';
import { describeError } from '../../lib/describeError';
import { AwsManagedPolicyCache, OidcProviderCache, readAccount } from './AccountInventory';
import { AssociationCache, readEksCluster } from './EksInventory';

type AwsCredentialIdentityProvider = Awaited<
  ReturnType<AwsCredentialsManager['getCredentialProvider']>
>['sdkCredentialProvider'];
type AwsCredentialIdentity = Awaited<ReturnType<AwsCredentialIdentityProvider>>;

/**
 * Resolves credentials once and reuses them until five minutes before they expire (static keys
 * never do). SDK clients memoise per client only, and each sync makes new clients, so without
 * this every sync would assume the account's role again, once per client (F2: reuse sessions
 * instead of spending the account's shared STS rate).
 */
function memoizeCredentials(
  provider: AwsCredentialIdentityProvider,
): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (identity: AwsCredentialIdentity) =>
    !identity.expiration || identity.expiration.getTime() - Date.now() > 5 * 60_000;
  return async () => {
    if (current) {
      const identity = await current.catch(() => undefined);
      if (identity && fresh(identity)) return identity;
    }
    const next = provider();
    current = next;
    // A failed resolution is not kept: the next call tries again.
    next.catch(() => {
      if (current === next) current = undefined;
    });
    return next;
  };
}

/**
 * The SDK clients of one account (and region), and the credential provider they share. The seam
 * between the inventory and AWS: unit tests fake it.
 *
 * @public
 */
export interface AwsAccountClients {
  iam: IAMClient;
  eks: EKSClient;
  sts: STSClient;
  /** Stable per account: the account check runs once per provider. */
  provider: object;
}

/**
 * What the inventory reads from the configuration.
 *
 * @public
 */
export type AwsInventorySettings = Pick<AwsIdentityConfig, 'accountIds' | 'region' | 'endpoint' | 'accountConcurrency'>;

/**
 * The default AWS source: one snapshot per account and per EKS cluster, each with the status of
 * its last read. A failed read keeps the last good snapshot and marks the source. Reads are
 * shared between replicas through the plugin database ({@link SourceSnapshotStore}).
 *
 * @public
 */
export class AwsInventory implements AwsIdentityAwsSource {
  private readonly accounts = new Map<string, AccountSnapshot>();
  private readonly accountStatus = new Map<string, SourceStatus>();
  private readonly eks = new Map<string, EksClusterSnapshot>();
  private readonly eksErrors = new Map<string, string>();
  private readonly awsManagedPolicies = new AwsManagedPolicyCache();
  private readonly oidcProviderCaches = new Map<string, OidcProviderCache>();
  private readonly associationCaches = new Map<string, AssociationCache>();
  private readonly listeners = new Set<() => void>();
  /** One memoised credential provider per account, shared by every client of every sync. */
  private readonly providers = new Map<string, AwsCredentialIdentityProvider>();
  /** Credential providers whose account `sts:GetCallerIdentity` confirmed (once per provider). */
  private readonly verifiedProviders = new WeakSet<object>();
  /** Revision of each stored source this replica holds in memory. */
  private readonly revisions = new Map<string, string>();
  /** The snapshot last handed out, until anything changes. */
  private current?: AwsSourceSnapshot;

  constructor(
    private readonly options: {
      config: AwsInventorySettings;
      logger: LoggerService;
      /** Credentials per account; used unless `clients` is given. */
      credentials?: AwsCredentialsManager;
      /** Builds the clients of an account; default: SDK clients on `credentials`. */
      clients?: (accountId: string, region: string) => Promise<AwsAccountClients>;
      /** Shares snapshots between replicas; without it, each replica keeps its own reads. */
      store?: SourceSnapshotStore;
    },
  ) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reads every account (or the given ones, e.g. where a requested role should have appeared)
   * and their EKS clusters, with bounded concurrency. Never throws.
   */
  async sync(request: {
    accountIds?: readonly string[];
    eksClusters: readonly EksClusterRef[];
  }): Promise<void> {
    const configured = new Set(this.options.config.accountIds);
    const queue = (request.accountIds ?? this.options.config.accountIds).filter(id => configured.has(id));
    const workers = Array.from(
      { length: Math.min(this.options.config.accountConcurrency, queue.length) },
      async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          await this.syncAccount(id, request.eksClusters.filter(c => c.accountId === id));
        }
      },
    );
    await Promise.all(workers);
    this.changed();
  }

  /**
   * Every account's and EKS cluster's last good read, the status of each account's last read
   * (`stale`, "not read yet", for a configured account never read), and the EKS read errors.
   */
  snapshot(): AwsSourceSnapshot {
    if (!this.current) {
      const accountStatuses = new Map<string, SourceStatus>();
      for (const accountId of this.options.config.accountIds) {
        accountStatuses.set(
          accountId,
          this.accountStatus.get(accountId) ?? {
            source: { kind: 'aws-account', accountId },
            state: 'stale',
            error: 'not read yet',
          },
        );
      }
      this.current = {
        accounts: new Map(this.accounts),
        accountStatuses,
        eksClusters: new Map(this.eks),
        eksErrors: new Map(this.eksErrors),
      };
    }
    return this.current;
  }

  private async clientsFor(accountId: string, region?: string): Promise<AwsAccountClients> {
    const resolvedRegion = region ?? this.options.config.region;
    if (this.options.clients) return this.options.clients(accountId, resolvedRegion);
    let provider = this.providers.get(accountId);
    if (!provider) {
      if (!this.options.credentials) throw new Error('AwsInventory needs credentials or clients');
      const { sdkCredentialProvider } =
        await this.options.credentials.getCredentialProvider({ accountId });
      provider = memoizeCredentials(sdkCredentialProvider);
      this.providers.set(accountId, provider);
    }
    const common = {
      region: resolvedRegion,
      credentials: provider,
      endpoint: this.options.config.endpoint,
      // Standard retry mode backs off on throttling instead of failing the sync outright.
      retryMode: 'standard',
      maxAttempts: 3,
    };
    return {
      iam: new IAMClient(common),
      eks: new EKSClient(common),
      sts: new STSClient(common),
      provider,
    };
  }

  /**
   * Fails unless the account's credentials belong to that account. Without this check, keys of
   * another account (a copy-paste slip, or an emulator that maps unknown keys to a default
   * account) read that account's IAM and report it as this one's, `ok`. Checked once per
   * credential provider; a failed check is retried on the next sync.
   */
  private async verifyAccount(
    accountId: string,
    sts: STSClient,
    provider: object,
  ): Promise<void> {
    if (this.verifiedProviders.has(provider)) return;
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    if (identity.Account !== accountId) {
      throw new Error(
        `the configured credentials belong to account ${identity.Account ?? '(unknown)'}, not ${accountId}`,
      );
    }
    this.verifiedProviders.add(provider);
  }

  private async syncAccount(accountId: string, eksClusters: readonly EksClusterRef[]): Promise<void> {
    const previous = this.accountStatus.get(accountId);
    try {
      const { iam, sts, provider } = await this.clientsFor(accountId);
      await this.verifyAccount(accountId, sts, provider);
      const snapshot = await readAccount({
        accountId,
        iam,
        awsManagedPolicies: this.awsManagedPolicies,
        oidcProviders: this.oidcProviderCacheOf(accountId),
      });
      this.accounts.set(accountId, snapshot);
      const status: SourceStatus = {
        source: { kind: 'aws-account', accountId },
        state: 'ok',
        lastSuccessAt: snapshot.readAt,
      };
      this.accountStatus.set(accountId, status);
      await this.persist(`account:${accountId}`, status, snapshot);
    } catch (error) {
      const message = describeError(error);
      this.options.logger.warn(
        `aws-identity: reading IAM of account ${accountId} failed: ${message}`,
      );
      const status: SourceStatus = {
        source: { kind: 'aws-account', accountId },
        state: 'error',
        lastSuccessAt: previous?.lastSuccessAt,
        error: `reading IAM failed: ${message}`,
      };
      this.accountStatus.set(accountId, status);
      await this.persist(`account:${accountId}`, status);
    }

    for (const cluster of eksClusters) await this.syncEksCluster(cluster);
  }

  private async syncEksCluster(cluster: EksClusterRef): Promise<void> {
    try {
      const { eks } = await this.clientsFor(cluster.accountId, cluster.region);
      let cache = this.associationCaches.get(cluster.name);
      if (!cache) {
        cache = new AssociationCache();
        this.associationCaches.set(cluster.name, cache);
      }
      const snapshot = await readEksCluster({
        eks,
        eksName: cluster.eksName,
        clusterName: cluster.name,
        associations: cache,
      });
      this.eks.set(cluster.name, snapshot);
      this.eksErrors.delete(cluster.name);
      await this.persist(
        `eks:${cluster.name}`,
        { source: { kind: 'cluster', cluster: cluster.name }, state: 'ok', lastSuccessAt: new Date().toISOString() },
        snapshot,
      );
    } catch (error) {
      const message = describeError(error);
      this.options.logger.warn(
        `aws-identity: reading EKS cluster ${cluster.eksName} in ${cluster.accountId} failed: ${message}`,
      );
      this.eksErrors.set(cluster.name, `reading EKS failed: ${message}`);
      await this.persist(`eks:${cluster.name}`, {
        source: { kind: 'cluster', cluster: cluster.name },
        state: 'error',
        error: `reading EKS failed: ${message}`,
      });
    }
  }

  /**
   * Loads the sources another replica wrote since the last load. Cheap when nothing changed:
   * one query for the revisions. Never throws; a database error leaves memory as it is.
   */
  async reload(): Promise<void> {
    const store = this.options.store;
    if (!store) return;
    try {
      const current = await store.revisions();
      const changed = [...current]
        .filter(([key, revision]) => this.revisions.get(key) !== revision)
        .map(([key]) => key);
      if (changed.length === 0) return;
      for (const row of await store.load<AccountSnapshot | EksClusterSnapshot>(changed)) {
        this.revisions.set(row.key, row.revision);
        const [kind, id] = [row.key.slice(0, row.key.indexOf(':')), row.key.slice(row.key.indexOf(':') + 1)];
        if (kind === 'account') {
          if (row.snapshot) this.accounts.set(id, row.snapshot as AccountSnapshot);
          this.accountStatus.set(id, row.status);
        } else if (kind === 'eks') {
          if (row.snapshot) this.eks.set(id, row.snapshot as EksClusterSnapshot);
          if (row.status.state === 'error') this.eksErrors.set(id, row.status.error ?? 'reading EKS failed');
          else this.eksErrors.delete(id);
        }
      }
      this.changed();
    } catch (error) {
      this.options.logger.warn(`aws-identity: loading shared snapshots failed: ${error}`);
    }
  }

  private changed(): void {
    this.current = undefined;
    for (const listener of this.listeners) listener();
  }

  private oidcProviderCacheOf(accountId: string): OidcProviderCache {
    let cache = this.oidcProviderCaches.get(accountId);
    if (!cache) {
      cache = new OidcProviderCache();
      this.oidcProviderCaches.set(accountId, cache);
    }
    return cache;
  }

  private async persist(key: string, status: SourceStatus, snapshot?: object): Promise<void> {
    if (!this.options.store) return;
    try {
      this.revisions.set(key, await this.options.store.save(key, status, snapshot));
    } catch (error) {
      // The replica's own memory is current; other replicas catch up on the next write.
      this.options.logger.warn(`aws-identity: storing ${key} failed: ${error}`);
    }
  }
}
