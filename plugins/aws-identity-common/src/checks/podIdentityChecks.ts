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
import { Cluster, PodIdentityAssociation } from '../domain/types';
import { evaluatePolicy } from '../evaluate/evaluatePolicy';
import { matchesWildcard } from '../evaluate/wildcard';
import {
  POD_IDENTITY_PRINCIPAL,
  podIdentityRequests,
} from '../evaluate/workloadRequests';
import { parseRoleArn } from '../parse/identifiers';
import { ParsedPolicy } from '../policy/types';
import { CheckedPolicy } from './permissionChecks';
import { Check, CheckHit } from './types';

/**
 * Everything the Pod Identity checks read about one role.
 *
 * @public
 */
export interface PodIdentityCheckContext {
  roleArn: string;
  /** The role's trust policy, when it parsed. */
  trustPolicy?: ParsedPolicy;
  permissionPolicies: CheckedPolicy[];
  /** Associations that use this role. */
  associations: PodIdentityAssociation[];
  /** Clusters by name, for account comparisons. */
  clusters: Cluster[];
}

const roleSubject = (ctx: PodIdentityCheckContext) => ({
  kind: 'role' as const,
  ref: ctx.roleArn,
});
const SOURCE_KEYS = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
];

/** ARNs of the clusters whose associations use the role, where the cluster is known. */
function associatedClusterArns(ctx: PodIdentityCheckContext): string[] {
  const arns = ctx.associations.map(
    a => ctx.clusters.find(c => c.name === a.cluster)?.arn,
  );
  return [...new Set(arns.filter((arn): arn is string => arn !== undefined))];
}

function podIdentityStatements(policy: ParsedPolicy) {
  return policy.statements.filter(
    s =>
      s.effect === 'Allow' &&
      (s.principal?.byType.Service ?? []).some(
        p => p.toLowerCase() === POD_IDENTITY_PRINCIPAL,
      ),
  );
}

const pid01: Check<PodIdentityCheckContext> = {
  id: 'PID-01',
  category: 'pod-identity',
  title: 'Pod Identity trust incomplete',
  severity: 'medium',
  failMode: 'open',
  explanation:
    "EKS Pod Identity needs both sts:AssumeRole and sts:TagSession; without aws:SourceAccount/aws:SourceArn any account's EKS could act on the trust (cross-service confused deputy).",
  fix: 'Allow ["sts:AssumeRole","sts:TagSession"] for pods.eks.amazonaws.com with "StringEquals": {"aws:SourceAccount": "<account>"} and "ArnEquals": {"aws:SourceArn": "<cluster ARN>"}.',
  structuredFix(ctx) {
    const role = parseRoleArn(ctx.roleArn);
    if (!role.ok) return undefined;
    return {
      kind: 'pod-identity-trust-policy',
      roleArn: ctx.roleArn,
      accountId: role.value.accountId,
      clusterArns: associatedClusterArns(ctx),
    };
  },
  run(ctx) {
    if (!ctx.trustPolicy) return [];
    const statements = podIdentityStatements(ctx.trustPolicy);
    if (statements.length === 0) return [];
    const hits: CheckHit[] = [];
    const grantsTagSession = statements.some(s =>
      s.action
        ? s.action.some(a => matchesWildcard(a, 'sts:TagSession', true))
        : !(s.notAction ?? []).some(a =>
            matchesWildcard(a, 'sts:TagSession', true),
          ),
    );
    if (!grantsTagSession) {
      hits.push({
        subject: roleSubject(ctx),
        failMode: 'closed',
        message:
          'The trust allows pods.eks.amazonaws.com without sts:TagSession: EKS Pod Identity cannot assume the role.',
      });
    }
    for (const s of statements) {
      if (
        !s.conditions.some(
          c => SOURCE_KEYS.includes(c.keyLower) && !c.negated && !c.ifExists,
        )
      ) {
        hits.push({
          subject: {
            kind: 'statement',
            ref: ctx.roleArn,
            statementIndex: s.index,
          },
          message: `Statement ${s.index} trusts pods.eks.amazonaws.com without aws:SourceAccount / aws:SourceArn.`,
          // EKS in any account can ask for the role on behalf of its own clusters.
          admits: {
            scope: 'service-principals',
            statementIndex: s.index,
            ...(s.sid ? { sid: s.sid } : {}),
            principals: [POD_IDENTITY_PRINCIPAL],
          },
        });
      }
    }
    // An outsider's cluster, sending its own account as aws:SourceAccount.
    const outsider = podIdentityRequests({
      accountId: '000000000000',
      clusterArn: 'arn:aws:eks:us-east-1:000000000000:cluster/zz-probe',
      namespace: 'zz-probe',
      serviceAccount: 'zz-probe',
    });
    if (
      outsider.every(r => evaluatePolicy(ctx.trustPolicy!, r).allowed) &&
      hits.length === 0
    ) {
      hits.push({
        subject: roleSubject(ctx),
        message:
          'A cluster in an unrelated account can use this role through EKS Pod Identity.',
        admits: {
          scope: 'service-principals',
          principals: [POD_IDENTITY_PRINCIPAL],
        },
      });
    }
    return hits;
  },
};

