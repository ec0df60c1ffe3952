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
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  AwsIdentityClusterLocator,
  AwsIdentityClusterSource,
  ClusterConnection,
  ServiceAccountTokenRequest,
  WatchedCluster,
} from '@internal/plugin-aws-identity-node';
import { ClusterInventory } from './ClusterInventory';
import { ClusterReadApi, createClusterReadApi } from './clusterReadApi';
import { kubeConfigFor } from './kubeConfig';

/**
 * The default cluster source: the clusters of the Kubernetes plugin's `config` locator from the
 * start, and those further locators (the catalog) find once they answer, each kept current by
 * its own {@link ClusterInventory}.
 *
 * @public
 */
export class ClusterRegistry implements AwsIdentityClusterSource {
  private readonly entries = new Map<
    string,
    { connection: ClusterConnection; inventory: ClusterInventory; api: ClusterReadApi }
  >();
  private readonly listeners = new Set<() => void>();
  private started = false;
  private stopped = false;

  /**
   * A registry holding the given clusters (connected, not yet reading), which will ask the
   * locators for more once started.
   */
  static async create(options: {
    clusters: readonly ClusterConnection[];
    locators?: readonly AwsIdentityClusterLocator[];
    credentials: AwsCredentialsManager;
    logger: LoggerService;
    /** How a connection becomes API access; default: a client-node `KubeConfig` for it. */
    connect?: (connection: ClusterConnection) => Promise<ClusterReadApi>;
    /** First delay before asking a locator again; doubles up to a minute. Default 2 s. */
    retryMs?: number;
  }): Promise<ClusterRegistry> {
    const connect =
      options.connect ??
      (async (connection: ClusterConnection) =>
        createClusterReadApi(await kubeConfigFor(connection, options.credentials)));
    const registry = new ClusterRegistry(connect, options.locators ?? [], options.logger, options.retryMs ?? 2_000);
    for (const cluster of options.clusters) await registry.add(cluster);
    return registry;
  }

  private constructor(
    private readonly connect: (connection: ClusterConnection) => Promise<ClusterReadApi>,
    private readonly locators: readonly AwsIdentityClusterLocator[],
    private readonly logger: LoggerService,
    private readonly retryMs: number,
  ) {}

  snapshot(): ReadonlyMap<string, WatchedCluster> {
    const clusters = new Map<string, WatchedCluster>();
    for (const [name, { connection, inventory }] of this.entries) {
      clusters.set(name, {
        name,
        accountId: connection.accountId,
        region: connection.region,
        eksClusterName: connection.eksClusterName,
        view: inventory.view(),
      });
    }
    return clusters;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts every cluster's reads and the locators; errors are reported per cluster, never thrown. */
  start(): void {
    this.started = true;
    for (const { inventory } of this.entries.values()) void inventory.start();
    for (const locator of this.locators) void this.locate(locator);
  }

  stop(): void {
    this.started = false;
    this.stopped = true;
    for (const { inventory } of this.entries.values()) inventory.stop();
  }

  async requestServiceAccountToken(request: ServiceAccountTokenRequest): Promise<string> {
    const entry = this.entries.get(request.cluster);
    if (!entry) throw new Error(`cluster ${request.cluster} is not known`);
    if (!entry.api.requestToken) throw new Error(`cluster ${request.cluster} cannot issue tokens`);
    return entry.api.requestToken(request.namespace, request.serviceAccount, {
      audience: request.audience,
      expirationSeconds: request.expirationSeconds,
    });
  }

  /** Adds a cluster (ignored when the name is taken); starts it if the registry runs. */
  private async add(connection: ClusterConnection): Promise<void> {
    if (this.entries.has(connection.name)) return;
    const api = await this.connect(connection);
    const inventory = new ClusterInventory({
      cluster: connection.name,
      api,
      logger: this.logger,
    });
    inventory.onChange(() => this.emit());
    this.entries.set(connection.name, { connection, inventory, api });
    if (this.started) void inventory.start();
    this.emit();
  }

  /** Asks a locator until it answers (both may start with the backend), then adds what it found. */
  private async locate(locator: AwsIdentityClusterLocator): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        const { clusters, unsupported = [] } = await locator.getClusters();
        for (const { name, reason } of unsupported) {
          this.logger.warn(`aws-identity: cluster ${name} from ${locator.name} is skipped: ${reason}`);
        }
        for (const cluster of clusters) await this.add(cluster);
        return;
      } catch (error) {
        const delay = Math.min(60_000, this.retryMs * attempt);
        this.logger.warn(
          `aws-identity: reading clusters from ${locator.name} failed (attempt ${attempt}), retrying in ${delay} ms: ${error}`,
        );
        await new Promise(resolve => setTimeout(resolve, delay).unref?.());
      }
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
