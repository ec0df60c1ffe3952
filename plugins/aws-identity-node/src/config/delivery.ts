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
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * `awsIdentity.delivery` as data: where approved role requests go. The backend's default
 * delivery turns it into a GitHub pull request or a pushed git branch.
 *
 * @public
 */
export type DeliveryConfig =
  | {
      type: 'git';
      /** Remote URL or path. */
      remote: string;
      baseBranch: string;
      author: { name: string; email: string };
    }
  | {
      type: 'github';
      /** `https://<host>/<owner>/<repo>` as configured. */
      repoUrl: string;
      host: string;
      owner: string;
      repo: string;
      /** Absent: the repository's default branch. */
      baseBranch?: string;
      reviewers?: string[];
      teamReviewers?: string[];
    };

const GITHUB_REPO_URL = /^https:\/\/([^/]+)\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/;

/**
 * Reads `awsIdentity.delivery` (absent: no delivery configured) and the folder rendered files
 * go to (`awsIdentity.delivery.directory`, default `aws-identity`).
 *
 * @public
 */
export function readDeliveryConfig(config: Config): { delivery?: DeliveryConfig; directory: string } {
  const section = config.getOptionalConfig('awsIdentity.delivery');
  const directory = section?.getOptionalString('directory') ?? 'aws-identity';
  if (!section) return { directory };
  const type = section.getString('type');
  if (type === 'git') {
    return {
      directory,
      delivery: {
        type,
        remote: section.getString('remote'),
        baseBranch: section.getOptionalString('baseBranch') ?? 'main',
        author: {
          name: section.getOptionalString('authorName') ?? 'aws-identity',
          email: section.getOptionalString('authorEmail') ?? 'aws-identity@backstage.invalid',
        },
      },
    };
  }
  if (type === 'github') {
    const repoUrl = section.getString('repoUrl');
    const match = GITHUB_REPO_URL.exec(repoUrl);
    if (!match) {
      throw new InputError(
        `awsIdentity.delivery.repoUrl must look like https://github.com/<owner>/<repo>, got ${repoUrl}`,
      );
    }
    const [, host, owner, repo] = match;
    return {
      directory,
      delivery: {
        type,
        repoUrl,
        host,
        owner,
        repo,
        baseBranch: section.getOptionalString('baseBranch'),
        reviewers: section.getOptionalStringArray('reviewers'),
        teamReviewers: section.getOptionalStringArray('teamReviewers'),
      },
    };
  }
  throw new InputError(`awsIdentity.delivery.type must be github or git, got ${type}`);
}
