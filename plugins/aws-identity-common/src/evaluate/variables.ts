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
 * Policy variables as the IAM User Guide describes them ("IAM policy
 * elements: Variables and tags"): `${key}` is replaced by the request's value
 * for a single-valued context key (key names case-insensitive),
 * `${key, 'default'}` supplies a value when the key has none, and `${*}`,
 * `${?}`, `${$}` stand for the literal characters. A variable that cannot be
 * resolved makes its statement invalid, i.e. the statement does not apply.
 */

import type { NormalizedContext } from './conditions';

/**
 * A piece of a policy string after substitution: non-literal text keeps its
 * meaning (wildcards stay wildcards), literal text came from a variable and
 * matches only itself.
 *
 * @internal
 */
export interface TemplatePiece {
  text: string;
  literal: boolean;
}

/**
 * The outcome of substituting the variables of one policy string.
 *
 * @internal
 */
export type Substitution =
  | { ok: true; pieces: TemplatePiece[] }
  | { ok: false; unresolved: string[] };

const VARIABLE = /\$\{([^}]*)\}/g;
// `key` or `key, 'default'`; the key may contain spaces (tag keys can).
const INNER = /^\s*([^,']*?)\s*(?:,\s*'([^']*)'\s*)?$/;
const SPECIAL: Readonly<Record<string, string>> = {
  '*': '*',
  '?': '?',
  $: '$',
};

/**
 * True when the text contains something that looks like a policy variable.
 *
 * @internal
 */
export function hasVariable(text: string): boolean {
  return text.includes('${');
}

function resolveInner(
  inner: string,
  context: NormalizedContext,
): string | undefined {
  const special = SPECIAL[inner];
  if (special !== undefined) return special;
  const match = INNER.exec(inner);
  if (!match || match[1] === '') return undefined;
  const value = context[match[1].toLowerCase()];
  // Only single-valued keys can be variables (IAM User Guide, "Single-valued
  // vs. multivalued context keys"); a list resolves like an absent key.
  if (typeof value === 'string') return value;
  return match[2];
}

/**
 * Replaces the policy variables of a policy string with values from the
 * request context. Text before `fromIndex` (an offset into `text`) is kept as
 * written, variables included: IAM only substitutes in the resource portion
 * of a `Resource` ARN.
 *
 * @internal
 */
export function substituteVariables(
  text: string,
  context: NormalizedContext,
  fromIndex: number = 0,
): Substitution {
  const pieces: TemplatePiece[] = [];
  const unresolved: string[] = [];
  let last = 0;
  const push = (piece: TemplatePiece) => {
    if (piece.text === '') return;
    const previous = pieces[pieces.length - 1];
    if (previous && previous.literal === piece.literal)
      previous.text += piece.text;
    else pieces.push(piece);
  };
  for (const match of text.matchAll(VARIABLE)) {
    const offset = match.index ?? 0;
    if (offset < fromIndex) continue;
    push({ text: text.slice(last, offset), literal: false });
    const value = resolveInner(match[1], context);
    if (value === undefined) unresolved.push(match[0]);
    else push({ text: value, literal: true });
    last = offset + match[0].length;
  }
  push({ text: text.slice(last), literal: false });
  return unresolved.length > 0
    ? { ok: false, unresolved }
    : { ok: true, pieces };
}

/**
 * The offset where the resource portion of an ARN starts: after the fifth
 * colon that is not inside a `${…}` expression, or -1 when the text has fewer
 * colons (then it has no resource portion, and no variables are substituted).
 *
 * @internal
 */
export function resourcePortionStart(arn: string): number {
  let colons = 0;
  for (let i = 0; i < arn.length; i++) {
    const ch = arn[i];
    if (ch === '$' && arn[i + 1] === '{') {
      const close = arn.indexOf('}', i + 2);
      if (close < 0) continue;
      i = close;
      continue;
    }
    if (ch === ':' && ++colons === 5) return i + 1;
  }
  return -1;
}

/**
 * Substitutes the variables of a `Resource` / `NotResource` entry, in the
 * resource portion of the ARN only: IAM does not replace the service, Region
 * or account with a variable, so `${…}` before the fifth colon stays text.
 *
 * @internal
 */
export function substituteResourceVariables(
  pattern: string,
  context: NormalizedContext,
): Substitution {
  const start = resourcePortionStart(pattern);
  return substituteVariables(
    pattern,
    context,
    start < 0 ? pattern.length : start,
  );
}

/**
 * The text of substituted pieces, joined.
 *
 * @internal
 */
export function piecesText(pieces: readonly TemplatePiece[]): string {
  return pieces.map(p => p.text).join('');
}

/**
 * Splits substituted pieces at every `:`, keeping whether each part is
 * literal: what the ARN operators need to match component by component.
 *
 * @internal
 */
export function splitPieces(
  pieces: readonly TemplatePiece[],
  separator: string,
): TemplatePiece[][] {
  const out: TemplatePiece[][] = [[]];
  for (const piece of pieces) {
    const parts = piece.text.split(separator);
    parts.forEach((part, i) => {
      if (i > 0) out.push([]);
      if (part !== '')
        out[out.length - 1].push({ text: part, literal: piece.literal });
    });
  }
  return out;
}
