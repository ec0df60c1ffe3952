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
import { Role } from '../domain/types';
import { irsaTrustPolicy } from '../testing/eksUserGuidePolicies';
import { teamRoleDigests } from './roleDigest';
import { assessRoleTrust, buildRoleListItem, RoleBindingRef } from './roleListItem';

const ACCOUNT = '111122223333';
const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const NOW = new Date('2026-12-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const BINDING: RoleBindingRef = { cluster: 'prod', namespace: 'payments', serviceAccount: 'api', via: 'irsa' };

/** A role list item as the roles view builds it, with IAM's last-used data and tags. */
function item(
  name: string,
  fields: Partial<Role>,
  bound: { bindings?: RoleBindingRef[]; boundEntities?: Array<{ entityRef: string; owner?: string }> } = {},
) {
  const role: Role = {
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    name,
    accountId: ACCOUNT,
    trustPolicy: irsaTrustPolicy({ accountId: ACCOUNT, issuerHostPath: ISSUER, subject: 'system:serviceaccount:payments:api' }),
    ...fields,
  };
  return buildRoleListItem(role, {
    assessment: assessRoleTrust(role, { knownIssuers: [ISSUER] }),
    bindings: bound.bindings ?? [],
    boundEntities: bound.boundEntities ?? [],
    now: NOW,
    unusedAfterDays: 90,
  });
}

describe('teamRoleDigests: the unused roles (ROLE-U01, ROLE-U02) of each team', () => {
  const boundNeverUsed = item('payments-s3', { createDate: daysAgo(30) }, {
    bindings: [BINDING],
    boundEntities: [{ entityRef: 'component:default/payments', owner: 'group:default/payments-team' }],
  });
  const requestedIdle = item('ledger-s3', {
    createDate: daysAgo(300),
    lastUsed: { at: daysAgo(200) },
    tags: { 'managed-by': 'aws-identity', 'aws-identity/entity': 'component:default/ledger' },
  });
  const taggedNeverUsed = item('reports-legacy', { createDate: daysAgo(120), tags: { owner: 'reports-team' } });
  const inUse = item('orders-s3', { lastUsed: { at: daysAgo(2) }, tags: { owner: 'group:default/payments-team' } });
  const nobodys = item('orphan', { createDate: daysAgo(500) });
  const badTag = item('bad-tag', { createDate: daysAgo(500), tags: { owner: 'Platform Team!' } });
  const catalog: Record<string, string> = { 'component:default/ledger': 'group:default/finance' };

  const digests = teamRoleDigests([boundNeverUsed, requestedIdle, taggedNeverUsed, inUse, nobodys, badTag], ref => catalog[ref]);

  it('sends each role to its owning team: bound components, the requested entity, the owner tag', () => {
    expect(digests.map(d => [d.team, d.roles.map(r => r.name)])).toEqual([
      ['group:default/finance', ['ledger-s3']],
      ['group:default/payments-team', ['payments-s3']],
      // A bare name in the owner tag is a group, as in spec.owner.
      ['group:default/reports-team', ['reports-legacy']],
    ]);
  });

  it('carries only the unused-role findings, with their check ids', () => {
    const byName = new Map(digests.flatMap(d => d.roles).map(r => [r.name, r.findings.map(f => f.id)]));
    expect(byName.get('payments-s3')).toEqual(['ROLE-U02']);
    expect(byName.get('ledger-s3')).toEqual(['ROLE-U01']);
    expect(byName.get('reports-legacy')).toEqual(['ROLE-U01']);
  });

  it('leaves out roles in use, roles nobody owns and owners that name no entity', () => {
    const names = digests.flatMap(d => d.roles.map(r => r.name));
    expect(names).not.toContain('orders-s3');
    expect(names).not.toContain('orphan');
    expect(names).not.toContain('bad-tag');
  });

  it("leaves out a requested role whose entity's owner the catalog does not know", () => {
    expect(teamRoleDigests([requestedIdle], () => undefined)).toEqual([]);
  });
});
