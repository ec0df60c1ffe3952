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
import { createAwsIdentityRolePlanAction } from './awsIdentityRolePlan';
import { examples } from './awsIdentityRolePlan.examples';
import { WEST_ISSUER } from '../__testUtils__/fixtures';

describe('aws-identity:role:plan examples', () => {
  const options = actionOptions();
  // The sandbox-west example needs the issuer configuration lacks in the fixture.
  options.directory = {
    ...options.directory,
    clusters: options.directory.clusters.map(c => (c.name === 'sandbox-west' ? { ...c, issuer: WEST_ISSUER } : c)),
  };
  const action = createAwsIdentityRolePlanAction(options);

  it.each(examples)('runs example: $description', async example => {
    const input = yaml.parse(example.example).steps[0].input;
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('roleArn', expect.stringMatching(/^arn:aws:iam::\d{12}:role\//));
  });
});
