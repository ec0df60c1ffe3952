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


import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitBranchDelivery } from './GitBranchDelivery';

const author = { name: 'aws-identity', email: 'aws-identity@example.com' };
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: author.name,
  GIT_AUTHOR_EMAIL: author.email,
  GIT_COMMITTER_NAME: author.name,
  GIT_COMMITTER_EMAIL: author.email,
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env }).toString().trim();

describe('GitBranchDelivery against a local bare repository', () => {
  let root: string;
  let remote: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'aws-identity-git-test-'));
    remote = join(root, 'infra.git');
    git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
    const seed = join(root, 'seed');
    git(root, 'clone', '--quiet', remote, seed);
    writeFileSync(join(seed, 'README.md'), '# infra\n');
    git(seed, 'add', '.');
    git(seed, 'commit', '--quiet', '-m', 'initial');
    git(seed, 'push', '--quiet', 'origin', 'HEAD:main');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const change = {
    requestId: 'r-42',
    title: 'aws-identity: role sdc-s3 for sandbox-east/ns1/sdc',
    body: 'Plan, findings and approval record',
    files: {
      'iam/sdc-s3/main.tf': 'module "sdc_s3" {}\n',
      'k8s/ns1/sdc-serviceaccount.yaml': 'kind: ServiceAccount\n',
    },
  };

  const clone = (branch: string) => {
    const dir = join(root, `check-${Math.random().toString(36).slice(2)}`);
    git(root, 'clone', '--quiet', '--branch', branch, remote, dir);
    return dir;
  };

  it('pushes one commit with every file on the request branch, and reuses it when retried', async () => {
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });

    const first = await delivery.deliver(change);
    const second = await delivery.deliver(change);

    expect(first).toMatchObject({ kind: 'git-branch', branch: 'aws-identity/request-r-42', reused: false });
    expect(second).toMatchObject({ branch: first.branch, reused: true });
    const checkout = clone(first.branch);
    expect(readFileSync(join(checkout, 'iam/sdc-s3/main.tf'), 'utf8')).toBe(change.files['iam/sdc-s3/main.tf']);
    expect(readFileSync(join(checkout, 'README.md'), 'utf8')).toBe('# infra\n');
    expect(git(checkout, 'rev-list', '--count', 'HEAD')).toBe('2');
    expect(git(checkout, 'log', '-1', '--format=%s')).toBe(change.title);
  });

  it('adds a commit when the change differs from what the branch holds', async () => {
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
    await delivery.deliver(change);

    const receipt = await delivery.deliver({
      ...change,
      files: { ...change.files, 'iam/sdc-s3/main.tf': 'module "sdc_s3" { name = "x" }\n' },
    });

    expect(receipt.reused).toBe(false);
    expect(git(clone(receipt.branch), 'rev-list', '--count', 'HEAD')).toBe('3');
  });

  it('reports open until the base branch contains the change, then merged', async () => {
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
    const receipt = await delivery.deliver(change);
    expect(await delivery.state(receipt)).toBe('open');

    const checkout = clone('main');
    git(checkout, 'fetch', '--quiet', 'origin', receipt.branch);
    git(checkout, 'merge', '--quiet', '--no-edit', 'FETCH_HEAD');
    git(checkout, 'push', '--quiet', 'origin', 'HEAD:main');

    expect(await delivery.state(receipt)).toBe('merged');
  });

  it('reports closed when the branch was deleted unmerged', async () => {
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
    const receipt = await delivery.deliver(change);
    git(root, '--git-dir', remote, 'branch', '-D', receipt.branch);
    expect(await delivery.state(receipt)).toBe('closed');
  });

  it.each([['../escape.tf'], ['/etc/passwd'], ['.git/config'], ['a/../../b']])(
    'refuses to write %s and pushes nothing',
    async path => {
      const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
      await expect(delivery.deliver({ ...change, files: { [path]: 'x' } })).rejects.toThrow(
        /outside the repository/,
      );
      expect(git(root, '--git-dir', remote, 'branch', '--list', 'aws-identity/*')).toBe('');
    },
  );
});
