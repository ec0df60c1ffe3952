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

/*
 * Finds strings from the patterns themselves: every condition value is a
 * glob automaton, a candidate string is read by all of them at once (the
 * product, built as it is explored), and a boolean formula over "which globs
 * match" says whether the policy admits it. Breadth-first search over that
 * product yields the shortest string a query asks for, or proves there is
 * none. Because IAM's `*` and `?` are the only pattern features, the languages
 * are regular and these questions are decidable; a step budget bounds the
 * work for hostile inputs.
 */
import { Formula, bound, holds } from './formula';
import { Glob } from './glob';
import { Syntax } from './syntax';

/**
 * One part of a candidate: fixed text, or a part searched over that must
 * follow a syntax.
 *
 * @internal
 */
export type Segment = { fixed: string } | { syntax: Syntax };

/**
 * A question over strings of the form `prefix` + segments.
 *
 * @internal
 */
export interface StringProblem {
  globs: readonly Glob[];
  /** When the question's answer admits a string, in terms of the globs. */
  admits: Formula;
  prefix: string;
  segments: readonly Segment[];
}

/**
 * The answer to a search: a string (everything after the prefix), a proof
 * that none exists, or the budget ran out first.
 *
 * @internal
 */
export type SearchOutcome =
  | { kind: 'found'; text: string }
  | { kind: 'none' }
  | { kind: 'exhausted' };

/** Node expansions one query may spend. */
const DEFAULT_BUDGET = 40_000;

/** One state per glob. */
type Vector = readonly number[];

interface Node {
  vector: Vector;
  segment: number;
  state: number;
  length: number;
  text: string;
}

class Product {
  readonly #globs: readonly Glob[];

  constructor(globs: readonly Glob[]) {
    this.#globs = globs;
  }

  start(): Vector {
    return this.#globs.map(g => g.start());
  }

  feed(vector: Vector, text: string): Vector {
    let out = vector;
    for (const ch of text) out = this.step(out, ch);
    return out;
  }

  step(vector: Vector, ch: string): Vector {
    const out = new Array<number>(vector.length);
    for (let i = 0; i < vector.length; i++)
      out[i] = this.#globs[i].step(vector[i], ch);
    return out;
  }

