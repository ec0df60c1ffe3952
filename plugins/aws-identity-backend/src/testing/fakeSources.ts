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

// Test helpers only: never exported from the package entry point.

import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  emptyPodAggregate,
  IRSA_ANNOTATIONS,
  PodAggregate,
  PodIdentityAssociation,
  Role,
  ServiceAccount,
  SourceStatus,
} from '@internal/plugin-aws-identity-common';
import {
  AccountSnapshot,
  awsIdentityAwsSourceExtensionPoint,
  AwsIdentityAwsSource,
  awsIdentityClusterSourceExtensionPoint,
  AwsIdentityClusterSource,
  AwsSourceSnapshot,
  ClusterView,
  EksClusterRef,
  EksClusterSnapshot,
  ServiceAccountPods,
  WatchedCluster,
} from '@internal/plugin-aws-identity-node';
import { ACCOUNT, ISSUER } from './awsFixtures';

/** The time every fake read happened at, unless a test says otherwise. */
export const READ_AT = new Date().toISOString();

/**
 * An AWS source holding what a test puts in, as an AWS source would report it after a sync:
 * each change is a new snapshot, announced to the listeners.
 */
export class FakeAwsSource implements AwsIdentityAwsSource {
  readonly syncs: Array<{ accountIds?: readonly string[]; eksClusters: readonly EksClusterRef[] }> = [];
  private state: AwsSourceSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(accountIds: string[]) {
    this.state = {
      accounts: new Map(),
      accountStatuses: new Map(
        accountIds.map(accountId => [
          accountId,
          { source: { kind: 'aws-account' as const, accountId }, state: 'stale' as const, error: 'not read yet' },
        ]),
      ),
      eksClusters: new Map(),
      eksErrors: new Map(),
    };
  }

