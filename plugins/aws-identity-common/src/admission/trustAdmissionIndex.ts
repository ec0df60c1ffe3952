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
import { Cluster, OidcProvider, Role, ServiceAccount } from '../domain/types';
import { evaluatePolicy } from '../evaluate/evaluatePolicy';
import {
  POD_IDENTITY_PRINCIPAL,
  irsaRequest,
  podIdentityRequests,
} from '../evaluate/workloadRequests';
import { IRSA_ANNOTATIONS } from '../binding/annotations';
import {
  normalizeIssuer,
  parseArn,
  serviceAccountSubject,
} from '../parse/identifiers';
import { parsePolicy } from '../policy/parsePolicy';
import { ParsedCondition, ParsedPolicy, ParsedStatement } from '../policy/types';

/**
 * A role whose trust policy admits a service account, and the way it does.
 *
 * @public
 */
export interface AdmittingRole {
  roleArn: string;
  /**
   * `irsa`: the trust accepts the service account's projected token (`sts:AssumeRoleWithWebIdentity`
   * through an OIDC provider of the role's account); `pod-identity`: it accepts EKS Pod Identity
   * (`pods.eks.amazonaws.com`, `sts:AssumeRole` + `sts:TagSession`) with this service account's
   * session tags, so an association is all the service account would need.
   */
  via: 'irsa' | 'pod-identity';
  /**
   * IRSA only: the trust names this service account's subject exactly (a `StringEquals` or
   * wildcard-free `StringLike` value), i.e. it was written for it, rather than admitting it
   * through a pattern or no `sub` condition at all.
   */
  named?: boolean;
}

/** A role of the index with its parsed trust. */
interface IndexedRole {
  arn: string;
  accountId: string;
  partition: string;
  trust: ParsedPolicy;
}

const SUB_PREFIX = 'system:serviceaccount:';
const NAMESPACE_TAG_KEY = 'aws:requesttag/kubernetes-namespace';

/**
 * The sub conditions whose values bound what a statement admits: all of a statement's
 * conditions must hold, so any one positive string condition on the key is an upper bound.
 * Negated operators, `ForAllValues` (true on an empty set) and policy variables bound nothing.
 */
function boundingValues(
  statement: ParsedStatement,
  keyLower: string,
): string[] | undefined {
  const bounding = statement.conditions.find(
    (c: ParsedCondition) =>
      c.keyLower === keyLower &&
      !c.negated &&
      c.setQualifier !== 'ForAllValues' &&
      (c.base === 'StringEquals' || c.base === 'StringLike') &&
      !c.values.some(v => v.includes('${')),
  );
  return bounding?.values;
}

// Code-unit order (not localeCompare): stable across locales and cheap on long lists.
function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
const byArnThenVia = (a: AdmittingRole, b: AdmittingRole) =>
  compare(a.roleArn, b.roleArn) || compare(a.via, b.via);

/**
 * Whether a trust's decision can differ between service accounts of one cluster: some condition
 * reads a `kubernetes-*` session tag (namespace, service account, pod) or holds a policy variable.
 */
function readsWorkload(trust: ParsedPolicy): boolean {
  return trust.statements.some(statement =>
    statement.conditions.some(
      c => c.keyLower.includes('kubernetes-') || c.values.some(v => v.includes('${')),
    ),
  );
}

const hasWildcard = (value: string) => /[*?]/.test(value);

/** Where an IRSA subject pattern is filed: its exact subject, its namespace, or nowhere narrower. */
type SubjectKey =
  | { kind: 'subject'; subject: string }
  | { kind: 'namespace'; namespace: string }
  | { kind: 'wide' };

