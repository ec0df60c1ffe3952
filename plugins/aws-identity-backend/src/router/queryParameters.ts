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
import { InputError } from '@backstage/errors';
import express from 'express';

/*
 * Query parameters of the plugin's routes, validated one way everywhere: a 400 names the
 * parameter and says what it must be.
 */

/**
 * One query parameter as a single text. `qs` turns `?a=1&a=2` into an array and `?a[b]=c` into
 * an object; both are a 400 saying so, never a value some code reads as text.
 */
export function singleQueryValue(query: express.Request['query'], name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new InputError(`${name}: given more than once; give it at most once`);
  if (typeof value !== 'string') throw new InputError(`${name}: must be a single value, not a nested parameter`);
  return value;
}

/** A comma-separated list of allowed values (`state=submitted,approved`), each checked. */
export function oneOrMoreOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (text === undefined) return undefined;
  const values = text.split(',');
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InputError(`${name}: ${JSON.stringify(value.slice(0, 40))} is not one of ${allowed.join(', ')}`);
    }
  }
  return [...new Set(values)] as T[];
}

/** A whole number from `min` to `max`, or the default. */
export function boundedInteger(name: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new InputError(`${name}: must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

/** Refuses (400, naming it) the first query parameter of `route` that is not one of `allowed`. */
export function onlyQueryParameters(query: express.Request['query'], route: string, allowed: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw new InputError(`${name.slice(0, 40)}: not a parameter of ${route} (${allowed.join(', ') || 'none'})`);
    }
  }
}
