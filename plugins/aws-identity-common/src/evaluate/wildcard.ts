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
import type { TemplatePiece } from './variables';

type Matcher = (value: string) => boolean;

// Policies repeat the same few patterns across thousands of roles, so compiled
// matchers are shared. The cap keeps a hostile stream of unique patterns from
// growing memory without bound.
const MAX_CACHED = 20_000;
const sensitiveCache = new Map<string, Matcher>();
const insensitiveCache = new Map<string, Matcher>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function wildcardPart(part: string): string {
  if (part === '*') return '.*';
  if (part === '?') return '.';
  return escapeRegExp(part);
}

/**
 * Regular-expression source for an IAM wildcard pattern (unanchored).
 *
 * @internal
 */
export function wildcardSource(pattern: string): string {
  return pattern
    .split(/([*?])/)
    .map(wildcardPart)
    .join('');
}

function compile(pattern: string, ignoreCase: boolean): Matcher {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const star = p.indexOf('*');
  const question = p.indexOf('?');
  if (star < 0 && question < 0) {
    return ignoreCase ? v => v.toLowerCase() === p : v => v === p;
  }
  if (p === '*') return () => true;
  // Common shapes first: "prefix*" covers `s3:Get*` and `team-a-*`.
  if (question < 0 && star === p.length - 1) {
    const prefix = p.slice(0, -1);
    return ignoreCase
      ? v => v.toLowerCase().startsWith(prefix)
      : v => v.startsWith(prefix);
  }
  // IAM's `*` matches any run of characters, `:` and `/` included (unlike a
  // shell glob), and `?` exactly one character. `s` makes `.` match newlines
  // too, so a crafted value cannot escape the wildcard.
  const regex = new RegExp(`^${wildcardSource(p)}$`, ignoreCase ? 'is' : 's');
  return v => regex.test(v);
}

/**
 * Tests a value against an IAM wildcard pattern (`*` = any run of
 * characters including `:` and `/`, `?` = exactly one character).
 *
 * @internal
 */
export function matchesWildcard(
  pattern: string,
  value: string,
  ignoreCase: boolean = false,
): boolean {
  const cache = ignoreCase ? insensitiveCache : sensitiveCache;
  let matcher = cache.get(pattern);
  if (!matcher) {
    matcher = compile(pattern, ignoreCase);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(pattern, matcher);
  }
  return matcher(value);
}

/**
 * True when the pattern contains IAM wildcard characters.
 *
 * @internal
 */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * Tests a value against a pattern whose policy variables were substituted:
 * wildcards in the written text match as usual, text that came from a
 * variable matches only itself (a `*` in a user name is not a wildcard).
 *
 * @internal
 */
export function matchesPieces(
  pieces: readonly TemplatePiece[],
  value: string,
  ignoreCase: boolean = false,
): boolean {
  if (pieces.every(p => !p.literal)) {
    return matchesWildcard(pieces.map(p => p.text).join(''), value, ignoreCase);
  }
  const source = pieces
    .map(p => (p.literal ? escapeRegExp(p.text) : wildcardSource(p.text)))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}
