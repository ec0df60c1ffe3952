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
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { badRoleRequestCases } from '@internal/plugin-aws-identity-common/testing';
import { existsSync, readdirSync } from 'node:fs';
import { actionOptions, validInput } from '../__testUtils__/fixtures';
import { createAwsIdentityRequestCreateAction } from './awsIdentityRequestCreate';
import { createAwsIdentityRolePlanAction } from './awsIdentityRolePlan';
import { createAwsIdentityRoleRenderAction } from './awsIdentityRoleRender';

describe('bad-input suite against the actions (security.md §3)', () => {
  const options = actionOptions();
  const actions = [
    createAwsIdentityRolePlanAction(options),
    createAwsIdentityRoleRenderAction(options),
    createAwsIdentityRequestCreateAction(options),
  ];
  let fetchMock: jest.SpyInstance;
  beforeEach(() => {
    fetchMock = jest.spyOn(global, 'fetch').mockRejectedValue(new Error('must not be called'));
  });
  afterEach(() => jest.restoreAllMocks());

  it('has at least 60 cases', () => {
    expect(badRoleRequestCases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(actions.flatMap(action => badRoleRequestCases.map(c => [action.id, c.name, action, c] as const)))(
    '%s rejects %s',
    async (_id, _name, action, c) => {
      const ctx = createMockActionContext({ input: { ...validInput, ...c.patch } as any });
      await expect(action.handler(ctx)).rejects.toThrow(`${c.field}: `);
      expect(ctx.output).not.toHaveBeenCalled();
      expect(existsSync(ctx.workspacePath) ? readdirSync(ctx.workspacePath) : []).toEqual([]);
      expect(fetchMock).not.toHaveBeenCalled();
    },
  );
});
