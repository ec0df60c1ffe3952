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

export interface Config {
  /** Settings of the aws-identity backend plugin. */
  awsIdentity?: {
    /**
     * Accounts to inventory. Defaults to every `aws.accounts[].accountId`; credentials always
     * come from `aws.accounts` (`@backstage/integration-aws-node`).
     */
    accounts?: string[];
    /** Region for EKS calls. Default `us-east-1`. */
    region?: string;
    /** Endpoint override for IAM, STS and EKS (an emulator or a VPC endpoint). */
    endpoint?: string;
    /** Seconds between IAM/EKS syncs. Default 300. */
    syncIntervalSeconds?: number;
    /** Seconds between reloads of the snapshots another replica stored. Default 10. */
    snapshotReloadSeconds?: number;
    /** Seconds after which a source's last good data counts as stale. Default 3 × the interval. */
    staleAfterSeconds?: number;
    /** Accounts read at once. Default 4. */
    accountConcurrency?: number;
    /** Role requests. */
    requests?: {
      /** Seconds between passes that deliver approved requests and follow delivered ones. Default 30. */
      pollSeconds?: number;
      /** Days after which a submitted request nobody decided on expires. Default 14. */
      expireAfterDays?: number;
    };
    /**
     * Where approved role requests are delivered. `github`: a pull request to `repoUrl`, with
     * credentials from `integrations.github`. `git`: a branch pushed to `remote`.
     */
    delivery?: {
      type: 'github' | 'git';
      /** `https://github.com/<owner>/<repo>` (github). */
      repoUrl?: string;
      /** Remote URL or path (git). */
      remote?: string;
      /** Base branch; the repository default (github) or `main` (git). */
      baseBranch?: string;
      /** Folder for the rendered files. Default `aws-identity`. */
      directory?: string;
      /** GitHub users asked to review. */
      reviewers?: string[];
      /** GitHub team slugs asked to review. */
      teamReviewers?: string[];
      /** Commit author (git). */
      authorName?: string;
      authorEmail?: string;
    };
  };
}
