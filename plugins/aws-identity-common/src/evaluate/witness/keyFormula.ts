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
import { ParsedStatement } from '../../policy/types';
import {
  NormalizedContext,
  conditionOutcome,
  usesVariables,
} from '../conditions';
import { piecesText, substituteVariables } from '../variables';
import { Formula, and, glob, not, or } from './formula';
import { Glob } from './glob';

/**
 * The conditions of one statement on the key being solved for, as clauses
 * over a shared table of globs: a positive clause holds when one of its globs
 * matches, a negated one when none does (NOR, as IAM evaluates negated
 * operators with several values).
 *
 * @internal
 */
export interface Clause {
  globs: number[];
  negated: boolean;
}

/**
 * What a statement requires of the solved key's value: `never` when it
 * cannot apply to the request whatever the value (another condition is
 * false, a policy variable has no value), else clauses that must all hold.
 * `opaque` marks conditions the globs cannot express (a numeric operator on
 * the key, a variable that refers to the key itself): they are left out of
 * the clauses, so every witness must be confirmed by evaluation.
 *
 * @internal
 */
export type KeyFormula =
  | { kind: 'never' }
  | { kind: 'clauses'; clauses: Clause[]; opaque: boolean };

/**
 * Globs shared by the statements of one policy, so that a value written in
 * two statements is read once.
 *
 * @internal
 */
export class GlobTable {
  readonly globs: Glob[] = [];
  readonly #index = new Map<Glob, number>();

  add(value: Glob): number {
    // Equal values are one shared Glob instance (see Glob.literal).
    let i = this.#index.get(value);
    if (i === undefined) {
      i = this.globs.length;
      this.globs.push(value);
      this.#index.set(value, i);
    }
    return i;
  }
}

function refersTo(values: readonly string[], keyLower: string): boolean {
  return values.some(v => v.toLowerCase().includes(`\${${keyLower}`));
}

/**
 * Reduces a statement's conditions to a {@link KeyFormula} for one
 * single-valued key whose value is unknown but present, with the same rules
 * as {@link conditionOutcome} for a present string value. `context` holds the
 * other keys of the request (the solved key is ignored in it).
 *
 * @internal
 */
export function reduceStatement(
  statement: ParsedStatement,
  keyLower: string,
  context: NormalizedContext,
  policyVariables: boolean,
  table: GlobTable,
): KeyFormula {
  const others: Record<string, string | readonly string[] | undefined> = {
    ...context,
  };
  delete others[keyLower];
  const clauses: Clause[] = [];
  let opaque = false;
  for (const condition of statement.conditions) {
    const variables = usesVariables(condition, policyVariables);
    if (variables && refersTo(condition.values, keyLower)) {
      opaque = true;
      continue;
    }
    if (condition.keyLower !== keyLower) {
      if (conditionOutcome(condition, others, policyVariables) !== true)
        return { kind: 'never' };
      continue;
    }
    if (condition.base === 'Null') {
      // The key is present with a non-empty value: only "false" holds.
      if (!condition.values.some(v => v.toLowerCase() === 'false'))
        return { kind: 'never' };
      continue;
    }
    const base = condition.base;
    const like = base === 'StringLike' || base === 'StringNotLike';
    const equals = base === 'StringEquals' || base === 'StringNotEquals';
    const ignoreCase =
      base === 'StringEqualsIgnoreCase' || base === 'StringNotEqualsIgnoreCase';
    if (!like && !equals && !ignoreCase) {
      opaque = true;
      continue;
    }
    const globs: number[] = [];
    for (const value of condition.values) {
      const substituted = variables
        ? substituteVariables(value, others)
        : { ok: true as const, pieces: [{ text: value, literal: false }] };
      if (!substituted.ok) return { kind: 'never' };
      globs.push(
        table.add(
          like
            ? Glob.wildcard(substituted.pieces, false)
            : Glob.literal(piecesText(substituted.pieces), ignoreCase),
        ),
      );
    }
    clauses.push({ globs, negated: condition.negated });
  }
  return { kind: 'clauses', clauses, opaque };
}

/**
 * When a positive clause has only literal values, the statement admits at
 * most those strings: the candidates, without any search. Undefined when no
 * clause bounds the statement that way.
 *
 * @internal
 */
export function finiteCandidates(
  clauses: readonly Clause[],
  table: GlobTable,
): string[] | undefined {
  for (const clause of clauses) {
    if (clause.negated) continue;
    const texts = clause.globs.map(g => table.globs[g].literalText);
    if (texts.every((t): t is string => t !== undefined)) return texts;
  }
  return undefined;
}

/**
 * The clauses as a {@link Formula}: all must hold.
 *
 * @internal
 */
export function clausesFormula(clauses: readonly Clause[]): Formula {
  return and(
    ...clauses.map(c => {
      const any = or(...c.globs.map(glob));
      return c.negated ? not(any) : any;
    }),
  );
}
