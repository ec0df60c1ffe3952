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
import { RoleRequestCluster } from '../api/requests';
import { Cluster } from '../domain/types';
import { normalizeIssuer } from '../parse/identifiers';

/**
 * What the platform allows role requests to target: the accounts and the clusters, each with the
 * issuer its role trusts when one is known (configuration, else the EKS inventory). The issuer
 * is never the requester's to choose: the planner takes it from here only.
 *
 * @public
 */
export interface RoleRequestDirectory {
  /** Accounts roles may be created in. */
  accountIds: string[];
  clusters: Array<Omit<RoleRequestCluster, 'issuer'> & { issuer?: string }>;
  /**
   * Every issuer (`host/path`) of a cluster the platform knows, requestable or not: what
   * IRSA-T09 calls a known cluster. Defaults to the issuers of `clusters`.
   */
  knownIssuers?: string[];
}

/**
 * The directory role requests are planned against: configuration's clusters with their issuer
 * from `awsIdentity.clusters[].issuer` where configuration pins one, else the issuer EKS reports
 * for the cluster (`DescribeCluster` → `identity.oidc.issuer`); a cluster neither knows keeps no
 * issuer, and an IRSA request for it is refused. Issuers a cluster publishes about itself
 * (its discovery document) are not taken: only EKS (or configuration) says what IAM trusts.
 * `knownIssuers` holds the issuers of every inventoried EKS cluster and every configured one.
 *
 * @public
 */
export function resolveRequestDirectory(
  configured: RoleRequestDirectory,
  inventory: ReadonlyArray<Pick<Cluster, 'name' | 'issuer' | 'issuerSource'>>,
): RoleRequestDirectory {
  const fromEks = new Map<string, string>();
  for (const cluster of inventory) {
    const issuer = cluster.issuerSource === 'eks' ? normalizeIssuer(cluster.issuer) : undefined;
    if (issuer?.ok) fromEks.set(cluster.name, issuer.value.url);
  }
  const clusters: RoleRequestDirectory['clusters'] = configured.clusters.map(cluster => {
    const issuer = cluster.issuer ?? fromEks.get(cluster.name);
    const { issuer: _unused, ...rest } = cluster;
    return issuer ? { ...rest, issuer } : rest;
  });
  const known = new Set<string>(configured.knownIssuers ?? []);
  for (const issuer of [...clusters.map(c => c.issuer), ...fromEks.values()]) {
    const normalized = issuer === undefined ? undefined : normalizeIssuer(issuer);
    if (normalized?.ok) known.add(normalized.value.hostPath);
  }
  return { accountIds: [...configured.accountIds], clusters, knownIssuers: [...known] };
}
