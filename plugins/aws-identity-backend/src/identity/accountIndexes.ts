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
import { TrustAdmissionIndex } from '@internal/plugin-aws-identity-common';
import { AccountSnapshot } from '@internal/plugin-aws-identity-node';

/**
 * The admission index of each account read, kept for as long as the read is current: sources
 * replace an account's snapshot object when they read the account again and keep it otherwise,
 * so a new identity snapshot re-files only the accounts that were re-read.
 */
const indexes = new WeakMap<AccountSnapshot, TrustAdmissionIndex>();

/**
 * The roles of one account read filed by whom their trust admits (see `TrustAdmissionIndex`),
 * built once per read of the account. IRSA statements count only for issuers the account has
 * an OIDC provider for, as STS requires.
 *
 * @public
 */
export function admissionIndexOf(account: AccountSnapshot): TrustAdmissionIndex {
  let index = indexes.get(account);
  if (!index) {
    index = new TrustAdmissionIndex(account.roles, { oidcProviders: account.oidcProviders });
    indexes.set(account, index);
  }
  return index;
}

/** The `GetAccountSummary` key of the account's role trust policy size quota. */
const TRUST_POLICY_QUOTA_KEY = 'AssumeRolePolicySizeQuota';

/**
 * The account's role trust policy size quota from its `GetAccountSummary`, or undefined when the
 * summary did not carry a usable one (the engine then judges against IAM's documented default,
 * 2,048 characters, and says so).
 *
 * @public
 */
export function trustPolicyQuotaOf(account: AccountSnapshot): number | undefined {
  const quota = account.summary?.[TRUST_POLICY_QUOTA_KEY];
  return typeof quota === 'number' && Number.isInteger(quota) && quota > 0 ? quota : undefined;
}