function subjectKey(value: string): SubjectKey {
  if (!hasWildcard(value)) return { kind: 'subject', subject: value };
  if (!value.startsWith(SUB_PREFIX)) return { kind: 'wide' };
  const rest = value.slice(SUB_PREFIX.length);
  const colon = rest.indexOf(':');
  const namespace = colon < 0 ? '' : rest.slice(0, colon);
  return namespace && !hasWildcard(namespace)
    ? { kind: 'namespace', namespace }
    : { kind: 'wide' };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const grants = (statement: ParsedStatement) =>
  statement.effect === 'Allow' && (statement.principal !== undefined || statement.notPrincipal !== undefined);

/**
 * The roles of some accounts filed by whom their trust can admit, so that finding every role
 * that admits one service account is a few map lookups plus one evaluation per candidate — not
 * an evaluation of every role. Filing is only a pre-selection (a superset of the roles that
 * admit): whether a candidate admits the service account is always decided by the engine's
 * trust evaluator, with the request STS or EKS Pod Identity would make.
 *
 * - IRSA statements are filed under their OIDC provider's issuer and, from the values of a
 *   positive `sub` condition, under the exact subject or the namespace they name; statements
 *   whose subject pattern spans namespaces (or that have none) are wide for that issuer.
 * - Pod Identity statements (`pods.eks.amazonaws.com`) are filed under the role's account —
 *   EKS only associates roles of the cluster's own account — and, when a positive condition
 *   names the `kubernetes-namespace` session tag, under those namespaces.
 * - Statements that trust every principal (`"*"`, `NotPrincipal`) are candidates everywhere.
 *
 * Built once per account read and never changed; the static `rolesAdmitting`
 * reads any number of them.
 *
 * @public
 */
export class TrustAdmissionIndex {
  /** `issuer host/path (lower case)|sub` → roles. */
  private readonly bySubject = new Map<string, IndexedRole[]>();
  /** `issuer host/path (lower case)|namespace` → roles. */
  private readonly byIssuerNamespace = new Map<string, IndexedRole[]>();
  /** issuer host/path (lower case) → roles admitting beyond one namespace. */
  private readonly byIssuer = new Map<string, IndexedRole[]>();
  /** `account|namespace` → Pod Identity roles. */
  private readonly podIdentityByNamespace = new Map<string, IndexedRole[]>();
  /** account → Pod Identity roles not narrowed to namespaces. */
  private readonly podIdentityByAccount = new Map<string, IndexedRole[]>();
  /**
   * account → Pod Identity roles whose trust reads nothing of the workload (no `kubernetes-*`
   * key, no policy variable): one decision per cluster holds for all its service accounts.
   */
  private readonly podIdentityPerCluster = new Map<string, IndexedRole[]>();
  /** The decisions for `podIdentityPerCluster`, per cluster (shared, frozen entries). */
  private readonly perClusterDecisions = new Map<string, AdmittingRole[]>();
  /** Roles trusting every principal. */
  private readonly everywhere: IndexedRole[] = [];
  /** How many roles were filed (those with a trust that parses). */
  readonly size: number;

  /**
   * Files the given roles. With `oidcProviders`, IRSA statements naming an issuer the role's
   * account has no provider for are left out (STS rejects such tokens before the trust is read);
   * without, every issuer counts (offline checks that were not given the provider list).
   */
  constructor(roles: Iterable<Role>, options: { oidcProviders?: readonly OidcProvider[] } = {}) {
    const providers = options.oidcProviders
      ? new Set(
          options.oidcProviders.map(p => `${p.accountId}|${p.issuerHostPath.toLowerCase()}`),
        )
      : undefined;
    let size = 0;
    for (const role of roles) {
      const trust = parsePolicy(role.trustPolicy);
      const arn = parseArn(role.arn);
      if (!trust.ok || !arn.ok) continue;
      size += 1;
      const indexed: IndexedRole = {
        arn: role.arn,
        accountId: role.accountId,
        partition: arn.value.partition,
        trust: trust.value,
      };
      this.file(indexed, providers);
    }
    this.size = size;
  }

  /**
   * Every role of the given indexes whose trust admits the service account, IRSA and Pod
   * Identity, bound or not, sorted by ARN (a role admitting both ways appears twice).
   */
  static rolesAdmitting(
    indexes: Iterable<TrustAdmissionIndex>,
    cluster: Cluster,
    serviceAccount: ServiceAccount,
  ): AdmittingRole[] {
    const found: AdmittingRole[] = [];
    for (const index of indexes) index.collect(cluster, serviceAccount, found);
    found.sort(byArnThenVia);
    // The same index passed twice (or a role in two) yields neighbours after sorting.
    return found.filter(
      (a, i) => i === 0 || byArnThenVia(found[i - 1], a) !== 0,
    );
  }

  /** The roles of this index whose trust admits the service account (see the static form). */
  rolesAdmitting(cluster: Cluster, serviceAccount: ServiceAccount): AdmittingRole[] {
    return TrustAdmissionIndex.rolesAdmitting([this], cluster, serviceAccount);
  }

  /** Appends the roles of this index that admit the service account, unsorted. */
  private collect(
    cluster: Cluster,
    serviceAccount: ServiceAccount,
    admitting: AdmittingRole[],
  ): void {
    const { namespace, name } = serviceAccount;
    const issuer = normalizeIssuer(cluster.issuer);
    if (issuer.ok) {
      const hostPath = issuer.value.hostPath;
      const issuerKey = hostPath.toLowerCase();
      const subject = serviceAccountSubject({ namespace, name });
      const naming = this.bySubject.get(`${issuerKey}|${subject}`) ?? [];
      const candidates = new Set([
        ...naming,
        ...(this.byIssuerNamespace.get(`${issuerKey}|${namespace}`) ?? []),
        ...(this.byIssuer.get(issuerKey) ?? []),
        ...this.everywhere,
      ]);
      const audience = serviceAccount.annotations[IRSA_ANNOTATIONS.audience];
      for (const role of candidates) {
        const request = irsaRequest({
          issuerHostPath: hostPath,
          accountId: role.accountId,
          partition: role.partition,
          namespace,
          serviceAccount: name,
          audience,
        });
        if (evaluatePolicy(role.trust, request).allowed)
          admitting.push({ roleArn: role.arn, via: 'irsa', named: naming.includes(role) });
      }
    }
    if (!cluster.accountId) return;
    admitting.push(...this.clusterWideAdmissions(cluster, serviceAccount));
    const candidates = new Set([
      ...(this.podIdentityByNamespace.get(`${cluster.accountId}|${namespace}`) ?? []),
      ...(this.podIdentityByAccount.get(cluster.accountId) ?? []),
      ...this.everywhere.filter(r => r.accountId === cluster.accountId),
    ]);
    if (candidates.size === 0) return;
    const requests = podIdentityRequests({
      accountId: cluster.accountId,
      clusterArn: cluster.arn,
      clusterName: cluster.name,
      namespace,
      serviceAccount: name,
    });
    for (const role of candidates) {
      if (requests.every(r => evaluatePolicy(role.trust, r).allowed))
        admitting.push({ roleArn: role.arn, via: 'pod-identity' });
    }
  }

  /** The Pod Identity roles that admit every service account of the cluster alike, decided once. */
  private clusterWideAdmissions(cluster: Cluster, serviceAccount: ServiceAccount): AdmittingRole[] {
    const roles = this.podIdentityPerCluster.get(cluster.accountId);
    if (!roles) return [];
    const key = JSON.stringify([cluster.accountId, cluster.arn, cluster.name]);
    let admitted = this.perClusterDecisions.get(key);
    if (!admitted) {
      // Any service account of the cluster stands for all: these trusts do not read its tags.
      const requests = podIdentityRequests({
        accountId: cluster.accountId,
        clusterArn: cluster.arn,
        clusterName: cluster.name,
        namespace: serviceAccount.namespace,
        serviceAccount: serviceAccount.name,
      });
      admitted = roles
        .filter(role => requests.every(r => evaluatePolicy(role.trust, r).allowed))
        .map(role => Object.freeze({ roleArn: role.arn, via: 'pod-identity' as const }));
      this.perClusterDecisions.set(key, admitted);
    }
    return admitted;
  }

  private file(role: IndexedRole, providers: Set<string> | undefined): void {
    // Map keys this role is filed under, so that it is filed once per key.
    const subjects = new Set<string>();
    const issuerNamespaces = new Set<string>();
    const issuers = new Set<string>();
    let podIdentity: 'no' | 'narrowed' | 'account' = 'no';
    const namespaces = new Set<string>();
    for (const statement of role.trust.statements) {
      if (!grants(statement)) continue;
      if (statement.notPrincipal || statement.principal?.any) {
        this.everywhere.push(role);
        return;
      }
      for (const providerArn of statement.principal?.byType.Federated ?? []) {
        const parsed = parseArn(providerArn);
        if (!parsed.ok || !parsed.value.resource.startsWith('oidc-provider/')) continue;
        const hostPath = parsed.value.resource.slice('oidc-provider/'.length);
        const issuerKey = hostPath.toLowerCase();
        if (providers && !providers.has(`${role.accountId}|${issuerKey}`)) continue;
        const values = boundingValues(statement, `${issuerKey}:sub`);
        const keys: SubjectKey[] = values ? values.map(subjectKey) : [{ kind: 'wide' }];
        for (const key of keys) {
          if (key.kind === 'subject') subjects.add(`${issuerKey}|${key.subject}`);
          else if (key.kind === 'namespace') issuerNamespaces.add(`${issuerKey}|${key.namespace}`);
          else issuers.add(issuerKey);
        }
      }
      const services = statement.principal?.byType.Service ?? [];
      if (services.some(s => s === POD_IDENTITY_PRINCIPAL || hasWildcard(s))) {
        const values = boundingValues(statement, NAMESPACE_TAG_KEY);
        if (!values || values.some(hasWildcard)) podIdentity = 'account';
        else {
          if (podIdentity === 'no') podIdentity = 'narrowed';
          values.forEach(v => namespaces.add(v));
        }
      }
    }
    for (const key of subjects) push(this.bySubject, key, role);
    for (const key of issuerNamespaces) push(this.byIssuerNamespace, key, role);
    for (const key of issuers) push(this.byIssuer, key, role);
    if (podIdentity === 'account')
      push(
        readsWorkload(role.trust) ? this.podIdentityByAccount : this.podIdentityPerCluster,
        role.accountId,
        role,
      );
    else if (podIdentity === 'narrowed')
      for (const namespace of namespaces)
        push(this.podIdentityByNamespace, `${role.accountId}|${namespace}`, role);
  }
}

