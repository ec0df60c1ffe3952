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
  buildIdentityReport,
  Cluster,
  IdentityReport,
  OidcProvider,
  PodIdentityAssociation,
  Role,
  ServiceAccount,
  SourceStatus,
  WorkloadSelector,
} from '@internal/plugin-aws-identity-common';
import { AwsInventory } from '../sources/aws/AwsInventory';
import { ClusterView } from '../sources/kubernetes/ClusterInventory';
import { ROLE_ARN_ANNOTATION } from '../sources/kubernetes/podAggregates';
import { compileSelector } from './workloadSelector';

/** The label the Kubernetes plugin matches `backstage.io/kubernetes-id` against. */
const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** A stable memo key for a workload selector. */
function selectorKey(selector: WorkloadSelector): string {
  return JSON.stringify([selector.kubernetesId, selector.labelSelector, selector.namespace]);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function saKey(sa: ServiceAccount): string {
  return `${sa.cluster}/${sa.namespace}/${sa.name}`;
}

/**
 * A cluster as the index knows it: its Kubernetes view and the AWS account it lives in.
 *
 * @public
 */
export interface IndexedCluster {
  view: () => ClusterView;
  accountId?: string;
  region?: string;
}

/**
 * Joins the AWS inventory and the cluster views into per-service-account reports. Reads are
 * in-memory only: page views never call AWS or Kubernetes. Reports are memoised per service
 * account and invalidated as a whole whenever any source changes, so a warm read is a lookup.
 *
 * @public
 */
export class IdentityIndex {
  private version = 0;
  private memo = new Map<string, { version: number; report: IdentityReport }>();
  private selectorMemo = new Map<string, { version: number; serviceAccounts: ServiceAccount[] }>();
  private reportsJsonMemo = new Map<string, { version: number; json: string }>();
  private derived?: {
    version: number;
    rolesByArn: Map<string, Role>;
    providersByAccount: Map<string, OidcProvider[]>;
    associationsByCluster: Map<string, PodIdentityAssociation[]>;
    clusters: Cluster[];
    completeAccounts: string[];
    byKubernetesId: Map<string, ServiceAccount[]>;
    associationsKnown: Set<string>;
    associations: PodIdentityAssociation[];
  };

  constructor(
    private readonly aws: AwsInventory,
    private readonly clusters: Map<string, IndexedCluster>,
  ) {}

  /** Marks every memoised report out of date; call when any source reports a change. */
  invalidate(): void {
    this.version += 1;
  }

  /** Statuses of every source (accounts, then clusters), EKS read errors folded in. */
  sources(): SourceStatus[] {
    const clusterStatuses = [...this.clusters.entries()].map(([name, cluster]) => {
      const status = cluster.view().status;
      const eksError = this.aws.eksError(name);
      if (eksError && status.state !== 'error') {
        return { ...status, state: 'error' as const, error: eksError };
      }
      // The cluster signs tokens with the issuer it publishes; IAM trusts the one EKS reports.
      // If they differ, the configured cluster and the EKS cluster are not the same one.
      const eksIssuer = this.aws.eksSnapshots().get(name)?.issuer;
      const published = cluster.view().discoveredIssuer;
      if (eksIssuer && published && trimSlash(eksIssuer) !== trimSlash(published)) {
        return {
          ...status,
          state: 'error' as const,
          error: `issuer mismatch: EKS reports ${eksIssuer}, the cluster publishes ${published}`,
        };
      }
      // An EKS cluster is not fully known until EKS was read (issuer, Pod Identity associations).
      if (cluster.accountId && !this.aws.eksSnapshots().has(name) && status.state === 'ok') {
        return { ...status, state: 'stale' as const, error: 'EKS (issuer, Pod Identity associations) not read yet' };
      }
      return status;
    });
    return [...this.aws.statuses(), ...clusterStatuses];
  }

  /**
   * The reports of the service accounts a selector matches, serialised as a JSON array, and
   * memoised per index version: reports carry lazily built explanations, so serialising them is
   * most of a page view's cost and is done once per change, not once per request.
   */
  reportsJson(selector: WorkloadSelector): string {
    const key = selectorKey(selector);
    const cached = this.reportsJsonMemo.get(key);
    if (cached && cached.version === this.version) return cached.json;
    const json = JSON.stringify(this.serviceAccountsFor(selector).map(sa => this.report(sa)));
    if (this.reportsJsonMemo.size > 10_000) this.reportsJsonMemo.clear();
    this.reportsJsonMemo.set(key, { version: this.version, json });
    return json;
  }

  /** Every service account of every cluster. */
  allServiceAccounts(): ServiceAccount[] {
    return [...this.clusters.values()].flatMap(c => [...c.view().serviceAccounts.values()]);
  }

  /** The current index version; changes whenever any source does. */
  get currentVersion(): number {
    return this.version;
  }

  /** Roles by ARN and clusters, as of the current version. */
  snapshot(): { rolesByArn: ReadonlyMap<string, Role>; clusters: readonly Cluster[]; completeAccounts: readonly string[]; associations: readonly PodIdentityAssociation[] } {
    const derived = this.derive();
    return {
      rolesByArn: derived.rolesByArn,
      clusters: derived.clusters,
      completeAccounts: derived.completeAccounts,
      associations: derived.associations,
    };
  }

  /** Service accounts whose pods (or who themselves) match the selector, in every cluster. */
  serviceAccountsFor(selector: WorkloadSelector): ServiceAccount[] {
    const key = selectorKey(selector);
    const cached = this.selectorMemo.get(key);
    if (cached && cached.version === this.version) return cached.serviceAccounts;

    let candidates: Iterable<ServiceAccount>;
    if (selector.kubernetesId && !selector.labelSelector) {
      // The common case: one lookup in the per-version index of kubernetes-id labels.
      candidates = this.derive().byKubernetesId.get(selector.kubernetesId) ?? [];
    } else {
      const matches = compileSelector(selector);
      candidates = matches ? this.scan(matches) : [];
    }
    const serviceAccounts = [...candidates]
      .filter(sa => !selector.namespace || sa.namespace === selector.namespace)
      .sort((a, b) => saKey(a).localeCompare(saKey(b)));
    if (this.selectorMemo.size > 10_000) this.selectorMemo.clear();
    this.selectorMemo.set(key, { version: this.version, serviceAccounts });
    return serviceAccounts;
  }

  /** Service accounts whose own labels or whose pods' labels match. */
  private *scan(matches: (labels: Record<string, string>) => boolean): Iterable<ServiceAccount> {
    for (const cluster of this.clusters.values()) {
      const view = cluster.view();
      for (const [key, serviceAccount] of view.serviceAccounts) {
        const ownLabels = view.serviceAccountLabels.get(key) ?? {};
        const podLabelSets = view.pods.get(key)?.labelSets.values() ?? [];
        if (matches(ownLabels) || [...podLabelSets].some(matches)) yield serviceAccount;
      }
    }
  }

  /** The engine's report for one service account, from the current snapshot. */
  report(serviceAccount: ServiceAccount): IdentityReport {
    const key = `${serviceAccount.cluster}/${serviceAccount.namespace}/${serviceAccount.name}`;
    const cached = this.memo.get(key);
    if (cached && cached.version === this.version) return cached.report;

    const derived = this.derive();
    const cluster = derived.clusters.find(c => c.name === serviceAccount.cluster) ?? {
      name: serviceAccount.cluster,
      accountId: '',
      issuer: '',
    };
    const view = this.clusters.get(serviceAccount.cluster)?.view();
    const associations = derived.associationsByCluster.get(serviceAccount.cluster) ?? [];
    const roleArns = new Set<string>();
    const annotated = serviceAccount.annotations[ROLE_ARN_ANNOTATION];
    if (annotated) roleArns.add(annotated);
    for (const association of associations) {
      if (
        association.namespace === serviceAccount.namespace &&
        association.serviceAccount === serviceAccount.name
      ) {
        roleArns.add(association.roleArn);
        if (association.targetRoleArn) roleArns.add(association.targetRoleArn);
      }
    }
    const roles = [...roleArns]
      .map(arn => derived.rolesByArn.get(arn))
      .filter((r): r is Role => Boolean(r));
    const accounts = new Set([...roles.map(r => r.accountId), cluster.accountId]);
    for (const arn of roleArns) accounts.add(arn.split(':')[4] ?? '');

    const report = buildIdentityReport({
      cluster,
      serviceAccount,
      pods: view?.pods.get(`${serviceAccount.namespace}/${serviceAccount.name}`)?.aggregate,
      roles,
      completeAccounts: derived.completeAccounts,
      oidcProviders: [...accounts].flatMap(a => derived.providersByAccount.get(a) ?? []),
      podIdentityAssociations: associations,
      // An EKS cluster whose associations were never read cannot vouch for "no binding".
      podIdentityAssociationsKnown: derived.associationsKnown.has(serviceAccount.cluster),
      context: { knownClusters: derived.clusters },
    });
    this.memo.set(key, { version: this.version, report });
    return report;
  }

  /** Lookups rebuilt once per index version rather than per request. */
  private derive() {
    if (this.derived && this.derived.version === this.version) return this.derived;
    const rolesByArn = new Map<string, Role>();
    const providersByAccount = new Map<string, OidcProvider[]>();
    for (const snapshot of this.aws.accountSnapshots().values()) {
      for (const role of snapshot.roles) rolesByArn.set(role.arn, role);
      providersByAccount.set(snapshot.accountId, snapshot.oidcProviders);
    }
    const associationsByCluster = new Map<string, PodIdentityAssociation[]>();
    const associationsKnown = new Set<string>();
    const clusters: Cluster[] = [];
    for (const [name, indexed] of this.clusters) {
      const eks = this.aws.eksSnapshots().get(name);
      associationsByCluster.set(name, eks?.associations ?? []);
      // Clusters outside EKS have no associations to miss; EKS ones need a successful read.
      if (!indexed.accountId || eks) associationsKnown.add(name);
      clusters.push({
        name,
        accountId: indexed.accountId ?? '',
        region: indexed.region,
        arn: eks?.arn,
        // EKS is authoritative for the issuer IAM trusts; the cluster's own discovery
        // document stands in for clusters that are not on EKS.
        issuer: eks?.issuer ?? indexed.view().discoveredIssuer ?? '',
        kubernetesVersion: eks?.kubernetesVersion,
      });
    }
    const completeAccounts = this.aws
      .statuses()
      .filter(s => s.state === 'ok' && s.source.kind === 'aws-account')
      .map(s => (s.source as { accountId: string }).accountId);
    const byKubernetesId = new Map<string, ServiceAccount[]>();
    for (const sa of this.scanKubernetesIds()) {
      const list = byKubernetesId.get(sa.id) ?? [];
      list.push(sa.serviceAccount);
      byKubernetesId.set(sa.id, list);
    }
    this.derived = {
      version: this.version,
      byKubernetesId,
      associationsKnown,
      associations: [...associationsByCluster.values()].flat(),
      rolesByArn,
      providersByAccount,
      associationsByCluster,
      clusters,
      completeAccounts,
    };
    return this.derived;
  }

  /** Every (kubernetes-id label value, service account) pair, from the SA's and its pods' labels. */
  private *scanKubernetesIds(): Iterable<{ id: string; serviceAccount: ServiceAccount }> {
    for (const cluster of this.clusters.values()) {
      const view = cluster.view();
      for (const [key, serviceAccount] of view.serviceAccounts) {
        const ids = new Set<string>();
        const own = view.serviceAccountLabels.get(key)?.[KUBERNETES_ID_LABEL];
        if (own) ids.add(own);
        for (const labels of view.pods.get(key)?.labelSets.values() ?? []) {
          if (labels[KUBERNETES_ID_LABEL]) ids.add(labels[KUBERNETES_ID_LABEL]);
        }
        for (const id of ids) yield { id, serviceAccount };
      }
    }
  }
}

