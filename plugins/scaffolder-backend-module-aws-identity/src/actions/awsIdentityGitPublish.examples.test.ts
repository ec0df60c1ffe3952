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
import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createAwsIdentityGitPublishAction } from './awsIdentityGitPublish';
import { examples } from './awsIdentityGitPublish.examples';

describe('aws-identity:git:publish examples', () => {
  it.each(examples)('runs example: $description', async example => {
    const remotes = createMockDirectory();
    const action = createAwsIdentityGitPublishAction({
      settings: { baseDir: remotes.path, defaultBranch: 'main', authorName: 'test', authorEmail: 'test@example.invalid' },
    });
    const input = yaml.parse(example.example).steps[0].input;
    const ctx = createMockActionContext({ input });
    mkdirSync(ctx.workspacePath, { recursive: true });
    writeFileSync(`${ctx.workspacePath}/README.md`, '# hello\n');
    await action.handler(ctx);
    const log = execFileSync('git', ['--git-dir', `${remotes.path}/${input.repoName}.git`, 'log', '--format=%s', 'main']).toString();
    expect(log.trim()).toBe(input.commitMessage);
  });
});
