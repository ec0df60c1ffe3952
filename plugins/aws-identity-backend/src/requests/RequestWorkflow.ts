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


import {
  Cluster,
  evaluateIrsaTrust,
  evaluatePodIdentityTrust,
  normalizeIssuer,
  parsePolicy,
  Role,
  RoleRequest,
} from '@internal/plugin-aws-identity-common';

/** Differences between the live role and the plan, in words for the requester. */
export function compareWithPlan(request: RoleRequest, role: Role, clusters: readonly Cluster[]): string[] {
  const drift: string[] = [];
  const { plan } = request;
  const trust = parsePolicy(role.trustPolicy);
  if (!trust.ok) return [`the live trust policy cannot be read: ${trust.error}`];

  for (const wanted of plan.input.clusters) {
    const cluster = clusters.find(c => c.name === wanted.name);
    if (plan.input.binding === 'irsa') {
      const issuer = normalizeIssuer(cluster?.issuer ?? wanted.issuer);
      if (!issuer.ok) {
        drift.push(`the issuer of cluster ${wanted.name} is unknown`);
        continue;
      }
      const decision = evaluateIrsaTrust(trust.value, {
        issuerHostPath: issuer.value.hostPath,
        accountId: role.accountId,
        namespace: plan.input.namespace,
        serviceAccount: plan.input.serviceAccount,
      });
      if (!decision.allowed) {
        drift.push(`the live trust policy does not admit ${plan.input.namespace}/${plan.input.serviceAccount} on ${wanted.name}`);
      }
    } else {
      const decision = evaluatePodIdentityTrust(trust.value, {
        accountId: role.accountId,
        clusterArn: cluster?.arn,
        namespace: plan.input.namespace,
        serviceAccount: plan.input.serviceAccount,
      });
      if (!decision.allowed) {
        drift.push(`the live trust policy does not admit EKS Pod Identity for ${plan.input.namespace}/${plan.input.serviceAccount}`);
      }
    }
  }

  const planned = canonicalStatements(plan.permissionPolicy.document);
  const live = new Set(
    (role.permissionPolicies ?? []).flatMap(p => [...canonicalStatements(p.document)]),
  );
  const missing = [...planned].filter(statement => !live.has(statement));
  if (missing.length > 0) {
    drift.push(`${missing.length} planned permission statement(s) are not on the live role`);
  }
  const extra = [...live].filter(statement => !planned.has(statement));
  if (extra.length > 0) {
    drift.push(`the live role has ${extra.length} permission statement(s) the plan does not`);
  }
  return drift;
}

/** Statements as order-independent canonical JSON (position and Sid left out: they grant nothing). */
function canonicalStatements(document: unknown): Set<string> {
  const parsed = parsePolicy(document);
  if (!parsed.ok) return new Set();
  return new Set(
    parsed.value.statements.map(({ index: _index, sid: _sid, ...access }) => canonicalJson(access)),
  );
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(canonicalJson);
    return `[${items.sort().join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
