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
 * aws-identity's own settings (`awsIdentity.*`). Accounts and their credentials are not here:
 * they come from `aws.accounts` through `@backstage/integration-aws-node`.
 *
 * @public
 */
export interface AwsIdentityConfig {
  /** Accounts to inventory: every `aws.accounts[].accountId`, unless narrowed here. */
  accountIds: string[];
  /** Region for EKS calls and the IAM/STS client; IAM itself is global. */
  region: string;
  /** Endpoint override for IAM, STS and EKS (an emulator or a VPC endpoint). */
  endpoint?: string;
  /** How often IAM and EKS are read, in seconds. */
  syncIntervalSeconds: number;
  /** How often approved requests are delivered and delivered ones followed, in seconds. */
  requestPollSeconds: number;
  /** Submitted requests nobody decided on within this many days expire. */
  requestExpiryDays: number;
  /** How often a replica reloads snapshots other replicas stored, in seconds. */
  snapshotReloadSeconds: number;
  /** Data older than this many seconds is reported `stale`. */
  staleAfterSeconds: number;
  /** At most this many accounts are read at once. */
  accountConcurrency: number;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Reads and validates the aws-identity configuration; fails fast on a malformed value.
 *
 * @public
 */
export function readAwsIdentityConfig(config: Config): AwsIdentityConfig {
  const own = config.getOptionalConfig('awsIdentity');
  const configured =
    own?.getOptionalStringArray('accounts') ??
    (config.getOptionalConfigArray('aws.accounts') ?? []).map(a =>
      a.getString('accountId'),
    );
  for (const id of configured) {
    if (!ACCOUNT_ID.test(id)) {
      throw new InputError(`awsIdentity: account id "${id}" is not 12 digits`);
    }
  }
  const syncIntervalSeconds = own?.getOptionalNumber('syncIntervalSeconds') ?? 300;
  return {
    accountIds: [...new Set(configured)],
    region: own?.getOptionalString('region') ?? 'us-east-1',
    endpoint: own?.getOptionalString('endpoint'),
    syncIntervalSeconds,
    snapshotReloadSeconds: own?.getOptionalNumber('snapshotReloadSeconds') ?? 10,
    requestPollSeconds: own?.getOptionalNumber('requests.pollSeconds') ?? 30,
    requestExpiryDays: own?.getOptionalNumber('requests.expireAfterDays') ?? 14,
    staleAfterSeconds:
      own?.getOptionalNumber('staleAfterSeconds') ?? syncIntervalSeconds * 3,
    accountConcurrency: own?.getOptionalNumber('accountConcurrency') ?? 4,
  };
}
