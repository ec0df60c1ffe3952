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
  assessRoleTrust,
  buildRoleListItem,
  compareRoleListItems,
  normalizeIssuer,
  OidcProvider,
  resolveBinding,
  Role,
  RoleBindingRef,
  RoleListItem,
  RoleTrustAssessment,
} from '@internal/plugin-aws-identity-common';
import { createHash } from 'node:crypto';
import { IdentityService } from '../identity/IdentityService';
import { OrgViews } from './OrgViews';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The roles view: every role of every read account as a {@link RoleListItem}, in list order.
 *
 * Two memos keep it cheap at tens of thousands of roles: a role's trust assessment (breadth
 * search and checks, the costly part) is kept per role for as long as what it was made from
 * is the same (the trust, permission policies and boundary, the account's OIDC providers and
 * the known issuers), so a re-read of an unchanged account costs nothing; the rows (bindings,
 * owners, use) are rebuilt once per change of the snapshot, the entity directory or the day,
 * with one pass over service accounts and associations.
 *
 * @public
 */
export class RolesView {
  /** By role ARN: the assessment and what it was made from. */
  private readonly assessments = new Map<
    string,
    { role: Role; content: string; providersKey: string; issuersKey: string; assessment: RoleTrustAssessment }
  >();
  private memo?: { key: string; items: RoleListItem[] };

  constructor(
    private readonly identity: IdentityService,
    private readonly orgViews: OrgViews,
    private readonly options: { unusedAfterDays: number; now?: () => Date },
  ) {}

  /** Every role, ordered by account and name. */
  list(): RoleListItem[] {
    const now = this.options.now?.() ?? new Date();
    const key = `${this.orgViews.version}/${Math.floor(now.getTime() / DAY_MS)}`;
    if (this.memo?.key === key) return this.memo.items;

    const snapshot = this.identity.snapshot();
    const knownIssuers = snapshot.clusters
      .map(c => normalizeIssuer(c.issuer))
      .flatMap(r => (r.ok ? [r.value.hostPath] : []));
    const issuersKey = knownIssuers.join(' ');

    const bindings = new Map<string, RoleBindingRef[]>();
    const entities = new Map<string, Map<string, { entityRef: string; owner?: string }>>();
    const bind = (roleArn: string, ref: RoleBindingRef) => {
      const list = bindings.get(roleArn) ?? [];
      list.push(ref);
      bindings.set(roleArn, list);
      const claims = this.orgViews.claimsOf({ cluster: ref.cluster, namespace: ref.namespace, name: ref.serviceAccount });
      if (claims.length === 0) return;
      const byRef = entities.get(roleArn) ?? new Map();
      for (const claim of claims) byRef.set(claim.entityRef, claim);
      entities.set(roleArn, byRef);
    };
    const existing = new Set<string>();
    for (const sa of snapshot.serviceAccounts()) {
      existing.add(`${sa.cluster}/${sa.namespace}/${sa.name}`);
      // Associations are walked on their own below; the annotation is the IRSA binding.
      const { irsaRoleArn } = resolveBinding(sa, []);
      if (irsaRoleArn) bind(irsaRoleArn, { cluster: sa.cluster, namespace: sa.namespace, serviceAccount: sa.name, via: 'irsa' });
    }
    for (const a of snapshot.associations) {
      // An association binds a role only once its service account exists.
      if (!existing.has(`${a.cluster}/${a.namespace}/${a.serviceAccount}`)) continue;
      bind(a.roleArn, { cluster: a.cluster, namespace: a.namespace, serviceAccount: a.serviceAccount, via: 'pod-identity' });
    }

    const items: RoleListItem[] = [];
    for (const role of snapshot.rolesByArn.values()) {
      items.push(
        buildRoleListItem(role, {
          assessment: this.assessmentOf(role, snapshot.oidcProvidersOf(role.accountId), knownIssuers, issuersKey),
          bindings: bindings.get(role.arn) ?? [],
          boundEntities: [...(entities.get(role.arn)?.values() ?? [])],
          now,
          unusedAfterDays: this.options.unusedAfterDays,
        }),
      );
    }
    this.prune(snapshot.rolesByArn);
    items.sort(compareRoleListItems);
    this.memo = { key, items };
    return items;
  }

  private assessmentOf(
    role: Role,
    providers: readonly OidcProvider[] | undefined,
    knownIssuers: string[],
    issuersKey: string,
  ): RoleTrustAssessment {
    const kept = this.assessments.get(role.arn);
    // The same object is the same content (a snapshot never changes); a re-read brings a new
    // object, compared by what the assessment reads.
    if (kept && kept.issuersKey === issuersKey) {
      if (kept.role === role) return kept.assessment;
      const content = contentOf(role);
      const providersKey = providersKeyOf(providers);
      if (kept.content === content && kept.providersKey === providersKey) {
        kept.role = role;
        return kept.assessment;
      }
    }
    const assessment = assessRoleTrust(role, {
      oidcProviders: providers ? [...providers] : undefined,
      knownIssuers,
    });
    this.assessments.set(role.arn, {
      role,
      content: contentOf(role),
      providersKey: providersKeyOf(providers),
      issuersKey,
      assessment,
    });
    return assessment;
  }

  /** Forgets the assessments of roles the snapshot no longer has. */
  private prune(present: ReadonlyMap<string, Role>): void {
    for (const arn of this.assessments.keys()) {
      if (!present.has(arn)) this.assessments.delete(arn);
    }
  }
}

/** A digest of what a role's assessment is made from (a digest: the view keeps one per role). */
function contentOf(role: Role): string {
  return digest(JSON.stringify([role.trustPolicy, role.permissionPolicies ?? [], role.permissionsBoundaryArn ?? '']));
}

function providersKeyOf(providers: readonly OidcProvider[] | undefined): string {
  return providers === undefined ? '(unread)' : digest(JSON.stringify(providers));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
