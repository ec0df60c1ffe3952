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
  evaluateIrsaTrust,
  evaluatePodIdentityTrust,
  Finding,
  normalizeIssuer,
  parseArn,
  parsePolicy,
  podIdentityInventoryFindings,
  POD_IDENTITY_PRINCIPAL,
  resolveBinding,
  Role,
  ServiceAccount,
  Severity,
  trustedOidcProviders,
} from '@internal/plugin-aws-identity-common';
import { IdentityService } from '../identity/IdentityService';
import { EntityDirectory } from './EntityDirectory';

/**
 * One finding in the org-wide list, with where it was found and who owns it.
 *
 * @public
 */
export interface LocatedFinding extends Finding {
  serviceAccount: { cluster: string; namespace: string; name: string };
  accountId?: string;
  entityRefs: string[];
  owners: string[];
}

/**
 * Filters of `GET /findings`; each list matches any of its values.
 *
 * @public
 */
export interface FindingsFilter {
  severity?: Severity[];
  checkId?: string[];
  owner?: string[];
  cluster?: string[];
  account?: string[];
}

/**
 * A role that looks like a workload role but serves no workload, or a binding to a role that
 * does not exist.
 *
 * @public
 */
export interface OrphansReport {
  /** Workload roles (IRSA or Pod Identity trust) no existing service account can use. */
  orphanRoles: Array<{ arn: string; accountId: string; trust: 'irsa' | 'pod-identity'; reason: string }>;
  /** Service-account annotations and associations naming roles absent from a fully read account. */
  danglingBindings: Array<{
    serviceAccount: { cluster: string; namespace: string; name: string };
    roleArn: string;
    via: 'irsa' | 'pod-identity';
  }>;
}

/**
 * Org-wide views over the identity snapshot, memoised per (snapshot version, directory version).
 *
 * @public
 */
export class OrgViews {
  private findingsMemo?: { key: string; findings: LocatedFinding[] };
  private entitiesMemo?: { key: string; bySa: Map<string, Array<{ entityRef: string; owner?: string }>> };
  private orphansMemo?: { key: string; report: OrphansReport };

  constructor(
    private readonly identity: IdentityService,
    private readonly directory: EntityDirectory,
  ) {}

  /** Every finding of every service account, filtered. */
  findings(filter: FindingsFilter): LocatedFinding[] {
    const all = this.allFindings();
    return all.filter(
      f =>
        (!filter.severity || filter.severity.includes(f.severity)) &&
        (!filter.checkId || filter.checkId.includes(f.id)) &&
        (!filter.cluster || filter.cluster.includes(f.serviceAccount.cluster)) &&
        (!filter.account || (f.accountId !== undefined && filter.account.includes(f.accountId))) &&
        (!filter.owner || f.owners.some(o => filter.owner!.includes(o))),
    );
  }

  /** Orphan workload roles and dangling bindings. */
  orphans(): OrphansReport {
    const snapshot = this.identity.snapshot();
    const key = `${snapshot.version}`;
    if (this.orphansMemo?.key === key) return this.orphansMemo.report;
    const { rolesByArn, clusters, completeAccounts, associations } = snapshot;
    const serviceAccounts = snapshot.serviceAccounts();
    const referenced = new Set<string>();
    const danglingBindings: OrphansReport['danglingBindings'] = [];
    const complete = new Set(completeAccounts);
    const noteReference = (
      roleArn: string,
      via: 'irsa' | 'pod-identity',
      serviceAccount: { cluster: string; namespace: string; name: string },
    ) => {
      referenced.add(roleArn);
      const arn = parseArn(roleArn);
      if (!rolesByArn.has(roleArn) && arn.ok && complete.has(arn.value.accountId)) {
        danglingBindings.push({ serviceAccount, roleArn, via });
      }
    };
    for (const sa of serviceAccounts) {
      // Associations are walked below on their own: one whose service account does not exist
      // still names a role.
      const { irsaRoleArn } = resolveBinding(sa, []);
      if (irsaRoleArn) {
        noteReference(irsaRoleArn, 'irsa', { cluster: sa.cluster, namespace: sa.namespace, name: sa.name });
      }
    }
    for (const a of associations) {
      noteReference(a.roleArn, 'pod-identity', { cluster: a.cluster, namespace: a.namespace, name: a.serviceAccount });
    }

    const orphanRoles: OrphansReport['orphanRoles'] = [];
    for (const role of rolesByArn.values()) {
      if (referenced.has(role.arn)) continue;
      const verdict = classifyUnreferenced(role, clusters, serviceAccounts);
      if (verdict) orphanRoles.push(verdict);
    }
    const report = { orphanRoles, danglingBindings };
    this.orphansMemo = { key, report };
    return report;
  }

  /** The entities whose workload selectors match a service account (none when no entity claims it). */
  entityRefsOf(serviceAccount: { cluster: string; namespace: string; name: string }): string[] {
    return this.claimsOf(serviceAccount).map(e => e.entityRef);
  }

  /** The entities that claim a service account, with their owners as the catalog names them. */
  claimsOf(serviceAccount: {
    cluster: string;
    namespace: string;
    name: string;
  }): ReadonlyArray<{ entityRef: string; owner?: string }> {
    const { cluster, namespace, name } = serviceAccount;
    return this.entitiesByServiceAccount().get(`${cluster}/${namespace}/${name}`) ?? [];
  }

