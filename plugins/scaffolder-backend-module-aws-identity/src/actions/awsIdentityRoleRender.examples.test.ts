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
import yaml from 'yaml';
import { actionOptions } from '../__testUtils__/fixtures';
import { createAwsIdentityRoleRenderAction } from './awsIdentityRoleRender';
import { examples } from './awsIdentityRoleRender.examples';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

describe('aws-identity:role:render examples', () => {
  const action = createAwsIdentityRoleRenderAction(actionOptions());

  it.each(examples)('runs example: $description', async example => {
    const input = yaml.parse(example.example).steps[0].input;
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);
    const files: string[] = (ctx.output as jest.Mock).mock.calls.find(c => c[0] === 'files')[1];
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) expect(existsSync(join(ctx.workspacePath, file))).toBe(true);
  });
});
