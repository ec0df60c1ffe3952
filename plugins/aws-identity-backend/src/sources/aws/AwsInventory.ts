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
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { SourceStatus } from '@internal/plugin-aws-identity-common';
import { AwsIdentityConfig } from '../../config';
import { describeError } from '../kubernetes/ClusterInventory';
import { AccountSnapshot, AwsManagedPolicyCache, readAccount } from './AccountInventory';
import { AssociationCache, EksClusterSnapshot, readEksCluster } from './EksInventory';

/**
 * An EKS cluster to read, as named in Backstage's Kubernetes configuration.
 *
 * @public
 */
export interface EksClusterRef {
  /** Backstage cluster name. */
  name: string;
  /** EKS cluster name. */
  eksName: string;
  accountId: string;
  region?: string;
}

/**
 * The AWS side of the index: one snapshot per account and per EKS cluster, each with the
 * status of its last read. A failed read keeps the last good snapshot and marks the source.
 *
 * @public
 */
export class AwsInventory {
  private readonly accounts = new Map<string, AccountSnapshot>();
  private readonly accountStatus = new Map<string, SourceStatus>();
  private readonly eks = new Map<string, EksClusterSnapshot>();
  private readonly eksErrors = new Map<string, string>();
  private readonly awsManagedPolicies = new AwsManagedPolicyCache();
  private readonly associationCaches = new Map<string, AssociationCache>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly options: {
      config: AwsIdentityConfig;
      credentials: AwsCredentialsManager;
      eksClusters: EksClusterRef[];
      logger: LoggerService;
    },
  ) {}

  /** Registers a callback for a finished sync; returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads every account (bounded concurrency) and its EKS clusters. Never throws. */
  async sync(): Promise<void> {
    const queue = [...this.options.config.accountIds];
    const workers = Array.from(
      { length: Math.min(this.options.config.accountConcurrency, queue.length) },
      async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          await this.syncAccount(id);
        }
      },
    );
    await Promise.all(workers);
    for (const listener of this.listeners) listener();
  }

  /** Last good snapshot per account. */
  accountSnapshots(): ReadonlyMap<string, AccountSnapshot> {
    return this.accounts;
  }

  /** Last good EKS snapshot per Backstage cluster name. */
  eksSnapshots(): ReadonlyMap<string, EksClusterSnapshot> {
    return this.eks;
  }

  /** Status per account, with staleness computed now. */
  statuses(): SourceStatus[] {
    const staleAfterMs = this.options.config.staleAfterSeconds * 1000;
    return this.options.config.accountIds.map(accountId => {
      const status = this.accountStatus.get(accountId) ?? {
        source: { kind: 'aws-account' as const, accountId },
        state: 'stale' as const,
        error: 'not read yet',
      };
      if (
        status.state === 'ok' &&
        status.lastSuccessAt &&
        Date.now() - Date.parse(status.lastSuccessAt) > staleAfterMs
      ) {
        return { ...status, state: 'stale' as const };
      }
      return status;
    });
  }

  /** The last EKS read error of a cluster, if its last read failed. */
  eksError(cluster: string): string | undefined {
    return this.eksErrors.get(cluster);
  }

  private async clientsFor(accountId: string, region?: string) {
    const { sdkCredentialProvider } =
      await this.options.credentials.getCredentialProvider({ accountId });
    const common = {
      region: region ?? this.options.config.region,
      credentials: sdkCredentialProvider,
      endpoint: this.options.config.endpoint,
      // Standard retry mode backs off on throttling instead of failing the sync outright.
      retryMode: 'standard',
      maxAttempts: 3,
    };
    return { iam: new IAMClient(common), eks: new EKSClient(common) };
  }

  private async syncAccount(accountId: string): Promise<void> {
    const previous = this.accountStatus.get(accountId);
    try {
      const { iam } = await this.clientsFor(accountId);
      const snapshot = await readAccount({
        accountId,
        iam,
        awsManagedPolicies: this.awsManagedPolicies,
      });
      this.accounts.set(accountId, snapshot);
      this.accountStatus.set(accountId, {
        source: { kind: 'aws-account', accountId },
        state: 'ok',
        lastSuccessAt: snapshot.readAt,
      });
    } catch (error) {
      const message = describeError(error);
      this.options.logger.warn(
        `aws-identity: reading IAM of account ${accountId} failed: ${message}`,
      );
      this.accountStatus.set(accountId, {
        source: { kind: 'aws-account', accountId },
        state: 'error',
        lastSuccessAt: previous?.lastSuccessAt,
        error: `reading IAM failed: ${message}`,
      });
    }

    for (const cluster of this.options.eksClusters.filter(
      c => c.accountId === accountId,
    )) {
      await this.syncEksCluster(cluster);
    }
  }

  private async syncEksCluster(cluster: EksClusterRef): Promise<void> {
    try {
      const { eks } = await this.clientsFor(cluster.accountId, cluster.region);
      let cache = this.associationCaches.get(cluster.name);
      if (!cache) {
        cache = new AssociationCache();
        this.associationCaches.set(cluster.name, cache);
      }
      this.eks.set(
        cluster.name,
        await readEksCluster({
          eks,
          eksName: cluster.eksName,
          clusterName: cluster.name,
          associations: cache,
        }),
      );
      this.eksErrors.delete(cluster.name);
    } catch (error) {
      const message = describeError(error);
      this.options.logger.warn(
        `aws-identity: reading EKS cluster ${cluster.eksName} in ${cluster.accountId} failed: ${message}`,
      );
      this.eksErrors.set(cluster.name, `reading EKS failed: ${message}`);
    }
  }
}
