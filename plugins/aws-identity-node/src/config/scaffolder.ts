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
import { IacFormat, validateIacFormat } from '@internal/plugin-aws-identity-common';

/**
 * Settings of the aws-identity scaffolder actions (`awsIdentity.scaffolder`).
 *
 * @public
 */
export interface ScaffolderConfig {
  /** Format of `aws-identity:role:render` and `aws-identity:request:create` when the input names none. */
  defaultFormat: IacFormat;
  /** `aws-identity:git:publish`; absent when not configured (the action then refuses to run). */
  gitPublish?: {
    baseDir: string;
    defaultBranch: string;
    authorName: string;
    authorEmail: string;
  };
}

/**
 * Reads `awsIdentity.scaffolder`.
 *
 * @public
 */
export function readScaffolderConfig(config: Config): ScaffolderConfig {
  const format = validateIacFormat(config.getOptionalString('awsIdentity.scaffolder.defaultFormat') ?? 'terraform');
  if (!format.ok) throw new InputError(`awsIdentity.scaffolder.defaultFormat: ${format.error}`);
  const git = config.getOptionalConfig('awsIdentity.scaffolder.gitPublish');
  return {
    defaultFormat: format.value,
    gitPublish: git && {
      baseDir: git.getString('baseDir'),
      defaultBranch: git.getOptionalString('defaultBranch') ?? 'main',
      authorName: git.getOptionalString('authorName') ?? 'aws-identity scaffolder',
      authorEmail: git.getOptionalString('authorEmail') ?? 'scaffolder@aws-identity.invalid',
    },
  };
}
