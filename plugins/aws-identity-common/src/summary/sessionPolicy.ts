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
import { conditionOutcome, NormalizedContext } from '../evaluate/conditions';
import { matchesScope, RequestPrincipal } from '../evaluate/evaluatePolicy';
import { matchesWildcard } from '../evaluate/wildcard';
import { ParsedPolicy } from '../policy/types';
import { Grant } from './statementGrants';

// Identity and session policies have no Principal element; the evaluator needs one.
const SESSION: RequestPrincipal = { type: 'AWS', id: '*' };

function actionCovers(grant: Grant, action: string): boolean {
  if (grant.notAction)
    return !grant.notAction.some(p =>
      matchesWildcard(p.toLowerCase(), action.toLowerCase()),
    );
  return matchesWildcard(grant.action.toLowerCase(), action.toLowerCase());
}

// The action both grants allow, with the classification of the narrower one.
function commonAction(a: Grant, b: Grant): Grant | undefined {
  if (!a.notAction && actionCovers(b, a.action)) return a;
  if (!b.notAction && actionCovers(a, b.action)) return b;
  // Two NotAction grants overlap on everything neither excludes: keep the wider view.
  if (a.notAction && b.notAction) return a;
  return undefined;
}

// Resources both grants allow: each resource of one side that the other side covers (a
// pattern covers another when it matches it as a literal string). `NOT …` entries of a
// NotResource grant are not patterns; the grant's `*` stands for them.
function commonResources(a: string[], b: string[]): string[] {
  const out = new Set<string>();
  const patterns = (list: string[]) => list.filter(r => !r.startsWith('NOT '));
  for (const r of patterns(a))
    if (patterns(b).some(p => matchesWildcard(p, r))) out.add(r);
  for (const r of patterns(b))
    if (patterns(a).some(p => matchesWildcard(p, r))) out.add(r);
  // Drop entries another kept entry already covers.
  return [...out].filter(
    r => ![...out].some(o => o !== r && matchesWildcard(o, r)),
  );
}

type DenyOutcome = 'denied' | 'maybe' | 'no';

/**
 * Whether a `Deny` statement of the policies covers the whole grant: its action and
 * resource elements match the grant's (as literal text, so `s3:*` covers `s3:GetObject` and
 * `arn:aws:s3:::b/*` covers itself but not `*`). A deny whose conditions are decided true for
 * the workload removes the grant; one with open conditions makes it conditional.
 */
function denyOf(
  policies: readonly ParsedPolicy[],
  action: string,
  resource: string,
  context: NormalizedContext,
): DenyOutcome {
  let outcome: DenyOutcome = 'no';
  for (const policy of policies) {
    const policyVariables = policy.version === '2012-10-17';
    for (const statement of policy.statements) {
      if (statement.effect !== 'Deny') continue;
      const request = { principal: SESSION, action, resource, context: {} };
      if (!matchesScope(statement, request, context, policyVariables)) continue;
      const open = statement.conditions.some(
        c => context[c.keyLower] === undefined,
      );
      const holds = statement.conditions.every(
        c =>
          context[c.keyLower] === undefined ||
          conditionOutcome(c, context, policyVariables) === true,
      );
      if (!holds) continue;
      if (!open) return 'denied';
      outcome = 'maybe';
    }
  }
  return outcome;
}

/**
 * Effective grants of a session that carries a session policy (IAM User Guide, "Policy
 * evaluation logic" and "Session policies"): an action on a resource is allowed only when an
 * identity-based policy **and** the session policy allow it, and an explicit `Deny` in either
 * wins. Each identity grant is intersected with each session grant (action and resources), then
 * grants a `Deny` of either side covers are removed.
 *
 * @internal
 */
export function intersectGrants(input: {
  identity: Grant[];
  session: Grant[];
  denyPolicies: readonly ParsedPolicy[];
  context: NormalizedContext;
}): Grant[] {
  const out: Grant[] = [];
  for (const a of input.identity) {
    for (const b of input.session) {
      const narrower = commonAction(a, b);
      if (!narrower) continue;
      const resources = commonResources(a.resources, b.resources);
      let conditional = a.conditional || b.conditional;
      const kept = resources.filter(resource => {
        const deny = denyOf(
          input.denyPolicies,
          narrower.action,
          resource,
          input.context,
        );
        if (deny === 'maybe') conditional = true;
        return deny !== 'denied';
      });
      if (kept.length > 0)
        out.push({ ...narrower, resources: kept, conditional });
    }
  }
  return out;
}
