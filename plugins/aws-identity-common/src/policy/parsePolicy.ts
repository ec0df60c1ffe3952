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
import { ParseResult, fail, ok, quote } from '../parse/result';
import {
  BaseConditionOperator,
  ParsedCondition,
  ParsedPolicy,
  ParsedStatement,
  PrincipalSet,
  PrincipalType,
} from './types';
import { ARN_OPERATORS, STRING_OPERATORS } from './operatorFamilies';

const BASE_OPERATORS: ReadonlySet<string> = new Set<BaseConditionOperator>([
  ...STRING_OPERATORS,
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  ...ARN_OPERATORS,
  'Null',
]);

const NEGATED_OPERATORS: ReadonlySet<string> = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

const PRINCIPAL_TYPES: ReadonlySet<string> = new Set<PrincipalType>([
  'AWS',
  'Federated',
  'Service',
  'CanonicalUser',
]);

const KNOWN_TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const KNOWN_STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

/**
 * Parses a condition operator such as `ForAnyValue:StringNotLikeIfExists`
 * into its parts, or returns undefined for an operator IAM does not know.
 *
 * @internal
 */
export function parseConditionOperator(
  operator: string,
):
  | Pick<ParsedCondition, 'base' | 'setQualifier' | 'ifExists' | 'negated'>
  | undefined {
  let rest = operator;
  let setQualifier: ParsedCondition['setQualifier'];
  // Set qualifiers are case-sensitive in IAM, like the operators themselves.
  if (rest.startsWith('ForAllValues:')) {
    setQualifier = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  } else if (rest.startsWith('ForAnyValue:')) {
    setQualifier = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  if (!BASE_OPERATORS.has(rest)) return undefined;
  // IAM rejects NullIfExists: the Null operator already tests existence.
  if (rest === 'Null' && (ifExists || setQualifier)) return undefined;
  return {
    base: rest as BaseConditionOperator,
    setQualifier,
    ifExists,
    negated: NEGATED_OPERATORS.has(rest),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string): ParseResult<string[]> {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return fail(`${where} must not be an empty list`);
  for (const item of items) {
    if (typeof item !== 'string' || item.length === 0) {
      return fail(`${where} must be a non-empty string or a list of them`);
    }
  }
  return ok(items as string[]);
}

function parsePrincipal(
  value: unknown,
  where: string,
): ParseResult<PrincipalSet> {
  if (value === '*') return ok({ any: true, byType: {} });
  if (!isPlainObject(value)) {
    return fail(`${where} must be "*" or an object of principal types`);
  }
  const byType: PrincipalSet['byType'] = {};
  let any = false;
  const entries = Object.entries(value);
  if (entries.length === 0) return fail(`${where} must not be empty`);
  for (const [type, ids] of entries) {
    if (!PRINCIPAL_TYPES.has(type)) {
      return fail(`${where} has unknown principal type ${quote(type)}`);
    }
    const list = stringList(ids, `${where}.${type}`);
    if (!list.ok) return fail(list.error);
    byType[type as PrincipalType] = list.value;
    // "Principal": {"AWS": "*"} is documented as equivalent to "Principal": "*".
    if (type === 'AWS' && list.value.includes('*')) any = true;
  }
  return ok({ any, byType });
}

function conditionValues(value: unknown, where: string): ParseResult<string[]> {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number' && Number.isFinite(item))
      out.push(String(item));
    else if (typeof item === 'boolean') out.push(item ? 'true' : 'false');
    else return fail(`${where} values must be strings, numbers or booleans`);
  }
  return ok(out);
}

function parseConditions(
  value: unknown,
  where: string,
): ParseResult<ParsedCondition[]> {
  if (!isPlainObject(value)) return fail(`${where} must be an object`);
  const out: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const parsedOperator = parseConditionOperator(operator);
    if (!parsedOperator) {
      return fail(
        `${where} uses unknown condition operator ${quote(operator)}`,
      );
    }
    if (!isPlainObject(block)) {
      return fail(`${where}.${operator} must be an object of condition keys`);
    }
    for (const [key, raw] of Object.entries(block)) {
      if (key.length === 0)
        return fail(`${where}.${operator} has an empty key`);
      const values = conditionValues(raw, `${where}.${operator}.${key}`);
      if (!values.ok) return fail(values.error);
      out.push({
        operator,
        ...parsedOperator,
        key,
        keyLower: key.toLowerCase(),
        values: values.value,
        hasVariables: values.value.some(v => v.includes('${')),
      });
    }
  }
  return ok(out);
}

