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
import { MAX_OWNER_REF_LENGTH, normalizeOwnerRef } from './ownerRef';

describe('normalizeOwnerRef', () => {
  it.each([
    ['group:default/app-team', 'group:default/app-team'],
    ['app-team', 'group:default/app-team'],
    ['platform/app-team', 'group:platform/app-team'],
    ['user:jane', 'user:default/jane'],
    ['Group:Default/App-Team', 'group:default/app-team'],
    ['user:development/guest', 'user:development/guest'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeOwnerRef(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [undefined, 'owner must be a group or user entity ref such as group:default/app-team'],
    ['', 'owner must be a group or user entity ref such as group:default/app-team'],
    [42, 'owner must be a group or user entity ref such as group:default/app-team'],
    [
      'group:/app-team',
      'owner "group:/app-team" is not an entity ref of the form [<kind>:][<namespace>/]<name>, e.g. group:default/app-team',
    ],
    ['component:default/x', 'owner "component:default/x" must be a group or user entity ref, not kind "component"'],
    [
      'group:app_ns/app-team',
      `owner "group:app_ns/app-team" has an invalid namespace: lower-case letters, digits and '-', at most 63 characters`,
    ],
    [
      'group:default/app team',
      `owner "group:default/app team" has an invalid name: letters, digits and '-', '_', '.', at most 63 characters`,
    ],
  ])('rejects %j with a message naming the field', (input, message) => {
    expect(normalizeOwnerRef(input)).toEqual({ ok: false, error: message });
  });

  it('rejects refs longer than the stored column before parsing them, and keeps the message short', () => {
    const result = normalizeOwnerRef(`group:default/${'a'.repeat(MAX_OWNER_REF_LENGTH)}`);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^owner ".{77}\.\.\." is longer than 255 characters$/) });
  });
});
