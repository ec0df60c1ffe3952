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


import { Octokit } from '@octokit/rest';
import {
  DeliveryChange,
  DeliveryReceipt,
  DeliveryRetraction,
  DeliveryState,
  RoleDelivery,
} from '@internal/plugin-aws-identity-node';
import { deliveryBranch } from './deliveryBranch';

/**
 * Delivers a request as a GitHub pull request: one commit with every file on a deterministic
 * branch (Git Data API, so any number of files is one commit), then a pull request — or the open
 * pull request already there for that branch (open, or already merged), so a retried or
 * restarted delivery never opens a second one.
 *
 * @public
 */
export class GithubPullRequestDelivery implements RoleDelivery {
  constructor(
    private readonly options: {
      /** An authenticated client, e.g. from `@backstage/integration`'s GitHub credentials provider. */
      octokit: Octokit;
      owner: string;
      repo: string;
      /** Base branch; the repository's default branch when omitted. */
      baseBranch?: string;
      /** GitHub users asked to review. */
      reviewers?: string[];
      /** GitHub teams (slugs) asked to review. */
      teamReviewers?: string[];
    },
  ) {}

  async deliver(change: DeliveryChange): Promise<DeliveryReceipt> {
    const { octokit, owner, repo } = this.options;
    const branch = deliveryBranch(change.requestId);

    // A crash between opening (or merging) the pull request and recording it leaves a pull
    // request this lookup must find: an open one is reused, and a merged one is the delivered
    // change — opening another would deliver the role twice.
    const earlier = await this.pullsOf(branch);
    const reusable = earlier.find(p => p.state === 'open') ?? earlier.find(p => p.merged_at);
    if (reusable) {
      return { kind: 'github-pull-request', branch, url: reusable.html_url, number: reusable.number, reused: true };
    }

    const base =
      this.options.baseBranch ?? (await octokit.repos.get({ owner, repo })).data.default_branch;
    const baseRef = await octokit.git.getRef({ owner, repo, ref: `heads/${base}` });
    const baseSha = baseRef.data.object.sha;
    const baseCommit = await octokit.git.getCommit({ owner, repo, commit_sha: baseSha });

    const tree = await octokit.git.createTree({
      owner,
      repo,
      base_tree: baseCommit.data.tree.sha,
      // Sorted so that the same change always produces the same tree.
      tree: Object.keys(change.files)
        .sort()
        .map(path => ({ path, mode: '100644' as const, type: 'blob' as const, content: change.files[path] })),
    });
    const commit = await octokit.git.createCommit({
      owner,
      repo,
      message: change.title,
      tree: tree.data.sha,
      parents: [baseSha],
    });
    await this.pointBranch(branch, commit.data.sha);

    let pull;
    try {
      pull = await octokit.pulls.create({
        owner,
        repo,
        head: branch,
        base,
        title: change.title,
        body: change.body,
      });
    } catch (error) {
      // Another replica opened it between our lookup and now: use theirs.
      if ((error as { status?: number }).status !== 422) throw error;
      const raced = await octokit.pulls.list({ owner, repo, state: 'open', head: `${owner}:${branch}`, per_page: 1 });
      if (raced.data.length === 0) throw error;
      return { kind: 'github-pull-request', branch, url: raced.data[0].html_url, number: raced.data[0].number, reused: true };
    }
    if (this.options.reviewers?.length || this.options.teamReviewers?.length) {
      await octokit.pulls.requestReviewers({
        owner,
        repo,
        pull_number: pull.data.number,
        reviewers: this.options.reviewers ?? [],
        team_reviewers: this.options.teamReviewers ?? [],
      });
    }
    return {
      kind: 'github-pull-request',
      branch,
      url: pull.data.html_url,
      number: pull.data.number,
      reused: false,
    };
  }

  async state(receipt: DeliveryReceipt): Promise<DeliveryState> {
    if (receipt.number === undefined) {
      throw new Error(`Delivery ${receipt.url} has no pull request number`);
    }
    const { data } = await this.options.octokit.pulls.get({
      owner: this.options.owner,
      repo: this.options.repo,
      pull_number: receipt.number,
    });
    if (data.merged) return 'merged';
    return data.state === 'closed' ? 'closed' : 'open';
  }

  /**
   * Closes every open pull request of the request's branch and deletes the branch; a merged
   * pull request is left as it is (`merged`).
   */
  async retract(target: { requestId: string; receipt?: DeliveryReceipt }): Promise<DeliveryRetraction> {
    const { octokit, owner, repo } = this.options;
    const branch = target.receipt?.branch ?? deliveryBranch(target.requestId);
    const pulls = await this.pullsOf(branch);
    if (pulls.some(p => p.merged_at)) return 'merged';
    const open = pulls.filter(p => p.state === 'open');
    for (const pull of open) {
      await octokit.pulls.update({ owner, repo, pull_number: pull.number, state: 'closed' });
    }
    const deleted = await octokit.git.deleteRef({ owner, repo, ref: `heads/${branch}` }).then(
      () => true,
      (error: { status?: number }) => {
        // 422 "Reference does not exist" (and 404): nobody pushed it, or it is gone already.
        if (error.status === 422 || error.status === 404) return false;
        throw error;
      },
    );
    return open.length > 0 || deleted ? 'retracted' : 'nothing-delivered';
  }

  /** The pull requests (any state) whose head is the request's branch, newest first. */
  private async pullsOf(branch: string) {
    const { octokit, owner, repo } = this.options;
    const { data } = await octokit.pulls.list({ owner, repo, state: 'all', head: `${owner}:${branch}`, per_page: 20 });
    return data;
  }

  /** Creates the branch, or moves it when a previous attempt created it without a PR. */
  private async pointBranch(branch: string, sha: string): Promise<void> {
    const { octokit, owner, repo } = this.options;
    try {
      await octokit.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
    } catch (error) {
      if ((error as { status?: number }).status !== 422) throw error;
      await octokit.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
    }
  }
}
