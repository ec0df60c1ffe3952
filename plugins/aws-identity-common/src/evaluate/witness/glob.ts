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
import { TemplatePiece } from '../variables';

/**
 * One step of a glob: a character from a set (a literal, both cases of a
 * letter for the IgnoreCase operators), any one character (`?`), or any run
 * of characters (`*`, which in IAM crosses `:` and `/`).
 *
 * @internal
 */
export type GlobToken =
  | { kind: 'chars'; chars: string }
  | { kind: 'any' }
  | { kind: 'star' };

/**
 * What is known about a glob after a prefix was read: it can no longer match
 * whatever follows (`dead`), it matches whatever follows (`always`, a
 * trailing `*` was reached), or it depends on the rest (`open`).
 *
 * @internal
 */
export type GlobStatus = 'dead' | 'always' | 'open';

function charToken(ch: string, ignoreCase: boolean): GlobToken {
  if (!ignoreCase) return { kind: 'chars', chars: ch };
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return { kind: 'chars', chars: lower === upper ? ch : lower + upper };
}

// Trust policies repeat the same few values across thousands of roles, so
// globs (and the transitions they learned) are shared between analyses. The
// cap keeps a hostile stream of unique values from growing memory unbounded.
const MAX_CACHED = 10_000;
const cache = new Map<string, Glob>();

function cached(key: string, make: () => Glob): Glob {
  let glob = cache.get(key);
  if (!glob) {
    glob = make();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, glob);
  }
  return glob;
}

/**
 * A condition value read as an automaton. Its deterministic states (sets of
 * token positions) are numbered as they are first reached, and transitions
 * are remembered, so each (state, character) pair is computed once.
 *
 * @internal
 */
export class Glob {
  readonly tokens: readonly GlobToken[];
  /**
   * For a case-sensitive literal: the one string it matches, so questions
   * over finitely many candidates need no search.
   */
  readonly literalText?: string;
  readonly #ids = new Map<string, number>();
  readonly #sets: number[][] = [];
  readonly #accepting: boolean[] = [];
  readonly #status: GlobStatus[] = [];
  readonly #next = new Map<number, number>();
  readonly #nextChars: Array<string | undefined> = [];
  // tokens[i..] are all stars: reaching i means matching any rest.
  readonly #starsFrom: boolean[];

  private constructor(tokens: readonly GlobToken[], literalText?: string) {
    this.tokens = tokens;
    this.literalText = literalText;
    this.#starsFrom = new Array(tokens.length + 1).fill(false);
    this.#starsFrom[tokens.length] = true;
    for (let i = tokens.length - 1; i >= 0; i--)
      this.#starsFrom[i] = tokens[i].kind === 'star' && this.#starsFrom[i + 1];
  }

  /** A glob that matches exactly the text (the `…Equals` operators). */
  static literal(text: string, ignoreCase: boolean): Glob {
    return cached(
      `${ignoreCase ? 'I' : 'L'}${text}`,
      () =>
        new Glob(
          [...text].map(ch => charToken(ch, ignoreCase)),
          ignoreCase ? undefined : text,
        ),
    );
  }

  /**
   * A glob for a `…Like` value after variable substitution: `*` and `?` in
   * written text are wildcards, text that came from a variable is literal.
   */
  static wildcard(pieces: readonly TemplatePiece[], ignoreCase: boolean): Glob {
    const key = `W${ignoreCase ? 'I' : 'S'}${JSON.stringify(pieces)}`;
    return cached(key, () => {
      const tokens: GlobToken[] = [];
      for (const piece of pieces) {
        for (const ch of piece.text) {
          if (!piece.literal && ch === '*') tokens.push({ kind: 'star' });
          else if (!piece.literal && ch === '?') tokens.push({ kind: 'any' });
          else tokens.push(charToken(ch, ignoreCase));
        }
      }
      const wild = tokens.some(t => t.kind !== 'chars');
      const text = pieces.map(p => p.text).join('');
      return wild || ignoreCase ? new Glob(tokens) : new Glob(tokens, text);
    });
  }

  /**
   * The characters a `chars` token names at the state's positions: the only
   * ones that move this glob differently from any other character.
   */
  nextCharacters(state: number): string {
    let chars = this.#nextChars[state];
    if (chars === undefined) {
      chars = this.#sets[state]
        .map(p => {
          const token = this.tokens[p];
          return token?.kind === 'chars' ? token.chars : '';
        })
        .join('');
      this.#nextChars[state] = chars;
    }
    return chars;
  }

  #close(positions: number[]): number[] {
    // A star may match the empty run: being before it means being after it.
    const out: number[] = [];
    for (const p of positions) {
      let q = p;
      if (out[out.length - 1] !== q) out.push(q);
      while (this.tokens[q]?.kind === 'star') {
        q++;
        if (out[out.length - 1] !== q) out.push(q);
      }
    }
    return [...new Set(out)].sort((a, b) => a - b);
  }

  #statusOf(set: readonly number[]): GlobStatus {
    if (set.length === 0) return 'dead';
    // Only a star still ahead matches every continuation; having read the
    // whole glob matches the empty one alone.
    return set.some(p => p < this.tokens.length && this.#starsFrom[p])
      ? 'always'
      : 'open';
  }

  #intern(set: number[]): number {
    const key = set.join(',');
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#sets.length;
      this.#ids.set(key, id);
      this.#sets.push(set);
      this.#accepting.push(set.includes(this.tokens.length));
      this.#status.push(this.#statusOf(set));
    }
    return id;
  }

  /** The state before any character is read. */
  start(): number {
    return this.#intern(this.#close([0]));
  }

  /** The state after reading one more character. */
  step(state: number, ch: string): number {
    const key = state * 0x110000 + (ch.codePointAt(0) ?? 0);
    let next = this.#next.get(key);
    if (next === undefined) {
      const moved: number[] = [];
      for (const p of this.#sets[state]) {
        const token = this.tokens[p];
        if (!token) continue;
        if (token.kind === 'star') moved.push(p);
        else if (token.kind === 'any' || token.chars.includes(ch))
          moved.push(p + 1);
      }
      next = this.#intern(this.#close(moved));
      this.#next.set(key, next);
    }
    return next;
  }

  /** True when what was read matches the whole glob. */
  accepts(state: number): boolean {
    return this.#accepting[state];
  }

  status(state: number): GlobStatus {
    return this.#status[state];
  }
}
