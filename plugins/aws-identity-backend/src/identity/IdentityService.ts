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
  ClusterServiceAccountRef,
  DriftedRequest,
  IdentityReportOptions,
  SourceStatus,
} from '@internal/plugin-aws-identity-common';
import {
  AwsIdentityAwsSource,
  AwsIdentityClusterSource,
  AwsSourceSnapshot,
  EksClusterRef,
} from '@internal/plugin-aws-identity-node';
import { IdentitySnapshot, saKey } from './IdentitySnapshot';

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Answers every read about identities from memory. It listens to the AWS source and the cluster
 * source (which know nothing of each other or of it), and on the first read after a change
 * joins their snapshots into a new {@link IdentitySnapshot}; page views never wait on AWS or
 * Kubernetes. It is also the one place that judges the sources' health for readers.
 *
 * @public
 */
export class IdentityService {
  private version = 0;
  private current?: IdentitySnapshot;
  private readonly listeners: Array<() => void> = [];
  private driftedRequests = new Map<string, DriftedRequest[]>();
  private driftedRequestsKey = '';

  constructor(
    private readonly options: {
      aws: AwsIdentityAwsSource;
      clusters: AwsIdentityClusterSource;
      /** An account's data older than this is reported `stale` (and no longer complete). */
      staleAfterSeconds: number;
      /** Organisation policy the checks apply (`awsIdentity.checks`). */
      policy?: Pick<IdentityReportOptions, 'requiredPermissionsBoundaryArn'>;
    },
  ) {
    options.aws.onChange(() => this.invalidate());
    options.clusters.onChange(() => this.invalidate());
  }

  /**
   * Calls `listener` after any source changed: the next {@link IdentityService.snapshot} is a
   * new one. Listeners run synchronously inside the source's notification, so they should only
   * schedule work.
   */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The joined inventory as of now; the same object until a source changes. */
  snapshot(): IdentitySnapshot {
    if (!this.current) {
      const aws = this.options.aws.snapshot();
      this.current = new IdentitySnapshot(this.version, {
        aws,
        clusters: this.options.clusters.snapshot(),
        accountStatuses: this.accountStatuses(aws),
        driftedRequests: this.driftedRequests,
      }, this.options.policy);
    }
    return this.current;
  }

  /**
   * Statuses of every source, accounts first, then clusters: an account whose last good read is
   * older than the budget is `stale`; a cluster is `error` when EKS could not be read or names
   * another issuer than the cluster publishes, and `stale` until EKS was read.
   */
  /**
   * The verified requests that have drifted, with the service accounts each planned: their
   * reports carry the drift finding (IRSA-R02). A list equal to the last one changes nothing, so
   * the request tracker may hand it over on every pass.
   */
  setDriftedRequests(
    requests: ReadonlyArray<{ request: DriftedRequest; serviceAccounts: readonly ClusterServiceAccountRef[] }>,
  ): void {
    const key = JSON.stringify(requests);
    if (key === this.driftedRequestsKey) return;
    const byServiceAccount = new Map<string, DriftedRequest[]>();
    for (const { request, serviceAccounts } of requests) {
      for (const sa of serviceAccounts) {
        const account = saKey(sa);
        byServiceAccount.set(account, [...(byServiceAccount.get(account) ?? []), request]);
      }
    }
    this.driftedRequests = byServiceAccount;
    this.driftedRequestsKey = key;
    this.invalidate();
  }

  sources(): SourceStatus[] {
    const aws = this.options.aws.snapshot();
    const clusterStatuses = [...this.options.clusters.snapshot().values()].map(cluster => {
      const { name, view } = cluster;
      const status = view.status;
      const eksError = aws.eksErrors.get(name);
      if (eksError && status.state !== 'error') {
        return { ...status, state: 'error' as const, error: eksError };
      }
      // The cluster signs tokens with the issuer it publishes; IAM trusts the one EKS reports.
      // If they differ, the configured cluster and the EKS cluster are not the same one.
      const eksIssuer = aws.eksClusters.get(name)?.issuer;
      const published = view.discoveredIssuer;
      if (eksIssuer && published && trimSlash(eksIssuer) !== trimSlash(published)) {
        return {
          ...status,
          state: 'error' as const,
          error: `issuer mismatch: EKS reports ${eksIssuer}, the cluster publishes ${published}`,
        };
      }
      // An EKS cluster is not fully known until EKS was read (issuer, Pod Identity associations).
      if (cluster.accountId && !aws.eksClusters.has(name) && status.state === 'ok') {
        return { ...status, state: 'stale' as const, error: 'EKS (issuer, Pod Identity associations) not read yet' };
      }
      return status;
    });
    return [...this.accountStatuses(aws), ...clusterStatuses];
  }

  /** The EKS clusters the AWS source should read: every cluster placed in an account. */
  eksClusters(): EksClusterRef[] {
    return [...this.options.clusters.snapshot().values()]
      .filter(c => c.accountId)
      .map(c => ({ name: c.name, eksName: c.eksClusterName, accountId: c.accountId!, region: c.region }));
  }

  private accountStatuses(aws: AwsSourceSnapshot): SourceStatus[] {
    const staleAfterMs = this.options.staleAfterSeconds * 1000;
    return [...aws.accountStatuses.values()].map(status =>
      status.state === 'ok' &&
      status.lastSuccessAt &&
      Date.now() - Date.parse(status.lastSuccessAt) > staleAfterMs
        ? { ...status, state: 'stale' as const }
        : status,
    );
  }

  private invalidate(): void {
    this.version += 1;
    this.current = undefined;
    for (const listener of this.listeners) listener();
  }
}
