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
import { parsePolicy } from '../policy/parsePolicy';
import { ParsedPolicy, ParsedStatement, PrincipalType } from '../policy/types';
import {
  ConditionTrace,
  NormalizedContext,
  conditionOutcome,
  evaluateCondition,
} from './conditions';
import { principalInSet } from './principals';
import { hasVariable, substituteResourceVariables } from './variables';
import { matchesPieces, matchesWildcard } from './wildcard';

/**
 * The principal making a request.
 *
 * @public
 */
export interface RequestPrincipal {
  type: PrincipalType;
  /**
   * The identifier as it would appear in a `Principal` element: an OIDC
   * provider ARN for `Federated`, a service name such as
   * `pods.eks.amazonaws.com` for `Service`, an IAM ARN for `AWS` — for a role
   * session the assumed-role ARN
   * (`arn:aws:sts::123456789012:assumed-role/NAME/SESSION`), which a
   * `Principal` naming the role matches.
   */
  id: string;
  /** The principal's account; lets `"AWS": "123456789012"` match. */
  accountId?: string;
}

/**
 * One request to evaluate a policy against.
 *
 * @public
 */
export interface EvaluationRequest {
  principal: RequestPrincipal;
  /** `service:Action`, e.g. `sts:AssumeRoleWithWebIdentity`. */
  action: string;
  /**
   * The resource ARN. Omit for trust policies: the resource is implicitly
   * the role, and IAM forbids a `Resource` element there.
   */
  resource?: string;
  /** Condition keys (any case) to values. */
  context: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/**
 * Why one statement did or did not apply to the request.
 *
 * @public
 */
export interface StatementTrace {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** True when principal, action, resource and every condition matched. */
  applies: boolean;
  /** One sentence: why it applied, or the first element that did not match. */
  reason: string;
  /** Condition outcomes, in document order (all of them when it applied). */
  conditions: ConditionTrace[];
}

/**
 * IAM's three possible outcomes for a single policy.
 *
 * @public
 */
export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

/**
 * The outcome of evaluating one request against one policy.
 *
 * @public
 */
export interface EvaluationResult {
  decision: Decision;
  allowed: boolean;
  /**
   * The statements that decided: every applying `Deny` for an explicit deny,
   * every applying `Allow` for an allow, none for an implicit deny.
   */
  deciding: StatementTrace[];
  /** A trace for every statement in the document. */
  statements: StatementTrace[];
  /** A one-paragraph explanation for people. */
  explanation: string;
}

/**
 * The outcome of {@link evaluatePolicyDocument}: an evaluation, or the parse
 * error that prevented one.
 *
 * @internal
 */
export type DocumentEvaluation =
  | ({ valid: true } & EvaluationResult)
  | { valid: false; allowed: false; decision: 'invalid'; error: string };

/**
 * Lower-cases context keys once per request, because IAM compares
 * condition keys case-insensitively.
 *
 * @internal
 */
export function normalizeContext(
  context: EvaluationRequest['context'],
): NormalizedContext {
  const out: Record<string, string | readonly string[] | undefined> = {};
  for (const key of Object.keys(context)) {
    out[key.toLowerCase()] = context[key];
  }
  return out;
}

function firstMatch(
  patterns: readonly string[],
  value: string,
  ignoreCase: boolean,
): string | undefined {
  for (const pattern of patterns) {
    if (matchesWildcard(pattern, value, ignoreCase)) return pattern;
  }
  return undefined;
}

type ResourceMatch =
  | { kind: 'match'; pattern: string }
  | { kind: 'none' }
  | { kind: 'unresolved'; unresolved: string[] };

// Resource and NotResource entries take policy variables in the resource
// portion of the ARN only (after the fifth colon; IAM User Guide, "Where you
// can use policy variables"). Decision: an entry whose variable cannot be
// resolved makes the whole statement invalid, even when another entry
// would match, because IAM invalidates the statement, not the entry.
function matchResource(
  patterns: readonly string[],
  resource: string,
  context: NormalizedContext,
  policyVariables: boolean,
): ResourceMatch {
  if (!policyVariables || !patterns.some(hasVariable)) {
    const pattern = firstMatch(patterns, resource, false);
    return pattern === undefined
      ? { kind: 'none' }
      : { kind: 'match', pattern };
  }
  let matched: string | undefined;
  const unresolved: string[] = [];
  for (const pattern of patterns) {
    const substituted = substituteResourceVariables(pattern, context);
    if (!substituted.ok) unresolved.push(...substituted.unresolved);
    else if (
      matched === undefined &&
      matchesPieces(substituted.pieces, resource)
    )
      matched = pattern;
  }
  if (unresolved.length > 0) return { kind: 'unresolved', unresolved };
  return matched === undefined
    ? { kind: 'none' }
    : { kind: 'match', pattern: matched };
}

function unresolvedReason(element: string, unresolved: string[]): string {
  return `${element} uses policy variable ${unresolved.join(
    ', ',
  )}, which has no value in the request, so the statement does not apply`;
}

function traceStatement(
  statement: ParsedStatement,
  request: EvaluationRequest,
  context: NormalizedContext,
  policyVariables: boolean,
): StatementTrace {
  const base = {
    index: statement.index,
    sid: statement.sid,
    effect: statement.effect,
  };
  const no = (
    reason: string,
    conditions: ConditionTrace[] = [],
  ): StatementTrace => ({
    ...base,
    applies: false,
    reason,
    conditions,
  });
  const parts: string[] = [];

  if (statement.principal) {
    const matched = principalInSet(statement.principal, request.principal);
    if (!matched) {
      return no(
        `Principal does not include ${request.principal.type} ${request.principal.id}`,
      );
    }
    parts.push(`Principal ${matched}`);
  } else if (statement.notPrincipal) {
    const matched = principalInSet(statement.notPrincipal, request.principal);
    if (matched) return no(`NotPrincipal excludes ${matched}`);
    parts.push(`NotPrincipal does not exclude ${request.principal.id}`);
  }

  // Action names are case-insensitive in IAM.
  if (statement.action) {
    const matched = firstMatch(statement.action, request.action, true);
    if (!matched) return no(`Action does not match ${request.action}`);
    parts.push(`Action "${matched}"`);
  } else if (statement.notAction) {
    const matched = firstMatch(statement.notAction, request.action, true);
    if (matched) return no(`NotAction "${matched}" excludes ${request.action}`);
    parts.push(`NotAction does not exclude ${request.action}`);
  }

  if (request.resource !== undefined) {
    if (statement.resource) {
      const matched = matchResource(
        statement.resource,
        request.resource,
        context,
        policyVariables,
      );
      if (matched.kind === 'unresolved')
        return no(unresolvedReason('Resource', matched.unresolved));
      if (matched.kind === 'none')
        return no(`Resource does not match ${request.resource}`);
      parts.push(`Resource "${matched.pattern}"`);
    } else if (statement.notResource) {
      const matched = matchResource(
        statement.notResource,
        request.resource,
        context,
        policyVariables,
      );
      if (matched.kind === 'unresolved')
        return no(unresolvedReason('NotResource', matched.unresolved));
      if (matched.kind === 'match')
        return no(
          `NotResource "${matched.pattern}" excludes ${request.resource}`,
        );
      parts.push(`NotResource does not exclude ${request.resource}`);
    }
  }

  const conditions: ConditionTrace[] = [];
  for (const condition of statement.conditions) {
    const outcome = evaluateCondition(condition, context, policyVariables);
    conditions.push(outcome);
    // Operators, and keys within an operator, are AND-ed: the first false
    // condition decides, and is the most useful thing to tell the user.
    if (!outcome.result)
      return no(`Condition failed: ${outcome.reason}`, conditions);
  }
  let reason: string | undefined;
  return {
    ...base,
    applies: true,
    get reason() {
      reason ??= [
        ...parts,
        conditions.length > 0
          ? `conditions: ${conditions.map(c => c.reason).join('; ')}`
          : 'no conditions',
      ].join(', ');
      return reason;
    },
    conditions,
  };
}

function label(trace: StatementTrace): string {
  return trace.sid
    ? `statement ${trace.index} ("${trace.sid}")`
    : `statement ${trace.index}`;
}

function principalApplies(
  statement: ParsedStatement,
  principal: RequestPrincipal,
): boolean {
  if (statement.principal)
    return principalInSet(statement.principal, principal) !== undefined;
  if (statement.notPrincipal)
    return principalInSet(statement.notPrincipal, principal) === undefined;
  return true;
}

/**
 * Whether the statement's principal, action and resource elements match the
 * request: everything but its conditions. What reasoning about unknown
 * condition values (trust breadth) starts from.
 *
 * @internal
 */
export function matchesScope(
  statement: ParsedStatement,
  request: EvaluationRequest,
  context: NormalizedContext,
  policyVariables: boolean,
): boolean {
  if (!principalApplies(statement, request.principal)) return false;
  if (statement.action) {
    if (firstMatch(statement.action, request.action, true) === undefined)
      return false;
  } else if (
    statement.notAction &&
    firstMatch(statement.notAction, request.action, true) !== undefined
  ) {
    return false;
  }
  if (request.resource !== undefined) {
    if (statement.resource) {
      const matched = matchResource(
        statement.resource,
        request.resource,
        context,
        policyVariables,
      );
      if (matched.kind !== 'match') return false;
    } else if (statement.notResource) {
      const matched = matchResource(
        statement.notResource,
        request.resource,
        context,
        policyVariables,
      );
      if (matched.kind !== 'none') return false;
    }
  }
  return true;
}

// The decision alone, without building any explanation: what bulk
// evaluation (the backend's reverse index, the benchmark) needs.
function statementApplies(
  statement: ParsedStatement,
  request: EvaluationRequest,
  context: NormalizedContext,
  policyVariables: boolean,
): boolean {
  if (!matchesScope(statement, request, context, policyVariables)) return false;
  for (const condition of statement.conditions) {
    // False and an unresolved variable both mean "does not apply".
    if (conditionOutcome(condition, context, policyVariables) !== true)
      return false;
  }
  return true;
}

/**
 * An {@link EvaluationResult} whose traces and explanation are computed on
 * first read. `toJSON` includes them, so serialised results are complete.
 */
class LazyEvaluation implements EvaluationResult {
  readonly decision: Decision;
  readonly allowed: boolean;
  readonly #policy: ParsedPolicy;
  readonly #request: EvaluationRequest;
  readonly #context: NormalizedContext;
  readonly #variables: boolean;
  readonly #applies: boolean[];
  readonly #traces: Array<StatementTrace | undefined>;
  #explanation?: string;

