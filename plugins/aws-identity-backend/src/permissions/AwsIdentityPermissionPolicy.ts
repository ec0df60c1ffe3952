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
 * The default permission policy of an aws-identity portal: approving role requests is for the
 * platform group(s) named in `awsIdentity.approvers.groups`; everything else is delegated to
 * `fallback` (allow by default). Ownership comes from the signed-in user's ownership refs, so
 * members of nested groups count when the sign-in resolver includes them.
 *
 * @public
 */
export class AwsIdentityPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config, fallback?: PermissionPolicy): AwsIdentityPermissionPolicy {
    return new AwsIdentityPermissionPolicy(readAwsIdentityConfig(config).approverGroups, fallback);
  }

  constructor(
    private readonly approverGroups: string[],
    private readonly fallback?: PermissionPolicy,
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
    return this.fallback ? this.fallback.handle(request, user) : { result: AuthorizeResult.ALLOW };
  }
}
