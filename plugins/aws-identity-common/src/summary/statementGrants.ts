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
import { conditionOutcome, NormalizedContext } from '../evaluate/conditions';
import {
  hasVariable,
  piecesText,
  substituteResourceVariables,
} from '../evaluate/variables';
import {
  ParsedCondition,
  ParsedPolicy,
  ParsedStatement,
} from '../policy/types';
import type { SummaryAccessLevel } from './summarizePermissions';

/**
 * One thing an `Allow` statement grants: an action (concrete, or a pattern when the bundled
 * data does not know it) on a set of resources, before grants are grouped into summary rows.
 *
 * @internal
 */
export interface Grant {
  service: string;
  accessLevel: SummaryAccessLevel;
  /** Concrete action (canonical case), `*`, an unknown pattern, or `NOT a, b` for `NotAction`. */
  action: string;
  /** With `NotAction`: the excluded patterns (the grant covers every other action). */
  notAction?: string[];
  resources: string[];
  /** Some condition of the statement is not decided for the workload. */
  conditional: boolean;
}

/**
 * What a statement gives one workload: grants, or why it gives nothing.
 *
 * @internal
 */
export type StatementOutcome =
  | { kind: 'grants'; grants: Grant[] }
  /** Policy variables in resources, or `aws:PrincipalTag/…` condition keys, have no value. */
  | { kind: 'unresolved'; variables: string[]; conditionKeys: string[] }
  /** A condition on a session tag is decided, and false, for this workload. */
  | { kind: 'not-for-workload'; conditionKeys: string[] };

const PRINCIPAL_TAG = 'aws:principaltag/';

// The statement's resources as the summary shows them: with a context,
// variables in the resource portion are resolved (or reported unresolved);
// without one they are shown as written.
function statementResources(
  statement: ParsedStatement,
  context: NormalizedContext | undefined,
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
 * Decides the conditions a workload context can decide. The context of a Pod Identity
 * session holds every principal tag the session has, so a condition on an
 * `aws:PrincipalTag/…` key is decided by it: false excludes the statement, an absent tag
 * (session tags disabled, or a per-pod tag) leaves it unresolved — never allowed. Keys the
 * context gives a value are decided the same way; every other condition stays open and
 * marks the grant conditional.
 */
function decideConditions(
  conditions: readonly ParsedCondition[],
  context: NormalizedContext,
  policyVariables: boolean,
):
  | { kind: 'open'; conditional: boolean }
  | { kind: 'unresolved'; conditionKeys: string[] }
  | { kind: 'not-for-workload'; conditionKeys: string[] } {
  const unresolved: string[] = [];
  const failed: string[] = [];
  let conditional = false;
  for (const condition of conditions) {
    const present = context[condition.keyLower] !== undefined;
    const principalTag = condition.keyLower.startsWith(PRINCIPAL_TAG);
    if (!present && !principalTag) {
      conditional = true;
      continue;
    }
    if (!present) {
      unresolved.push(condition.key);
      continue;
    }
    const outcome = conditionOutcome(condition, context, policyVariables);
    if (outcome === 'unresolved') unresolved.push(condition.key);
    else if (!outcome) failed.push(condition.key);
  }
  if (failed.length > 0)
    return { kind: 'not-for-workload', conditionKeys: failed };
  if (unresolved.length > 0)
    return { kind: 'unresolved', conditionKeys: unresolved };
  return { kind: 'open', conditional };
}

/**
 * The grants of one `Allow` statement, actions expanded through the bundled action data.
 * With a workload context, resource variables and session-tag conditions are resolved
 * for the workload.
 *
 * @internal
 */
export function statementGrants(
  statement: ParsedStatement,
  policy: ParsedPolicy,
  context: NormalizedContext | undefined,
): StatementOutcome {
  const policyVariables = policy.version === '2012-10-17';
  const shown = statementResources(statement, context, policyVariables);
  let conditional = statement.conditions.length > 0;
  if (context) {
    const decided = decideConditions(
      statement.conditions,
      context,
      policyVariables,
    );
    if (decided.kind === 'not-for-workload')
      return { kind: 'not-for-workload', conditionKeys: decided.conditionKeys };
    const variables = 'unresolved' in shown ? shown.unresolved : [];
    const conditionKeys =
      decided.kind === 'unresolved' ? decided.conditionKeys : [];
    if (variables.length > 0 || conditionKeys.length > 0)
      return { kind: 'unresolved', variables, conditionKeys };
    conditional = decided.kind === 'open' && decided.conditional;
  }
  if ('unresolved' in shown)
    return {
      kind: 'unresolved',
      variables: shown.unresolved,
      conditionKeys: [],
    };
  const resources = shown.resources;
  if (statement.notAction) {
    return {
      kind: 'grants',
      grants: [
        {
          service: '*',
          accessLevel: 'Unknown',
          action: `NOT ${statement.notAction.join(', ')}`,
          notAction: statement.notAction,
          resources,
          conditional,
        },
      ],
    };
  }
  const grants: Grant[] = [];
  for (const pattern of statement.action ?? []) {
    if (pattern === '*' || pattern === '*:*') {
      grants.push({
        service: '*',
        accessLevel: 'All',
        action: '*',
        resources,
        conditional,
      });
      continue;
    }
    const expanded = expandActionPattern(pattern);
    if (!expanded) {
      grants.push({
        service: pattern.split(':')[0].toLowerCase(),
        accessLevel: 'Unknown',
        action: pattern,
        resources,
        conditional,
      });
      continue;
    }
    for (const info of expanded)
      grants.push({
        service: info.service,
        accessLevel: info.accessLevel,
        action: info.action,
        resources,
        conditional,
      });
  }
  return { kind: 'grants', grants };
}
