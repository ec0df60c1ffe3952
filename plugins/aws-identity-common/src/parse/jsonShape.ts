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
 * How deep a JSON request body may nest. The deepest legitimate body (`request.access[0].resource`
 * inside the envelope) is four levels; the margin leaves room for growth, the bound keeps every
 * recursive reader (hashing, planning, error messages) far from the stack limit.
 *
 * @public
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys that name an object's prototype machinery in JavaScript. A body carrying them is an attempt
 * at prototype pollution somewhere downstream, never a role request.
 *
 * @public
 */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * The first place in a parsed JSON value that nests deeper than `maxDepth` or carries a
 * {@link PROTOTYPE_KEYS} key, as a path from `root` (`body.request.access[0]`) and why;
 * `undefined` when there is none. Iterative, so a hostile depth cannot overflow the stack here.
 *
 * @public
 */
export function jsonShapeProblem(
  value: unknown,
  options: { root?: string; maxDepth?: number } = {},
): { path: string; error: string } | undefined {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: options.root ?? 'body', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) {
      return { path, error: `nests deeper than ${maxDepth} levels` };
    }
    if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(current)) {
      // A key that is not an identifier is shown quoted, so the path stays readable.
      const child = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key.slice(0, 40))}]`;
      if (PROTOTYPE_KEYS.includes(key)) {
        return { path: child, error: `the key ${JSON.stringify(key)} is not allowed` };
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return undefined;
}
