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
import { Role } from '../domain/types';
import { isUnusedFor, ROLE_LAST_USED_TRACKING_DAYS, roleUsage } from '../roles/roleUsage';
import { Check } from './types';

/**
 * What the role usage checks read: one role with IAM's last-use data, whether any service
 * account is bound to it, the time to judge at, and after how many idle days a role counts as
 * unused.
 *
 * @public
 */
export interface RoleUsageCheckContext {
  role: Pick<Role, 'arn' | 'createDate' | 'lastUsed'>;
  /** A service account is bound to the role (IRSA annotation or Pod Identity association). */
  bound: boolean;
  now: Date;
  /** Idle days after which a role is reported unused (`awsIdentity.roles.unusedAfterDays`). */
  unusedAfterDays: number;
}

/**
 * Days a bound role may go without any use before "bound but never used" is reported: IAM's
 * last-use data lags behind the use, and a just-delivered role has not been called yet.
 *
 * @public
 */
export const NEVER_USED_GRACE_DAYS = 1;

const roleU01: Check<RoleUsageCheckContext> = {
  id: 'ROLE-U01',
  category: 'usage',
  title: 'Role unused for a long time',
  severity: 'low',
  failMode: 'open',
  explanation:
    'A role nobody uses still grants its permissions to whoever its trust admits. Unused roles are standing access that no workload needs (least privilege; IAM recommends removing unused roles, using the last-used data it tracks for 400 days).',
  fix: 'Confirm with the owner that nothing needs the role, then delete it (or its request in the portal); if it is kept for rare use, record why in an owner tag.',
  run(ctx) {
    const usage = roleUsage(ctx.role, ctx.now);
    if (!isUnusedFor(usage, ctx.unusedAfterDays)) return [];
    // A bound role that was never used is ROLE-U02's: the workload's binding is what is wrong.
    if (ctx.bound && !usage.used) return [];
    let idle = `has never been used since it was created ${usage.idleDays} days ago`;
    if (usage.used) idle = `was last used ${usage.idleDays} days ago (${ctx.role.lastUsed?.at})`;
    else if (usage.idleDays! >= ROLE_LAST_USED_TRACKING_DAYS) {
      idle = `has no recorded use in the ${ROLE_LAST_USED_TRACKING_DAYS} days IAM tracks`;
    }
    return [
      {
        subject: { kind: 'role', ref: ctx.role.arn },
        message: `The role ${idle}; the threshold is ${ctx.unusedAfterDays} days.`,
      },
    ];
  },
};

const roleU02: Check<RoleUsageCheckContext> = {
  id: 'ROLE-U02',
  category: 'usage',
  title: 'Role bound to a service account but never used',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'A service account is bound to the role, yet IAM has never seen the role used: the workload is not getting its credentials (pods not restarted, webhook skipped, other credentials shadowing the role) or does not need AWS at all.',
  fix: 'Check the service account on its component tab (pods, injection, shadowing credentials); if the workload does not call AWS, remove the binding and the role.',
  run(ctx) {
    if (!ctx.bound) return [];
    const usage = roleUsage(ctx.role, ctx.now);
    if (usage.used || usage.idleDays === undefined || usage.idleDays < NEVER_USED_GRACE_DAYS) return [];
    return [
      {
        subject: { kind: 'role', ref: ctx.role.arn },
        message:
          usage.idleDays >= ROLE_LAST_USED_TRACKING_DAYS
            ? `A service account is bound to the role, and IAM records no use of it in the ${ROLE_LAST_USED_TRACKING_DAYS} days it tracks.`
            : `A service account is bound to the role, and IAM records no use of it since it was created ${usage.idleDays} days ago.`,
      },
    ];
  },
};

/**
 * The checks of a role's use (IAM's `RoleLastUsed`), run per role by the portal's roles view.
 *
 * @public
 */
export const roleUsageChecks: ReadonlyArray<Check<RoleUsageCheckContext>> = [roleU01, roleU02];
