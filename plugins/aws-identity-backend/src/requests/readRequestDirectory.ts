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
import { Config } from '@backstage/config';
import { RoleRequestDirectory } from '@internal/plugin-aws-identity-common';
import { readAwsIdentityConfig } from '../config';
import { readConfiguredClusters } from '../sources/kubernetes/clusterConfig';

/**
 * The accounts and clusters role requests may target, from the configuration
 * the backend already reads (`awsIdentity.accounts` or `aws.accounts`, the
 * Kubernetes plugin's cluster list with its aws-identity auth metadata) plus
 * `awsIdentity.clusters[].issuer`. Clusters without an account id are left
 * out: a role cannot be requested for them.
 *
 * @public
 */
export function readRequestDirectory(config: Config): RoleRequestDirectory {
  const { accountIds } = readAwsIdentityConfig(config);
  const issuers = new Map<string, string>();
  for (const cluster of config.getOptionalConfigArray('awsIdentity.clusters') ?? []) {
    issuers.set(cluster.getString('name'), cluster.getString('issuer'));
  }
  const { clusters } = readConfiguredClusters(config);
  return {
    accountIds,
    clusters: clusters
      .filter(c => c.accountId)
      .map(c => ({
        name: c.name,
        accountId: c.accountId!,
        region: c.region,
        eksClusterName: c.eksClusterName,
        issuer: issuers.get(c.name),
      })),
  };
}
