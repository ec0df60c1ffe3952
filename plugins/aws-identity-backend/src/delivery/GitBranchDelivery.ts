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


import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeliveryChange,
  DeliveryReceipt,
  DeliveryRetraction,
  DeliveryState,
  redactUrlCredentials,
  RoleDelivery,
  runHardenedGit,
} from '@internal/plugin-aws-identity-node';
import { deliveryBranch } from './deliveryBranch';
import { writeInsideWorkTree } from './writeInsideWorkTree';

/** A git client in a scratch directory: the work tree, and a `HOME` nothing else is in. */
interface Scratch {
  work: string;
  git: (...args: string[]) => Promise<string>;
}

/**
 * Delivers a request by pushing a branch to any git remote with the `git` command line — the
 * sandbox's local bare repository, or a git host without a pull-request API. The branch is
 * deterministic and pushed only when its content differs, so retries push at most once.
 * "Merged" means the base branch contains the branch's commit. Git runs hardened
 * (`runHardenedGit`: no hooks, no system or global config, no credential helpers), and rendered
 * files are written only where their real path stays inside the work tree.
 *
 * @public
 */
export class GitBranchDelivery implements RoleDelivery {
  constructor(
    private readonly options: {
      /**
       * Remote URL or path (`/srv/git/infra.git`, `https://…`). A token in the URL is used for
       * the push only: receipts, logs and errors show the URL without it.
       */
      remote: string;
      baseBranch: string;
      author: { name: string; email: string };
      /** URL shown to people for a branch; defaults to `<remote without credentials>#<branch>`. */
      branchUrl?: (branch: string) => string;
    },
  ) {}

  async deliver(change: DeliveryChange): Promise<DeliveryReceipt> {
    const branch = deliveryBranch(change.requestId);
    const url = this.options.branchUrl?.(branch) ?? `${redactUrlCredentials(this.options.remote)}#${branch}`;
    return this.inScratch(async ({ work, git }) => {
      const remoteHasBranch = (await git('ls-remote', '--heads', 'origin', `refs/heads/${branch}`)) !== '';
      // Build on the request's branch when a previous attempt pushed it, else on the base.
      const start = remoteHasBranch ? branch : this.options.baseBranch;
      await git('fetch', '--quiet', '--depth', '1', 'origin', `refs/heads/${start}`);
      await git('checkout', '--quiet', '-B', branch, 'FETCH_HEAD');

      for (const [path, content] of Object.entries(change.files)) {
        await writeInsideWorkTree(work, path, content);
      }
      await git('add', '--all');
      const changed = (await git('status', '--porcelain')) !== '';
      if (!changed && remoteHasBranch) {
        return { kind: 'git-branch', branch, url, reused: true };
      }
      await git('commit', '--quiet', '--no-verify', '--allow-empty', '-m', change.title, '-m', change.body);
      await git('push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`);
      return { kind: 'git-branch', branch, url, reused: false };
    });
  }

  async state(receipt: DeliveryReceipt): Promise<DeliveryState> {
    return this.inScratch(async ({ git }) => {
      const branchSha = await this.remoteSha(git, receipt.branch);
      if (!branchSha) return 'closed';
      return (await this.mergedIntoBase(git, receipt.branch, branchSha)) ? 'merged' : 'open';
    });
  }

  /**
   * Deletes the request's branch unless the base already contains it. The delete is leased on
   * the commit just checked, so a push that lands in between is not silently lost.
   */
  async retract(target: { requestId: string; receipt?: DeliveryReceipt }): Promise<DeliveryRetraction> {
    const branch = target.receipt?.branch ?? deliveryBranch(target.requestId);
    return this.inScratch(async ({ git }) => {
      const branchSha = await this.remoteSha(git, branch);
      if (!branchSha) return 'nothing-delivered';
      if (await this.mergedIntoBase(git, branch, branchSha)) return 'merged';
      await git('push', '--quiet', `--force-with-lease=refs/heads/${branch}:${branchSha}`, 'origin', `:refs/heads/${branch}`);
      return 'retracted';
    });
  }

  private async remoteSha(git: Scratch['git'], branch: string): Promise<string | undefined> {
    const heads = await git('ls-remote', '--heads', 'origin', `refs/heads/${branch}`);
    return heads
      .split('\n')
      .find(line => line.endsWith(`\trefs/heads/${branch}`))
      ?.split('\t')[0];
  }

  private async mergedIntoBase(git: Scratch['git'], branch: string, branchSha: string): Promise<boolean> {
    await git('fetch', '--quiet', 'origin', `refs/heads/${this.options.baseBranch}`, `refs/heads/${branch}`);
    // FETCH_HEAD names the first fetched ref (the base branch).
    return git('merge-base', '--is-ancestor', branchSha, 'FETCH_HEAD')
      .then(() => true)
      .catch(() => false);
  }

  /** Runs `fn` in a fresh repository with `origin` set, removed afterwards. */
  private async inScratch<T>(fn: (scratch: Scratch) => Promise<T>): Promise<T> {
    const scratch = await mkdtemp(join(tmpdir(), 'aws-identity-delivery-'));
    const work = join(scratch, 'work');
    const home = join(scratch, 'home');
    try {
      await mkdir(work);
      await mkdir(home);
      const git = (...args: string[]) =>
        runHardenedGit(args, { cwd: work, home, author: this.options.author, secrets: [this.options.remote] });
      await git('init', '--quiet');
      await git('remote', 'add', 'origin', this.options.remote);
      return await fn({ work, git });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}
