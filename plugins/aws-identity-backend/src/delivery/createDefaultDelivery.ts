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
import { DefaultGithubCredentialsProvider, ScmIntegrations } from '@backstage/integration';
import {
  DeliveryChange,
  DeliveryConfig,
  DeliveryReceipt,
  RoleDelivery,
} from '@internal/plugin-aws-identity-node';
import { Octokit } from '@octokit/rest';
import { GitBranchDelivery } from './GitBranchDelivery';
import { GithubPullRequestDelivery } from './GithubPullRequestDelivery';

/**
 * The delivery `awsIdentity.delivery` configures: a pushed git branch, or a GitHub pull request
 * with credentials from `integrations.github` (a token, or a GitHub App). `undefined` without
 * the section.
 *
 * @public
 */
export function createDefaultDelivery(options: {
  delivery?: DeliveryConfig;
  /** The root config, for `integrations.github`. */
  config: Config;
}): RoleDelivery | undefined {
  const { delivery } = options;
  if (!delivery) return undefined;
  if (delivery.type === 'git') {
    return new GitBranchDelivery({
      remote: delivery.remote,
      baseBranch: delivery.baseBranch,
      author: delivery.author,
    });
  }
  const integrations = ScmIntegrations.fromConfig(options.config);
  const integration = integrations.github.byHost(delivery.host);
  if (!integration) {
    throw new InputError(`awsIdentity.delivery.repoUrl: no integrations.github entry for ${delivery.host}`);
  }
  const credentials = DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  // Tokens from a GitHub App expire, so each delivery asks for a current one.
  const forEachCall = async () => {
    const { token } = await credentials.getCredentials({ url: delivery.repoUrl });
    return new GithubPullRequestDelivery({
      octokit: new Octokit({ auth: token, baseUrl: integration.config.apiBaseUrl }),
      owner: delivery.owner,
      repo: delivery.repo,
      baseBranch: delivery.baseBranch,
      reviewers: delivery.reviewers,
      teamReviewers: delivery.teamReviewers,
    });
  };
  return {
    deliver: async (change: DeliveryChange) => (await forEachCall()).deliver(change),
    state: async (receipt: DeliveryReceipt) => (await forEachCall()).state(receipt),
    retract: async target => (await forEachCall()).retract(target),
  };
}