  holds(formula: Formula, vector: Vector): boolean {
    return holds(formula, g => this.#globs[g].accepts(vector[g]));
  }

  bound(formula: Formula, vector: Vector): boolean | undefined {
    return bound(formula, g => this.#globs[g].status(vector[g]));
  }

  key(vector: Vector): string {
    return vector.join(',');
  }

  /** The characters some glob could consume next, sorted, as one string. */
  nextCharacters(vector: Vector): string {
    const chars = new Set<string>();
    for (let i = 0; i < vector.length; i++)
      for (const ch of this.#globs[i].nextCharacters(vector[i])) chars.add(ch);
    return [...chars].sort().join('');
  }
}

// The characters worth trying next: every character a glob could consume
// from its current state (they move it), plus one representative of each
// syntax class among the rest (they all act alike on every glob). Few
// distinct sets occur, so they are computed once per syntax.
const alphabets = new WeakMap<Syntax, Map<string, string[]>>();
const MAX_ALPHABETS = 2_000;

function signature(syntax: Syntax, ch: string): string {
  return [0, 1, 2, 3].map(s => syntax.step(s, ch)).join(',');
}

function alphabet(syntax: Syntax, named: string): string[] {
  let known = alphabets.get(syntax);
  if (!known) alphabets.set(syntax, (known = new Map()));
  let out = known.get(named);
  if (out) return out;
  out = [];
  const classes = new Set<string>();
  for (const ch of syntax.characters) {
    if (named.includes(ch)) {
      out.push(ch);
      continue;
    }
    const cls = signature(syntax, ch);
    if (classes.has(cls)) continue;
    classes.add(cls);
    out.push(ch);
  }
  for (const ch of named) {
    if (!out.includes(ch) && [0, 1, 2, 3].some(s => syntax.step(s, ch) >= 0))
      out.push(ch);
  }
  if (known.size >= MAX_ALPHABETS) known.clear();
  known.set(named, out);
  return out;
}

class Explorer {
  readonly #problem: StringProblem;
  readonly #product: Product;
  #budget: number;

  constructor(problem: StringProblem, budget: number) {
    this.#problem = problem;
    this.#product = new Product(problem.globs);
    this.#budget = budget;
  }

  get exhausted(): boolean {
    return this.#budget <= 0;
  }

  root(): Node {
    return this.settle({
      vector: this.#product.feed(this.#product.start(), this.#problem.prefix),
      segment: 0,
      state: -1,
      length: 0,
      text: '',
    });
  }

  // Feeds fixed segments until a searched one (or the end) is reached.
  settle(node: Node): Node {
    let { vector, segment, text } = node;
    const segments = this.#problem.segments;
    while (segment < segments.length) {
      const s = segments[segment];
      if (!('fixed' in s)) break;
      vector = this.#product.feed(vector, s.fixed);
      text += s.fixed;
      segment++;
    }
    const s = segments[segment];
    return {
      vector,
      segment,
      state: s && 'syntax' in s ? s.syntax.start : -1,
      length: 0,
      text,
    };
  }

  complete(node: Node): boolean {
    return node.segment >= this.#problem.segments.length;
  }

  admits(node: Node): boolean {
    return this.#product.holds(this.#problem.admits, node.vector);
  }

  /** The answer is already certain for every completion of the node. */
  settled(node: Node): boolean | undefined {
    return this.#product.bound(this.#problem.admits, node.vector);
  }

  key(node: Node): string {
    return `${node.segment}:${node.state}:${this.#product.key(node.vector)}`;
  }

  /** Closing the current part is possible: its syntax accepts what was read. */
  canClose(node: Node): boolean {
    const s = this.#problem.segments[node.segment];
    return s !== undefined && 'syntax' in s && s.syntax.accepting(node.state);
  }

  close(node: Node): Node {
    return this.settle({ ...node, segment: node.segment + 1 });
  }

  children(node: Node): Node[] {
    this.#budget--;
    const s = this.#problem.segments[node.segment];
    if (!s || !('syntax' in s) || node.length >= s.syntax.maxLength) return [];
    const out: Node[] = [];
    const named = this.#product.nextCharacters(node.vector);
    for (const ch of alphabet(s.syntax, named)) {
      const state = s.syntax.step(node.state, ch);
      if (state < 0) continue;
      out.push({
        vector: this.#product.feed(node.vector, ch),
        segment: node.segment,
        state,
        length: node.length + 1,
        text: node.text + ch,
      });
    }
    return out;
  }

  /** Shortest completion of `from` whose admission equals `wanted`. */
  find(from: Node, wanted: boolean): SearchOutcome {
    const queue: Node[] = [from];
    const seen = new Set<string>([this.key(from)]);
    for (let head = 0; head < queue.length; head++) {
      if (this.exhausted) return { kind: 'exhausted' };
      const node = queue[head];
      if (this.complete(node)) {
        if (this.admits(node) === wanted)
          return { kind: 'found', text: node.text };
        continue;
      }
      const next = this.canClose(node) ? [this.close(node)] : [];
      for (const child of [...next, ...this.children(node)]) {
        // Sound to drop before queueing: a certain answer stays certain.
        if (this.settled(child) === !wanted) continue;
        const key = this.key(child);
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push(child);
      }
    }
    return { kind: 'none' };
  }
}

/**
 * The shortest string (after the prefix) the policy admits, if any.
 *
 * @internal
 */
export function findAdmitted(
  problem: StringProblem,
  budget: number = DEFAULT_BUDGET,
): SearchOutcome {
  const explorer = new Explorer(problem, budget);
  return explorer.find(explorer.root(), true);
}

/**
 * The shortest string (after the prefix) the policy does not admit, if any:
 * none means every string of the syntax is admitted.
 *
 * @internal
 */
export function findRejected(
  problem: StringProblem,
  budget: number = DEFAULT_BUDGET,
): SearchOutcome {
  const explorer = new Explorer(problem, budget);
  return explorer.find(explorer.root(), false);
}

/**
 * Whether every value of the first searched part can be completed to an
 * admitted string ("every namespace gets the role with some service account
 * name"). Returns the shortest first part that cannot (`found`), `none` when
 * every one can, or `exhausted`.
 *
 * @internal
 */
export function findFirstPartWithoutCompletion(
  problem: StringProblem,
  budget: number = DEFAULT_BUDGET,
): SearchOutcome {
  const explorer = new Explorer(problem, budget);
  const root = explorer.root();
  const first = root.segment;
  const queue: Node[] = [root];
  const seen = new Set<string>([explorer.key(root)]);
  const completes = new Map<string, boolean>();
  for (let head = 0; head < queue.length; head++) {
    if (explorer.exhausted) return { kind: 'exhausted' };
    const node = queue[head];
    // Every completion is admitted: no first part below lacks one.
    if (explorer.settled(node) === true) continue;
    if (explorer.canClose(node)) {
      const rest = explorer.close(node);
      const key = explorer.key(rest);
      let ok = completes.get(key);
      if (ok === undefined) {
        const outcome = explorer.find(rest, true);
        if (outcome.kind === 'exhausted') return outcome;
        ok = outcome.kind === 'found';
        completes.set(key, ok);
      }
      if (!ok) return { kind: 'found', text: node.text };
    }
    for (const child of explorer.children(node)) {
      if (child.segment !== first) continue;
      const key = explorer.key(child);
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(child);
    }
  }
  return { kind: 'none' };
}
