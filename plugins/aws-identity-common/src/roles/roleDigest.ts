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
import { Finding } from '../domain/types';
import { normalizeOwnerRef } from '../parse/ownerRef';
import { RoleListItem } from './roleListItem';

/**
 * The findings a team's role digest reports: roles unused for the configured days (ROLE-U01)
 * and roles bound to a service account yet never used (ROLE-U02).
 *
 * @public
 */
export const ROLE_DIGEST_CHECK_IDS: readonly string[] = ['ROLE-U01', 'ROLE-U02'];

/**
 * One role in a team's digest, with the digest's findings of it.
 *
 * @public
 */
export interface RoleDigestEntry {
  arn: string;
  name: string;
  accountId: string;
  findings: Finding[];
}

/**
 * The digest of one team: the roles it owns with unused-role findings, in list order.
 *
 * @public
 */
export interface TeamRoleDigest {
  /** The team (or user) as an entity ref, whom the digest is sent to. */
  team: string;
  roles: RoleDigestEntry[];
}

/**
 * Groups the unused-role findings of the roles view by the teams that own the roles. The team
 * is the owner the backend decided ({@link RoleListItem.owner}): the catalog owners of the bound
 * components; for a role a portal request created, the catalog owner of the request's entity
 * (`ownerOfEntity`); for an `owner` tag, the tag read as an owner ref (a bare name is a group,
 * as in `spec.owner`). A role whose owner names no entity (an unreadable tag, an entity the
 * catalog does not know) is in no team's digest: nobody could receive it. Roles without digest
 * findings and teams without such roles are left out.
 *
 * @public
 */
export function teamRoleDigests(
  items: readonly RoleListItem[],
  ownerOfEntity: (entityRef: string) => string | undefined,
): TeamRoleDigest[] {
  const byTeam = new Map<string, RoleDigestEntry[]>();
  for (const item of items) {
    const findings = item.findings.filter(f => ROLE_DIGEST_CHECK_IDS.includes(f.id));
    if (findings.length === 0 || !item.owner) continue;
    const entry: RoleDigestEntry = { arn: item.arn, name: item.name, accountId: item.accountId, findings };
    for (const team of teamsOf(item.owner, ownerOfEntity)) {
      const list = byTeam.get(team) ?? [];
      list.push(entry);
      byTeam.set(team, list);
    }
  }
  return [...byTeam]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([team, roles]) => ({ team, roles }));
}

function teamsOf(owner: NonNullable<RoleListItem['owner']>, ownerOfEntity: (entityRef: string) => string | undefined): string[] {
  const refs =
    owner.source === 'request'
      ? owner.entityRefs.flatMap(ref => {
          const catalogOwner = ownerOfEntity(ref);
          return catalogOwner ? [catalogOwner] : [];
        })
      : owner.owners;
  const teams = new Set<string>();
  for (const ref of refs) {
    const parsed = normalizeOwnerRef(ref);
    if (parsed.ok) teams.add(parsed.value);
  }
  return [...teams];
}