  /** Changes whenever the snapshot or the entity directory does: the key of views built on both. */
  get version(): string {
    return `${this.identity.snapshot().version}/${this.directory.currentVersion}`;
  }

  private entitiesByServiceAccount(): Map<string, Array<{ entityRef: string; owner?: string }>> {
    const snapshot = this.identity.snapshot();
    const key = `${snapshot.version}/${this.directory.currentVersion}`;
    if (this.entitiesMemo?.key === key) return this.entitiesMemo.bySa;
    const bySa = new Map<string, Array<{ entityRef: string; owner?: string }>>();
    for (const entry of this.directory.list()) {
      for (const sa of snapshot.serviceAccountsFor(entry.selector)) {
        const saKey = `${sa.cluster}/${sa.namespace}/${sa.name}`;
        const list = bySa.get(saKey) ?? [];
        list.push({ entityRef: entry.entityRef, owner: entry.owner });
        bySa.set(saKey, list);
      }
    }
    this.entitiesMemo = { key, bySa };
    return bySa;
  }

  private allFindings(): LocatedFinding[] {
    const snapshot = this.identity.snapshot();
    const key = `${snapshot.version}/${this.directory.currentVersion}`;
    if (this.findingsMemo?.key === key) return this.findingsMemo.findings;

    const entitiesBySa = this.entitiesByServiceAccount();
    const clusterAccounts = new Map(snapshot.clusters.map(c => [c.name, c.accountId]));
    const findings: LocatedFinding[] = [];
    for (const sa of snapshot.serviceAccounts()) {
      const report = snapshot.report(sa);
      const entities = entitiesBySa.get(`${sa.cluster}/${sa.namespace}/${sa.name}`) ?? [];
      for (const finding of report.findings) {
        findings.push({
          ...finding,
          serviceAccount: report.serviceAccount,
          accountId: clusterAccounts.get(sa.cluster) || undefined,
          entityRefs: entities.map(e => e.entityRef),
          owners: [...new Set(entities.map(e => e.owner).filter((o): o is string => Boolean(o)))],
        });
      }
    }
    // Associations for service accounts that do not exist belong to no report: their findings
    // (PID-11) are listed here, under the service account they name.
    for (const { association, findings: hits } of podIdentityInventoryFindings({
      associations: snapshot.associations,
      inventories: snapshot.serviceAccountInventories(),
    })) {
      for (const finding of hits) {
        findings.push({
          ...finding,
          serviceAccount: { cluster: association.cluster, namespace: association.namespace, name: association.serviceAccount },
          accountId: clusterAccounts.get(association.cluster) || undefined,
          entityRefs: [],
          owners: [],
        });
      }
    }
    this.findingsMemo = { key, findings };
    return findings;
  }
}

/**
 * Decides whether an unreferenced role is an orphan workload role by evaluating its trust for
 * the existing service accounts of the clusters it trusts: a role that admits none of them
 * serves nothing.
 */
function classifyUnreferenced(
  role: Role,
  clusters: ReadonlyArray<{ name: string; issuer: string; accountId: string; arn?: string }>,
  serviceAccounts: readonly ServiceAccount[],
): OrphansReport['orphanRoles'][number] | undefined {
  const parsed = parsePolicy(role.trustPolicy);
  if (!parsed.ok) return undefined;
  const policy = parsed.value;
  const providers = trustedOidcProviders(policy);
  if (providers.length > 0) {
    const issuers = new Set(providers.map(p => p.issuerHostPath));
    const trustedClusters = clusters.filter(c => {
      const issuer = normalizeIssuer(c.issuer);
      return issuer.ok && issuers.has(issuer.value.hostPath);
    });
    const admitted = serviceAccounts.some(sa => {
      const cluster = trustedClusters.find(c => c.name === sa.cluster);
      if (!cluster) return false;
      const issuer = normalizeIssuer(cluster.issuer);
      return (
        issuer.ok &&
        evaluateIrsaTrust(policy, {
          issuerHostPath: issuer.value.hostPath,
          accountId: role.accountId,
          namespace: sa.namespace,
          serviceAccount: sa.name,
        }).allowed
      );
    });
    if (admitted) return undefined;
    return {
      arn: role.arn,
      accountId: role.accountId,
      trust: 'irsa',
      reason:
        trustedClusters.length === 0
          ? `trusts ${[...issuers].join(', ')}, which is not the issuer of any known cluster`
          : 'no existing service account of the trusted clusters is admitted by its trust policy',
    };
  }
  const trustsPodIdentity = policy.statements.some(s =>
    (s.principal?.byType.Service ?? []).includes(POD_IDENTITY_PRINCIPAL),
  );
  if (trustsPodIdentity) {
    const accountClusters = clusters.filter(c => c.accountId === role.accountId);
    const admitted = serviceAccounts.some(sa => {
      const cluster = accountClusters.find(c => c.name === sa.cluster);
      return (
        cluster &&
        evaluatePodIdentityTrust(policy, {
          accountId: role.accountId,
          clusterArn: cluster.arn,
          namespace: sa.namespace,
          serviceAccount: sa.name,
        }).allowed
      );
    });
    // A Pod Identity role is usable only through an association, and it has none.
    return {
      arn: role.arn,
      accountId: role.accountId,
      trust: 'pod-identity',
      reason: admitted
        ? 'trusts EKS Pod Identity but no association uses it'
        : 'trusts EKS Pod Identity but no association uses it and its trust admits no existing service account',
    };
  }
  return undefined;
}