  constructor(
    policy: ParsedPolicy,
    request: EvaluationRequest,
    context: NormalizedContext,
    variables: boolean,
    applies: boolean[],
  ) {
    this.#policy = policy;
    this.#request = request;
    this.#context = context;
    this.#variables = variables;
    this.#applies = applies;
    this.#traces = new Array(applies.length);
    const denied = policy.statements.some(
      (s, i) => applies[i] && s.effect === 'Deny',
    );
    const allowed = !denied && applies.some(Boolean);
    if (denied) this.decision = 'explicit-deny';
    else this.decision = allowed ? 'allow' : 'implicit-deny';
    this.allowed = allowed;
  }

  #trace(i: number): StatementTrace {
    let trace = this.#traces[i];
    if (!trace) {
      trace = traceStatement(
        this.#policy.statements[i],
        this.#request,
        this.#context,
        this.#variables,
      );
      this.#traces[i] = trace;
    }
    return trace;
  }

  get statements(): StatementTrace[] {
    return this.#policy.statements.map((_, i) => this.#trace(i));
  }

  get deciding(): StatementTrace[] {
    if (this.decision === 'implicit-deny') return [];
    const effect = this.decision === 'explicit-deny' ? 'Deny' : 'Allow';
    return this.#policy.statements.flatMap((s, i) =>
      this.#applies[i] && s.effect === effect ? [this.#trace(i)] : [],
    );
  }

  get explanation(): string {
    if (this.#explanation === undefined) {
      const deciding = this.deciding;
      if (this.decision === 'explicit-deny') {
        this.#explanation = `Explicitly denied by ${deciding
          .map(label)
          .join(' and ')}: ${
          deciding[0].reason
        }. An explicit Deny overrides any Allow.`;
      } else if (this.decision === 'allow') {
        this.#explanation = `Allowed by ${deciding.map(label).join(' and ')}: ${
          deciding[0].reason
        }.`;
      } else {
        this.#explanation = `Implicitly denied: no statement allows ${
          this.#request.action
        }. ${this.statements.map(t => `${label(t)}: ${t.reason}`).join('; ')}.`;
      }
    }
    return this.#explanation;
  }

  toJSON(): Record<string, unknown> {
    // Own enumerable fields: decision, allowed, and tags such as action/valid.
    const own: Record<string, unknown> = { ...(this as object) };
    return {
      ...own,
      deciding: this.deciding.map(traceToJson),
      statements: this.statements.map(traceToJson),
      explanation: this.explanation,
    };
  }
}

function traceToJson(trace: StatementTrace): StatementTrace {
  return {
    index: trace.index,
    sid: trace.sid,
    effect: trace.effect,
    applies: trace.applies,
    reason: trace.reason,
    conditions: trace.conditions.map(c => ({
      operator: c.operator,
      key: c.key,
      values: c.values,
      result: c.result,
      reason: c.reason,
      ...(c.unresolved ? { unresolved: c.unresolved } : {}),
    })),
  };
}

/**
 * Evaluates a request against one parsed policy with IAM's rules: an
 * applying `Deny` wins over any `Allow`; without an applying `Allow` the
 * request is implicitly denied. The decision is computed at once; traces and
 * the explanation when first read.
 *
 * @public
 */
export function evaluatePolicy(
  policy: ParsedPolicy,
  request: EvaluationRequest,
): EvaluationResult {
  return evaluateNormalized(policy, request, normalizeContext(request.context));
}

/**
 * {@link evaluatePolicy} for a request whose context keys are already
 * lower-cased (`context`, usually the request's own): what bulk callers that
 * build requests themselves use to skip the copy.
 *
 * @internal
 */
export function evaluateNormalized(
  policy: ParsedPolicy,
  request: EvaluationRequest,
  context: NormalizedContext,
): EvaluationResult {
  const policyVariables = policy.version === '2012-10-17';
  const applies = policy.statements.map(s =>
    statementApplies(s, request, context, policyVariables),
  );
  return new LazyEvaluation(policy, request, context, policyVariables, applies);
}

/**
 * Parses arbitrary input as a policy and evaluates the request. Never throws:
 * input that is not a valid policy yields `decision: 'invalid'`.
 *
 * @internal
 */
export function evaluatePolicyDocument(
  input: unknown,
  request: EvaluationRequest,
): DocumentEvaluation {
  const parsed = parsePolicy(input);
  if (!parsed.ok) {
    return {
      valid: false,
      allowed: false,
      decision: 'invalid',
      error: parsed.error,
    };
  }
  try {
    // Tag the lazy result instead of spreading it, which would build every trace.
    return Object.assign(evaluatePolicy(parsed.value, request), {
      valid: true as const,
    });
  } catch (error) {
    return {
      valid: false,
      allowed: false,
      decision: 'invalid',
      error: `evaluation failed: ${String(error)}`,
    };
  }
}
