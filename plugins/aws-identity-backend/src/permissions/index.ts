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


/**
 * The default permission policy of an aws-identity portal.
 *
 * @packageDocumentation
 */

export { awsIdentityPermissionPolicyModule as default } from './permissionPolicyModule';
export { AwsIdentityPermissionPolicy, FALLBACK_POLICIES } from './AwsIdentityPermissionPolicy';
export { awsIdentityPolicyFallbackExtensionPoint } from './permissionPolicyModule';
export type { AwsIdentityPolicyFallbackExtensionPoint } from './permissionPolicyModule';
export { DEFAULT_APPROVER_GROUP } from '@internal/plugin-aws-identity-node';
