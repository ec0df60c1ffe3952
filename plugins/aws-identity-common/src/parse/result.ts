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
 * Outcome of a parser that never throws: either the parsed value or a
 * human-readable error that names what was wrong.
 *
 * @public
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: string };

/** @internal */
export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** @internal */
export function fail<T>(error: string): ParseResult<T> {
  return { ok: false, error };
}

/**
 * Shortens an untrusted input for inclusion in an error message, so that a
 * hostile multi-megabyte value cannot blow up logs (security.md BS-04).
 *
 * @internal
 */
export function quote(value: unknown): string {
  let text: string | undefined;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    // Too deep or cyclic to print: say what it is, never throw from an error message.
    text = Array.isArray(value) ? '[...]' : '{...}';
  }
  const safe = text === undefined ? String(value) : text;
  // Non-ASCII and control characters as \uXXXX, so a look-alike or a bidi control shows as what it is.
  return JSON.stringify(safe.length > 80 ? `${safe.slice(0, 77)}...` : safe).replace(
    /[^\x20-\x7e]/g,
    ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
