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
 * Fixed shape of the sandbox: two AWS accounts and one EKS cluster in each, in different
 * regions. moto draws the issuer id once per process and per region, so putting the clusters in
 * different regions is what gives them different issuers.
 */

/** Account that owns the "platform" cluster and most seed roles. */
export const ACCOUNT_A = '111111111111';
/** Second account: owns the second cluster and the cross-account cases. */
export const ACCOUNT_B = '222222222222';

/** A sandbox AWS account. */
export interface AccountDefinition {
  id: string;
  name: string;
}

/** A sandbox EKS cluster (created in moto, served by a real kube-apiserver). */
export interface ClusterDefinition {
  name: string;
  accountId: string;
  region: string;
}

/** The accounts. */
export const accounts: AccountDefinition[] = [
  { id: ACCOUNT_A, name: 'platform' },
  { id: ACCOUNT_B, name: 'data' },
];

/** Cluster in account A (us-east-1). */
export const CLUSTER_EAST = 'sandbox-east';
/** Cluster in account B (eu-west-1). */
export const CLUSTER_WEST = 'sandbox-west';

/** The clusters. */
export const clusters: ClusterDefinition[] = [
  { name: CLUSTER_EAST, accountId: ACCOUNT_A, region: 'us-east-1' },
  { name: CLUSTER_WEST, accountId: ACCOUNT_B, region: 'eu-west-1' },
];
