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
 * The AWS identity entity tab and overview card for Backstage (new frontend system).
 *
 * @packageDocumentation
 */

export { awsIdentityPlugin as default } from './plugin';
export {
  AWS_IDENTITY_ANNOTATIONS,
  expectedIdentityOf,
  isAwsIdentityAvailable,
} from './filters';
export type { ExpectedIdentity } from './filters';
export { AwsIdentityClient } from './api/AwsIdentityClient';
export { awsIdentityApiRef } from './api/AwsIdentityApi';
export type {
  AwsIdentityApi,
  ListRoleRequestsOptions,
  ListRolesOptions,
  RoleRequestList,
} from './api/AwsIdentityApi';
export { awsIdentityClusterPickerFormField } from './plugin';
export { CLUSTER_PICKER_FIELD_NAME } from './components/scaffolder/AwsIdentityClusterPicker/clusterPickerValue';
export type { AwsIdentityClusterPickerValue } from './components/scaffolder/AwsIdentityClusterPicker/clusterPickerValue';
