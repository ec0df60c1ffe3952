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
import { expandActionPattern } from '../actions/actionCatalog';
import { ACCESS_LEVELS, AccessLevel } from '../actions/encodeActionData';
import { normalizeContext } from '../evaluate/evaluatePolicy';
import type { EvaluationRequest } from '../evaluate/evaluatePolicy';
import {
  hasVariable,
  piecesText,
  substituteResourceVariables,
} from '../evaluate/variables';
import { ParsedPolicy, ParsedStatement } from '../policy/types';

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
}

const LEVEL_ORDER: SummaryAccessLevel[] = ['All', ...ACCESS_LEVELS, 'Unknown'];

// The statement's resources as the summary shows them: with a context,
// variables in the resource portion are resolved (or reported unresolved);
// without one they are shown as written.
function statementResources(
  statement: ParsedStatement,
  context: ReturnType<typeof normalizeContext> | undefined,
  policyVariables: boolean,
): { resources: string[] } | { unresolved: string[] } {
  const resolve = (patterns: string[]) => {
    if (!context || !policyVariables || !patterns.some(hasVariable))
      return { resolved: patterns, unresolved: [] as string[] };
    const resolved: string[] = [];
    const unresolved: string[] = [];
    for (const pattern of patterns) {
      const result = substituteResourceVariables(pattern, context);
      if (result.ok) resolved.push(piecesText(result.pieces));
      else unresolved.push(...result.unresolved);
    }
    return { resolved, unresolved };
  };
  if (statement.resource) {
    const { resolved, unresolved } = resolve(statement.resource);
    return unresolved.length > 0 ? { unresolved } : { resources: resolved };
  }
  if (statement.notResource) {
    const { resolved, unresolved } = resolve(statement.notResource);
    return unresolved.length > 0
      ? { unresolved }
      : { resources: resolved.map(r => `NOT ${r}`).concat('*') };
  }
  return { resources: ['*'] };
}

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
  const wildcardActions = new Set<string>();
  let denyStatements = 0;
  const add = (
    service: string,
    level: SummaryAccessLevel,
    action: string,
    resources: string[],
    conditional: boolean,
  ) => {
    let levels = rows.get(service);
    if (!levels) rows.set(service, (levels = new Map()));
    let row = levels.get(level);
    if (!row)
      levels.set(
        level,
        (row = {
          actions: new Set(),
          resources: new Set(),
          anyResource: false,
          conditional: false,
        }),
      );
    row.actions.add(action);
    for (const r of resources) {
      row.resources.add(r);
      if (r === '*' || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(r))
        row.anyResource = true;
    }
    row.conditional = row.conditional || conditional;
  };

  policies.forEach((policy, policyIndex) => {
    for (const statement of policy.statements) {
      if (statement.effect === 'Deny') {
        denyStatements++;
        continue;
      }
      const shown = statementResources(
        statement,
        context,
        policy.version === '2012-10-17',
      );
      if ('unresolved' in shown) {
        unresolved.push({
          policyIndex,
          statementIndex: statement.index,
          variables: shown.unresolved,
        });
        continue;
      }
      const resources = shown.resources;
      const conditional = statement.conditions.length > 0;
      if (statement.notAction) {
        add(
          '*',
          'Unknown',
          `NOT ${statement.notAction.join(', ')}`,
          resources,
          conditional,
        );
        continue;
      }
      for (const pattern of statement.action ?? []) {
        if (/[*?]/.test(pattern)) wildcardActions.add(pattern);
        if (pattern === '*' || pattern === '*:*') {
          add('*', 'All', '*', resources, conditional);
          continue;
        }
        const service = pattern.split(':')[0].toLowerCase();
        const expanded = expandActionPattern(pattern);
        if (!expanded) {
          add(service, 'Unknown', pattern, resources, conditional);
          continue;
        }
        for (const info of expanded)
          add(
            info.service,
            info.accessLevel,
            info.action,
            resources,
            conditional,
          );
      }
    }
  });

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
  };
}
