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
import { BaseConditionOperator, ParsedCondition } from '../policy/types';
import { matchesWildcard, wildcardSource } from './wildcard';

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
}

type Compare = (policyValue: string, requestValue: string) => boolean;

const VARIABLE = /\$\{([^}]*)\}/g;

function resolveVariable(
  inner: string,
  context: NormalizedContext,
): string | undefined {
  if (inner === '*' || inner === '?' || inner === '$') return inner;
  // `${key, 'default'}` supplies a value when the key is absent.
  const match = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
  if (!match) return undefined;
  const value = context[match[1].toLowerCase()];
  if (typeof value === 'string') return value;
  return match[2];
}

function substituteLiteral(
  pattern: string,
  context: NormalizedContext,
): string | undefined {
  let missing = false;
  const text = pattern.replace(VARIABLE, (_, inner: string) => {
    const value = resolveVariable(inner, context);
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// Policy variables inside a Like pattern are substituted as literal text: a
// `*` in a user name must not become a wildcard.
function likeWithVariables(
  pattern: string,
  value: string,
  ignoreCase: boolean,
  context: NormalizedContext,
): boolean {
  let source = '';
  let last = 0;
  let missing = false;
  pattern.replace(VARIABLE, (whole: string, inner: string, offset: number) => {
    source += wildcardSource(pattern.slice(last, offset));
    const resolved = resolveVariable(inner, context);
    if (resolved === undefined) missing = true;
    source += escapeRegExp(resolved ?? '');
    last = offset + whole.length;
    return whole;
  });
  source += wildcardSource(pattern.slice(last));
  if (missing) return false;
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function parseDate(text: string): number {
  if (/^-?\d+$/.test(text)) return Number(text) * 1000;
  return Date.parse(text);
}

function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some(o => o > 255)) return undefined;
  return (
    ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0
  );
}

function ipInRange(cidr: string, address: string): boolean {
  const [network, bitsText] = cidr.split('/');
  const ip = parseIpv4(address);
  const base = parseIpv4(network);
  if (ip === undefined || base === undefined) {
    // IPv6 ranges are compared textually only; the engine's trust and
    // permission checks never depend on aws:SourceIp.
    return cidr === address;
  }
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ip & mask) >>> 0 === (base & mask) >>> 0;
}

function arnMatches(pattern: string, value: string): boolean {
  // Each of the six ARN components is matched on its own, so a `*` in the
  // region cannot swallow the account (IAM "ARN condition operators").
  const p = pattern.split(':');
  const v = value.split(':');
  if (p.length < 6 || v.length < 6) {
    return p.length === v.length && matchesWildcard(pattern, value);
  }
  for (let i = 0; i < 5; i++) {
    if (!matchesWildcard(p[i], v[i])) return false;
  }
  return matchesWildcard(p.slice(5).join(':'), v.slice(5).join(':'));
}

function positiveComparator(
  base: BaseConditionOperator,
  context: NormalizedContext,
  variables: boolean,
): Compare {
  const literal = (pv: string) =>
    variables && pv.includes('${') ? substituteLiteral(pv, context) : pv;
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
      return (pv, rv) => literal(pv) === rv;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return (pv, rv) => literal(pv)?.toLowerCase() === rv.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
      return (pv, rv) =>
        variables && pv.includes('${')
          ? likeWithVariables(pv, rv, false, context)
          : matchesWildcard(pv, rv);
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
      return (pv, rv) => ipInRange(pv, rv);
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return (pv, rv) => {
        const resolved =
          variables && pv.includes('${') ? substituteLiteral(pv, context) : pv;
        return resolved !== undefined && arnMatches(resolved, rv);
      };
    default:
      return () => false;
  }
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

function describeValues(values: readonly string[]): string {
  return values.map(v => JSON.stringify(v)).join(', ');
}

function isPresent(
  raw: string | readonly string[] | undefined,
): raw is string | readonly string[] {
  return raw !== undefined && (typeof raw === 'string' || raw.length > 0);
}

// Fast path for the operators trust policies use: no closure, no variables.
function matchesAnyPolicyValue(
  condition: ParsedCondition,
  requestValue: string,
  context: NormalizedContext,
  policyVariables: boolean,
): boolean {
  const values = condition.values;
  const base = condition.base;
  if (!policyVariables || !values.some(v => v.includes('${'))) {
    if (base === 'StringEquals' || base === 'StringNotEquals') {
      for (let i = 0; i < values.length; i++)
        if (values[i] === requestValue) return true;
      return false;
    }
    if (base === 'StringLike' || base === 'StringNotLike') {
      for (let i = 0; i < values.length; i++)
        if (matchesWildcard(values[i], requestValue)) return true;
      return false;
    }
  }
  const compare = positiveComparator(base, context, policyVariables);
  return values.some(pv => compare(pv, requestValue));
}

/**
 * The boolean outcome of one condition with IAM semantics: several values
 * for a key are OR-ed; a missing key makes positive operators false and
 * negated, `…IfExists` and `ForAllValues:` operators true; `Null` tests
 * presence.
 *
 * @internal
 */
export function conditionHolds(
  condition: ParsedCondition,
  context: NormalizedContext,
  policyVariables: boolean = true,
): boolean {
  const raw = context[condition.keyLower];
  const present = isPresent(raw);
  if (condition.base === 'Null') {
    // "Null": true means "the key is absent".
    return condition.values.some(
      v => (v.toLowerCase() === 'true') === !present,
    );
  }
  if (!present) {
    if (condition.setQualifier === 'ForAllValues' || condition.ifExists)
      return true;
    if (condition.setQualifier === 'ForAnyValue') return false;
    return condition.negated;
  }
  const matches = (rv: string) =>
    matchesAnyPolicyValue(condition, rv, context, policyVariables);
  if (typeof raw === 'string') {
    // A single-valued key: every qualifier reduces to "does it match".
    const hit = matches(raw);
    return condition.negated ? !hit : hit;
  }
  const list = raw as readonly string[];
  if (condition.setQualifier === 'ForAllValues') {
    return condition.negated
      ? list.every(rv => !matches(rv))
      : list.every(matches);
  }
  if (condition.setQualifier === 'ForAnyValue') {
    return condition.negated
      ? list.some(rv => !matches(rv))
      : list.some(matches);
  }
  const anyMatch = list.some(matches);
  return condition.negated ? !anyMatch : anyMatch;
}

function explainCondition(
  condition: ParsedCondition,
  context: NormalizedContext,
  result: boolean,
): string {
  const raw = context[condition.keyLower];
  const present = isPresent(raw);
  if (condition.base === 'Null') {
    return `${condition.key} is ${
      present ? 'present' : 'absent'
    } (Null ${describeValues(condition.values)})`;
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
  return `${condition.key} = ${describeValues(values)} ${
    result ? 'satisfies' : 'does not satisfy'
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
  const result = conditionHolds(condition, context, policyVariables);
  let reason: string | undefined;
  return {
    operator: condition.operator,
    key: condition.key,
    values: condition.values,
    result,
    get reason() {
      reason ??= explainCondition(condition, context, result);
      return reason;
    },
  };
}
