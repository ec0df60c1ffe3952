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
import { createPermissionCheckContext, permissionChecks } from '../checks/permissionChecks';
import { roleUsageChecks } from '../checks/roleUsageChecks';
import { createTrustCheckContext, trustChecks } from '../checks/trustChecks';
import { runChecks } from '../checks/types';
import { bySeverity, Finding, OidcProvider, Role, Severity } from '../domain/types';
import { POD_IDENTITY_PRINCIPAL } from '../evaluate/workloadRequests';
import { parsePolicy } from '../policy/parsePolicy';
import { decideRoleOwner, RoleOwner } from './roleOwner';
import { roleUsage, RoleUsage } from './roleUsage';

/**
 * A service account bound to a role, and how.
 *
 * @public
 */
export interface RoleBindingRef {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  via: 'irsa' | 'pod-identity';
}

/**
 * How widely a role's trust admits workloads:
 * - `exact`: only the service accounts its IRSA statements name;
 * - `wider`: more service accounts or namespaces than it names (trust breadth found a witness);
 * - `every-namespace`: some service account in every namespace of a trusted cluster;
 * - `any-service-account`: any service account of a trusted cluster (a token without `sub`
 *   passes, e.g. no `sub` condition at all);
 * - `association`: EKS Pod Identity, where associations decide who gets it;
 * - `not-workload`: neither IRSA nor Pod Identity (people, services, other accounts);
 * - `invalid`: the trust policy does not parse.
 *
 * @public
 */
export type RoleTrustBreadth =
  | 'exact'
  | 'wider'
  | 'every-namespace'
  | 'any-service-account'
  | 'association'
  | 'not-workload'
  | 'invalid';

/**
 * The breadths a role list can be filtered by as "risky": a trust that admits more workloads
 * than it names.
 *
 * @public
 */
export const RISKY_TRUST_BREADTHS: readonly RoleTrustBreadth[] = ['wider', 'every-namespace', 'any-service-account'];

/**
 * What a role's trust says about workloads, and the trust and permission findings of the role
 * itself (no particular service account in view). Depends on the role and its account only, so
 * a caller may keep it for as long as it holds the same role object.
 *
 * @public
 */
export interface RoleTrustAssessment {
  /** The workload identity mechanisms the trust names. */
  workload: Array<'irsa' | 'pod-identity'>;
  breadth: RoleTrustBreadth;
  /** The trust admits more workloads than it names, or a trust finding is high or critical. */
  risky: boolean;
  findings: Finding[];
}

/**
 * Assesses a role's trust and permissions without a service account in view: the engine's trust
 * checks (breadth with witnesses, providers, size against the account's quota) and permission
 * checks, as the tab runs them for a bound role.
 *
 * @public
 */
export function assessRoleTrust(
  role: Role,
  account: {
    /** OIDC providers of the role's account; undefined when they could not be read. */
    oidcProviders?: OidcProvider[];
    /** Issuers (`host/path`) of the clusters the platform knows. */
    knownIssuers?: string[];
    /** The account's `AssumeRolePolicySizeMax`, when read. */
    trustPolicyQuota?: number;
  },
): RoleTrustAssessment {
  const roleSubject = { kind: 'role' as const, ref: role.arn };
  const parsed = parsePolicy(role.trustPolicy);
  const permissionFindings = runChecks(
    permissionChecks,
    createPermissionCheckContext({
      subjectRef: role.arn,
      policies: role.permissionPolicies ?? [],
      permissionsBoundaryArn: role.permissionsBoundaryArn,
    }),
    roleSubject,
  );
  if (!parsed.ok) {
    return { workload: [], breadth: 'invalid', risky: false, findings: permissionFindings.sort(bySeverity) };
  }
  const context = createTrustCheckContext({
    roleArn: role.arn,
    roleAccountId: role.accountId,
    policy: parsed.value,
    oidcProviders: account.oidcProviders,
    knownIssuers: account.knownIssuers,
    trustPolicyQuota: account.trustPolicyQuota,
  });
  const podIdentity = parsed.value.statements.some(
    s => s.effect === 'Allow' && (s.principal?.byType.Service ?? []).includes(POD_IDENTITY_PRINCIPAL),
  );
  const workload: RoleTrustAssessment['workload'] = [
    ...(context.breadth.length > 0 ? ['irsa' as const] : []),
    ...(podIdentity ? ['pod-identity' as const] : []),
  ];
  const breadth = breadthOf(context.breadth, podIdentity);
  const trustFindings = runChecks(trustChecks, context, roleSubject);
  return {
    workload,
    breadth,
    risky:
      RISKY_TRUST_BREADTHS.includes(breadth) ||
      trustFindings.some(f => f.severity === 'critical' || f.severity === 'high'),
    findings: [...trustFindings, ...permissionFindings].sort(bySeverity),
  };
}