function parseStatement(
  raw: unknown,
  index: number,
): ParseResult<ParsedStatement> {
  const where = `Statement[${index}]`;
  if (!isPlainObject(raw)) return fail(`${where} must be an object`);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_STATEMENT_KEYS.has(key)) {
      return fail(`${where} has unknown element ${quote(key)}`);
    }
  }
  const statement: ParsedStatement = {
    index,
    effect: 'Allow',
    conditions: [],
  };
  if (raw.Sid !== undefined) {
    if (typeof raw.Sid !== 'string')
      return fail(`${where}.Sid must be a string`);
    statement.sid = raw.Sid;
  }
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    return fail(`${where}.Effect must be "Allow" or "Deny"`);
  }
  statement.effect = raw.Effect;

  const pairs: Array<
    [string, string, 'action' | 'resource', 'notAction' | 'notResource']
  > = [
    ['Action', 'NotAction', 'action', 'notAction'],
    ['Resource', 'NotResource', 'resource', 'notResource'],
  ];
  for (const [positive, negative, positiveField, negativeField] of pairs) {
    if (raw[positive] !== undefined && raw[negative] !== undefined) {
      return fail(`${where} must not have both ${positive} and ${negative}`);
    }
    if (raw[positive] !== undefined) {
      const list = stringList(raw[positive], `${where}.${positive}`);
      if (!list.ok) return fail(list.error);
      statement[positiveField] = list.value;
    }
    if (raw[negative] !== undefined) {
      const list = stringList(raw[negative], `${where}.${negative}`);
      if (!list.ok) return fail(list.error);
      statement[negativeField] = list.value;
    }
  }
  if (!statement.action && !statement.notAction) {
    return fail(`${where} must have Action or NotAction`);
  }
  if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) {
    return fail(`${where} must not have both Principal and NotPrincipal`);
  }
  if (raw.Principal !== undefined) {
    const principal = parsePrincipal(raw.Principal, `${where}.Principal`);
    if (!principal.ok) return fail(principal.error);
    statement.principal = principal.value;
  }
  if (raw.NotPrincipal !== undefined) {
    const principal = parsePrincipal(raw.NotPrincipal, `${where}.NotPrincipal`);
    if (!principal.ok) return fail(principal.error);
    statement.notPrincipal = principal.value;
  }
  if (raw.Condition !== undefined) {
    const conditions = parseConditions(raw.Condition, `${where}.Condition`);
    if (!conditions.ok) return fail(conditions.error);
    statement.conditions = conditions.value;
  }
  return ok(statement);
}

function decodeDocumentText(text: string): ParseResult<unknown> {
  let source = text.trim();
  // IAM's GetAccountAuthorizationDetails and GetRole return URL-encoded
  // documents; accept them as they come.
  if (/^%7B/i.test(source)) {
    try {
      source = decodeURIComponent(source);
    } catch {
      return fail('policy text is URL-encoded but cannot be decoded');
    }
  }
  try {
    return ok(JSON.parse(source));
  } catch (error) {
    return fail(`policy is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Turns a policy document as IAM or a caller hands it over (a parsed JSON
 * value, JSON text, or IAM's URL-encoded JSON text) into a JSON value,
 * without validating it as a policy. Never throws.
 *
 * @internal
 */
export function decodePolicyDocument(input: unknown): ParseResult<unknown> {
  return typeof input === 'string' ? decodeDocumentText(input) : ok(input);
}

/**
 * Validates and normalises an IAM policy document. Accepts a parsed JSON
 * value, JSON text, or IAM's URL-encoded JSON text. Never throws: anything
 * that is not a policy IAM would accept yields `{ ok: false, error }`.
 *
 * @public
 */
export function parsePolicy(input: unknown): ParseResult<ParsedPolicy> {
  try {
    return parsePolicyUnsafe(input);
  } catch (error) {
    // Defence in depth: the parser is written not to throw, but a hostile
    // document (e.g. a getter-laden object from a caller) must not crash the
    // backend's sync loop.
    return fail(`policy could not be parsed: ${String(error)}`);
  }
}

function parsePolicyUnsafe(input: unknown): ParseResult<ParsedPolicy> {
  let value = input;
  if (typeof input === 'string') {
    const decoded = decodeDocumentText(input);
    if (!decoded.ok) return fail(decoded.error);
    value = decoded.value;
  }
  if (!isPlainObject(value)) return fail('policy must be a JSON object');
  const warnings: string[] = [];
  for (const key of Object.keys(value)) {
    if (!KNOWN_TOP_LEVEL.has(key)) {
      return fail(`policy has unknown top-level element ${quote(key)}`);
    }
  }
  if (value.Version === undefined) {
    warnings.push(
      'Version is missing: IAM then applies 2008-10-17 rules, where policy variables such as ${aws:username} are literal text',
    );
  } else if (value.Version !== '2012-10-17' && value.Version !== '2008-10-17') {
    return fail(`Version must be "2012-10-17" or "2008-10-17"`);
  }
  if (value.Id !== undefined && typeof value.Id !== 'string') {
    return fail('Id must be a string');
  }
  if (value.Statement === undefined) return fail('policy has no Statement');
  const rawStatements = Array.isArray(value.Statement)
    ? value.Statement
    : [value.Statement];
  if (rawStatements.length === 0) return fail('Statement must not be empty');
  const statements: ParsedStatement[] = [];
  const sids = new Set<string>();
  for (let i = 0; i < rawStatements.length; i++) {
    const statement = parseStatement(rawStatements[i], i);
    if (!statement.ok) return fail(statement.error);
    const sid = statement.value.sid;
    if (sid !== undefined && sid !== '') {
      if (sids.has(sid)) warnings.push(`duplicate Sid ${quote(sid)}`);
      sids.add(sid);
    }
    statements.push(statement.value);
  }
  return ok({
    version: value.Version as string | undefined,
    id: value.Id as string | undefined,
    statements,
    warnings,
    minifiedLength: JSON.stringify(value).length,
  });
}
