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
 * A bad command line: reported as one line with exit code 2.
 *
 * @public
 */
export class UsageError extends Error {}

/**
 * Parsed options: every value as a list, in the order given.
 *
 * @public
 */
export type ParsedOptions = Map<string, string[]>;

/** @public */
export function single(options: ParsedOptions, name: string): string {
  const values = options.get(name);
  if (!values || values.length === 0)
    throw new UsageError(`--${name} is required`);
  if (values.length > 1)
    throw new UsageError(`--${name} may be given only once`);
  return values[0];
}

/** @public */
export function optional(
  options: ParsedOptions,
  name: string,
): string | undefined {
  return options.has(name) ? single(options, name) : undefined;
}

/** @public */
export function many(options: ParsedOptions, name: string): string[] {
  const values = options.get(name) ?? [];
  if (values.length === 0) throw new UsageError(`--${name} is required`);
  return values;
}

/** @public */
export function quotaOption(options: ParsedOptions): number | undefined {
  const text = optional(options, 'quota');
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 4096) {
    throw new UsageError('--quota must be an integer between 1 and 4096');
  }
  return Number(text);
}
