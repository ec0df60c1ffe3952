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
import { createAwsIdentityRequestCreateAction } from './awsIdentityRequestCreate';
import { examples } from './awsIdentityRequestCreate.examples';

describe('aws-identity:request:create examples', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(examples)('runs example: $description', async example => {
    const fetchMock = jest.spyOn(global, 'fetch').mockResolvedValue(
      new Response(JSON.stringify({ request: { id: 'r-1', state: 'submitted' }, created: true }), { status: 201 }),
    );
    const action = createAwsIdentityRequestCreateAction(actionOptions());
    const input = yaml.parse(example.example).steps[0].input;
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // The declared owner reaches the backend with the rest of the request.
    const body = JSON.parse(fetchMock.mock.calls[0][1]!.body as string);
    expect(body.request.owner).toBe(input.owner);
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'r-1');
  });
});
