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
import { ARN_OPERATORS, STRING_OPERATORS } from '../policy/operatorFamilies';
import { BaseConditionOperator, ParsedCondition } from '../policy/types';
import { ipAddressComparable, ipAddressInRange } from './ipAddress';
import {
  TemplatePiece,
  hasVariable,
  piecesText,
  splitPieces,
  substituteVariables,
} from './variables';
import { matchesPieces, matchesWildcard } from './wildcard';

/**
 * Request context keyed by lower-cased condition key. A value is a single
 * string (single-valued key) or a list (multivalued key such as
 * `aws:TagKeys`).
 *
 * @internal
 */
export type NormalizedContext = Readonly<
  Record<string, string | readonly string[] | undefined>
>;

/**
 * The outcome of one condition with the reason, for explanations.
 *
 * @public
 */
export interface ConditionTrace {
  operator: string;
  key: string;
  values: string[];
  result: boolean;
  reason: string;
  /**
   * Policy variables in the values that have no value in the request: the
   * statement is then invalid and does not apply.
   */
  unresolved?: string[];
}

/**
 * The outcome of one condition: true, false, or `unresolved` when a policy
 * variable in its values has no value in the request. IAM then treats the
 * whole statement as invalid: it does not apply, whatever its effect and
 * whether the operator is negated.
 *
 * @internal
 */
export type ConditionOutcome = boolean | 'unresolved';

type Compare = (policyValue: string, requestValue: string) => boolean;
type Matcher = (requestValue: string) => boolean;

// IAM User Guide, "Where you can use policy variables": string and ARN
// operators only; numeric, date, Boolean, binary, IP address and Null
// operators compare `${…}` as the text it is.
const VARIABLE_OPERATORS: ReadonlySet<BaseConditionOperator> =
  new Set<BaseConditionOperator>([...STRING_OPERATORS, ...ARN_OPERATORS]);

const written = (text: string): TemplatePiece[] => [{ text, literal: false }];

function arnMatches(pieces: readonly TemplatePiece[], value: string): boolean {
  // Each of the six ARN components is matched on its own, so a `*` in the
  // region cannot swallow the account (IAM "ARN condition operators").
  const p = splitPieces(pieces, ':');
  const v = value.split(':');
  if (p.length < 6 || v.length < 6) {
    return p.length === v.length && matchesPieces(pieces, value);
  }
  for (let i = 0; i < 5; i++) {
    if (!matchesPieces(p[i], v[i])) return false;
  }
  const resource = p
    .slice(5)
    .flatMap((segment, i) =>
      i === 0 ? segment : [{ text: ':', literal: true }, ...segment],
    );
  return matchesPieces(resource, v.slice(5).join(':'));
}

function parseDate(text: string): number {
  if (/^-?\d+$/.test(text)) return Number(text) * 1000;
  return Date.parse(text);
}

function numeric(
  pv: string,
  rv: string,
  test: (a: number, b: number) => boolean,
) {
  const a = Number(pv);
  const b = Number(rv);
  return (
    pv.trim() !== '' &&
    rv.trim() !== '' &&
    Number.isFinite(a) &&
    Number.isFinite(b) &&
    test(a, b)
  );
}

function dates(
  pv: string,
  rv: string,
  test: (a: number, b: number) => boolean,
) {
  const a = parseDate(pv);
  const b = parseDate(rv);
  return Number.isFinite(a) && Number.isFinite(b) && test(a, b);
}

function isArnShaped(text: string): boolean {
  // arn:partition:service:region:account-id:resource — six components at least.
  return text.split(':', 6).length === 6;
}

// Whether one written policy value and one request value can be compared
// under the operator's type at all. IAM documents no result for a value
// that is not a number, date, address or ARN; the engine treats such a pair
// as a comparison that fails in both forms (positive and negated), the same
// way an unresolvable policy variable makes a statement not apply. So a
// malformed value never turns a negated operator into "true", which on an
// `Allow` would grant and on a `Deny` would hide the typo's effect.
function comparableUnder(base: BaseConditionOperator): Compare {
  switch (base) {
    case 'NumericNotEquals':
      return (pv, rv) =>
        pv.trim() !== '' &&
        rv.trim() !== '' &&
        Number.isFinite(Number(pv)) &&
        Number.isFinite(Number(rv));
    case 'DateNotEquals':
      return (pv, rv) =>
        Number.isFinite(parseDate(pv)) && Number.isFinite(parseDate(rv));
    case 'NotIpAddress':
      return (pv, rv) => ipAddressComparable(pv, rv);
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return (pv, rv) => isArnShaped(pv) && isArnShaped(rv);
    default:
      return () => true;
  }
}

