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
 * One copy of each equal string, for the values an inventory keeps many times over: every
 * parsed object brings its own copy of its namespace, of a role ARN (the service account's
 * annotation and its pods' env) and of label values (a service account's and its pods'). Only
 * for strings that repeat: a unique string pooled costs its pool entry on top. Bounded; emptying
 * it only costs sharing.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  constructor(private readonly maxStrings = 100_000) {}

  /** The pooled string equal to `value`. */
  of(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    if (this.strings.size >= this.maxStrings) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  /** A copy of `record` whose values are pooled (keys are V8's interned property names already). */
  record(record: Readonly<Record<string, string>>): Record<string, string> {
    const pooled: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) pooled[key] = this.of(value);
    return pooled;
  }
}
