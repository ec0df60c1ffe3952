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
 * The AWS identity tab and card for portals still on the legacy frontend system
 * (`@backstage/core-plugin-api`).
 *
 * @packageDocumentation
 */

export {
  AwsIdentityClusterPickerFieldExtension,
  awsIdentityLegacyPlugin,
  AwsIdentityRequestsPage,
  AwsIdentityRolesPage,
  EntityAwsIdentityCard,
  EntityAwsIdentityContent,
} from './plugin';
export { isAwsIdentityAvailable } from '../filters';
export { AwsIdentityClient } from '../api/AwsIdentityClient';
export { awsIdentityApiRef } from '../api/AwsIdentityApi';
export type {
  AwsIdentityApi,
  ListRoleRequestsOptions,
  ListRolesOptions,
  RoleRequestList,
} from '../api/AwsIdentityApi';
export { AwsIdentityClusterPicker } from '../components/scaffolder/AwsIdentityClusterPicker/AwsIdentityClusterPicker';
export { CLUSTER_PICKER_FIELD_NAME } from '../components/scaffolder/AwsIdentityClusterPicker/clusterPickerValue';
export type { AwsIdentityClusterPickerValue } from '../components/scaffolder/AwsIdentityClusterPicker/clusterPickerValue';