const CLUSTER_TAG_KEYS = [
  'aws:principaltag/eks-cluster-arn',
  'aws:principaltag/eks-cluster-name',
];
const WORKLOAD_TAG_KEYS = [
  'aws:principaltag/kubernetes-namespace',
  'aws:principaltag/kubernetes-service-account',
];

const pid02: Check<PodIdentityCheckContext> = {
  id: 'PID-02',
  category: 'pod-identity',
  title: 'ABAC on namespace/service account tags without the cluster tag',
  severity: 'high',
  failMode: 'open',
  explanation:
    'Namespace and service account names are only unique within a cluster: a statement that checks kubernetes-namespace but not eks-cluster-arn also admits the same names in every other cluster using the role.',
  fix: 'Add a condition on aws:PrincipalTag/eks-cluster-arn to the same statement.',
  run(ctx) {
    return ctx.permissionPolicies.flatMap(policy =>
      (policy.parsed?.statements ?? [])
        .filter(s => s.effect === 'Allow')
        .filter(s => {
          const keys = s.conditions.map(c => c.keyLower);
          const values = s.conditions.flatMap(c =>
            c.values.join(' ').toLowerCase(),
          );
          const usesWorkloadTags =
            keys.some(k => WORKLOAD_TAG_KEYS.includes(k)) ||
            values.some(v =>
              WORKLOAD_TAG_KEYS.some(t => v.includes(`\${${t}}`)),
            );
          const usesClusterTag =
            keys.some(k => CLUSTER_TAG_KEYS.includes(k)) ||
            values.some(v =>
              CLUSTER_TAG_KEYS.some(t => v.includes(`\${${t}}`)),
            );
          return usesWorkloadTags && !usesClusterTag;
        })
        .map(s => ({
          subject: {
            kind: 'statement' as const,
            ref: `${ctx.roleArn}#${policy.name}`,
            statementIndex: s.index,
          },
          message: `${policy.name} statement ${s.index} checks kubernetes-namespace / kubernetes-service-account tags without eks-cluster-arn.`,
          structuredFix: {
            kind: 'require-cluster-tag' as const,
            policyName: policy.name,
            statementIndex: s.index,
            clusterArns: associatedClusterArns(ctx),
          },
        })),
    );
  },
};

const pid04: Check<PodIdentityCheckContext> = {
  id: 'PID-04',
  category: 'pod-identity',
  title: 'Association with a role in another account',
  severity: 'info',
  failMode: 'closed',
  explanation:
    "EKS Pod Identity only associates roles of the cluster's account; cross-account access needs a target role (role chaining).",
  fix: "Use a role in the cluster's account and set targetRoleArn for the other account.",
  run(ctx) {
    const role = parseRoleArn(ctx.roleArn);
    if (!role.ok) return [];
    return ctx.associations.flatMap(a => {
      const cluster = ctx.clusters.find(c => c.name === a.cluster);
      if (!cluster || cluster.accountId === role.value.accountId) return [];
      return [
        {
          subject: {
            kind: 'association' as const,
            ref:
              a.associationId ??
              `${a.cluster}/${a.namespace}/${a.serviceAccount}`,
          },
          message: `The association in cluster ${a.cluster} (account ${cluster.accountId}) names role ${ctx.roleArn} of account ${role.value.accountId}.`,
        },
      ];
    });
  },
};

/**
 * The EKS Pod Identity checks (security.md §1.5).
 *
 * @public
 */
export const podIdentityChecks: ReadonlyArray<Check<PodIdentityCheckContext>> =
  [pid01, pid02, pid04];
