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


import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { DeliveryChange, DeliveryReceipt, DeliveryState, RoleDelivery } from '@internal/plugin-aws-identity-node';
import { deliveryBranch } from './deliveryBranch';

const run = promisify(execFile);

/**
 * Delivers a request by pushing a branch to any git remote with the `git` command line — the
 * sandbox's local bare repository, or a git host without a pull-request API. The branch is
 * deterministic and pushed only when its content differs, so retries push at most once.
 * "Merged" means the base branch contains the branch's commit.
 *
 * @public
 */
export class GitBranchDelivery implements RoleDelivery {
  constructor(
    private readonly options: {
      /** Remote URL or path (`/srv/git/infra.git`, `https://…`). Credentials belong in the URL's helper, never in logs. */
      remote: string;
      baseBranch: string;
      author: { name: string; email: string };
      /** URL shown to people for a branch; defaults to `<remote>#<branch>`. */
      branchUrl?: (branch: string) => string;
    },
  ) {}

  async deliver(change: DeliveryChange): Promise<DeliveryReceipt> {
    const branch = deliveryBranch(change.requestId);
    const url = this.options.branchUrl?.(branch) ?? `${this.options.remote}#${branch}`;
    const work = await mkdtemp(join(tmpdir(), 'aws-identity-delivery-'));
    try {
      const git = (...args: string[]) =>
        run('git', args, {
          cwd: work,
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: this.options.author.name,
            GIT_AUTHOR_EMAIL: this.options.author.email,
            GIT_COMMITTER_NAME: this.options.author.name,
            GIT_COMMITTER_EMAIL: this.options.author.email,
            GIT_TERMINAL_PROMPT: '0',
          },
        });
      await git('init', '--quiet');
      await git('remote', 'add', 'origin', this.options.remote);
      const remoteHasBranch = await git('ls-remote', '--heads', 'origin', branch).then(
        out => out.stdout.trim() !== '',
      );
      // Build on the request's branch when a previous attempt pushed it, else on the base.
      const start = remoteHasBranch ? branch : this.options.baseBranch;
      await git('fetch', '--quiet', '--depth', '1', 'origin', start);
      await git('checkout', '--quiet', '-B', branch, 'FETCH_HEAD');

      for (const [path, content] of Object.entries(change.files)) {
        const target = safeJoin(work, path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, content);
      }
      await git('add', '--all');
      const changed = await git('status', '--porcelain').then(out => out.stdout.trim() !== '');
      if (!changed && remoteHasBranch) {
        return { kind: 'git-branch', branch, url, reused: true };
      }
      await git('commit', '--quiet', '--allow-empty', '-m', change.title, '-m', change.body);
      await git('push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`);
      return { kind: 'git-branch', branch, url, reused: false };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  async state(receipt: DeliveryReceipt): Promise<DeliveryState> {
    const work = await mkdtemp(join(tmpdir(), 'aws-identity-delivery-'));
    try {
      const git = (...args: string[]) => run('git', args, { cwd: work });
      await git('init', '--quiet');
      await git('remote', 'add', 'origin', this.options.remote);
      const heads = await git('ls-remote', '--heads', 'origin', receipt.branch, this.options.baseBranch);
      const sha = (ref: string) =>
        heads.stdout
          .split('\n')
          .find(line => line.endsWith(`refs/heads/${ref}`))
          ?.split('\t')[0];
      const branchSha = sha(receipt.branch);
      if (!branchSha) return 'closed';
      await git('fetch', '--quiet', 'origin', this.options.baseBranch, receipt.branch);
      const merged = await git('merge-base', '--is-ancestor', branchSha, `FETCH_HEAD`)
        .then(() => true)
        .catch(() => false);
      // FETCH_HEAD names the first fetched ref (the base branch).
      return merged ? 'merged' : 'open';
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}

/** Joins a repository-relative path, refusing anything that would leave the work tree. */
function safeJoin(root: string, path: string): string {
  const normalized = normalize(path);
  if (normalized.startsWith('..') || normalized.startsWith(sep) || normalized.includes(`${sep}..${sep}`) || normalized === '.git' || normalized.startsWith(`.git${sep}`)) {
    throw new Error(`Refusing to write outside the repository: ${path}`);
  }
  return join(root, normalized);
}
