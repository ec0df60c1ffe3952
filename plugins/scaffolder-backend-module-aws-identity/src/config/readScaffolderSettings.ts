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
import { IacFormat, IAC_FORMATS, RoleRequestDirectory } from '@internal/plugin-aws-identity-common';

/** Keys of `authMetadata` in the Kubernetes plugin's cluster configuration. */
const AUTH_METADATA = {
  accountId: 'aws-identity.io/account-id',
  region: 'aws-identity.io/region',
  eksClusterName: 'kubernetes.io/x-k8s-aws-id',
} as const;

/**
 * Settings of the aws-identity scaffolder actions.
 *
 * @public
 */
export interface ScaffolderSettings {
  directory: RoleRequestDirectory;
  defaultFormat: IacFormat;
  gitPublish?: {
    baseDir: string;
    defaultBranch: string;
    authorName: string;
    authorEmail: string;
  };
}

/**
 * Reads the accounts and clusters role requests may target from the
 * configuration the backend already uses: `awsIdentity.accounts` (or every
 * `aws.accounts[].accountId`), the Kubernetes plugin's config cluster list
 * with the `aws-identity.io/account-id`, `aws-identity.io/region` and
 * `kubernetes.io/x-k8s-aws-id` auth metadata, and `awsIdentity.clusters[].issuer`.
 * Clusters without an account id cannot be targeted and are left out.
 *
 * @public
 */
export function readScaffolderSettings(config: Config): ScaffolderSettings {
  const accountIds =
    config.getOptionalStringArray('awsIdentity.accounts') ??
    (config.getOptionalConfigArray('aws.accounts') ?? []).map(a => a.getString('accountId'));
  const issuers = new Map<string, string>();
  for (const cluster of config.getOptionalConfigArray('awsIdentity.clusters') ?? []) {
    issuers.set(cluster.getString('name'), cluster.getString('issuer'));
  }
  const clusters: RoleRequestDirectory['clusters'] = [];
  for (const method of config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []) {
    if (method.getString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      // Read as a plain object: the keys contain dots, which Config treats as paths.
      const metadata = cluster.getOptional<Record<string, unknown>>('authMetadata') ?? {};
      const meta = (key: string) => (typeof metadata[key] === 'string' ? (metadata[key] as string) : undefined);
      const accountId = meta(AUTH_METADATA.accountId);
      if (!accountId) continue;
      clusters.push({
        name,
        accountId,
        region: meta(AUTH_METADATA.region),
        eksClusterName: meta(AUTH_METADATA.eksClusterName),
        issuer: issuers.get(name),
      });
    }
  }
  const format = config.getOptionalString('awsIdentity.scaffolder.defaultFormat') ?? 'terraform';
  if (!(IAC_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`awsIdentity.scaffolder.defaultFormat must be one of ${IAC_FORMATS.join(', ')}`);
  }
  const git = config.getOptionalConfig('awsIdentity.scaffolder.gitPublish');
  return {
    directory: { accountIds: [...new Set(accountIds)], clusters },
    defaultFormat: format as IacFormat,
    gitPublish: git && {
      baseDir: git.getString('baseDir'),
      defaultBranch: git.getOptionalString('defaultBranch') ?? 'main',
      authorName: git.getOptionalString('authorName') ?? 'aws-identity scaffolder',
      authorEmail: git.getOptionalString('authorEmail') ?? 'scaffolder@aws-identity.invalid',
    },
  };
}
