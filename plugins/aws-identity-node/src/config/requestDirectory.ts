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
import { RoleRequestDirectory } from '@internal/plugin-aws-identity-common';
import { ClusterConnection } from './clusterConnections';

/**
 * The accounts and clusters role requests may target: the inventoried accounts, and the
 * configured clusters that name their AWS account, with the issuer configured for each (if
 * any). Clusters without an account id are left out: a role cannot be requested for them.
 *
 * @public
 */
export function toRequestDirectory(options: {
  accountIds: readonly string[];
  clusters: readonly ClusterConnection[];
  issuers: ReadonlyMap<string, string>;
}): RoleRequestDirectory {
  return {
    accountIds: [...options.accountIds],
    clusters: options.clusters
      .filter(c => c.accountId)
      .map(c => ({
        name: c.name,
        accountId: c.accountId!,
        region: c.region,
        eksClusterName: c.eksClusterName,
        issuer: options.issuers.get(c.name),
      })),
  };
}
