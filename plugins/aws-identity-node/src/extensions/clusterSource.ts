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
import { PodAggregate, ServiceAccount, SourceStatus } from '@internal/plugin-aws-identity-common';
import { ClusterConnection, UnsupportedCluster } from '../config/clusterConnections';
import { AwsIdentityFactory } from './factory';

/**
 * Pod facts for one service account, plus the distinct workload label sets used to join
 * catalog entities (by the Kubernetes plugin's label annotations) to service accounts.
 *
 * @public
 */
export interface ServiceAccountPods {
  aggregate: PodAggregate;
  /** Distinct label sets of the pods' workloads (per-pod labels removed), keyed by their `k=v` join. */
  labelSets: ReadonlyMap<string, Record<string, string>>;
}

/**
 * What is known about one cluster's service accounts and pods at one moment. Never changed
 * after it was handed out: a change produces a new view.
 *
 * @public
 */
export interface ClusterView {
  cluster: string;
  /** Keyed `namespace/name`. */
  serviceAccounts: ReadonlyMap<string, ServiceAccount>;
  /** Keyed `namespace/serviceAccount`. */
  pods: ReadonlyMap<string, ServiceAccountPods>;
  /** Labels of each service account, keyed `namespace/name` (for label-selector joins). */
  serviceAccountLabels: ReadonlyMap<string, Record<string, string>>;
  /** The issuer the cluster itself publishes at `/.well-known/openid-configuration`. */
  discoveredIssuer?: string;
  status: SourceStatus;
}

/**
 * A cluster as its source reports it: where it is in AWS (when it is an EKS cluster) and what
 * it holds.
 *
 * @public
 */
export interface WatchedCluster {
  /** The cluster's name in Backstage. */
  name: string;
  /** The AWS account of its EKS cluster; absent for clusters outside EKS (or of unknown account). */
  accountId?: string;
  region?: string;
  /** Its EKS cluster name. */
  eksClusterName: string;
  view: ClusterView;
}

/**
 * The Kubernetes side of the inventory: which clusters there are and what their service accounts
 * and pods look like. It only fetches and normalises; the engine judges what it read.
 *
 * @public
 */
export interface AwsIdentityClusterSource {
  /** Every cluster and its current view, by name. Cheap and never does I/O: page views call it. */
  snapshot(): ReadonlyMap<string, WatchedCluster>;
  /** Registers a callback for each change of any cluster; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Starts reading when the backend has started; reports errors per cluster, never throws. */
  start(): void;
  /** Stops every read when the backend shuts down. */
  stop(): void;
  /**
   * Asks the cluster for a short-lived token of a service account (TokenRequest), for the live
   * proof only. Optional: a source without it cannot prove roles live. Rejects with the API's
   * error (403 without `create` on `serviceaccounts/token`). The token must never be kept.
   */
  requestServiceAccountToken?(request: ServiceAccountTokenRequest): Promise<string>;
}

/**
 * A TokenRequest for one service account (the Kubernetes API's `serviceaccounts/token`
 * subresource, created with a POST).
 *
 * @public
 */
export interface ServiceAccountTokenRequest {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  audience: string;
  /** At least 600 (the API's minimum). */
  expirationSeconds: number;
}

/**
 * Finds clusters for the default cluster source, in the connection format of the Kubernetes
 * plugin's configuration. The source asks once when it starts and again, with a growing
 * delay, until the answer comes (a catalog that starts with the backend answers late).
 *
 * @public
 */
export interface AwsIdentityClusterLocator {
  /** Where the clusters come from, for log lines ("the catalog"). */
  readonly name: string;
  getClusters(): Promise<{ clusters: ClusterConnection[]; unsupported?: UnsupportedCluster[] }>;
}

/**
 * The interface of {@link awsIdentityClusterSourceExtensionPoint}.
 *
 * @public
 */
export interface AwsIdentityClusterSourceExtensionPoint {
  /**
   * Replaces the cluster source (default: the Kubernetes plugin's `config` clusters and the
   * located ones, each read by LIST and WATCH of service accounts and a periodic pod LIST),
   * or wraps it through `getDefault`.
   */
  setClusterSource(source: AwsIdentityFactory<AwsIdentityClusterSource>): void;
  /**
   * Adds a locator of more clusters for the default cluster source (next to the `config`
   * clusters and, when `kubernetes.clusterLocatorMethods` has `type: catalog`, the catalog's).
   */
  addClusterLocator(locator: AwsIdentityClusterLocator): void;
}

/**
 * Where aws-identity reads clusters, service accounts and pods from.
 *
 * @public
 */
export const awsIdentityClusterSourceExtensionPoint =
  createExtensionPoint<AwsIdentityClusterSourceExtensionPoint>({
    id: 'aws-identity.cluster-source',
  });
