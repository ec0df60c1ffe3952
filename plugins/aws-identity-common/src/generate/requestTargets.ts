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

import { RoleBindingKind } from '../api/requests';
import { Cluster } from '../domain/types';
import { podIdentityAgentReadiness } from '../migration/readiness';
import { MigrationReadinessItem } from '../migration/types';
import { RoleRequestDirectory } from './requestDirectory';

/**
 * One cluster a role request may target, as the scaffolder's cluster picker offers it: the
 * cluster with the account and region its role is created for, which bindings can serve it,
 * and the binding to propose.
 *
 * @public
 */
export interface RoleRequestTarget {
  /** Name in the Kubernetes plugin's cluster list (what `clusters[].name` of a request takes). */
  cluster: string;
  accountId: string;
  region?: string;
  /** EKS cluster name, when configuration names one. */
  eksClusterName?: string;
  /**
   * IRSA needs the cluster's OIDC issuer from configuration or EKS; without one the planner
   * refuses an IRSA request, and `reason` says so.
   */
  irsa: { available: boolean; reason?: string };
  /** Whether the EKS Pod Identity Agent add-on serves the cluster's pods, with evidence and fix. */
  podIdentity: MigrationReadinessItem;
  /** EKS Pod Identity where the agent is ready, else IRSA (AWS's recommendation for EKS). */
  recommendedBinding: RoleBindingKind;
}

/**
 * The clusters role requests may target, in the directory's order: each configured cluster
 * that names its account (the directory), with its Pod Identity readiness from the inventoried
 * cluster of the same name. A cluster the inventory did not read is `unknown` for Pod Identity,
 * never ready.
 *
 * @public
 */
export function requestTargets(
  directory: RoleRequestDirectory,
  inventory: ReadonlyArray<Pick<Cluster, 'name' | 'arn' | 'podIdentityAgent'>>,
): RoleRequestTarget[] {
  return directory.clusters.map(cluster => {
    const live = inventory.find(c => c.name === cluster.name);
    const podIdentity = podIdentityAgentReadiness(live ?? { name: cluster.name });
    const irsa = cluster.issuer
      ? { available: true }
      : {
          available: false,
          reason: `The issuer of cluster ${cluster.name} is unknown (neither awsIdentity.clusters[].issuer nor EKS DescribeCluster reports one).`,
        };
    return {
      cluster: cluster.name,
      accountId: cluster.accountId,
      ...(cluster.region ? { region: cluster.region } : {}),
      ...(cluster.eksClusterName ? { eksClusterName: cluster.eksClusterName } : {}),
      irsa,
      podIdentity,
      recommendedBinding: podIdentity.state === 'ready' || !irsa.available ? 'pod-identity' : 'irsa',
    };
  });
}

/**
 * The body of `GET /api/aws-identity/request-targets`.
 *
 * @public
 */
export interface RoleRequestTargetList {
  items: RoleRequestTarget[];
}