// The positive form of each operator for one written policy value. A value
// that cannot be read as the operator's type matches nothing; its negated
// form is false too (see comparableUnder).
function positiveComparator(base: BaseConditionOperator): Compare {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
      return (pv, rv) => pv === rv;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return (pv, rv) => pv.toLowerCase() === rv.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
      return (pv, rv) => matchesWildcard(pv, rv);
    case 'NumericEquals':
    case 'NumericNotEquals':
      return (pv, rv) => numeric(pv, rv, (a, b) => a === b);
    case 'NumericLessThan':
      return (pv, rv) => numeric(pv, rv, (a, b) => b < a);
    case 'NumericLessThanEquals':
      return (pv, rv) => numeric(pv, rv, (a, b) => b <= a);
    case 'NumericGreaterThan':
      return (pv, rv) => numeric(pv, rv, (a, b) => b > a);
    case 'NumericGreaterThanEquals':
      return (pv, rv) => numeric(pv, rv, (a, b) => b >= a);
    case 'DateEquals':
    case 'DateNotEquals':
      return (pv, rv) => dates(pv, rv, (a, b) => a === b);
    case 'DateLessThan':
      return (pv, rv) => dates(pv, rv, (a, b) => b < a);
    case 'DateLessThanEquals':
      return (pv, rv) => dates(pv, rv, (a, b) => b <= a);
    case 'DateGreaterThan':
      return (pv, rv) => dates(pv, rv, (a, b) => b > a);
    case 'DateGreaterThanEquals':
      return (pv, rv) => dates(pv, rv, (a, b) => b >= a);
    case 'Bool':
      return (pv, rv) => pv.toLowerCase() === rv.toLowerCase();
    case 'BinaryEquals':
      return (pv, rv) => pv === rv;
    case 'IpAddress':
    case 'NotIpAddress':
      return (pv, rv) => ipAddressInRange(pv, rv);
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return (pv, rv) => arnMatches(written(pv), rv);
    default:
      return () => false;
  }
}

// The same comparison for a policy value whose variables were substituted.
function piecesComparator(
  base: BaseConditionOperator,
): (pieces: TemplatePiece[], rv: string) => boolean {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
      return (pieces, rv) => piecesText(pieces) === rv;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return (pieces, rv) =>
        piecesText(pieces).toLowerCase() === rv.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
      return (pieces, rv) => matchesPieces(pieces, rv);
    default:
      return (pieces, rv) => arnMatches(pieces, rv);
  }
}

/**
 * Whether IAM substitutes policy variables in this condition's values: the
 * policy's `Version` is 2012-10-17, the operator is a string or ARN operator,
 * and some value contains `${`.
 *
 * @internal
 */
export function usesVariables(
  condition: ParsedCondition,
  policyVariables: boolean,
): boolean {
  return (
    policyVariables &&
    (condition.hasVariables ?? condition.values.some(hasVariable)) &&
    VARIABLE_OPERATORS.has(condition.base)
  );
}

/**
 * Builds "does a request value satisfy the condition's operator" for one
 * request value, substituting policy variables first; returns the unresolved
 * variables when some have no value. For a negated operator it is true when
 * no policy value matches and every policy value could be compared with the
 * request value (a malformed value fails both forms).
 *
 * @internal
 */
export function compileValueMatcher(
  condition: ParsedCondition,
  context: NormalizedContext,
  policyVariables: boolean,
): Matcher | { unresolved: string[] } {
  let policyTexts: readonly string[] = condition.values;
  let hits: Matcher;
  if (!usesVariables(condition, policyVariables)) {
    const compare = positiveComparator(condition.base);
    hits = rv => policyTexts.some(pv => compare(pv, rv));
  } else {
    const substituted: TemplatePiece[][] = [];
    const unresolved: string[] = [];
    for (const value of condition.values) {
      const result = substituteVariables(value, context);
      if (result.ok) substituted.push(result.pieces);
      else unresolved.push(...result.unresolved);
    }
    if (unresolved.length > 0) return { unresolved };
    const compare = piecesComparator(condition.base);
    policyTexts = substituted.map(piecesText);
    hits = rv => substituted.some(pieces => compare(pieces, rv));
  }
  if (!condition.negated) return hits;
  const comparable = comparableUnder(condition.base);
  return rv => !hits(rv) && policyTexts.every(pv => comparable(pv, rv));
}

function describeValues(values: readonly string[]): string {
  return values.map(v => JSON.stringify(v)).join(', ');
}

function isPresent(
  raw: string | readonly string[] | undefined,
): raw is string | readonly string[] {
  return raw !== undefined && (typeof raw === 'string' || raw.length > 0);
}

// "Null": the key is null when absent or when its value is empty: the IAM
// User Guide recommends `Null: false` to stop "missing context keys or
// context keys with empty values" from satisfying `ForAllValues`.
function isNull(raw: string | readonly string[] | undefined): boolean {
  return raw === undefined || raw.length === 0;
}

/**
 * The outcome of one condition with IAM semantics (IAM User Guide,
 * "Condition operators" and "Single-valued vs. multivalued context keys"):
 * several values for a key are OR-ed (NOR for negated operators); a missing
 * key makes positive operators false and negated, `…IfExists` and
 * `ForAllValues:` operators true; `Null` tests presence. A multivalued key
 * needs a set operator: without one the condition is false. A request value
 * that resolves to an empty data set (an empty list or an empty string)
 * makes `ForAllValues` true and `ForAnyValue` false.
 *
 * @internal
 */
