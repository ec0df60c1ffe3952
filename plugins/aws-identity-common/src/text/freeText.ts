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
 * Characters people cannot see or that change how text around them is shown: C0 controls
 * except tab and line feed, DEL, C1 controls, and the Unicode bidirectional formatting
 * characters (Trojan Source, CVE-2021-42574: U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Why a free-text field a person wrote (an approver's comment, a reason) cannot be recorded, or
 * `undefined` when it can: it must not carry control or bidirectional formatting characters.
 * The one rule for free text on the request path; the backend answers 400 naming the field.
 *
 * @public
 */
export function freeTextProblem(text: string): string | undefined {
  const match = INVISIBLE.exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `must not contain control or bidirectional formatting characters (U+${code} at position ${match.index})`;
}

/**
 * The text with every character {@link freeTextProblem} refuses written as a visible
 * `\u{…}` escape, for showing text recorded before the rule (it never reaches a pull request,
 * a commit message or a log as the raw character).
 *
 * @public
 */
export function visibleControlCharacters(text: string): string {
  return text.replace(new RegExp(INVISIBLE.source, 'gu'), ch => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`);
}
