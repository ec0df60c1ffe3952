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

/**
 * What a real value of one part of a string can be, as a small deterministic
 * automaton: a witness is only useful if it could exist.
 *
 * @internal
 */
export interface Syntax {
  readonly start: number;
  /** The next state, or -1 when the character cannot come next. */
  step(state: number, ch: string): number;
  accepting(state: number): boolean;
  readonly maxLength: number;
  /** Characters the part may contain, in the order witnesses prefer them. */
  readonly characters: string;
}

const ALNUM = /^[a-z0-9]$/;

/**
 * A Kubernetes namespace name: an RFC 1123 DNS label (lower-case letters,
 * digits and `-`, starting and ending with a letter or digit, at most 63
 * characters; Kubernetes "Object Names and IDs").
 *
 * @internal
 */
export const DNS_LABEL: Syntax = {
  start: 0,
  // 0: nothing yet, 1: after a letter or digit, 2: after '-'
  step(state, ch) {
    if (ALNUM.test(ch)) return 1;
    if (ch === '-' && state !== 0) return 2;
    return -1;
  },
  accepting: state => state === 1,
  maxLength: 63,
  characters: 'xabcdefghijklmnopqrstuvwyz0123456789-',
};

/**
 * A Kubernetes service account name: an RFC 1123 DNS subdomain (DNS labels
 * joined by `.`, at most 253 characters).
 *
 * @internal
 */
export const DNS_SUBDOMAIN: Syntax = {
  start: 0,
  // 0: nothing yet, 1: after a letter or digit, 2: after '-', 3: after '.'
  step(state, ch) {
    if (ALNUM.test(ch)) return 1;
    if (ch === '-' && (state === 1 || state === 2)) return 2;
    if (ch === '.' && state === 1) return 3;
    return -1;
  },
  accepting: state => state === 1,
  maxLength: 253,
  characters: 'xabcdefghijklmnopqrstuvwyz0123456789-.',
};

/**
 * Any non-empty text (an OIDC audience, a client ID).
 *
 * @internal
 */
export function nonEmptyText(maxLength: number): Syntax {
  return {
    start: 0,
    step: () => 1,
    accepting: state => state === 1,
    maxLength,
    characters: 'xabcdefghijklmnopqrstuvwyz0123456789-.:/',
  };
}
