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
import { roleUsageChecks } from '../checks/roleUsageChecks';
import { runChecks } from '../checks/types';
import { Role } from '../domain/types';
import { irsaTrustPolicy, podIdentityTrustPolicy } from '../testing/eksUserGuidePolicies';
import { decideRoleOwner } from './roleOwner';
import { compareRoleListItems, filterRoleList, roleListCsv } from './roleList';
import { assessRoleTrust, buildRoleListItem, RoleListItem } from './roleListItem';
import { isUnusedFor, roleUsage } from './roleUsage';

const ACCOUNT = '111122223333';
const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const NOW = new Date('2026-12-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

function role(overrides: Partial<Role> = {}): Role {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:role/${overrides.name ?? 'payments'}`,
    name: 'payments',
    accountId: ACCOUNT,
    trustPolicy: irsaTrustPolicy({ accountId: ACCOUNT, issuerHostPath: ISSUER, subject: 'system:serviceaccount:payments:api' }),
    ...overrides,
  };
}

const provider = { arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, accountId: ACCOUNT, issuerHostPath: ISSUER, clientIds: ['sts.amazonaws.com'] };

describe('decideRoleOwner: a binding, then the request that created the role, then an owner tag', () => {
  it.each([
    [
      'the bound components win over every tag',
      { boundEntities: [{ entityRef: 'component:default/b', owner: 'group:default/x' }, { entityRef: 'component:default/a' }], tags: { owner: 'team-z', 'managed-by': 'aws-identity', 'aws-identity/entity': 'component:default/c' } },
      { source: 'binding', entityRefs: ['component:default/a', 'component:default/b'], owners: ['group:default/x'] },
    ],
    [
      'the ownership tags of a portal request name the entity it was created for',
      { boundEntities: [], tags: { 'managed-by': 'aws-identity', 'aws-identity/entity': 'component:default/ledger', owner: 'team-z' } },
      { source: 'request', entityRefs: ['component:default/ledger'], owners: [] },
    ],
    [
      'IAM tag keys are compared without case (Managed-By, AWS-Identity/Entity)',
      { boundEntities: [], tags: { 'Managed-By': 'aws-identity', 'AWS-Identity/Entity': 'component:default/ledger' } },
      { source: 'request', entityRefs: ['component:default/ledger'], owners: [] },
    ],
    [
      'an entity tag without managed-by: aws-identity is not the portal\'s record; the owner tag decides',
      { boundEntities: [], tags: { 'aws-identity/entity': 'component:default/ledger', Owner: 'team-z' } },
      { source: 'tag', entityRefs: [], owners: ['team-z'] },
    ],
    [
      'IAM tag values are compared exactly: managed-by: AWS-Identity is not the portal\'s tag',
      { boundEntities: [], tags: { 'managed-by': 'AWS-Identity', 'aws-identity/entity': 'component:default/ledger' } },
      undefined,
    ],
    ['no binding and no tags: nobody owns it', { boundEntities: [], tags: {} }, undefined],
    ['a blank owner tag is no owner', { boundEntities: [], tags: { owner: '  ' } }, undefined],
  ])('%s', (_name, input, expected) => {
    expect(decideRoleOwner(input)).toEqual(expected);
  });
});

describe("roleUsage: IAM's last-use data (trailing 400 days)", () => {
  it.each([
    ['used 10 days ago: idle 10 days', { lastUsed: { at: daysAgo(10) }, createDate: daysAgo(300) }, { used: true, idleDays: 10 }],
    ['used today: idle 0 days', { lastUsed: { at: NOW.toISOString() } }, { used: true, idleDays: 0 }],
    ['never used, created 30 days ago: idle since creation', { createDate: daysAgo(30) }, { used: false, idleDays: 30 }],
    ['never used, created 900 days ago: capped at the 400 days IAM tracks', { createDate: daysAgo(900) }, { used: false, idleDays: 400 }],
    ['never used and creation unknown: idle time unknown', {}, { used: false }],
    ['an unparsable last-use date is no use (never "used today")', { lastUsed: { at: 'yesterday' }, createDate: daysAgo(5) }, { used: false, idleDays: 5 }],
    ['a last use in the future (clock skew) is idle 0, not negative', { lastUsed: { at: daysAgo(-2) } }, { used: true, idleDays: 0 }],
  ])('%s', (_name, input, expected) => {
    expect(roleUsage(input, NOW)).toEqual(expected);
  });

  it('a role whose idle time is unknown is never claimed unused', () => {
    expect(isUnusedFor({ used: false }, 0)).toBe(false);
    expect(isUnusedFor({ used: true, idleDays: 90 }, 90)).toBe(true);
    expect(isUnusedFor({ used: true, idleDays: 89 }, 90)).toBe(false);
  });
});

describe('ROLE-U01 (unused for N days) and ROLE-U02 (bound but never used)', () => {
  const ids = (r: Partial<Role>, bound: boolean, unusedAfterDays = 90) =>
    runChecks(roleUsageChecks, { role: role(r), bound, now: NOW, unusedAfterDays }, { kind: 'role', ref: 'x' }).map(f => f.id);

  it.each([
    ['unbound, last used 120 days ago, threshold 90: ROLE-U01', { lastUsed: { at: daysAgo(120) } }, false, ['ROLE-U01']],
    ['bound, last used 120 days ago: ROLE-U01 (it was used, the binding works or worked)', { lastUsed: { at: daysAgo(120) } }, true, ['ROLE-U01']],
    ['last used 89 days ago, threshold 90: nothing', { lastUsed: { at: daysAgo(89) } }, false, []],
    ['unbound, never used, created 100 days ago: ROLE-U01', { createDate: daysAgo(100) }, false, ['ROLE-U01']],
    ['bound, never used, created 100 days ago: ROLE-U02 only', { createDate: daysAgo(100) }, true, ['ROLE-U02']],
    ['bound, never used, created 3 days ago: ROLE-U02', { createDate: daysAgo(3) }, true, ['ROLE-U02']],
    ['bound, never used, created today: within the grace for IAM\'s lag, nothing', { createDate: NOW.toISOString() }, true, []],
    ['bound, never used, creation unknown: undecidable, nothing', {}, true, []],
  ])('%s', (_name, r, bound, expected) => {
    expect(ids(r, bound)).toEqual(expected);
  });

  it('says when IAM has no record within its 400 tracked days', () => {
    const [finding] = runChecks(roleUsageChecks, { role: role({ createDate: daysAgo(1000) }), bound: false, now: NOW, unusedAfterDays: 90 }, { kind: 'role', ref: 'x' });
    expect(finding.message).toContain('no recorded use in the 400 days IAM tracks');
  });
});

describe('assessRoleTrust: breadth of the trust without a service account in view', () => {
  const subjectTrust = (operator: string, sub: string) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: provider.arn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { [operator]: { [`${ISSUER}:sub`]: sub, [`${ISSUER}:aud`]: 'sts.amazonaws.com' } },
      },
    ],
  });
  it.each([
    ["the EKS User Guide's IRSA trust (sub and aud with StringEquals) is exact", role().trustPolicy, 'exact', false],
    ['StringLike system:serviceaccount:payments:* admits every service account of the namespace: wider', subjectTrust('StringLike', 'system:serviceaccount:payments:*'), 'wider', true],
    ['StringLike system:serviceaccount:*:api admits the name in every namespace', subjectTrust('StringLike', 'system:serviceaccount:*:api'), 'every-namespace', true],
    ['StringLike system:serviceaccount:*i:api admits it in every namespace ending in i: wider', subjectTrust('StringLike', 'system:serviceaccount:*i:api'), 'wider', true],
    [
      'no sub condition admits any service account of the cluster',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: provider.arn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } } }] },
      'any-service-account',
      true,
    ],
    ["the EKS User Guide's Pod Identity trust: associations decide", podIdentityTrustPolicy({ accountId: ACCOUNT }), 'association', false],
    [
      'an EC2 service trust is not a workload trust',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      'not-workload',
      false,
    ],
    ['a trust that does not parse', '{not json', 'invalid', false],
  ])('%s', (_name, trustPolicy, breadth, risky) => {
    const assessment = assessRoleTrust(role({ trustPolicy }), { oidcProviders: [provider], knownIssuers: [ISSUER] });
    expect(assessment.breadth).toBe(breadth);
    expect(assessment.risky).toBe(risky);
  });

  it('names IRSA and Pod Identity when the trust has both', () => {
    const irsa = irsaTrustPolicy({ accountId: ACCOUNT, issuerHostPath: ISSUER, subject: 'system:serviceaccount:payments:api' });
    const both = { ...irsa, Statement: [...irsa.Statement, ...podIdentityTrustPolicy({ accountId: ACCOUNT }).Statement] };
    expect(assessRoleTrust(role({ trustPolicy: both }), { oidcProviders: [provider] }).workload).toEqual(['irsa', 'pod-identity']);
  });

  it('runs the permission checks too: Action "*" on Resource "*" is a finding of the role', () => {
    const admin = role({
      permissionPolicies: [{ name: 'admin', kind: 'inline', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
    });
    const { findings } = assessRoleTrust(admin, { oidcProviders: [provider] });
    expect(findings.some(f => f.severity === 'critical' || f.severity === 'high')).toBe(true);
  });
});

describe('buildRoleListItem, filterRoleList and the CSV export', () => {
  const item = (r: Partial<Role>, bindings: RoleListItem['bindings'] = [], boundEntities: Array<{ entityRef: string; owner?: string }> = []) => {
    const full = role(r);
    return buildRoleListItem(full, {
      assessment: assessRoleTrust(full, { oidcProviders: [provider] }),
      bindings,
      boundEntities,
      now: NOW,
      unusedAfterDays: 90,
    });
  };
  const binding = { cluster: 'east', namespace: 'payments', serviceAccount: 'api', via: 'irsa' as const };
  const bound = item({ name: 'bound', arn: `arn:aws:iam::${ACCOUNT}:role/bound`, lastUsed: { at: daysAgo(1) } }, [binding], [{ entityRef: 'component:default/payments', owner: 'group:default/pay' }]);
  const orphan = item({ name: 'Orphan', arn: `arn:aws:iam::${ACCOUNT}:role/Orphan`, createDate: daysAgo(200) });
  const tagged = item({ name: 'tagged', arn: `arn:aws:iam::444455556666:role/tagged`, accountId: '444455556666', tags: { owner: '=HYPERLINK("http://x","y")' } });

  it('an orphan has no owner and no binding; a tagged role is owned', () => {
    expect([bound.orphaned, orphan.orphaned, tagged.orphaned]).toEqual([false, true, false]);
    expect(orphan.findings.map(f => f.id)).toContain('ROLE-U01');
    expect(orphan.findingCounts.low).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['orphaned', { orphaned: true }, ['Orphan']],
    ['unused for 100 days', { unusedDays: 100 }, ['Orphan']],
    ['account', { accountIds: ['444455556666'] }, ['tagged']],
    ['owner, by group ref (case-insensitive)', { owner: 'GROUP:default/pay' }, ['bound']],
    ['owner, by entity ref', { owner: 'component:default/payments' }, ['bound']],
    ['text in the name', { text: 'orph' }, ['Orphan']],
    ['several filters at once must all hold', { orphaned: true, accountIds: ['444455556666'] }, []],
  ])('filters by %s', (_name, filter, names) => {
    expect(filterRoleList([bound, orphan, tagged], filter).map(i => i.name)).toEqual(names);
  });

  it('orders by account, then name without case', () => {
    expect([tagged, orphan, bound].sort(compareRoleListItems).map(i => i.name)).toEqual(['bound', 'Orphan', 'tagged']);
  });

  it('exports RFC 4180 CSV and neutralises formula cells (OWASP CSV injection)', () => {
    const csv = roleListCsv([tagged]);
    const [header, row] = csv.split('\r\n');
    expect(header.split(',')[0]).toBe('arn');
    expect(csv.endsWith('\r\n')).toBe(true);
    // The owner tag starts with "=": prefixed with ' and, holding a quote and a comma, quoted.
    expect(row).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});
