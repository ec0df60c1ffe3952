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
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RoleListItem, RoleListResponse } from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { awsIdentityPlugin } from '../plugin';
import { ACCOUNT, irsaTrust, ISSUER, OTHER_ACCOUNT, POD_IDENTITY_TRUST, role } from '../testing/awsFixtures';
import { eksCluster, FakeAwsSource, FakeClusterSource, fakeSourcesModule, injectedPods, irsaAnnotation } from '../testing/fakeSources';
import { hidingEntitiesFrom, permissionedCatalogFactory } from '../testing/permissionedCatalog';

jest.setTimeout(60_000);

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** Bound to payments-api, which the payments component claims; used yesterday. */
const PAYMENTS = { ...role('payments', irsaTrust(ISSUER, 'payments', 'payments-api')), lastUsed: { at: daysAgo(1) } };
/** Nobody's: no binding, no tags; created long ago and never used. */
const LEFTOVER = { ...role('leftover', irsaTrust(ISSUER, 'old', 'gone')), createDate: daysAgo(300) };
/** Created by a portal request for the ledger component (its ownership tags), not bound yet. */
const LEDGER = {
  ...role('ledger', POD_IDENTITY_TRUST),
  tags: { 'managed-by': 'aws-identity', 'aws-identity/entity': 'component:default/ledger' },
};
/** Admits every service account of the payments namespace; owned by a tag that looks like a formula. */
const WIDE = {
  ...role('wide', {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER.replace('https://', '')}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { [`${ISSUER.replace('https://', '')}:sub`]: 'system:serviceaccount:payments:*' } },
      },
    ],
  }),
  tags: { Owner: '=cmd|calc' },
};
const OTHER = role('other-account-role', POD_IDENTITY_TRUST, OTHER_ACCOUNT);

const PAYMENTS_COMPONENT: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'payments' } },
  spec: { type: 'service', owner: 'group:default/payments-team', lifecycle: 'production' },
};

