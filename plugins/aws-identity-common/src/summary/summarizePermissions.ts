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
import { ACCESS_LEVELS, AccessLevel } from '../actions/encodeActionData';
import { normalizeContext } from '../evaluate/evaluatePolicy';
import type { EvaluationRequest } from '../evaluate/evaluatePolicy';
import { ParsedPolicy } from '../policy/types';
import { intersectGrants } from './sessionPolicy';
import { Grant, statementGrants } from './statementGrants';

/**
 * Access level of a summary row; `Unknown` for services the bundled data
 * does not cover and for `NotAction`, `All` for `Action: "*"`.
 *
 * @public
 */
export type SummaryAccessLevel = AccessLevel | 'Unknown' | 'All';

/**
 * Whether an access level is sensitive in itself: `Permissions management` (IAM's own level
 * for actions that change who may do what) and `All` (`Action: "*"` or `NotAction`).
 *
 * @public
 */
export function isSensitiveAccessLevel(level: SummaryAccessLevel): boolean {
  return level === 'Permissions management' || level === 'All';
}

/**
 * What a role may do at one access level of one service.
 *
 * @public
 */
export interface AccessLevelSummary {
  accessLevel: SummaryAccessLevel;
  /** Concrete actions (canonical case), or patterns when unknown. */
  actions: string[];
  /** Resources the actions are allowed on. */
  resources: string[];
  /** Some grant is on `*` or an ARN whose resource part is `*`. */
  anyResource: boolean;
  /** Some grant carries conditions. */
  conditional: boolean;
}

/**
 * One service's rows of a {@link PermissionSummary}.
 *
 * @public
 */
export interface ServiceSummary {
  /** Service prefix (`s3`), or `*` for `Action: "*"` / `NotAction`. */
  service: string;
  levels: AccessLevelSummary[];
}

/**
 * What a set of permission policies allows, grouped by service and access level.
 *
 * @public
 */
export interface PermissionSummary {
  services: ServiceSummary[];
  /** Action patterns written with wildcards, as written. */
  wildcardActions: string[];
  /** Number of Deny statements (not subtracted from the rows above). */
  denyStatements: number;
  /**
   * With a request context only: `Allow` statements left out because a
   * policy variable in their `Resource` / `NotResource` has no value for
   * this workload (IAM treats such a statement as invalid).
   */
  unresolved?: UnresolvedStatement[];
  /**
   * With a request context only: `Allow` statements left out because a condition on a
   * session tag (`aws:PrincipalTag/kubernetes-namespace`, …) is false for this workload.
   */
  notForWorkload?: UnresolvedStatement[];
  /**
   * True when a session policy limits the rows above: they are what both the role's
   * policies and the session policy allow, less what an explicit `Deny` of either removes.
   */
  limitedBySessionPolicy?: boolean;
}

/**
 * An `Allow` statement a {@link PermissionSummary} leaves out because its
 * policy variables cannot be resolved from the given context.
 *
 * @public
 */
export interface UnresolvedStatement {
  /** Position of the policy in the list given to {@link summarizePermissions}. */
  policyIndex: number;
  statementIndex: number;
  /** The variables without a value, as written (`${aws:PrincipalTag/team}`). */
  variables: string[];
  /**
   * Condition keys the statement tests that have no value for this workload, or (in
   * `notForWorkload`) whose condition is false for it (`aws:PrincipalTag/kubernetes-namespace`).
   */
  conditionKeys?: string[];
  /** `session` when the statement is the session policy's; `policyIndex` is then 0. */
  policy?: 'session';
}

/**
 * Options of {@link summarizePermissions}.
 *
 * @public
 */
export interface SummaryOptions {
  /**
   * The request context of the workload the summary is for (for example
   * `podIdentitySessionContext(…)`): policy variables in resources are then
   * resolved per workload instead of being shown as text.
   */
  context?: EvaluationRequest['context'];
  /**
   * The session policy of the session (an EKS Pod Identity association's `policy`): the
   * summary is then the intersection of the policies and the session policy.
   */
  sessionPolicy?: ParsedPolicy;
}

const LEVEL_ORDER: SummaryAccessLevel[] = ['All', ...ACCESS_LEVELS, 'Unknown'];

/**
 * Summarises what the `Allow` statements of the given policies grant.
 *
 * @public
 */
export function summarizePermissions(
  policies: ParsedPolicy[],
  options: SummaryOptions = {},
): PermissionSummary {
  const context = options.context
    ? normalizeContext(options.context)
    : undefined;
  const unresolved: UnresolvedStatement[] = [];
  const notForWorkload: UnresolvedStatement[] = [];
  let denyStatements = 0;
  // Action patterns written with wildcards in the role's own statements that grant something.
  const wildcardActions = new Set<string>();
  const collect = (list: ParsedPolicy[], source?: 'session'): Grant[] => {
    const grants: Grant[] = [];
    list.forEach((policy, policyIndex) => {
      for (const statement of policy.statements) {
        if (statement.effect === 'Deny') {
          denyStatements++;
          continue;
        }
        const outcome = statementGrants(statement, policy, context);
        const where = {
          policyIndex,
          statementIndex: statement.index,
          ...(source ? { policy: source } : {}),
        };
        if (outcome.kind === 'grants') {
          grants.push(...outcome.grants);
          if (!source)
            for (const pattern of statement.action ?? [])
              if (/[*?]/.test(pattern)) wildcardActions.add(pattern);
        } else if (outcome.kind === 'unresolved')
          unresolved.push({
            ...where,
            variables: outcome.variables,
            ...(outcome.conditionKeys.length > 0
              ? { conditionKeys: outcome.conditionKeys }
              : {}),
          });
        else
          notForWorkload.push({
            ...where,
            variables: [],
            conditionKeys: outcome.conditionKeys,
          });
      }
    });
    return grants;
  };
  let grants = collect(policies);
  if (options.sessionPolicy) {
    grants = intersectGrants({
      identity: grants,
      session: collect([options.sessionPolicy], 'session'),
      denyPolicies: [...policies, options.sessionPolicy],
      context: context ?? {},
    });
  }

  const rows = new Map<
    string,
    Map<
      SummaryAccessLevel,
      {
        actions: Set<string>;
        resources: Set<string>;
        anyResource: boolean;
        conditional: boolean;
      }
    >
  >();
  for (const grant of grants) {
    let levels = rows.get(grant.service);
    if (!levels) rows.set(grant.service, (levels = new Map()));
    let row = levels.get(grant.accessLevel);
    if (!row)
      levels.set(
        grant.accessLevel,
        (row = {
          actions: new Set(),
          resources: new Set(),
          anyResource: false,
          conditional: false,
        }),
      );
    row.actions.add(grant.action);
    for (const r of grant.resources) {
      row.resources.add(r);
      if (r === '*' || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(r))
        row.anyResource = true;
    }
    row.conditional = row.conditional || grant.conditional;
  }

  const services = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, levels]) => ({
      service,
      levels: [...levels.entries()]
        .sort(([a], [b]) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b))
        .map(([accessLevel, row]) => ({
          accessLevel,
          actions: [...row.actions].sort(),
          resources: [...row.resources].sort(),
          anyResource: row.anyResource,
          conditional: row.conditional,
        })),
    }));
  return {
    services,
    wildcardActions: [...wildcardActions].sort(),
    denyStatements,
    ...(context ? { unresolved } : {}),
    ...(context && notForWorkload.length > 0 ? { notForWorkload } : {}),
    ...(options.sessionPolicy ? { limitedBySessionPolicy: true } : {}),
  };
}
