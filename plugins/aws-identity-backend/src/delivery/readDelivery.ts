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
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { GitBranchDelivery } from './GitBranchDelivery';
import { GithubPullRequestDelivery } from './GithubPullRequestDelivery';
import { DeliveryChange, DeliveryReceipt, RoleDelivery } from './types';

/**
 * Builds the delivery from `awsIdentity.delivery`: `type: github` (a pull request to `repoUrl`,
 * credentials from `integrations.github` through `@backstage/integration`) or `type: git` (a
 * branch pushed to `remote`). Without that key, approved requests wait and a warning says why.
 *
 * @public
 */
export function readDelivery(config: Config): { delivery?: RoleDelivery; directory: string } {
  const section = config.getOptionalConfig('awsIdentity.delivery');
  const directory = section?.getOptionalString('directory') ?? 'aws-identity';
  if (!section) return { directory };
  const type = section.getString('type');
  if (type === 'git') {
    return {
      directory,
      delivery: new GitBranchDelivery({
        remote: section.getString('remote'),
        baseBranch: section.getOptionalString('baseBranch') ?? 'main',
        author: {
          name: section.getOptionalString('authorName') ?? 'aws-identity',
          email: section.getOptionalString('authorEmail') ?? 'aws-identity@backstage.invalid',
        },
      }),
    };
  }
  if (type === 'github') {
    const repoUrl = section.getString('repoUrl');
    const match = /^https:\/\/([^/]+)\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(repoUrl);
    if (!match) {
      throw new InputError(`awsIdentity.delivery.repoUrl must look like https://github.com/<owner>/<repo>, got ${repoUrl}`);
    }
    const [, host, owner, repo] = match;
    const integrations = ScmIntegrations.fromConfig(config);
    const integration = integrations.github.byHost(host);
    if (!integration) {
      throw new InputError(`awsIdentity.delivery.repoUrl: no integrations.github entry for ${host}`);
    }
    const credentials = DefaultGithubCredentialsProvider.fromIntegrations(integrations);
    // Tokens from a GitHub App expire, so each delivery asks for a current one.
    const forEachCall = async () => {
      const { token } = await credentials.getCredentials({ url: repoUrl });
      return new GithubPullRequestDelivery({
        octokit: new Octokit({ auth: token, baseUrl: integration.config.apiBaseUrl }),
        owner,
        repo,
        baseBranch: section.getOptionalString('baseBranch'),
        reviewers: section.getOptionalStringArray('reviewers'),
        teamReviewers: section.getOptionalStringArray('teamReviewers'),
      });
    };
    return {
      directory,
      delivery: {
        deliver: async (change: DeliveryChange) => (await forEachCall()).deliver(change),
        state: async (receipt: DeliveryReceipt) => (await forEachCall()).state(receipt),
      },
    };
  }
  throw new InputError(`awsIdentity.delivery.type must be github or git, got ${type}`);
}
