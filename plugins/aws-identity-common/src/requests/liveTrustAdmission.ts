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
import { RoleRequestInput } from '../api/requests';
import { Cluster } from '../domain/types';
import {
  evaluateIrsaTrust,
  evaluatePodIdentityTrust,
} from '../evaluate/workloadRequests';
import { normalizeIssuer } from '../parse/identifiers';
import { ParsedPolicy } from '../policy/types';

/**
 * Who a role's trust must admit: the planned service account on each planned cluster, with the
 * issuer and ARN the inventory knows for that cluster.
 *
 * @public
 */
export interface TrustAdmissionTarget {
  binding: RoleRequestInput['binding'];
  /** The role's account (where STS looks the OIDC provider up; Pod Identity's source account). */
  accountId: string;
  namespace: string;
  serviceAccount: string;
  clusters: Array<{ name: string; issuer?: string; arn?: string }>;
}

/**
 * The admission target of a plan. Issuers and cluster ARNs come from the inventory's clusters
 * when it has them (what the clusters really use), else from the plan's own cluster record.
 *
 * @internal
 */
export function admissionTargetOf(
  input: Pick<
    RoleRequestInput,
    'binding' | 'accountId' | 'namespace' | 'serviceAccount' | 'clusters'
  >,
  inventory: readonly Pick<Cluster, 'name' | 'issuer' | 'arn'>[] = [],
): TrustAdmissionTarget {
  return {
    binding: input.binding,
    accountId: input.accountId,
    namespace: input.namespace,
    serviceAccount: input.serviceAccount,
    clusters: input.clusters.map(wanted => {
      const known = inventory.find(c => c.name === wanted.name);
      return {
        name: wanted.name,
        issuer: known?.issuer ?? wanted.issuer,
        arn: known?.arn,
      };
    }),
  };
}

/**
 * Where a trust policy does not admit the target, in words: one line per planned cluster whose
 * service account cannot assume the role (or whose issuer is unknown). Empty when every cluster
 * is admitted.
 *
 * @internal
 */
export function trustAdmissionDrift(
  trust: ParsedPolicy,
  target: TrustAdmissionTarget,
): string[] {
  const { namespace, serviceAccount, accountId } = target;
  const drift: string[] = [];
  for (const cluster of target.clusters) {
    if (target.binding === 'irsa') {
      const issuer = normalizeIssuer(cluster.issuer);
      if (!issuer.ok) {
        drift.push(`the issuer of cluster ${cluster.name} is unknown`);
        continue;
      }
      const decision = evaluateIrsaTrust(trust, {
        issuerHostPath: issuer.value.hostPath,
        accountId,
        namespace,
        serviceAccount,
      });
      if (!decision.allowed) {
        drift.push(
          `the live trust policy does not admit ${namespace}/${serviceAccount} on ${cluster.name}`,
        );
      }
    } else {
      const decision = evaluatePodIdentityTrust(trust, {
        accountId,
        clusterArn: cluster.arn,
        namespace,
        serviceAccount,
      });
      if (!decision.allowed) {
        drift.push(
          `the live trust policy does not admit EKS Pod Identity for ${namespace}/${serviceAccount}`,
        );
      }
    }
  }
  return drift;
}
