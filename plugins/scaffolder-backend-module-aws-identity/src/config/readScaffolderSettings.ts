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
import { IacFormat, RoleRequestDirectory } from '@internal/plugin-aws-identity-common';
import { readAwsIdentityConfig, ScaffolderConfig } from '@internal/plugin-aws-identity-node';

/**
 * Settings of the aws-identity scaffolder actions.
 *
 * @public
 */
export interface ScaffolderSettings {
  /** The accounts and clusters requests may target, as the backend reads them. */
  directory: RoleRequestDirectory;
  defaultFormat: IacFormat;
  gitPublish?: ScaffolderConfig['gitPublish'];
}

/**
 * The actions' settings, from the one reader of aws-identity's configuration
 * (`readAwsIdentityConfig` of the aws-identity `-node` package), so that the actions and
 * the backend agree on what a request may target: `awsIdentity.accounts` (or every
 * `aws.accounts[].accountId`), the Kubernetes plugin's config clusters with their
 * `aws-identity.io/account-id`, and `awsIdentity.clusters[].issuer`.
 *
 * @public
 */
export function readScaffolderSettings(config: Config): ScaffolderSettings {
  const { requestDirectory, scaffolder } = readAwsIdentityConfig(config);
  return {
    directory: requestDirectory,
    defaultFormat: scaffolder.defaultFormat,
    gitPublish: scaffolder.gitPublish,
  };
}
