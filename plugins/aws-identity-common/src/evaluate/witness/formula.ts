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
import { GlobStatus } from './glob';

/**
 * A boolean combination of "glob number g matches the string": how a set of
 * statements (Allow minus Deny) and a question's own constraints admit a
 * string.
 *
 * @internal
 */
export type Formula =
  | { kind: 'glob'; glob: number }
  | { kind: 'not'; of: Formula }
  | { kind: 'and'; of: Formula[] }
  | { kind: 'or'; of: Formula[] };

/** @internal */
export const TRUE: Formula = { kind: 'and', of: [] };
/** @internal */
export const FALSE: Formula = { kind: 'or', of: [] };

/** @internal */
export function glob(g: number): Formula {
  return { kind: 'glob', glob: g };
}
/** @internal */
export function not(f: Formula): Formula {
  return { kind: 'not', of: f };
}
/** @internal */
export function and(...of: Formula[]): Formula {
  return of.length === 1 ? of[0] : { kind: 'and', of };
}
/** @internal */
export function or(...of: Formula[]): Formula {
  return of.length === 1 ? of[0] : { kind: 'or', of };
}

/**
 * The value of a formula for a complete string.
 *
 * @internal
 */
export function holds(f: Formula, matched: (g: number) => boolean): boolean {
  switch (f.kind) {
    case 'glob':
      return matched(f.glob);
    case 'not':
      return !holds(f.of, matched);
    case 'and':
      return f.of.every(x => holds(x, matched));
    default:
      return f.of.some(x => holds(x, matched));
  }
}

/**
 * What is already certain after a prefix (Kleene's three-valued logic):
 * `true` / `false` whatever follows, or undefined when the rest decides.
 * Lets a search drop every branch that cannot lead to an answer.
 *
 * @internal
 */
export function bound(
  f: Formula,
  status: (g: number) => GlobStatus,
): boolean | undefined {
  switch (f.kind) {
    case 'glob': {
      const s = status(f.glob);
      if (s === 'dead') return false;
      return s === 'always' ? true : undefined;
    }
    case 'not': {
      const b = bound(f.of, status);
      return b === undefined ? undefined : !b;
    }
    case 'and': {
      let open = false;
      for (const x of f.of) {
        const b = bound(x, status);
        if (b === false) return false;
        if (b === undefined) open = true;
      }
      return open ? undefined : true;
    }
    default: {
      let open = false;
      for (const x of f.of) {
        const b = bound(x, status);
        if (b === true) return true;
        if (b === undefined) open = true;
      }
      return open ? undefined : false;
    }
  }
}
