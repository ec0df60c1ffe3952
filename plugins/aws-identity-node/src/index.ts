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
 * What the aws-identity backend plugin and the backend modules around it share: the one reader
 * of the `awsIdentity.*` configuration (and of the Kubernetes plugin's cluster list as
 * aws-identity uses it), the extension points through which a platform plugs in its own AWS
 * source, cluster source or delivery, and the typed client of the backend's API.
 *
 * @packageDocumentation
 */

export { readAwsIdentityConfig } from './config/readAwsIdentityConfig';
export type { AwsIdentityConfig, LiveProofConfig } from './config/readAwsIdentityConfig';
export {
  CLUSTER_AUTH_METADATA,
  IN_CLUSTER_TOKEN_PATH,
  readCatalogClusterHosts,
  readCatalogClusters,
} from './config/clusterConnections';
export type { ClusterConnection, UnsupportedCluster } from './config/clusterConnections';
export { DEFAULT_APPROVER_GROUP } from './config/approvers';
export type { DeliveryConfig } from './config/delivery';
export type { ScaffolderConfig } from './config/scaffolder';
export { DEFAULT_ROLE_DIGEST_SCHEDULE } from './config/roleDigest';
export type { RoleDigestConfig } from './config/roleDigest';

export type { AwsIdentityFactory } from './extensions/factory';
export { awsIdentityAwsSourceExtensionPoint } from './extensions/awsSource';
export type {
  AccountSnapshot,
  AwsIdentityAwsSource,
  AwsIdentityAwsSourceExtensionPoint,
  AwsSourceSnapshot,
  EksClusterRef,
  EksClusterSnapshot,
} from './extensions/awsSource';
export { awsIdentityClusterSourceExtensionPoint } from './extensions/clusterSource';
export type {
  AwsIdentityClusterLocator,
  AwsIdentityClusterSource,
  AwsIdentityClusterSourceExtensionPoint,
  ClusterView,
  ServiceAccountPods,
  ServiceAccountTokenRequest,
  WatchedCluster,
} from './extensions/clusterSource';
export { awsIdentityDeliveryExtensionPoint } from './extensions/delivery';
export type {
  AwsIdentityDeliveryExtensionPoint,
  DeliveryChange,
  DeliveryReceipt,
  DeliveryRetraction,
  DeliveryState,
  RoleDelivery,
} from './extensions/delivery';

export { hardenedGitEnvironment, runHardenedGit } from './git/hardenedGit';
export type { HardenedGitOptions } from './git/hardenedGit';
export { redactUrlCredentials } from './git/redactUrlCredentials';

export { awsIdentityClientServiceRef, DefaultAwsIdentityClient } from './client/AwsIdentityClient';
export type { AwsIdentityClient } from './client/AwsIdentityClient';
