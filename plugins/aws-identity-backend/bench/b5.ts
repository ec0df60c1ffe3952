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

import { iamClient } from '@internal/aws-identity-test';
import { KubeConfig } from '@kubernetes/client-node';
import { AccountSnapshot } from '@internal/plugin-aws-identity-node';
import { AwsManagedPolicyCache, readAccount } from '../src/sources/aws/AccountInventory';
import { ClusterInventory } from '../src/sources/kubernetes/ClusterInventory';
import { createClusterReadApi } from '../src/sources/kubernetes/clusterReadApi';
import { BenchContext } from './setup';

/** B5 figures. */
export interface B5Result {
  roles: number;
  serviceAccounts: number;
  /** Pods the measured inventory counted (its watch had delivered them when the heap was read). */
  pods: number;
  mbPer10kRoles: number;
  mbPer10kServiceAccounts: number;
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent } as any;

/**
 * B5: heap retained by one account's IAM snapshot (roles with their policies, as the index holds
 * them) and by one cluster inventory (service accounts, labels and pod aggregates), measured as
 * the heap difference after forced GC with and without the object.
 */
export async function runB5(ctx: BenchContext): Promise<B5Result> {
  const accountId = ctx.accounts[0];
  const iam = iamClient({ endpoint: ctx.sandbox.state.aws.endpoint, accountId });
  // Warm the code paths (and the AWS-managed cache) so only data remains in the difference.
  await readAccount({ accountId, iam, awsManagedPolicies: new AwsManagedPolicyCache() });
  const cache = new AwsManagedPolicyCache();
  // Several independent snapshots lift the difference well above the noise of a live backend.
  const copies = ctx.small ? 10 : 2;
  const before = heapAfterGc();
  let snapshots: AccountSnapshot[] | undefined = [];
  for (let c = 0; c < copies; c++) {
    snapshots.push(await readAccount({ accountId, iam, awsManagedPolicies: cache }));
  }
  const withRoles = heapAfterGc();
  const roles = snapshots.reduce((n, s) => n + s.roles.length, 0);
  snapshots = undefined;
  iam.destroy();

  const cluster = ctx.sandbox.state.clusters[0];
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfigs.reader);
  let inventory: ClusterInventory | undefined = new ClusterInventory({
    cluster: cluster.name,
    api: createClusterReadApi(kubeConfig),
    logger: silent,
  });
  const beforeSa = heapAfterGc();
  // start() resolves after both initial LISTs are applied and the watches are open; view()
  // folds the aggregates, so the figure holds every pod of the cluster, not an empty inventory.
  await inventory.start();
  const view = inventory.view();
  const serviceAccounts = view.serviceAccounts.size;
  const pods = [...view.pods.values()].reduce((n, p) => n + p.aggregate.podCount, 0);
  const withSa = heapAfterGc();
  inventory.stop();
  inventory = undefined;
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    roles,
    serviceAccounts,
    pods,
    mbPer10kRoles: (mb(withRoles - before) / roles) * 10_000,
    mbPer10kServiceAccounts: (mb(withSa - beforeSa) / serviceAccounts) * 10_000,
  };
}
