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
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  FargateProfiles,
  OidcProvider,
  PodIdentityAgentAddon,
  PodIdentityAssociation,
  Role,
  SourceStatus,
} from '@internal/plugin-aws-identity-common';
import { AwsIdentityFactory } from './factory';

/**
 * Everything the engine needs from one AWS account's IAM, read in one sync.
 *
 * @public
 */
export interface AccountSnapshot {
  accountId: string;
  roles: Role[];
  oidcProviders: OidcProvider[];
  /** `GetAccountSummary`'s map (quotas and usage: `Roles`, `RolesQuota`, …). */
  summary: Record<string, number>;
  /** RFC 3339 time the read finished. */
  readAt: string;
}

/**
 * What EKS says about one cluster: its OIDC issuer and its Pod Identity associations.
 *
 * @public
 */
export interface EksClusterSnapshot {
  /** The EKS cluster name. */
  eksName: string;
  issuer?: string;
  kubernetesVersion?: string;
  arn?: string;
  associations: PodIdentityAssociation[];
  /** The `eks-pod-identity-agent` add-on; absent in snapshots written before it was read. */
  podIdentityAgent?: PodIdentityAgentAddon;
  /** The cluster's Fargate profiles; absent in snapshots written before they were read. */
  fargateProfiles?: FargateProfiles;
}

/**
 * An EKS cluster to read, as named in Backstage's Kubernetes configuration.
 *
 * @public
 */
export interface EksClusterRef {
  /** Backstage cluster name. */
  name: string;
  /** EKS cluster name. */
  eksName: string;
  accountId: string;
  region?: string;
}

/**
 * What an AWS source knows at one moment. Never changed after it was handed out: a new read
 * produces a new snapshot.
 *
 * @public
 */
export interface AwsSourceSnapshot {
  /** The last good read of each account, by account id. */
  accounts: ReadonlyMap<string, AccountSnapshot>;
  /**
   * The status of the last read of every account the source is responsible for, by account id;
   * `stale` with "not read yet" for one it has not read. Staleness by age is the reader's call.
   */
  accountStatuses: ReadonlyMap<string, SourceStatus>;
  /** The last good EKS read of each cluster, by Backstage cluster name. */
  eksClusters: ReadonlyMap<string, EksClusterSnapshot>;
  /** Why the last EKS read of a cluster failed, by Backstage cluster name; absent when it did not. */
  eksErrors: ReadonlyMap<string, string>;
}

/**
 * The AWS side of the inventory: IAM per account and EKS per cluster. It only fetches and
 * normalises; the engine judges what it read.
 *
 * @public
 */
export interface AwsIdentityAwsSource {
  /** What the source knows now. Cheap and never does I/O: page views call it. */
  snapshot(): AwsSourceSnapshot;
  /** Registers a callback for each change of the snapshot; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /**
   * Reads AWS now: the given accounts (default: all of them) and, in each, the given EKS
   * clusters. Runs on one replica per interval (a globally scheduled task), and when a requested
   * role should have appeared. Never throws: failures become statuses.
   */
  sync(request: { accountIds?: readonly string[]; eksClusters: readonly EksClusterRef[] }): Promise<void>;
  /**
   * Catches up with what another replica read, if the source shares its reads (the default one
   * does, through the plugin database). Runs on every replica, locally scheduled. Never throws.
   */
  reload?(): Promise<void>;
}

/**
 * The interface of {@link awsIdentityAwsSourceExtensionPoint}.
 *
 * @public
 */
export interface AwsIdentityAwsSourceExtensionPoint {
  /**
   * Replaces the AWS source (default: IAM with `GetAccountAuthorizationDetails` and EKS through
   * `@backstage/integration-aws-node` credentials, shared between replicas through the plugin
   * database), or wraps it through `getDefault`.
   */
  setAwsSource(source: AwsIdentityFactory<AwsIdentityAwsSource>): void;
}

/**
 * Where aws-identity reads IAM and EKS from.
 *
 * @public
 */
export const awsIdentityAwsSourceExtensionPoint = createExtensionPoint<AwsIdentityAwsSourceExtensionPoint>({
  id: 'aws-identity.aws-source',
});