export function conditionOutcome(
  condition: ParsedCondition,
  context: NormalizedContext,
  policyVariables: boolean,
): ConditionOutcome {
  const raw = context[condition.keyLower];
  if (condition.base === 'Null') {
    // "Null": true means "the key is absent"; any other text matches nothing.
    const absent = isNull(raw);
    return condition.values.some(v => {
      const lower = v.toLowerCase();
      return (lower === 'true' && absent) || (lower === 'false' && !absent);
    });
  }
  const qualifier = condition.setQualifier;
  if (!isPresent(raw)) {
    // The documented missing-key rules decide before any value is read, so
    // an unresolvable variable in the values does not matter here.
    if (qualifier === 'ForAllValues' || condition.ifExists) return true;
    if (qualifier === 'ForAnyValue') return false;
    return condition.negated;
  }
  if (typeof raw !== 'string' && !qualifier) return false;
  if (qualifier && raw === '') return qualifier === 'ForAllValues';
  if (typeof raw === 'string' && !usesVariables(condition, policyVariables)) {
    // The trust-policy hot path (one sub, one aud): no matcher closure.
    const base = condition.base;
    const values = condition.values;
    let hit = false;
    if (base === 'StringEquals' || base === 'StringNotEquals') {
      for (let i = 0; i < values.length && !hit; i++) hit = values[i] === raw;
    } else if (base === 'StringLike' || base === 'StringNotLike') {
      for (let i = 0; i < values.length && !hit; i++)
        hit = matchesWildcard(values[i], raw);
    } else {
      const matcher = compileValueMatcher(condition, context, policyVariables);
      return typeof matcher === 'function' && matcher(raw);
    }
    return condition.negated ? !hit : hit;
  }
  const matcher = compileValueMatcher(condition, context, policyVariables);
  if (typeof matcher !== 'function') return 'unresolved';
  // A single value under a set operator is a set of one.
  if (typeof raw === 'string') return matcher(raw);
  const list = raw as readonly string[];
  return qualifier === 'ForAllValues'
    ? list.every(matcher)
    : list.some(matcher);
}

/**
 * The boolean outcome of one condition ({@link conditionOutcome} without the
 * distinction between false and an unresolved policy variable).
 *
 * @internal
 */
export function conditionHolds(
  condition: ParsedCondition,
  context: NormalizedContext,
  policyVariables: boolean = true,
): boolean {
  return conditionOutcome(condition, context, policyVariables) === true;
}

function unresolvedOf(
  condition: ParsedCondition,
  context: NormalizedContext,
  policyVariables: boolean,
): string[] {
  const matcher = compileValueMatcher(condition, context, policyVariables);
  return typeof matcher === 'function' ? [] : matcher.unresolved;
}

function explainCondition(
  condition: ParsedCondition,
  context: NormalizedContext,
  outcome: ConditionOutcome,
  policyVariables: boolean,
): string {
  const raw = context[condition.keyLower];
  const present = isPresent(raw);
  if (condition.base === 'Null') {
    return `${condition.key} is ${
      isNull(raw) ? 'absent or empty' : 'present'
    } (Null ${describeValues(condition.values)})`;
  }
  if (outcome === 'unresolved') {
    return `${condition.operator} ${
      condition.key
    }: policy variable ${unresolvedOf(condition, context, policyVariables).join(
      ', ',
    )} has no value in the request, so the statement does not apply`;
  }
  if (!present) {
    if (condition.setQualifier === 'ForAllValues')
      return `${condition.key} is absent, and ForAllValues is true for an absent key`;
    if (condition.ifExists)
      return `${condition.key} is absent, and …IfExists is true for an absent key`;
    if (condition.setQualifier === 'ForAnyValue')
      return `${condition.key} is absent, and ForAnyValue is false for an absent key`;
    if (condition.negated)
      return `${condition.key} is absent, and the negated operator ${condition.base} is true for an absent key`;
    return `${condition.key} is absent from the request`;
  }
  const values = typeof raw === 'string' ? [raw] : (raw as readonly string[]);
  if (typeof raw !== 'string' && !condition.setQualifier) {
    return `${condition.key} has several values (${describeValues(
      values,
    )}) and ${
      condition.operator
    } has no ForAllValues/ForAnyValue, so it does not match`;
  }
  return `${condition.key} = ${describeValues(values)} ${
    outcome ? 'satisfies' : 'does not satisfy'
  } ${condition.operator} ${describeValues(condition.values)}`;
}

/**
 * Evaluates one condition and says why ({@link conditionHolds} with a reason).
 * The reason is built when first read.
 *
 * @internal
 */
export function evaluateCondition(
  condition: ParsedCondition,
  context: NormalizedContext,
  policyVariables: boolean = true,
): ConditionTrace {
  const outcome = conditionOutcome(condition, context, policyVariables);
  let reason: string | undefined;
  const trace: ConditionTrace = {
    operator: condition.operator,
    key: condition.key,
    values: condition.values,
    result: outcome === true,
    get reason() {
      reason ??= explainCondition(condition, context, outcome, policyVariables);
      return reason;
    },
  };
  if (outcome === 'unresolved') {
    trace.unresolved = unresolvedOf(condition, context, policyVariables);
  }
  return trace;
}
