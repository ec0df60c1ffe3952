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
import { IndexedCluster } from '../../index/IdentityIndex';
import { EksClusterRef } from '../aws/AwsInventory';
import { ClusterConnection } from './clusterConfig';
import { ClusterInventory } from './ClusterInventory';
import { kubeConfigFor } from './kubeConfig';

/**
 * The clusters the plugin watches, from config at start and from the catalog once it answers.
 * It owns each cluster's inventory and exposes the views the index and the AWS sync need.
 *
 * @public
 */
export class ClusterRegistry {
  /** Views keyed by cluster name, read by the index. */
  readonly indexed = new Map<string, IndexedCluster>();
  /** EKS clusters to read from AWS; the AWS sync reads this list on each run. */
  readonly eksClusters: EksClusterRef[] = [];
  private readonly inventories = new Map<string, ClusterInventory>();
  private started = false;

  constructor(
    private readonly options: {
      credentials: AwsCredentialsManager;
      logger: LoggerService;
      /** Called whenever any cluster's view changes. */
      onChange: () => void;
    },
  ) {}

  /** Adds a cluster (ignored when the name is taken); starts it if the registry runs. */
  async add(connection: ClusterConnection): Promise<void> {
    if (this.inventories.has(connection.name)) return;
    const inventory = new ClusterInventory({
      cluster: connection.name,
      kubeConfig: await kubeConfigFor(connection, this.options.credentials),
      logger: this.options.logger,
    });
    inventory.onChange(this.options.onChange);
    this.inventories.set(connection.name, inventory);
    this.indexed.set(connection.name, {
      view: () => inventory.view(),
      accountId: connection.accountId,
      region: connection.region,
    });
    if (connection.accountId) {
      this.eksClusters.push({
        name: connection.name,
        eksName: connection.eksClusterName,
        accountId: connection.accountId,
        region: connection.region,
      });
    }
    if (this.started) void inventory.start();
    this.options.onChange();
  }

  /** Starts every cluster's reads; errors are reported per cluster, never thrown. */
  start(): void {
    this.started = true;
    for (const inventory of this.inventories.values()) void inventory.start();
  }

  stop(): void {
    this.started = false;
    for (const inventory of this.inventories.values()) inventory.stop();
  }
}
