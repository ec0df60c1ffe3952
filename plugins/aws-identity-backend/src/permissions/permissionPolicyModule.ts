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
  coreServices,
  createBackendModule,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AwsIdentityPermissionPolicy, FALLBACK_POLICIES } from './AwsIdentityPermissionPolicy';

/**
 * What other modules of the permission plugin use to give `awsIdentityPermissionPolicyModule`
 * the organisation's own policy, to which it hands every permission but approval.
 *
 * @public
 */
export interface AwsIdentityPolicyFallbackExtensionPoint {
  setFallbackPolicy(policy: PermissionPolicy): void;
}

/**
 * The extension point of {@link AwsIdentityPolicyFallbackExtensionPoint}.
 *
 * @public
 */
export const awsIdentityPolicyFallbackExtensionPoint = createExtensionPoint<AwsIdentityPolicyFallbackExtensionPoint>({
  id: 'aws-identity.permission-policy.fallback',
});

/**
 * Installs {@link AwsIdentityPermissionPolicy} as the portal's permission policy: approval for
 * the approver groups, every other permission decided by the fallback — a policy a module sets
 * through {@link awsIdentityPolicyFallbackExtensionPoint}, else
 * `awsIdentity.permissionPolicy.fallback` (`allow` or `deny`; default `allow`, logged). A portal
 * that installs its policy itself uses `AwsIdentityPermissionPolicy` from it instead.
 *
 * @public
 */
export const awsIdentityPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'aws-identity-policy',
  register(reg) {
    let fallback: PermissionPolicy | undefined;
    reg.registerExtensionPoint(awsIdentityPolicyFallbackExtensionPoint, {
      setFallbackPolicy(policy) {
        if (fallback) throw new Error('The aws-identity permission policy fallback was set twice');
        fallback = policy;
      },
    });
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig, logger: coreServices.logger },
      async init({ policy, config, logger }) {
        if (!fallback) {
          const named = config.getOptionalString('awsIdentity.permissionPolicy.fallback') ?? 'allow';
          if (named !== 'allow' && named !== 'deny') {
            throw new InputError(`awsIdentity.permissionPolicy.fallback: must be allow or deny, got "${named}"`);
          }
          if (!config.has('awsIdentity.permissionPolicy.fallback')) {
            logger.warn(
              'aws-identity permission policy: approval is for the approver groups, every other permission is allowed (set awsIdentity.permissionPolicy.fallback, or a fallback policy through awsIdentityPolicyFallbackExtensionPoint)',
            );
          }
          fallback = FALLBACK_POLICIES[named];
        }
        policy.setPolicy(AwsIdentityPermissionPolicy.fromConfig(config, { fallback }));
      },
    });
  },
});
