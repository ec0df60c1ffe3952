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
 * An access level from the AWS Service Authorization Reference.
 *
 * @public
 */
export type AccessLevel =
  | 'List'
  | 'Read'
  | 'Write'
  | 'Permissions management'
  | 'Tagging';

/**
 * Access levels in display order.
 *
 * @internal
 */
export const ACCESS_LEVELS: readonly AccessLevel[] = [
  'List',
  'Read',
  'Write',
  'Permissions management',
  'Tagging',
];

/** @internal */
export const LEVEL_CODES: Record<string, AccessLevel> = {
  L: 'List',
  R: 'Read',
  W: 'Write',
  P: 'Permissions management',
  T: 'Tagging',
};

/**
 * Maps an access level string from the authorization reference to ours.
 * Some actions carry two levels ("Permissions management, Write"); the
 * first is the more specific and the one reviewers care about.
 *
 * @internal
 */
export function accessLevelCode(level: string): string {
  const first = level.split(',')[0].trim();
  const entry = Object.entries(LEVEL_CODES).find(([, name]) => name === first);
  if (!entry) throw new Error(`unknown access level ${level}`);
  return entry[0];
}

/**
 * Encodes one service's actions compactly: `Name|C` per action, comma
 * separated, where `C` is the access-level code, lower-cased when the action
 * supports no resource types (it only works with `Resource: "*"`).
 *
 * @internal
 */
export function encodeServiceActions(
  actions: Array<{
    name: string;
    accessLevel: string;
    hasResourceTypes: boolean;
  }>,
): string {
  return [...actions]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(a => {
      const code = accessLevelCode(a.accessLevel);
      return `${a.name}|${a.hasResourceTypes ? code : code.toLowerCase()}`;
    })
    .join(',');
}
