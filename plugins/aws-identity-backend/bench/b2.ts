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

import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { iamClient } from '@internal/aws-identity-test';
import { BenchContext, bounded } from './setup';

/** B2 figures per account. */
export interface B2Result {
  accounts: Array<{
    accountId: string;
    roles: number;
    policies: number;
    syncCalls: number;
    syncByAction: string;
    crawlCalls: number;
    crawlByAction: string;
    target: number;
  }>;
}

const byAction = (counts: Array<{ service: string; action: string; count: number }>) =>
  counts
    .filter(c => c.count > 0)
    .sort((a, b) => b.count - a.count)
    .map(c => `${c.action} ${c.count}`)
    .join(', ');

/** The per-role crawl of Steampipe-like tools: ListRoles, then 3+ calls per role. */
async function crawl(iam: IAMClient): Promise<void> {
  const roleNames: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListRolesCommand({ Marker: marker, MaxItems: 1000 }));
    roleNames.push(...(page.Roles ?? []).map(r => r.RoleName!));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  await bounded(roleNames, 16, async RoleName => {
    await iam.send(new GetRoleCommand({ RoleName }));
    await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
    const inline = await iam.send(new ListRolePoliciesCommand({ RoleName }));
    for (const PolicyName of inline.PolicyNames ?? []) {
      await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }));
    }
  });
}

/** B2: calls of one full IAM sync (proxy counts) against a per-role crawl of the same data. */
export async function runB2(ctx: BenchContext): Promise<B2Result> {
  await ctx.sandbox.proxy.resetCounts();
  await ctx.backend.syncAws();
  const sync = await ctx.sandbox.proxy.callCounts();
  await ctx.sandbox.proxy.resetCounts();
  for (const accountId of ctx.accounts) {
    const iam = iamClient({ endpoint: ctx.sandbox.state.aws.endpoint, accountId, maxAttempts: 5 });
    await crawl(iam);
    iam.destroy();
  }
  const crawled = await ctx.sandbox.proxy.callCounts();
  return {
    accounts: ctx.accounts.map(accountId => {
      // IAM and STS only: EKS calls belong to the cluster reads, not to the IAM sync.
      const mine = sync.filter(c => c.accountId === accountId && c.service !== 'eks');
      const theirs = crawled.filter(c => c.accountId === accountId);
      // The seeded bench roles plus the sandbox's own seed roles and policies.
      const roles = mine.length ? ctx.rolesPerAccount : 0;
      return {
        accountId,
        roles,
        policies: ctx.policiesPerAccount,
        syncCalls: mine.reduce((n, c) => n + c.count, 0),
        syncByAction: byAction(mine),
        crawlCalls: theirs.reduce((n, c) => n + c.count, 0),
        crawlByAction: byAction(theirs),
        target: Math.ceil((ctx.rolesPerAccount + ctx.policiesPerAccount) / 1000) + 2,
      };
    }),
  };
}
