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
 * JSON text of a value with the keys of every object sorted (by UTF-16 code
 * unit, so the order does not depend on a locale) and two-space indentation.
 * Array order is kept: in IAM documents statement and value order are as
 * written, and a reviewer should see them that way. Two documents that
 * differ only in key order give the same text.
 *
 * @internal
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_key, item: unknown) => {
        if (item === null || typeof item !== 'object' || Array.isArray(item))
          return item;
        const sorted: Record<string, unknown> = {};
        for (const key of Object.keys(item).sort()) {
          sorted[key] = (item as Record<string, unknown>)[key];
        }
        return sorted;
      },
      2,
    ) ?? 'null'
  );
}

/**
 * {@link canonicalJson}, split into lines for a line diff.
 *
 * @internal
 */
export function canonicalJsonLines(value: unknown): string[] {
  return canonicalJson(value).split('\n');
}
