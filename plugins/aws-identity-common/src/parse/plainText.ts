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
 * Names, ARNs, paths and regions are ASCII in AWS and Kubernetes: a character outside it is
 * either a look-alike of an ASCII one (Cyrillic `а`, full-width `ａ`), invisible (zero-width
 * space, joiners) or reorders what a reviewer sees (bidi controls). Each is named by its code
 * point, so the reason says what is there even where a screen shows nothing.
 */

/** The code point as `U+XXXX`. */
function codePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

const BIDI_CONTROLS = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
const INVISIBLE = new Set([0x00ad, 0x034f, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff]);

/** What kind of character `cp` is, for a reason: control, bidi, invisible, full-width or other non-ASCII. */
function describe(cp: number): string {
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f)) return `the control character ${codePoint(cp)}`;
  if (BIDI_CONTROLS.has(cp)) return `the bidirectional control ${codePoint(cp)}`;
  if (INVISIBLE.has(cp)) return `the invisible character ${codePoint(cp)}`;
  if (cp >= 0xff01 && cp <= 0xff5e) return `the full-width character ${codePoint(cp)} (a look-alike of ASCII)`;
  return `the non-ASCII character ${codePoint(cp)} (possibly a look-alike of an ASCII one)`;
}

/**
 * Why `text` is not plain printable ASCII (U+0021–U+007E, and the space when `allowSpace`), or
 * `undefined` when it is. For every identifier: names, namespaces, service accounts, paths,
 * regions, ARNs, URLs.
 *
 * @public
 */
export function nonAsciiProblem(text: string, options: { allowSpace?: boolean } = {}): string | undefined {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20 && options.allowSpace) continue;
    if (cp < 0x21 || cp > 0x7e) return `contains ${cp === 0x20 ? 'a space' : describe(cp)}`;
  }
  return undefined;
}

/**
 * Whether `text[index]` (code point `cp`) is a character a reader cannot see or that changes how
 * the text around it is shown: C0 controls except tab, line feed and a carriage return that ends a
 * line (CR LF), DEL, C1 controls, bidirectional controls (Trojan Source, CVE-2021-42574) and
 * invisible characters (zero-width space and joiners, soft hyphen, BOM). A lone carriage return is
 * refused because a terminal or a git log shows what follows it over the start of its line, so it
 * can make an approver's comment look like a system-written `Approved-by:` line.
 */
function isHidden(cp: number, next: number | undefined): boolean {
  if (cp === 0x09 || cp === 0x0a) return false;
  if (cp === 0x0d) return next !== 0x0a;
  return cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f) || BIDI_CONTROLS.has(cp) || INVISIBLE.has(cp);
}

/** Each code point of `text` with the one after it. */
function* codePointsWithNext(text: string): Generator<[cp: number, next: number | undefined, ch: string]> {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    yield [chars[i].codePointAt(0)!, chars[i + 1]?.codePointAt(0), chars[i]];
  }
}

/**
 * Why free `text` (a comment, a reason, a description) carries characters that can hide or forge
 * what a reader sees (see the character classes above), or `undefined` when it carries none. Other
 * non-ASCII text (names, accents, emoji) is fine. The one rule for free text on the request path;
 * the backend answers 400 naming the field.
 *
 * @public
 */
export function hiddenCharacterProblem(text: string): string | undefined {
  for (const [cp, next] of codePointsWithNext(text)) {
    if (isHidden(cp, next)) return `contains ${describe(cp)}`;
  }
  return undefined;
}

/**
 * The text with every character {@link hiddenCharacterProblem} refuses written as a visible
 * `\u{…}` escape, for showing text recorded before the rule (it never reaches a pull request,
 * a commit message or a log as the raw character).
 *
 * @public
 */
export function visibleControlCharacters(text: string): string {
  let out = '';
  for (const [cp, next, ch] of codePointsWithNext(text)) {
    out += isHidden(cp, next) ? `\\u{${cp.toString(16).toUpperCase()}}` : ch;
  }
  return out;
}
