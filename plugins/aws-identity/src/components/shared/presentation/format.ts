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

import { parseArn, parseRoleArn } from '@internal/plugin-aws-identity-common';

/**
 * "5 minutes ago"-style text for an RFC 3339 time; the raw value when unparsable.
 *
 * @public
 */
export function timeAgo(
  iso: string | undefined,
  now: Date = new Date(),
): string {
  if (!iso) return 'never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((now.getTime() - then) / 1000);
  if (seconds < 45) return 'just now';
  const units: Array<[number, string]> = [
    [60 * 60 * 24, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    const n = Math.round(seconds / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/**
 * The AWS console page of an IAM role. The console opens in whichever account
 * the user is signed in to, so the account is shown next to the link.
 *
 * @public
 */
export function roleConsoleUrl(roleArn: string): string {
  const parsed = parseRoleArn(roleArn);
  const name = parsed.ok ? parsed.value.name : roleArn;
  return `https://console.aws.amazon.com/iam/home#/roles/details/${encodeURIComponent(
    name,
  )}`;
}

/**
 * Account id of an ARN, or undefined.
 *
 * @public
 */
export function accountOfArn(arn: string): string | undefined {
  const parsed = parseArn(arn);
  return (parsed.ok && parsed.value.accountId) || undefined;
}

/**
 * Stable DOM id fragment for a service account.
 *
 * @public
 */
export function serviceAccountKey(sa: {
  cluster: string;
  namespace: string;
  name: string;
}): string {
  return `${sa.cluster}/${sa.namespace}/${sa.name}`;
}