function breadthOf(
  providers: ReturnType<typeof createTrustCheckContext>['breadth'],
  podIdentity: boolean,
): RoleTrustBreadth {
  if (providers.length === 0) return podIdentity ? 'association' : 'not-workload';
  if (providers.some(p => p.allowsWithoutSub)) return 'any-service-account';
  if (providers.some(p => p.anyServiceAccount || p.everyNamespace)) return 'every-namespace';
  const wider = providers.some(
    p =>
      p.anyAudience ||
      p.undecided ||
      p.statements.some(s => s.otherNamespace !== undefined || s.otherServiceAccounts.length > 0),
  );
  return wider ? 'wider' : 'exact';
}

/**
 * One row of the portal's roles view: an IAM role with its owner, bindings, use, trust breadth
 * and findings, as the backend decided them.
 *
 * @public
 */
export interface RoleListItem {
  arn: string;
  name: string;
  accountId: string;
  path?: string;
  createdAt?: string;
  /** Absent when nobody owns the role. */
  owner?: RoleOwner;
  bindings: RoleBindingRef[];
  lastUsed?: { at?: string; region?: string };
  usage: RoleUsage;
  trust: { workload: RoleTrustAssessment['workload']; breadth: RoleTrustBreadth };
  /** Trust, permission and usage findings, most severe first. */
  findings: Finding[];
  /** Findings per severity, for filters and exports. */
  findingCounts: Record<Severity, number>;
  /** No owner and no binding. */
  orphaned: boolean;
  /** The trust admits more workloads than it names, or a trust finding is high or critical. */
  risky: boolean;
}

/**
 * Builds a role's {@link RoleListItem}: owner by {@link decideRoleOwner}, use by
 * {@link roleUsage} and the usage checks at `now`, trust from its {@link RoleTrustAssessment}.
 *
 * @public
 */
export function buildRoleListItem(
  role: Role,
  input: {
    assessment: RoleTrustAssessment;
    bindings: RoleBindingRef[];
    boundEntities: ReadonlyArray<{ entityRef: string; owner?: string }>;
    now: Date;
    unusedAfterDays: number;
  },
): RoleListItem {
  const owner = decideRoleOwner({ boundEntities: input.boundEntities, tags: role.tags });
  const usageFindings = runChecks(
    roleUsageChecks,
    { role, bound: input.bindings.length > 0, now: input.now, unusedAfterDays: input.unusedAfterDays },
    { kind: 'role', ref: role.arn },
  );
  const findings = [...input.assessment.findings, ...usageFindings].sort(bySeverity);
  const findingCounts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) findingCounts[finding.severity] += 1;
  const { breadth, workload } = input.assessment;
  return {
    arn: role.arn,
    name: role.name,
    accountId: role.accountId,
    ...(role.path ? { path: role.path } : {}),
    ...(role.createDate ? { createdAt: role.createDate } : {}),
    ...(owner ? { owner } : {}),
    bindings: input.bindings,
    ...(role.lastUsed ? { lastUsed: role.lastUsed } : {}),
    usage: roleUsage(role, input.now),
    trust: { workload, breadth },
    findings,
    findingCounts,
    orphaned: !owner && input.bindings.length === 0,
    risky: input.assessment.risky,
  };
}
