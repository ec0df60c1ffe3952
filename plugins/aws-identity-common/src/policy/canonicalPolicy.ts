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
import { canonicalJson } from '../diff/canonicalJson';

// What "the same policy" means, from IAM's JSON policy element reference:
// - Statement: every statement is evaluated and an explicit deny wins, so their order carries no
//   meaning, and a single statement object is the same as a list holding it.
// - Action, NotAction, Resource, NotResource, the principal identifiers per type and the values of
//   one condition key are lists whose order carries no meaning (several values of one key are
//   OR-ed); a single string is the same as a list holding it.
// - Condition values are compared as strings (`true` and "true" are one value).
// - Sid is a label: it grants nothing.
// Values are otherwise compared as written (action names and condition keys are case-insensitive
// in IAM, but are not folded here), so a difference can only be over-reported, never hidden.

const VALUE_LIST_ELEMENTS = ['Action', 'NotAction', 'Resource', 'NotResource'];
const PRINCIPAL_ELEMENTS = ['Principal', 'NotPrincipal'];

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: Json): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

/** Code-unit order, the same everywhere (not a locale's). */
function byCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * A list of values in one order without repeats; a single value as itself. Anything that is not a
 * value list (an invalid document) is left as written.
 */
function valueSet(value: Json, asString: boolean): Json {
  const items = Array.isArray(value) ? value : [value];
  if (!items.every(isScalar)) return value;
  const unique = new Map<string, Json>();
  for (const item of items) {
    const normalized = asString ? String(item) : item;
    unique.set(JSON.stringify(normalized), normalized);
  }
  const sorted = [...unique.entries()]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([, item]) => item);
  return sorted.length === 1 ? sorted[0] : sorted;
}

function canonicalPrincipal(principal: Json): Json {
  if (!isRecord(principal)) return principal;
  const out: Record<string, Json> = {};
  for (const [type, ids] of Object.entries(principal)) {
    out[type] = valueSet(ids, false);
  }
  return out;
}

function canonicalCondition(condition: Json): Json {
  if (!isRecord(condition)) return condition;
  const out: Record<string, Json> = {};
  for (const [operator, keys] of Object.entries(condition)) {
    if (!isRecord(keys)) {
      out[operator] = keys;
      continue;
    }
    const values: Record<string, Json> = {};
    for (const [key, value] of Object.entries(keys)) {
      values[key] = valueSet(value, true);
    }
    out[operator] = values;
  }
  return out;
}

function canonicalStatement(statement: Json): Json {
  if (!isRecord(statement)) return statement;
  const out: Record<string, Json> = {};
  for (const [element, value] of Object.entries(statement)) {
    if (VALUE_LIST_ELEMENTS.includes(element))
      out[element] = valueSet(value, false);
    else if (PRINCIPAL_ELEMENTS.includes(element))
      out[element] = canonicalPrincipal(value);
    else if (element === 'Condition') out[element] = canonicalCondition(value);
    else out[element] = value;
  }
  return out;
}

function withoutSid(statement: Json): Json {
  if (!isRecord(statement)) return statement;
  const { Sid: _sid, ...rest } = statement;
  return rest;
}

/**
 * What a statement grants or denies, as text: its canonical JSON without `Sid`. Two statements
 * with the same identity have the same effect in every request.
 *
 * @internal
 */
export function statementIdentity(statement: unknown): string {
  return canonicalJson(withoutSid(canonicalStatement(statement)));
}

function statementsOf(document: Record<string, Json>): Json[] {
  const statement = document.Statement;
  if (statement === undefined) return [];
  return Array.isArray(statement) ? statement : [statement];
}

/**
 * A policy document written one way, so that documents IAM evaluates alike look alike: value
 * lists sorted without repeats (a single value as itself), condition values as strings, and the
 * statements as a list in the order of their {@link statementIdentity} (repeats dropped). `Sid`s
 * stay, for people to read; {@link policyIdentity} leaves them out. Anything that is not an
 * object is returned as it is.
 *
 * @internal
 */
export function canonicalPolicy(document: unknown): unknown {
  if (!isRecord(document)) return document;
  if (document.Statement === undefined) return { ...document };
  const statements = new Map<string, Json>();
  for (const statement of statementsOf(document)) {
    const canonical = canonicalStatement(statement);
    statements.set(canonicalJson(canonical), canonical);
  }
  const sorted = [...statements.values()].sort(
    (a, b) =>
      byCodeUnits(statementIdentity(a), statementIdentity(b)) ||
      byCodeUnits(canonicalJson(a), canonicalJson(b)),
  );
  return { ...document, Statement: sorted };
}

/**
 * What a policy document means, as text: the document without `Sid`s in canonical form. Equal
 * identities mean the documents allow and deny the same requests.
 *
 * @internal
 */
export function policyIdentity(document: unknown): string {
  if (!isRecord(document)) return canonicalJson(document);
  const identities = [
    ...new Set(statementsOf(document).map(statementIdentity)),
  ].sort(byCodeUnits);
  return canonicalJson({
    ...document,
    Statement: identities.map(identity => JSON.parse(identity)),
  });
}

/**
 * The distinct {@link statementIdentity} values of a policy document.
 *
 * @internal
 */
export function statementIdentities(document: unknown): Set<string> {
  return new Set(
    isRecord(document) ? statementsOf(document).map(statementIdentity) : [],
  );
}