  snapshot(): AwsSourceSnapshot {
    return this.state;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async sync(request: { accountIds?: readonly string[]; eksClusters: readonly EksClusterRef[] }): Promise<void> {
    this.syncs.push(request);
  }

  /** An account read completely at `readAt`. */
  readAccount(
    accountId: string,
    roles: Role[],
    options: { readAt?: string; issuers?: string[]; summary?: Record<string, number> } = {},
  ): this {
    const readAt = options.readAt ?? READ_AT;
    const snapshot: AccountSnapshot = {
      accountId,
      roles,
      oidcProviders: (options.issuers ?? []).map(issuer => {
        const hostPath = issuer.replace(/^https:\/\//, '');
        return {
          arn: `arn:aws:iam::${accountId}:oidc-provider/${hostPath}`,
          accountId,
          issuerHostPath: hostPath,
          clientIds: ['sts.amazonaws.com'],
        };
      }),
      summary: options.summary ?? {},
      readAt,
    };
    return this.change(state => ({
      ...state,
      accounts: new Map([...state.accounts, [accountId, snapshot]]),
      accountStatuses: new Map([
        ...state.accountStatuses,
        [accountId, { source: { kind: 'aws-account', accountId }, state: 'ok', lastSuccessAt: readAt }],
      ]),
    }));
  }

  /** An account whose last read failed; its last good snapshot (if any) stays. */
  failAccount(accountId: string, error: string): this {
    return this.change(state => {
      const previous = state.accountStatuses.get(accountId);
      const status: SourceStatus = {
        source: { kind: 'aws-account', accountId },
        state: 'error',
        lastSuccessAt: previous?.lastSuccessAt,
        error,
      };
      return { ...state, accountStatuses: new Map([...state.accountStatuses, [accountId, status]]) };
    });
  }

  readEks(cluster: string, snapshot: EksClusterSnapshot): this {
    return this.change(state => {
      const eksErrors = new Map(state.eksErrors);
      eksErrors.delete(cluster);
      return { ...state, eksClusters: new Map([...state.eksClusters, [cluster, snapshot]]), eksErrors };
    });
  }

  failEks(cluster: string, error: string): this {
    return this.change(state => ({ ...state, eksErrors: new Map([...state.eksErrors, [cluster, error]]) }));
  }

  private change(next: (state: AwsSourceSnapshot) => AwsSourceSnapshot): this {
    this.state = next(this.state);
    for (const listener of this.listeners) listener();
    return this;
  }
}

/** What a test says about one cluster. */
export interface FakeCluster {
  name: string;
  accountId?: string;
  region?: string;
  eksClusterName?: string;
  discoveredIssuer?: string;
  status?: SourceStatus['state'];
  error?: string;
  serviceAccounts?: Array<{
    namespace: string;
    name: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    /** Pods of the service account: their aggregate and workload label sets. */
    pods?: { aggregate?: Partial<PodAggregate>; labelSets?: Array<Record<string, string>> };
  }>;
}

/** A pod aggregate of `podCount` pods, all injected by the webhook for IRSA. */
export function injectedPods(podCount: number, roleArn: string): Partial<PodAggregate> {
  return {
    podCount,
    irsaEnvCount: podCount,
    irsaVolumeCount: podCount,
    roleArnsInEnv: [{ roleArn, podCount }],
  };
}

function viewOf(cluster: FakeCluster): ClusterView {
  const serviceAccounts = new Map<string, ServiceAccount>();
  const labels = new Map<string, Record<string, string>>();
  const pods = new Map<string, ServiceAccountPods>();
  for (const sa of cluster.serviceAccounts ?? []) {
    const key = `${sa.namespace}/${sa.name}`;
    serviceAccounts.set(key, {
      cluster: cluster.name,
      namespace: sa.namespace,
      name: sa.name,
      annotations: sa.annotations ?? {},
    });
    labels.set(key, sa.labels ?? {});
    if (sa.pods) {
      pods.set(key, {
        aggregate: emptyPodAggregate(sa.pods.aggregate),
        labelSets: new Map((sa.pods.labelSets ?? []).map(l => [JSON.stringify(l), l])),
      });
    }
  }
  const status: SourceStatus =
    cluster.status === 'error'
      ? { source: { kind: 'cluster', cluster: cluster.name }, state: 'error', error: cluster.error ?? 'failed' }
      : { source: { kind: 'cluster', cluster: cluster.name }, state: cluster.status ?? 'ok', lastSuccessAt: READ_AT };
  return {
    cluster: cluster.name,
    serviceAccounts,
    serviceAccountLabels: labels,
    pods,
    discoveredIssuer: cluster.discoveredIssuer,
    status,
  };
}

/** A cluster source holding the clusters a test describes; each change is announced. */
export class FakeClusterSource implements AwsIdentityClusterSource {
  started = false;
  private clusters = new Map<string, WatchedCluster>();
  private readonly listeners = new Set<() => void>();

  constructor(clusters: FakeCluster[] = []) {
    for (const cluster of clusters) this.clusters.set(cluster.name, this.watched(cluster));
  }

  snapshot(): ReadonlyMap<string, WatchedCluster> {
    return this.clusters;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.started = true;
  }

  stop(): void {
    this.started = false;
  }

  /** Replaces (or adds) one cluster's state. */
  set(cluster: FakeCluster): this {
    this.clusters = new Map([...this.clusters, [cluster.name, this.watched(cluster)]]);
    for (const listener of this.listeners) listener();
    return this;
  }

  private watched(cluster: FakeCluster): WatchedCluster {
    return {
      name: cluster.name,
      accountId: cluster.accountId,
      region: cluster.region,
      eksClusterName: cluster.eksClusterName ?? cluster.name,
      view: viewOf(cluster),
    };
  }
}

/** A service account's annotation binding it to a role by IRSA. */
export function irsaAnnotation(roleArn: string): Record<string, string> {
  return { [IRSA_ANNOTATIONS.roleArn]: roleArn };
}

/** An EKS read of a cluster: its issuer and Pod Identity associations. */
export function eksCluster(options: {
  eksName: string;
  accountId: string;
  region: string;
  issuer: string;
  associations?: PodIdentityAssociation[];
}): EksClusterSnapshot {
  return {
    eksName: options.eksName,
    issuer: options.issuer,
    arn: `arn:aws:eks:${options.region}:${options.accountId}:cluster/${options.eksName}`,
    kubernetesVersion: '1.31',
    associations: options.associations ?? [],
  };
}

/** The EKS read of the fixtures' cluster `prod` (ACCOUNT, us-east-1, ISSUER) with `associations`. */
export function prodEksCluster(associations: PodIdentityAssociation[] = []): EksClusterSnapshot {
  return eksCluster({ eksName: 'prod', accountId: ACCOUNT, region: 'us-east-1', issuer: ISSUER, associations });
}

/** A backend module putting fake sources into the plugin's extension points. */
export function fakeSourcesModule(sources: { aws?: AwsIdentityAwsSource; clusters?: AwsIdentityClusterSource }) {
  return createBackendModule({
    pluginId: 'aws-identity',
    moduleId: 'test-sources',
    register(env) {
      env.registerInit({
        deps: { aws: awsIdentityAwsSourceExtensionPoint, clusters: awsIdentityClusterSourceExtensionPoint },
        async init({ aws, clusters }) {
          if (sources.aws) aws.setAwsSource(sources.aws);
          if (sources.clusters) clusters.setClusterSource(sources.clusters);
        },
      });
    },
  });
}
