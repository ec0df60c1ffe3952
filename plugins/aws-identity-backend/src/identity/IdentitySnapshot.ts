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
  DriftedRequest,
  IdentityReport,
  IdentityReportOptions,
  normalizeIssuer,
  OidcProvider,
  parseArn,
  PodIdentityAssociation,
  resolveBinding,
  Role,
  roleNameKey,
  ServiceAccount,
  ServiceAccountInventory,
  SourceStatus,
  TrustAdmissionIndex,
  WorkloadSelector,
} from '@internal/plugin-aws-identity-common';
import { AwsSourceSnapshot, ClusterView, WatchedCluster } from '@internal/plugin-aws-identity-node';
import { createHash } from 'node:crypto';
import { admissionIndexOf, trustPolicyQuotaOf } from './accountIndexes';
import { compileSelector } from './workloadSelector';

/** The label the Kubernetes plugin matches `backstage.io/kubernetes-id` against. */
const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** Memo tables are dropped when they grow past this many selectors (a crawler's worth). */
const MAX_MEMO_ENTRIES = 10_000;

/** A stable memo key for a workload selector. */
function selectorKey(selector: WorkloadSelector): string {
  return JSON.stringify([selector.kubernetesId, selector.labelSelector, selector.namespace]);
}

/** Who reported the issuer a cluster's entry carries: EKS wins over the cluster's own discovery. */
function issuerSourceOf(eksIssuer?: string, discoveredIssuer?: string): Pick<Cluster, 'issuerSource'> {
  if (eksIssuer) return { issuerSource: 'eks' };
  return discoveredIssuer ? { issuerSource: 'discovery' } : {};
}

export function saKey(sa: Pick<ServiceAccount, 'cluster' | 'namespace' | 'name'>): string {
  return `${sa.cluster}/${sa.namespace}/${sa.name}`;
}

/**
 * What the checks of one service account need to know about all the others: which service
 * accounts each role is bound to (IRSA-B07) and which service accounts exist per issuer
 * (IRSA-T15). Built in one pass over every cluster, once per identity snapshot.
 */
class ServiceAccountIndex {
  /** Issuer `host/path` → existing service accounts as `ns/name`, for clusters read completely. */
  readonly knownServiceAccounts: Record<string, string[]> = {};
  /** Role ARN → service accounts (`cluster/ns/name`) bound to it, by annotation or association. */
  private readonly boundByRole = new Map<string, string[]>();

  constructor(
    views: ReadonlyMap<string, ClusterView>,
    associationsByCluster: ReadonlyMap<string, PodIdentityAssociation[]>,
    clusters: readonly Cluster[],
  ) {
    const issuerOf = new Map(
      clusters.map(c => {
        const issuer = normalizeIssuer(c.issuer);
        return [c.name, issuer.ok ? issuer.value.hostPath : undefined] as const;
      }),
    );
    for (const [name, view] of views) {
      const byServiceAccount = new Map<string, PodIdentityAssociation[]>();
      for (const association of associationsByCluster.get(name) ?? []) {
        const key = `${association.namespace}/${association.serviceAccount}`;
        byServiceAccount.set(key, [...(byServiceAccount.get(key) ?? []), association]);
      }
      // Only a complete list can tell that a service account does not exist.
      const issuer = view.status.state === 'ok' ? issuerOf.get(name) : undefined;
      const known = issuer ? (this.knownServiceAccounts[issuer] ??= []) : undefined;
      for (const [key, serviceAccount] of view.serviceAccounts) {
        known?.push(key);
        const { roleArns } = resolveBinding(serviceAccount, byServiceAccount.get(key) ?? []);
        for (const arn of roleArns) {
          const bound = this.boundByRole.get(arn) ?? [];
          bound.push(saKey(serviceAccount));
          this.boundByRole.set(arn, bound);
        }
      }
    }
  }

  /** Service accounts other than `self` bound to any of the roles, sorted. */
  otherServiceAccountsOf(self: string, roleArns: readonly string[]): string[] {
    const others = new Set(roleArns.flatMap(arn => this.boundByRole.get(arn) ?? []));
    others.delete(self);
    return [...others].sort();
  }
}

/**
 * The inventory joined at one version: roles by ARN, OIDC providers by account, associations
 * by cluster, the clusters as the engine sees them, and service accounts by kubernetes-id label.
 * Built once per change of any source and never changed afterwards, so the reports it hands
 * out (and their JSON) are memoised for as long as it is current: a warm page view is a lookup.
 *
 * @public
 */
export class IdentitySnapshot {
  /** Roles of every account read, by ARN. */
  readonly rolesByArn: ReadonlyMap<string, Role>;
  /**
   * Roles of every account read, by `roleNameKey` (account and lower-cased name): how IAM tells
   * whether a role name is taken, whatever the path and case.
   */
  readonly rolesByNameKey: ReadonlyMap<string, Role>;
  /** Clusters with their account, region, EKS ARN and the issuer IAM trusts. */
  readonly clusters: readonly Cluster[];
  /** Accounts whose last read is complete and fresh: a role they lack does not exist. */
  readonly completeAccounts: readonly string[];
  /** Every Pod Identity association of every cluster. */
  readonly associations: readonly PodIdentityAssociation[];

  private readonly clusterList: Cluster[];
  private readonly completeAccountList: string[];
  private readonly views: ReadonlyMap<string, ClusterView>;
  private readonly providersByAccount: ReadonlyMap<string, OidcProvider[]>;
  private readonly associationsByCluster: ReadonlyMap<string, PodIdentityAssociation[]>;
  /** Clusters whose associations are known: not on EKS, or read from EKS. */
  private readonly associationsKnown: ReadonlySet<string>;
  private readonly byKubernetesId: ReadonlyMap<string, ServiceAccount[]>;
  /** Per account read, its roles filed by whom their trust admits (rebuilt only for re-read accounts). */
  private readonly admissionIndexes: readonly TrustAdmissionIndex[];
  /** Organisation policy and each account's own quotas, as the engine takes them. */
  private readonly reportOptions: IdentityReportOptions;
  /** Facts across all service accounts, built on the first report that needs them. */
  private bindings?: ServiceAccountIndex;
  private readonly reports = new Map<string, IdentityReport>();
  private readonly selected = new Map<string, ServiceAccount[]>();
  private readonly reportsJsonBySelector = new Map<string, string>();
  private readonly reportsDigestBySelector = new Map<string, string>();
  /** Drifted verified requests by the service account (`cluster/namespace/name`) they planned. */
  private readonly driftedRequests: ReadonlyMap<string, DriftedRequest[]>;

  /**
   * Joins what the sources know now. `accountStatuses` are the AWS source's, with staleness by
   * age already applied: only accounts `ok` now count as complete.
   */
  constructor(
    /** Changes with every change of any source. */
    readonly version: number,
    sources: {
      aws: AwsSourceSnapshot;
      clusters: ReadonlyMap<string, WatchedCluster>;
      accountStatuses: readonly SourceStatus[];
      /** Drifted verified requests by the service account (`cluster/namespace/name`) they planned. */
      driftedRequests?: ReadonlyMap<string, DriftedRequest[]>;
    },
    /** Organisation policy for the checks (`awsIdentity.checks`). */
    policy: Pick<IdentityReportOptions, 'requiredPermissionsBoundaryArn'> = {},
  ) {
    const rolesByArn = new Map<string, Role>();
    const rolesByNameKey = new Map<string, Role>();
    const providersByAccount = new Map<string, OidcProvider[]>();
    const admissionIndexes: TrustAdmissionIndex[] = [];
    const trustPolicyQuotaByAccount: Record<string, number> = {};
    for (const snapshot of sources.aws.accounts.values()) {
      admissionIndexes.push(admissionIndexOf(snapshot));
      const quota = trustPolicyQuotaOf(snapshot);
      if (quota !== undefined) trustPolicyQuotaByAccount[snapshot.accountId] = quota;
      for (const role of snapshot.roles) {
        rolesByArn.set(role.arn, role);
        rolesByNameKey.set(roleNameKey(role.accountId, role.name), role);
      }
      providersByAccount.set(snapshot.accountId, snapshot.oidcProviders);
    }
    const views = new Map<string, ClusterView>();
    const associationsByCluster = new Map<string, PodIdentityAssociation[]>();
    const associationsKnown = new Set<string>();
    const clusters: Cluster[] = [];
    for (const [name, watched] of sources.clusters) {
      views.set(name, watched.view);
      const eks = sources.aws.eksClusters.get(name);
      associationsByCluster.set(name, eks?.associations ?? []);
      // Clusters outside EKS have no associations to miss; EKS ones need a successful read.
      if (!watched.accountId || eks) associationsKnown.add(name);
      clusters.push({
        name,
        accountId: watched.accountId ?? '',
        region: watched.region,
        arn: eks?.arn,
        // EKS is authoritative for the issuer IAM trusts; the cluster's own discovery
        // document stands in for clusters that are not on EKS.
        issuer: eks?.issuer ?? watched.view.discoveredIssuer ?? '',
        ...issuerSourceOf(eks?.issuer, watched.view.discoveredIssuer),
        kubernetesVersion: eks?.kubernetesVersion,
        ...(eks?.podIdentityAgent ? { podIdentityAgent: eks.podIdentityAgent } : {}),
        ...(eks?.fargateProfiles ? { fargateProfiles: eks.fargateProfiles } : {}),
      });
    }
    this.rolesByArn = rolesByArn;
    this.rolesByNameKey = rolesByNameKey;
    this.providersByAccount = providersByAccount;
    this.views = views;
    this.associationsByCluster = associationsByCluster;
    this.associationsKnown = associationsKnown;
    this.clusterList = clusters;
    this.clusters = clusters;
    this.associations = [...associationsByCluster.values()].flat();
    this.completeAccountList = sources.accountStatuses
      .filter(s => s.state === 'ok' && s.source.kind === 'aws-account')
      .map(s => (s.source as { accountId: string }).accountId);
    this.completeAccounts = this.completeAccountList;
    this.byKubernetesId = indexByKubernetesId(views.values());
    this.admissionIndexes = admissionIndexes;
    this.reportOptions = { ...policy, trustPolicyQuotaByAccount };
    this.driftedRequests = sources.driftedRequests ?? new Map();
  }

  /** The OIDC providers of an account as last read; undefined when the account was not read. */
  oidcProvidersOf(accountId: string): readonly OidcProvider[] | undefined {
    return this.providersByAccount.get(accountId);
  }

  /** One service account by cluster, namespace and name; `undefined` when the inventory lacks it. */
  serviceAccount(ref: { cluster: string; namespace: string; name: string }): ServiceAccount | undefined {
    return this.views.get(ref.cluster)?.serviceAccounts.get(`${ref.namespace}/${ref.name}`);
  }

  /** Every service account of every cluster. */
  serviceAccounts(): ServiceAccount[] {
    return [...this.views.values()].flatMap(view => [...view.serviceAccounts.values()]);
  }

  /**
   * Each cluster's service-account inventory (keys `namespace/name`), complete when the cluster's
   * source is `ok`: what the Pod Identity inventory checks (PID-11) read.
   */
  serviceAccountInventories(): Map<string, ServiceAccountInventory> {
    return new Map(
      [...this.views].map(([name, view]) => [
        name,
        { complete: view.status.state === 'ok', serviceAccounts: new Set(view.serviceAccounts.keys()) },
      ]),
    );
  }

  /** Service accounts whose pods (or who themselves) match the selector, in every cluster. */
  serviceAccountsFor(selector: WorkloadSelector): ServiceAccount[] {
    const key = selectorKey(selector);
    const cached = this.selected.get(key);
    if (cached) return cached;

    let candidates: Iterable<ServiceAccount>;
    if (selector.kubernetesId && !selector.labelSelector) {
      // The common case: one lookup in the index of kubernetes-id labels.
      candidates = this.byKubernetesId.get(selector.kubernetesId) ?? [];
    } else {
      const matches = compileSelector(selector);
      candidates = matches ? this.scan(matches) : [];
    }
    const serviceAccounts = [...candidates]
      .filter(sa => !selector.namespace || sa.namespace === selector.namespace)
      .sort((a, b) => saKey(a).localeCompare(saKey(b)));
    if (this.selected.size > MAX_MEMO_ENTRIES) this.selected.clear();
    this.selected.set(key, serviceAccounts);
    return serviceAccounts;
  }

  /**
   * The reports of the service accounts a selector matches, serialised as a JSON array: reports
   * carry lazily built explanations, so serialising them is most of a page view's cost and is
   * done once per snapshot, not once per request.
   */
  reportsJson(selector: WorkloadSelector): string {
    const key = selectorKey(selector);
    const cached = this.reportsJsonBySelector.get(key);
    if (cached !== undefined) return cached;
    const json = JSON.stringify(this.serviceAccountsFor(selector).map(sa => this.report(sa)));
    if (this.reportsJsonBySelector.size > MAX_MEMO_ENTRIES) this.reportsJsonBySelector.clear();
    this.reportsJsonBySelector.set(key, json);
    return json;
  }

  /**
   * A digest of {@link IdentitySnapshot.reportsJson} for a selector: two snapshots give an
   * entity the same digest exactly when its tab would show the same reports, which is how live
   * updates tell an entity whose identity changed from the many a source change left alone.
   */
  reportsDigest(selector: WorkloadSelector): string {
    const key = selectorKey(selector);
    const cached = this.reportsDigestBySelector.get(key);
    if (cached !== undefined) return cached;
    const digest = createHash('sha256').update(this.reportsJson(selector)).digest('base64url');
    if (this.reportsDigestBySelector.size > MAX_MEMO_ENTRIES) this.reportsDigestBySelector.clear();
    this.reportsDigestBySelector.set(key, digest);
    return digest;
  }

  /** The engine's report for one service account. */
  report(serviceAccount: ServiceAccount): IdentityReport {
    const key = saKey(serviceAccount);
    const cached = this.reports.get(key);
    if (cached) return cached;

    const cluster = this.clusterList.find(c => c.name === serviceAccount.cluster) ?? {
      name: serviceAccount.cluster,
      accountId: '',
      issuer: '',
    };
    const associations = this.associationsByCluster.get(serviceAccount.cluster) ?? [];
    const binding = resolveBinding(serviceAccount, associations);
    const roles = binding.roleArns
      .map(arn => this.rolesByArn.get(arn))
      .filter((r): r is Role => Boolean(r));
    // Providers of every account involved: the cluster's, the roles', and those the bound
    // ARNs name (a role of an unread account still needs its account's providers checked).
    const accounts = new Set([...roles.map(r => r.accountId), cluster.accountId]);
    for (const arn of binding.roleArns) {
      const parsed = parseArn(arn);
      if (parsed.ok) accounts.add(parsed.value.accountId);
    }

    const pods = this.views
      .get(serviceAccount.cluster)
      ?.pods.get(`${serviceAccount.namespace}/${serviceAccount.name}`);
    const report = buildIdentityReport({
      cluster,
      serviceAccount,
      pods: pods?.aggregate,
      ...(pods ? { podLabelSets: [...pods.labelSets.values()] } : {}),
      roles,
      completeAccounts: this.completeAccountList,
      oidcProviders: [...accounts].flatMap(a => this.providersByAccount.get(a) ?? []),
      podIdentityAssociations: associations,
      // An EKS cluster whose associations were never read cannot vouch for "no binding".
      podIdentityAssociationsKnown: this.associationsKnown.has(serviceAccount.cluster),
      context: {
        knownClusters: this.clusterList,
        rolesAdmittingServiceAccount: TrustAdmissionIndex.rolesAdmitting(
          this.admissionIndexes,
          cluster,
          serviceAccount,
        ),
        otherServiceAccountsOfRole: this.serviceAccountIndex().otherServiceAccountsOf(
          key,
          binding.roleArns,
        ),
        knownServiceAccounts: this.serviceAccountIndex().knownServiceAccounts,
        driftedRequests: this.driftedRequests.get(key),
      },
      options: this.reportOptions,
    });
    this.reports.set(key, report);
    return report;
  }

  private serviceAccountIndex(): ServiceAccountIndex {
    this.bindings ??= new ServiceAccountIndex(this.views, this.associationsByCluster, this.clusterList);
    return this.bindings;
  }

  /** Service accounts whose own labels or whose pods' labels match. */
  private *scan(matches: (labels: Record<string, string>) => boolean): Iterable<ServiceAccount> {
    for (const view of this.views.values()) {
      for (const [key, serviceAccount] of view.serviceAccounts) {
        const ownLabels = view.serviceAccountLabels.get(key) ?? {};
        const podLabelSets = view.pods.get(key)?.labelSets.values() ?? [];
        if (matches(ownLabels) || [...podLabelSets].some(matches)) yield serviceAccount;
      }
    }
  }
}

/** Service accounts by the kubernetes-id label on themselves or on their pods. */
function indexByKubernetesId(views: Iterable<ClusterView>): Map<string, ServiceAccount[]> {
  const byId = new Map<string, ServiceAccount[]>();
  for (const view of views) {
    for (const [key, serviceAccount] of view.serviceAccounts) {
      const ids = new Set<string>();
      const own = view.serviceAccountLabels.get(key)?.[KUBERNETES_ID_LABEL];
      if (own) ids.add(own);
      for (const labels of view.pods.get(key)?.labelSets.values() ?? []) {
        if (labels[KUBERNETES_ID_LABEL]) ids.add(labels[KUBERNETES_ID_LABEL]);
      }
      for (const id of ids) {
        const list = byId.get(id) ?? [];
        list.push(serviceAccount);
        byId.set(id, list);
      }
    }
  }
  return byId;
}

