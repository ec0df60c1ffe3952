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
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBareRemote } from '../testing/bareRemote';
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
    remote = createBareRemote(root);
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
  const remoteBranches = () => git(root, '--git-dir', remote, 'branch', '--list', 'aws-identity/*');

  /** Commits a symbolic link into the base branch of the infrastructure repository. */
  const commitSymlink = (link: string, target: string) => {
    const checkout = clone('main');
    mkdirSync(join(checkout, link, '..'), { recursive: true });
    symlinkSync(target, join(checkout, link));
    git(checkout, 'add', '--all');
    git(checkout, 'commit', '--quiet', '-m', `link ${link}`);
    git(checkout, 'push', '--quiet', 'origin', 'HEAD:main');
  };

  it.each([
    ['a directory', 'iam', 'iam/sdc-s3/main.tf'],
    ['a nested directory', 'k8s/ns1', 'k8s/ns1/sdc-serviceaccount.yaml'],
    ['the file itself', 'iam/sdc-s3/main.tf', 'iam/sdc-s3/main.tf'],
  ])('refuses to follow a symbolic link in the repository at %s out of the work tree, and pushes nothing', async (_what, link, written) => {
    const outside = join(root, 'outside');
    mkdirSync(outside);
    const target = link === written ? join(outside, 'main.tf') : outside;
    commitSymlink(link, target);
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });

    await expect(delivery.deliver({ ...change, files: { [written]: 'x' } })).rejects.toThrow(/outside the repository/);

    expect(remoteBranches()).toBe('');
    expect(existsSync(join(outside, 'sdc-s3'))).toBe(false);
    expect(existsSync(join(outside, 'main.tf'))).toBe(false);
    expect(existsSync(join(outside, 'sdc-serviceaccount.yaml'))).toBe(false);
  });

  it('refuses a dangling symbolic link, whose target could be created anywhere', async () => {
    commitSymlink('iam', join(root, 'not-yet'));
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
    await expect(delivery.deliver({ ...change, files: { 'iam/x.tf': 'x' } })).rejects.toThrow(/outside the repository/);
    expect(existsSync(join(root, 'not-yet'))).toBe(false);
  });

  it('writes through a symbolic link that stays inside the work tree', async () => {
    const checkout = clone('main');
    mkdirSync(join(checkout, 'iam'));
    writeFileSync(join(checkout, 'iam', 'README.md'), 'iam\n');
    git(checkout, 'add', '--all');
    git(checkout, 'commit', '--quiet', '-m', 'iam folder');
    git(checkout, 'push', '--quiet', 'origin', 'HEAD:main');
    commitSymlink('current', 'iam');
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
    const receipt = await delivery.deliver({ ...change, files: { 'current/sdc-s3/main.tf': 'x' } });
    expect(readFileSync(join(clone(receipt.branch), 'iam/sdc-s3/main.tf'), 'utf8')).toBe('x');
  });

  it('never shows the credentials of the remote URL in a receipt or an error', async () => {
    const delivery = new GitBranchDelivery({ remote: 'https://deploy:ghp_s3cr3t@127.0.0.1:9/acme/infra.git', baseBranch: 'main', author });
    const failure = delivery.deliver(change);
    await expect(failure).rejects.toThrow(/127\.0\.0\.1:9\/acme\/infra\.git/);
    await expect(failure).rejects.not.toThrow(/ghp_s3cr3t/);
  });

  it('shows the remote without credentials in the receipt', async () => {
    // A file: remote has no userinfo, but the receipt takes the same redaction path.
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
    expect((await delivery.deliver(change)).url).toBe(`${remote}#aws-identity/request-r-42`);
  });

  describe('retract', () => {
    it('deletes the pushed branch, so nothing is left to merge', async () => {
      const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
      const receipt = await delivery.deliver(change);

      expect(await delivery.retract({ requestId: change.requestId, receipt })).toBe('retracted');

      expect(remoteBranches()).toBe('');
      expect(await delivery.state(receipt)).toBe('closed');
    });

    it('finds the branch of a delivery that pushed without a receipt', async () => {
      const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
      await delivery.deliver(change);
      expect(await delivery.retract({ requestId: change.requestId })).toBe('retracted');
      expect(remoteBranches()).toBe('');
    });

    it('reports nothing delivered when there is no branch, and is idempotent', async () => {
      const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
      expect(await delivery.retract({ requestId: change.requestId })).toBe('nothing-delivered');
      await delivery.deliver(change);
      await delivery.retract({ requestId: change.requestId });
      expect(await delivery.retract({ requestId: change.requestId })).toBe('nothing-delivered');
    });

    it('leaves a merged change alone and says so', async () => {
      const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
      const receipt = await delivery.deliver(change);
      const checkout = clone('main');
      git(checkout, 'fetch', '--quiet', 'origin', receipt.branch);
      git(checkout, 'merge', '--quiet', '--no-edit', 'FETCH_HEAD');
      git(checkout, 'push', '--quiet', 'origin', 'HEAD:main');

      expect(await delivery.retract({ requestId: change.requestId, receipt })).toBe('merged');
      expect(remoteBranches()).toContain(receipt.branch);
    });
  });
});
