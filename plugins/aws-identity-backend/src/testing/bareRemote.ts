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

// Test helpers only: never exported from the package entry point.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A bare git repository `<root>/infra.git` with one commit on `main` (a README), standing in for
 * the infrastructure repository that GitBranchDelivery pushes to.
 */
export function createBareRemote(root: string): string {
  const remote = join(root, 'infra.git');
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'seed',
        GIT_AUTHOR_EMAIL: 'seed@example.invalid',
        GIT_COMMITTER_NAME: 'seed',
        GIT_COMMITTER_EMAIL: 'seed@example.invalid',
      },
    }).toString();
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  const seed = join(root, 'seed');
  git(root, 'clone', '--quiet', remote, seed);
  writeFileSync(join(seed, 'README.md'), '# infra\n');
  git(seed, 'add', '--all');
  git(seed, 'commit', '--quiet', '-m', 'seed');
  git(seed, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
  return remote;
}
