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
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { awsIdentityRequestApprovePermission } from '@internal/plugin-aws-identity-common';
import { readAwsIdentityConfig } from '@internal/plugin-aws-identity-node';

/**
 * The fallbacks `awsIdentity.permissionPolicy.fallback` names: `allow` (every other permission
 * allowed) or `deny` (every other permission denied).
 *
 * @public
 */
export const FALLBACK_POLICIES: Record<'allow' | 'deny', PermissionPolicy> = {
  allow: { handle: async () => ({ result: AuthorizeResult.ALLOW }) },
  deny: { handle: async () => ({ result: AuthorizeResult.DENY }) },
};

const allowAll = FALLBACK_POLICIES.allow;

/**
 * The approver rule as a policy helper: decides `aws-identity.request.approve` only (members of
 * the groups in `awsIdentity.approvers.groups`, from the signed-in user's ownership refs, so
 * members of nested groups count when the sign-in resolver includes them) and hands every other
 * permission to `fallback`, the organisation's own policy. A portal with its own policy wraps
 * it: `AwsIdentityPermissionPolicy.fromConfig(config, { fallback: new MyPolicy() })`; the
 * `./permission-policy` module does the same with a fallback from config or from a module.
 *
 * @public
 */
export class AwsIdentityPermissionPolicy implements PermissionPolicy {
  /**
   * The helper with the approver groups from config. Without a `fallback`, every other
   * permission is allowed (the behaviour of a portal that has no policy of its own yet).
   */
  static fromConfig(config: Config, options: { fallback?: PermissionPolicy } = {}): AwsIdentityPermissionPolicy {
    return new AwsIdentityPermissionPolicy(readAwsIdentityConfig(config).approverGroups, options.fallback ?? allowAll);
  }

  constructor(
    private readonly approverGroups: string[],
    private readonly fallback: PermissionPolicy,
  ) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (request.permission.name === awsIdentityRequestApprovePermission.name) {
      const refs = user?.info.ownershipEntityRefs ?? [];
      return {
        result: refs.some(ref => this.approverGroups.includes(ref))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return this.fallback.handle(request, user);
  }
}