async function start(options: { permission?: AuthorizeResult; hiddenFrom?: string; otherAccountFails?: boolean } = {}) {
  const aws = new FakeAwsSource([ACCOUNT, OTHER_ACCOUNT])
    .readAccount(ACCOUNT, [PAYMENTS, LEFTOVER, LEDGER, WIDE], { issuers: [ISSUER] })
    .readEks('prod', eksCluster({ eksName: 'prod', accountId: ACCOUNT, region: 'us-east-1', issuer: ISSUER }));
  if (options.otherAccountFails) aws.failAccount(OTHER_ACCOUNT, 'AccessDenied: not authorized to perform iam:GetAccountAuthorizationDetails');
  else aws.readAccount(OTHER_ACCOUNT, [OTHER], { issuers: [] });
  const clusters = new FakeClusterSource([
    {
      name: 'prod',
      accountId: ACCOUNT,
      serviceAccounts: [
        {
          namespace: 'payments',
          name: 'payments-api',
          annotations: irsaAnnotation(PAYMENTS.arn),
          pods: { aggregate: injectedPods(2, PAYMENTS.arn), labelSets: [{ 'backstage.io/kubernetes-id': 'payments' }] },
        },
      ],
    },
  ]);
  const { server } = await startTestBackend({
    features: [
      awsIdentityPlugin,
      fakeSourcesModule({ aws, clusters }),
      ...(options.hiddenFrom
        ? [permissionedCatalogFactory([PAYMENTS_COMPONENT]), hidingEntitiesFrom(options.hiddenFrom, ['component:default/payments'])]
        : [catalogServiceMock.factory({ entities: [PAYMENTS_COMPONENT] })]),
      ...(options.permission ? [mockServices.permissions.factory({ result: options.permission as AuthorizeResult.ALLOW })] : []),
    ],
  });
  const get = (path: string, user?: string) =>
    request(server).get(`/api/aws-identity${path}`).set('Authorization', mockCredentials.user.header(user));
  // The entity directory refreshes at startup; wait until it claims the payments service account.
  for (let i = 0; i < 50; i++) {
    const body = (await get('/roles?q=payments')).body as RoleListResponse;
    if (body.items?.[0]?.owner) break;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return { get };
}

const byName = (items: RoleListItem[]) => Object.fromEntries(items.map(item => [item.name, item]));

describe('GET /roles', () => {
  it('lists every role of every read account with owner, bindings, use and trust breadth', async () => {
    const { get } = await start();
    const response = await get('/roles');
    expect(response.status).toBe(200);
    const body = response.body as RoleListResponse;
    expect(body.totalCount).toBe(5);
    expect(body.items.map(i => i.name)).toEqual(['ledger', 'leftover', 'payments', 'wide', 'other-account-role']);
    const roles = byName(body.items);
    expect(roles.payments.owner).toEqual({ source: 'binding', entityRefs: ['component:default/payments'], owners: ['group:default/payments-team'] });
    expect(roles.payments.bindings).toEqual([{ cluster: 'prod', namespace: 'payments', serviceAccount: 'payments-api', via: 'irsa' }]);
    expect(roles.payments.trust).toEqual({ workload: ['irsa'], breadth: 'exact' });
    expect(roles.payments.usage).toEqual({ used: true, idleDays: 1 });
    expect(roles.ledger.owner).toEqual({ source: 'request', entityRefs: ['component:default/ledger'], owners: [] });
    expect(roles.ledger.trust.breadth).toBe('association');
    expect(roles.wide.owner?.source).toBe('tag');
    expect(roles.wide.trust.breadth).toBe('wider');
    expect(roles.wide.risky).toBe(true);
    expect(roles.leftover.orphaned).toBe(true);
    expect(roles.leftover.findings.map(f => f.id)).toContain('ROLE-U01');
    expect(body.accounts.map(a => [a.source, a.state])).toEqual([
      [{ kind: 'aws-account', accountId: ACCOUNT }, 'ok'],
      [{ kind: 'aws-account', accountId: OTHER_ACCOUNT }, 'ok'],
    ]);
  });

  it.each([
    ['orphaned=true', ['leftover', 'other-account-role']],
    ['orphaned=false', ['ledger', 'payments', 'wide']],
    ['unusedDays=200', ['leftover']],
    ['risky=true', ['wide']],
    [`account=${OTHER_ACCOUNT}`, ['other-account-role']],
    ['owner=group:default/payments-team', ['payments']],
    ['q=LED', ['ledger']],
    ['orphaned=false&account=111122223333&limit=2&offset=1', ['payments', 'wide']],
    ['orphaned=true&account=111122223333', ['leftover']],
  ])('filters and pages server-side: %s', async (query, names) => {
    const { get } = await start();
    const response = await get(`/roles?${query}`);
    expect(response.status).toBe(200);
    expect((response.body as RoleListResponse).items.map(i => i.name)).toEqual(names);
  });

  it('reports the total of the filtered list, not of the page', async () => {
    const { get } = await start();
    const body = (await get('/roles?limit=1')).body as RoleListResponse;
    expect([body.items.length, body.totalCount, body.limit, body.offset]).toEqual([1, 5, 1, 0]);
  });

  it.each([
    ['orphaned=yes', 'orphaned: "yes" is not one of true, false'],
    ['orphaned=true,false', 'orphaned: must be true or false, not both'],
    ['unusedDays=0', 'unusedDays: must be a whole number from 1 to 100000'],
    ['unusedDays=-5', 'unusedDays: must be a whole number from 1 to 100000'],
    ['limit=501', 'limit: must be a whole number from 1 to 500'],
    ['offset=1e3', 'offset: must be a whole number from 0 to 10000000'],
    ['account=1234', 'account: "1234" is not a 12-digit account id'],
    ['risky=true&risky=false', 'risky: given more than once; give it at most once'],
    ['q[a]=b', 'q: must be a single value, not a nested parameter'],
    [`q=${'x'.repeat(201)}`, 'q: must be at most 200 characters'],
    ['format=xml', 'format: "xml" is not one of json, csv'],
    ['sort=name', 'sort: not a parameter of GET /roles'],
  ])('answers 400 naming the parameter: %s', async (query, message) => {
    const { get } = await start();
    const response = await get(`/roles?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  it('exports every matching role as CSV, with formula cells neutralised', async () => {
    const { get } = await start();
    for (const response of [await get('/roles?format=csv&risky=true'), await get('/roles?risky=true').set('Accept', 'text/csv')]) {
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="aws-roles.csv"');
      const lines = response.text.split('\r\n');
      expect(lines[0]).toMatch(/^arn,account,name,owner_source,/);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain(`,tag,,'=cmd|calc,`);
    }
  });

  it('shows an account it could not read as such, never as an empty account', async () => {
    const { get } = await start({ otherAccountFails: true });
    const body = (await get('/roles')).body as RoleListResponse;
    expect(body.items.map(i => i.accountId)).not.toContain(OTHER_ACCOUNT);
    const other = body.accounts.find(a => a.source.kind === 'aws-account' && a.source.accountId === OTHER_ACCOUNT);
    expect(other?.state).toBe('error');
    expect(other?.error).toContain('AccessDenied');
  });

  it('leaves out of the owners the entities the caller may not read in the catalog', async () => {
    const OUTSIDER = 'user:default/outsider';
    const { get } = await start({ hiddenFrom: OUTSIDER });
    const mine = byName(((await get('/roles')).body as RoleListResponse).items);
    expect(mine.payments.owner?.entityRefs).toEqual(['component:default/payments']);
    const theirs = byName(((await get('/roles', OUTSIDER)).body as RoleListResponse).items);
    expect(theirs.payments.owner).toEqual({ source: 'binding', entityRefs: [], owners: [] });
    // The role itself is IAM's and stays listed.
    expect(theirs.payments.bindings).toHaveLength(1);
  });

  it('answers 403 naming aws-identity.roles.read when the policy denies it', async () => {
    const { get } = await start({ permission: AuthorizeResult.DENY });
    for (const path of ['/roles', '/roles?format=csv']) {
      const response = await get(path);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe('Missing permission aws-identity.roles.read');
    }
  });
});
