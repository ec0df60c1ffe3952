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
import { ParsedPolicy, ParsedStatement } from '../../policy/types';
import {
  EvaluationRequest,
  matchesScope,
  normalizeContext,
} from '../evaluatePolicy';
import { Formula, and, not, or } from './formula';
import { Glob } from './glob';
import {
  GlobTable,
  clausesFormula,
  finiteCandidates,
  reduceStatement,
} from './keyFormula';
import {
  SearchOutcome,
  Segment,
  findAdmitted,
  findFirstPartWithoutCompletion,
  findRejected,
} from './search';

/**
 * A statement that can apply to the request, with what it requires of the
 * solved key's value.
 *
 * @internal
 */
export interface KeyStatement {
  statement: ParsedStatement;
  /** When the statement applies, in terms of the table's globs. */
  applies: Formula;
  /** The only values it can admit, when a literal-only clause bounds it. */
  candidates?: string[];
}

/**
 * Questions about one single-valued key of one request to one policy (the
 * `sub` or `aud` of an IRSA token): which values the Allow statements admit
 * once the Deny statements are subtracted. Every answer comes from the
 * patterns; a search that runs out of budget marks the questions undecided.
 *
 * @internal
 */
export class KeyQuestions {
  readonly table = new GlobTable();
  readonly allow: KeyStatement[] = [];
  readonly deny: KeyStatement[] = [];
  undecided = false;

  constructor(
    policy: ParsedPolicy,
    request: EvaluationRequest,
    keyLower: string,
  ) {
    const context = normalizeContext(request.context);
    const variables = policy.version === '2012-10-17';
    for (const statement of policy.statements) {
      if (!matchesScope(statement, request, context, variables)) continue;
      const formula = reduceStatement(
        statement,
        keyLower,
        context,
        variables,
        this.table,
      );
      if (formula.kind === 'never') continue;
      (statement.effect === 'Allow' ? this.allow : this.deny).push({
        statement,
        applies: clausesFormula(formula.clauses),
        // An opaque condition is left out of the clauses, so literal
        // candidates stay an upper bound; evaluation confirms each one.
        candidates: finiteCandidates(formula.clauses, this.table),
      });
    }
  }

  /** Adds a glob the question itself needs (the intended subject, say). */
  glob(value: Glob): Formula {
    return { kind: 'glob', glob: this.table.add(value) };
  }

  /** Admitted through one of the statements and excluded by no Deny. */
  admittedBy(statements: readonly KeyStatement[]): Formula {
    return and(
      or(...statements.map(s => s.applies)),
      not(or(...this.deny.map(d => d.applies))),
    );
  }

  #problem(admits: Formula, prefix: string, segments: readonly Segment[]) {
    return { globs: this.table.globs, admits, prefix, segments };
  }

  #found(outcome: SearchOutcome): string | undefined {
    if (outcome.kind === 'exhausted') this.undecided = true;
    return outcome.kind === 'found' ? outcome.text : undefined;
  }

  #none(outcome: SearchOutcome): boolean {
    if (outcome.kind === 'exhausted') this.undecided = true;
    return outcome.kind === 'none';
  }

  /** The shortest admitted value (after the prefix), if any. */
  find(
    admits: Formula,
    prefix: string,
    segments: readonly Segment[],
  ): string | undefined {
    return this.#found(findAdmitted(this.#problem(admits, prefix, segments)));
  }

  /** Proven: every value of the syntax is admitted. */
  everyValue(
    admits: Formula,
    prefix: string,
    segments: readonly Segment[],
  ): boolean {
    return this.#none(findRejected(this.#problem(admits, prefix, segments)));
  }

  /** Proven: every value of the first searched part has an admitted completion. */
  everyFirstPart(
    admits: Formula,
    prefix: string,
    segments: readonly Segment[],
  ): boolean {
    return this.#none(
      findFirstPartWithoutCompletion(this.#problem(admits, prefix, segments)),
    );
  }
}
