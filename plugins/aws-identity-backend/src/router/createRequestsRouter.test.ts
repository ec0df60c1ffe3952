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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Role, roleNameKeyOfArn, SourceStatus } from '@internal/plugin-aws-identity-common';
import { badRoleRequestCases } from '@internal/plugin-aws-identity-common/testing';
import request from 'supertest';
import { RequestStore } from '../requests/RequestStore';
import { hidingEntitiesFrom, permissionedCatalogFactory } from '../testing/permissionedCatalog';
import { LiveIdentity } from '../requests/RequestService';
import { emptyLiveIdentity, requestsTestPlugin, validRequest } from '../requests/__fixtures__';

jest.setTimeout(60_000);

async function start(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  live?: LiveIdentity,
) {
  let store: RequestStore | undefined;
  const { server } = await startTestBackend({
    features: [requestsTestPlugin({ onStore: s => (store = s), live }), mockServices.permissions.factory({ result })],
  });
  return { server, store: () => store! };
}

describe('createRequestsRouter', () => {
  describe('POST /requests/:id/restore and /accept', () => {
    /** A verified request whose role drifted, and an index that read its account. */
    async function drifted() {
      const roles: Role[] = [];
      const live: LiveIdentity = {
        ...emptyLiveIdentity(),
        role: arn => roles.find(r => roleNameKeyOfArn(r.arn) === roleNameKeyOfArn(arn)),
        accountStatus: accountId => ({ source: { kind: 'aws-account', accountId }, state: 'ok' }) as SourceStatus,
      };
      const started = await start(AuthorizeResult.ALLOW, live);
      const posted = await request(started.server)
        .post('/api/aws-identity/requests')
        .set('Authorization', mockCredentials.user.header('user:default/bob'))
        .send({ idempotencyKey: 'drift-1', request: validRequest });
      const id = posted.body.request.id as string;
      const store = started.store();
      const path = [['submitted', 'approved'], ['approved', 'pr-open'], ['pr-open', 'merged'], ['merged', 'live'], ['live', 'verified'], ['verified', 'drifted']] as const;
      for (const [from, to] of path) await store.transition({ id, from, to, actor: 'plugin:aws-identity' });
      const plan = posted.body.request.plan;
      roles.push({
        arn: plan.roleArn,
        name: plan.input.roleName,
        accountId: plan.input.accountId,
        trustPolicy: plan.trustPolicy.document,
        permissionPolicies: [{ name: 'by-hand', kind: 'inline', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] } }],
      });
      return { ...started, id, roles };
    }

    it('makes the repair a new submitted request by the caller (201), the same one again (200), and offers it on the drifted request', async () => {
      const { server, id } = await drifted();
      const read = await request(server).get(`/api/aws-identity/requests/${id}`);
      expect(read.body.repairs).toEqual([{ repair: 'restore', allowed: true }, { repair: 'accept', allowed: true }]);
      const accept = await request(server).post(`/api/aws-identity/requests/${id}/accept`);
      expect(accept.status).toBe(201);
      expect(accept.body).toMatchObject({
        created: true,
        request: { state: 'submitted', requestedBy: 'user:default/mock', succeeds: { requestId: id, repair: 'accept' } },
      });
      expect(accept.body.request.plan.permissionPolicy.document.Statement).toEqual([
        { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
      ]);
      const again = await request(server).post(`/api/aws-identity/requests/${id}/accept`);
      expect(again.status).toBe(200);
      expect(again.body.request.id).toBe(accept.body.request.id);
      const other = await request(server).post(`/api/aws-identity/requests/${id}/restore`);
      expect(other.status).toBe(409);
      expect(other.body.error.message).toContain(`request ${accept.body.request.id} already repairs this drift`);
    });

    it('answers 409 for a request that is not drifted, 404 for an unknown one, 403 without permission and 401 without credentials', async () => {
      const { server, id, store } = await drifted();
      await store().transition({ id, from: 'drifted', to: 'verified', actor: 'plugin:aws-identity' });
      const notDrifted = await request(server).post(`/api/aws-identity/requests/${id}/restore`);
      expect(notDrifted.status).toBe(409);
      expect(notDrifted.body.error.message).toBe(`Cannot restore request ${id}: the request is verified; only a drifted request can be restored`);
      expect((await request(server).post('/api/aws-identity/requests/00000000-0000-4000-8000-000000000000/restore')).status).toBe(404);
      expect((await request(server).post(`/api/aws-identity/requests/${id}/restore`).set('Authorization', mockCredentials.none.header())).status).toBe(401);
      expect(await store().count({ succeeds: id })).toBe(0);
      // Permission is checked before the request is read.
      const denied = await start(AuthorizeResult.DENY);
      expect((await request(denied.server).post(`/api/aws-identity/requests/${id}/restore`)).status).toBe(403);
    });
  });

  it('creates a request idempotently and reads it back', async () => {
    const { server } = await start();
    const body = { idempotencyKey: 'task-1:request', request: validRequest, format: 'terraform' };
    const first = await request(server).post('/api/aws-identity/requests').send(body);
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    expect(first.body.request).toMatchObject({ state: 'submitted', requestedBy: 'user:default/mock', entityRef: 'component:default/reports-api' });
    const again = await request(server).post('/api/aws-identity/requests').send(body);
    expect(again.status).toBe(200);
    expect(again.body.request.id).toBe(first.body.request.id);
    const conflict = await request(server)
      .post('/api/aws-identity/requests')
      .send({ ...body, request: { ...validRequest, serviceAccount: 'other' } });
    expect(conflict.status).toBe(409);
    const one = await request(server).get(`/api/aws-identity/requests/${first.body.request.id}`);
    expect(one.status).toBe(200);
    expect(one.body.transitions).toEqual([expect.objectContaining({ from: null, to: 'submitted' })]);
    const list = await request(server).get('/api/aws-identity/requests?entityRef=component:default/reports-api&state=submitted');
    expect(list.body.items).toHaveLength(1);
    expect((await request(server).get('/api/aws-identity/requests?state=bogus')).status).toBe(400);
    expect((await request(server).get('/api/aws-identity/requests/nope')).status).toBe(404);
  });

  it('records the owner the requester declared, normalised, and returns it on every read', async () => {
    const { server } = await start();
    const post = (idempotencyKey: string, req: object) =>
      request(server).post('/api/aws-identity/requests').send({ idempotencyKey, request: req });
    // A component not in the catalog yet, with the owner picked in the template.
    const declared = await post('owner-1', { ...validRequest, entityRef: 'component:default/fresh-api', owner: 'app-team' });
    expect(declared.status).toBe(201);
    expect(declared.body.request).toMatchObject({
      owner: 'group:default/app-team',
      plan: { input: { owner: 'group:default/app-team' } },
    });
    // Without one, as before: the team is then the catalog's owner, or the requester.
    const undeclared = await post('owner-2', { ...validRequest, entityRef: 'component:default/other-api' });
    expect(undeclared.status).toBe(201);
    expect(undeclared.body.request).not.toHaveProperty('owner');

    const one = await request(server).get(`/api/aws-identity/requests/${declared.body.request.id}`);
    expect(one.body.owner).toBe('group:default/app-team');
    const list = await request(server).get('/api/aws-identity/requests');
    expect(
      Object.fromEntries(list.body.items.map((r: { entityRef: string; owner?: string }) => [r.entityRef, r.owner ?? null])),
    ).toEqual({ 'component:default/fresh-api': 'group:default/app-team', 'component:default/other-api': null });

    // The owner is part of the request: the same key with another owner is another request.
    const otherOwner = await post('owner-1', { ...validRequest, entityRef: 'component:default/fresh-api', owner: 'group:default/ops' });
    expect(otherOwner.status).toBe(409);
    const same = await post('owner-1', { ...validRequest, entityRef: 'component:default/fresh-api', owner: 'group:default/app-team' });
    expect(same.status).toBe(200);
  });

  it('refuses an owner that is not a group or user, naming request.owner', async () => {
    const { server, store } = await start();
    const res = await request(server)
      .post('/api/aws-identity/requests')
      .send({ idempotencyKey: 'bad-owner', request: { ...validRequest, owner: 'component:default/reports-api' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'request.owner: owner "component:default/reports-api" must be a group or user entity ref, not kind "component"',
    );
    expect(await store().list({})).toEqual([]);
  });

  // The requester is the person in the credentials (Backstage's on-behalf-of tokens carry the
  // calling plugin as the user principal's `actor`); `requestedBy` can never name someone else.
  describe('who the requester is', () => {
    const body = { idempotencyKey: 'svc-1', request: validRequest, requestedBy: 'user:default/jane' };
    const throughScaffolder = (user: string) =>
      `Bearer ${mockCredentials.user.token(user, { actor: { subject: 'plugin:scaffolder' } })}`;

    it('records the user the scaffolder acts for, and the scaffolder as submitter', async () => {
      const { server } = await start();
      const res = await request(server)
        .post('/api/aws-identity/requests')
        .set('Authorization', throughScaffolder('user:default/jane'))
        .send(body);
      expect(res.status).toBe(201);
      expect(res.body.request).toMatchObject({ requestedBy: 'user:default/jane', submittedBy: 'plugin:scaffolder' });
    });

    it.each([
      // Before: recorded as jane, so the scaffolder (or any plugin) could file requests for anyone.
      ['the scaffolder with its own credentials', mockCredentials.service.header({ onBehalfOf: mockCredentials.service('plugin:scaffolder'), targetPluginId: 'aws-identity' }), body, 'the scaffolder must submit on behalf of the user'],
      ['the scaffolder naming another user', throughScaffolder('user:default/bob'), body, 'must be the user the scaffolder acts for (user:default/bob)'],
      ['another service naming a user', mockCredentials.service.header({ onBehalfOf: mockCredentials.service('plugin:ci'), targetPluginId: 'aws-identity' }), body, 'only the scaffolder'],
      // Before: silently ignored and recorded as the caller.
      ['a user naming someone else', mockCredentials.user.header('user:default/mock'), body, 'only the scaffolder'],
    ])('refuses %s with 403 naming requestedBy, storing nothing', async (_name, authorization, payload, reason) => {
      const { server, store } = await start();
      const res = await request(server).post('/api/aws-identity/requests').set('Authorization', authorization).send(payload);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('requestedBy: ');
      expect(res.body.error.message).toContain(reason);
      expect(await store().list({})).toEqual([]);
    });

    it('records a service that submits for itself as the requester', async () => {
      const { server } = await start();
      const res = await request(server)
        .post('/api/aws-identity/requests')
        .set('Authorization', mockCredentials.service.header({ onBehalfOf: mockCredentials.service('plugin:ci'), targetPluginId: 'aws-identity' }))
        .send({ idempotencyKey: 'ci-1', request: validRequest });
      expect(res.status).toBe(201);
      expect(res.body.request).toMatchObject({ requestedBy: 'plugin:ci', submittedBy: 'plugin:ci' });
    });
  });

  it('answers 401 without credentials and 403 when denied', async () => {
    const denied = await start(AuthorizeResult.DENY);
    expect((await request(denied.server).post('/api/aws-identity/requests').send({})).status).toBe(403);
    expect((await request(denied.server).get('/api/aws-identity/requests')).status).toBe(403);
    const { server } = await start();
    const none = await request(server)
      .get('/api/aws-identity/requests')
      .set('Authorization', mockCredentials.none.header());
    expect(none.status).toBe(401);
  });

  it('lists and shows a request only to callers who may read its entity in the catalog', async () => {
    const OUTSIDER = 'user:default/outsider';
    const { server } = await startTestBackend({
      features: [
        requestsTestPlugin({ catalogService: true }),
        permissionedCatalogFactory([
          { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'reports-api', namespace: 'default' }, spec: {} },
        ]),
        hidingEntitiesFrom(OUTSIDER, ['component:default/reports-api']),
      ],
    });
    const as = (user: string | undefined, path: string) =>
      request(server).get(`/api/aws-identity${path}`).set('Authorization', mockCredentials.user.header(user));
    const hidden = await request(server).post('/api/aws-identity/requests').send({ idempotencyKey: 'vis-1', request: validRequest });
    // A component the catalog does not have yet (a template registers it later) has no rule to hide it.
    const fresh = await request(server)
      .post('/api/aws-identity/requests')
      .send({ idempotencyKey: 'vis-2', request: { ...validRequest, entityRef: 'component:default/fresh-api' } });
    expect([hidden.status, fresh.status]).toEqual([201, 201]);
    const entityRefs = (res: { body: { items: Array<{ entityRef: string }> } }) => res.body.items.map(r => r.entityRef).sort();
    expect(entityRefs(await as(undefined, '/requests'))).toEqual(['component:default/fresh-api', 'component:default/reports-api']);
    expect(entityRefs(await as(OUTSIDER, '/requests'))).toEqual(['component:default/fresh-api']);
    expect(entityRefs(await as(OUTSIDER, '/requests?entityRef=component:default/reports-api'))).toEqual([]);
    // Hidden requests leave the query, not the page: a page of one is full and the count exact,
    // whichever of the two requests is the newest.
    const onePage = await as(OUTSIDER, '/requests?limit=1');
    expect(onePage.body).toMatchObject({ totalCount: 1, limit: 1, offset: 0 });
    expect(entityRefs(onePage)).toEqual(['component:default/fresh-api']);
    expect((await as(OUTSIDER, '/requests?limit=1&offset=1')).body).toMatchObject({ items: [], totalCount: 1 });
    expect((await as(undefined, '/requests?limit=1')).body.totalCount).toBe(2);
    expect((await as(undefined, `/requests/${hidden.body.request.id}`)).status).toBe(200);
    const one = await as(OUTSIDER, `/requests/${hidden.body.request.id}`);
    expect(one.status).toBe(404);
    expect(one.body.error.message).toContain('not found');
    expect((await as(OUTSIDER, `/requests/${fresh.body.request.id}`)).status).toBe(200);
    // The live role of a request tells as much about its entity as the request itself.
    expect((await as(undefined, `/requests/${hidden.body.request.id}/live-role`)).status).toBe(200);
    const live = await as(OUTSIDER, `/requests/${hidden.body.request.id}/live-role`);
    expect([live.status, live.body.error?.message]).toEqual([404, expect.stringContaining('not found')]);
    expect((await as(OUTSIDER, `/requests/${fresh.body.request.id}/live-role`)).status).toBe(200);
  });

  describe('the team of each request, decided with the caller\'s catalog', () => {
    const OUTSIDER = 'user:default/outsider';
    const component = (namespace: string, name: string, spec: Record<string, unknown>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace },
      spec: { type: 'service', lifecycle: 'production', ...spec },
    });
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    const ids = new Map<string, string>();
    const as = (user: string | undefined, path: string) =>
      request(server).get(`/api/aws-identity${path}`).set('Authorization', mockCredentials.user.header(user));
    const teamsByEntity = (res: { body: { items: Array<{ entityRef: string; team?: string }> } }) =>
      Object.fromEntries(res.body.items.map(r => [r.entityRef, r.team ?? null]));

    beforeAll(async () => {
      ({ server } = await startTestBackend({
        features: [
          requestsTestPlugin({ catalogService: true }),
          permissionedCatalogFactory([
            // The catalog's descriptor format: `spec.owner` is an entity ref whose default kind is
            // Group and default namespace the entity's own.
            component('default', 'reports-api', { owner: 'payments-team' }),
            component('finance', 'ledger-api', { owner: 'ledger-team' }),
            component('default', 'ownerless-api', {}),
          ]),
          hidingEntitiesFrom(OUTSIDER, ['component:default/reports-api']),
        ],
      }));
      const submit = async (key: string, entityRef: string, owner?: string) => {
        const res = await request(server)
          .post('/api/aws-identity/requests')
          .send({ idempotencyKey: key, request: { ...validRequest, entityRef, ...(owner ? { owner } : {}) } });
        expect(res.status).toBe(201);
        ids.set(entityRef, res.body.request.id);
      };
      // In the catalog with an owner, which wins over the one the requester declared.
      await submit('team-1', 'component:default/reports-api', 'app-team');
      await submit('team-2', 'component:finance/ledger-api');
      // In the catalog without an owner, and nothing declared: the requester.
      await submit('team-3', 'component:default/ownerless-api');
      // Not in the catalog yet: the declared owner.
      await submit('team-4', 'component:default/fresh-api', 'app-team');
    });

    it('carries the team on every item and on the request read alone', async () => {
      const list = await as(undefined, '/requests');
      expect(list.status).toBe(200);
      expect(teamsByEntity(list)).toEqual({
        'component:default/reports-api': 'group:default/payments-team',
        'component:finance/ledger-api': 'group:finance/ledger-team',
        'component:default/ownerless-api': 'user:default/mock',
        'component:default/fresh-api': 'group:default/app-team',
      });
      const one = await as(undefined, `/requests/${ids.get('component:default/reports-api')}`);
      expect(one.body).toMatchObject({ owner: 'group:default/app-team', team: 'group:default/payments-team' });
      const ownerless = await as(undefined, `/requests/${ids.get('component:default/ownerless-api')}`);
      expect(ownerless.body.team).toBe('user:default/mock');
    });

    it('answers the teams of every match, whatever the page and the team filter', async () => {
      const teams = ['group:default/app-team', 'group:default/payments-team', 'group:finance/ledger-team', 'user:default/mock'];
      expect((await as(undefined, '/requests')).body.facets).toEqual({ teams });
      expect((await as(undefined, '/requests?limit=1&offset=3')).body.facets).toEqual({ teams });
      expect((await as(undefined, '/requests?team=app-team')).body.facets).toEqual({ teams });
      // The other filters narrow them.
      expect((await as(undefined, '/requests?entityRef=component:default/fresh-api')).body.facets).toEqual({
        teams: ['group:default/app-team'],
      });
      expect((await as(undefined, '/requests?state=approved')).body).toMatchObject({ totalCount: 0, facets: { teams: [] } });
    });

    it('filters by exactly the teams it answers: each match under one facet, a declared owner only without a catalog owner', async () => {
      const all = await as(undefined, '/requests');
      let counted = 0;
      for (const team of all.body.facets.teams as string[]) {
        const res = await as(undefined, `/requests?team=${encodeURIComponent(team)}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeGreaterThan(0);
        expect(res.body.items.every((r: { team: string }) => r.team === team)).toBe(true);
        counted += res.body.totalCount;
      }
      expect(counted).toBe(all.body.totalCount);
      expect(Object.keys(teamsByEntity(await as(undefined, '/requests?team=app-team')))).toEqual(['component:default/fresh-api']);
      expect(Object.keys(teamsByEntity(await as(undefined, '/requests?team=group:default/payments-team')))).toEqual([
        'component:default/reports-api',
      ]);
    });

    it('answers no team of an entity the caller may not read, and filters nothing by it', async () => {
      const list = await as(OUTSIDER, '/requests');
      expect(Object.keys(teamsByEntity(list)).sort()).toEqual([
        'component:default/fresh-api',
        'component:default/ownerless-api',
        'component:finance/ledger-api',
      ]);
      expect(list.body.facets.teams).toEqual(['group:default/app-team', 'group:finance/ledger-team', 'user:default/mock']);
      expect((await as(OUTSIDER, '/requests?team=payments-team')).body).toMatchObject({ items: [], totalCount: 0 });
      expect((await as(OUTSIDER, `/requests/${ids.get('component:default/reports-api')}`)).status).toBe(404);
    });
  });

  describe('bad-input suite (security.md §3)', () => {
    let ctx: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      ctx = await start();
    });

    it.each(badRoleRequestCases.map(c => [c.name, c] as const))('rejects %s with 400 naming the field', async (_name, c) => {
      const res = await request(ctx.server)
        .post('/api/aws-identity/requests')
        .send({ idempotencyKey: `bad-${c.name.replace(/[^A-Za-z0-9]/g, '-')}`.slice(0, 200), request: { ...validRequest, ...c.patch } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`request.${c.field}: `);
      expect(await ctx.store().list({})).toEqual([]);
    });

    it.each([
      ['idempotencyKey', { request: validRequest }],
      ['idempotencyKey', { idempotencyKey: 'a b', request: validRequest }],
      ['request', { idempotencyKey: 'k' }],
      ['format', { idempotencyKey: 'k', request: validRequest, format: 'pulumi' }],
      ['repoUrl', { idempotencyKey: 'k', request: validRequest, repoUrl: 'https://x/"}' }],
      ['requestedBy', { idempotencyKey: 'k', request: validRequest, requestedBy: 'group:default/x' }],
    ])('rejects a bad envelope field %s', async (field, body) => {
      const res = await request(ctx.server).post('/api/aws-identity/requests').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`${field}: `);
    });
  });

  describe('GET /requests/:id/live-role', () => {
    const READ_AT = '2026-10-01T12:00:00.000Z';
    /** A fake inventory the tests fill per case. */
    const roles = new Map<string, Role>();
    const accounts = new Map<string, SourceStatus>();
    const liveRoles: LiveIdentity = {
      ...emptyLiveIdentity(),
      role: arn => roles.get(arn),
      accountStatus: id => accounts.get(id),
    };
    let ctx: Awaited<ReturnType<typeof start>>;
    let created: { id: string; plan: { roleArn: string; trustPolicy: { document: unknown }; permissionPolicy: { document: unknown } } };

    const roleName = validRequest.roleName as string;
    const liveRole = (permissionDocument: unknown): Role => ({
      arn: created.plan.roleArn,
      name: roleName,
      accountId: '111111111111',
      // As IAM returns documents: URL-encoded JSON text.
      trustPolicy: encodeURIComponent(JSON.stringify(created.plan.trustPolicy.document)),
      permissionPolicies: [{ name: roleName, kind: 'inline', document: permissionDocument }],
    });
    const get = (id = created.id) => request(ctx.server).get(`/api/aws-identity/requests/${id}/live-role`);

    beforeAll(async () => {
      ctx = await start(AuthorizeResult.ALLOW, liveRoles);
      const res = await request(ctx.server)
        .post('/api/aws-identity/requests')
        .send({ idempotencyKey: 'live-role-1', request: validRequest });
      created = res.body.request;
    });
    beforeEach(() => {
      roles.clear();
      accounts.clear();
      accounts.set('111111111111', {
        source: { kind: 'aws-account', accountId: '111111111111' },
        state: 'ok',
        lastSuccessAt: READ_AT,
      });
    });

    it('answers 401 without credentials and 403 when denied', async () => {
      const none = await get().set('Authorization', mockCredentials.none.header());
      expect(none.status).toBe(401);
      const denied = await start(AuthorizeResult.DENY, liveRoles);
      const res = await request(denied.server).get(`/api/aws-identity/requests/${created.id}/live-role`);
      expect(res.status).toBe(403);
    });

    it('answers 404 for an unknown or malformed id', async () => {
      expect((await get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await get('nope')).status).toBe(404);
    });

    it('says absent when a current read of the account does not have the role', async () => {
      const res = await get();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ roleArn: created.plan.roleArn, status: 'absent', asOf: READ_AT });
    });

    it('compares a present role that matches the plan as identical', async () => {
      roles.set(created.plan.roleArn, liveRole(created.plan.permissionPolicy.document));
      const res = await get();
      expect(res.body).toMatchObject({ status: 'present', asOf: READ_AT, comparison: { identical: true, summary: 'identical' } });
      expect(res.body.comparison.documents.map((d: { title: string }) => d.title)).toEqual([
        'Trust policy',
        `Permission policy (live: inline policy ${roleName})`,
      ]);
    });

    it('shows drift of a present role line by line', async () => {
      const document = created.plan.permissionPolicy.document as { Statement: unknown[] };
      roles.set(
        created.plan.roleArn,
        liveRole({
          ...document,
          Statement: [...document.Statement, { Sid: 'Legacy', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }],
        }),
      );
      const res = await get();
      expect(res.body.status).toBe('present');
      const permission = res.body.comparison.documents[1];
      expect(permission).toMatchObject({ identical: false, added: 0, summary: `0 lines added, ${permission.removed} removed` });
      expect(permission.lines).toEqual(expect.arrayContaining([{ op: 'removed', text: expect.stringContaining('"Sid": "Legacy"') }]));
      expect(res.body.comparison.identical).toBe(false);
    });

    it('says unknown, never absent, when the account could not be read', async () => {
      roles.set(created.plan.roleArn, liveRole(created.plan.permissionPolicy.document));
      accounts.set('111111111111', {
        source: { kind: 'aws-account', accountId: '111111111111' },
        state: 'error',
        lastSuccessAt: READ_AT,
        error: 'reading IAM failed: AccessDenied',
      });
      const res = await get();
      expect(res.body).toEqual({
        roleArn: created.plan.roleArn,
        status: 'unknown',
        reason: 'account 111111111111 could not be read: reading IAM failed: AccessDenied',
        asOf: READ_AT,
      });
      accounts.delete('111111111111');
      expect((await get()).body).toMatchObject({ status: 'unknown', reason: expect.stringContaining('not among the accounts') });
    });
  });

  describe('GET /request-directory', () => {
    it('answers the directory with issuers from configuration, else from EKS, never from discovery', async () => {
      const live: LiveIdentity = {
        ...emptyLiveIdentity(),
        clusters: () => [
          { name: 'sandbox-west', accountId: '222222222222', issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST', issuerSource: 'eks' },
          { name: 'sandbox-east', accountId: '111111111111', issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/OTHER', issuerSource: 'eks' },
        ],
      };
      const { server } = await start(AuthorizeResult.ALLOW, live);
      const res = await request(server).get('/api/aws-identity/request-directory');
      expect(res.status).toBe(200);
      expect(res.body.clusters.map((c: { name: string; issuer?: string }) => [c.name, c.issuer])).toEqual([
        // Configuration pins east's issuer over what EKS reports.
        ['sandbox-east', 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST0000000000000000000000000000'],
        ['sandbox-west', 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST'],
      ]);
      // With the issuer EKS reports, a west IRSA request plans; the issuer is EKS's.
      const created = await request(server)
        .post('/api/aws-identity/requests')
        .send({ idempotencyKey: 'west-from-eks', request: { ...validRequest, accountId: '222222222222', clusters: ['sandbox-west'] } });
      expect(created.status).toBe(201);
      expect(created.body.request.plan.oidcProviders).toEqual([
        {
          cluster: 'sandbox-west',
          issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST',
          oidcProviderArn: 'arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/WEST',
        },
      ]);
      const steered = await request(server)
        .post('/api/aws-identity/requests')
        .send({
          idempotencyKey: 'west-steered',
          request: { ...validRequest, accountId: '222222222222', clusters: [{ name: 'sandbox-west', issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EVIL' }] },
        });
      expect(steered.status).toBe(400);
      expect(steered.body.error.message).toMatch(/^request\.clusters\[0\]\.issuer: /);
    });

    it('answers 403 to whoever may not create requests', async () => {
      const denied = await start(AuthorizeResult.DENY);
      expect((await request(denied.server).get('/api/aws-identity/request-directory')).status).toBe(403);
    });
  });

  describe('GET /request-targets', () => {
    it('answers the directory\'s clusters with account, region and the Pod Identity agent as EKS reports it', async () => {
      const live: LiveIdentity = {
        ...emptyLiveIdentity(),
        clusters: () => [
          {
            name: 'sandbox-east',
            accountId: '111111111111',
            issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/OTHER',
            issuerSource: 'eks',
            podIdentityAgent: { state: 'installed', status: 'ACTIVE', version: 'v1.3.4-eksbuild.1' },
          },
          {
            name: 'sandbox-west',
            accountId: '222222222222',
            issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST',
            issuerSource: 'eks',
            podIdentityAgent: { state: 'not-installed' },
          },
        ],
      };
      const { server } = await start(AuthorizeResult.ALLOW, live);
      const res = await request(server).get('/api/aws-identity/request-targets');
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((t: any) => [t.cluster, t.accountId, t.region, t.podIdentity.state, t.recommendedBinding]),
      ).toEqual([
        ['sandbox-east', '111111111111', 'us-east-1', 'ready', 'pod-identity'],
        ['sandbox-west', '222222222222', 'eu-west-1', 'blocked', 'irsa'],
      ]);
      expect(res.body.items[1].podIdentity.fix).toMatch(/eks-pod-identity-agent/);
    });

    it('answers 403 to whoever may not create requests', async () => {
      const denied = await start(AuthorizeResult.DENY);
      const res = await request(denied.server).get('/api/aws-identity/request-targets');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('aws-identity.request.create');
    });
  });

  describe('which role it is: names taken in IAM (issue 13)', () => {
    const ACCOUNT = '111111111111';
    const READ_AT = '2026-10-01T12:00:00.000Z';
    /** The inventory, keyed as IAM keys role names: per account, lower-cased, path ignored. */
    const roles = new Map<string, Role>();
    const key = (arn: string) => roleNameKeyOfArn(arn) ?? arn;
    const live: LiveIdentity = {
      ...emptyLiveIdentity(),
      role: arn => roles.get(key(arn)),
      accountStatus: id =>
        id === ACCOUNT ? { source: { kind: 'aws-account', accountId: ACCOUNT }, state: 'ok', lastSuccessAt: READ_AT } : undefined,
    };
    const existing = (arn: string, tags?: Record<string, string>): Role => ({
      arn,
      name: arn.slice(arn.lastIndexOf('/') + 1),
      accountId: ACCOUNT,
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      permissionPolicies: [],
      ...(tags ? { tags } : {}),
    });
    let ctx: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      ctx = await start(AuthorizeResult.ALLOW, live);
    });
    beforeEach(() => roles.clear());

    it.each([
      ['with a path and in another case', 'arn:aws:iam::111111111111:role/k8s-main/Reports-API-S3'],
      ['in another case', 'arn:aws:iam::111111111111:role/REPORTS-API-S3'],
    ])('refuses a role name IAM already has %s, naming request.roleName, and stores nothing', async (_case, arn) => {
      roles.set(key(arn), existing(arn));
      const before = (await ctx.store().list({})).length;
      const res = await request(ctx.server).post('/api/aws-identity/requests').send({ idempotencyKey: `taken-${before}`, request: validRequest });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^request\.roleName: .*IRSA-R01/);
      expect(res.body.error.message).toContain(arn);
      expect(await ctx.store().list({})).toHaveLength(before);
    });

    it("accepts the name of the portal's own role for the same entity", async () => {
      const arn = 'arn:aws:iam::111111111111:role/reports-api-s3';
      roles.set(key(arn), existing(arn, { 'managed-by': 'aws-identity', 'aws-identity/entity': 'component:default/reports-api' }));
      const res = await request(ctx.server).post('/api/aws-identity/requests').send({ idempotencyKey: 'own-role', request: validRequest });
      expect(res.status).toBe(201);
      expect(res.body.request.plan.findings.map((f: { id: string }) => f.id)).not.toContain('IRSA-R01');
    });

    it('makes a submitted plan critical and not approvable once a foreign role takes its name, and says why', async () => {
      const created = await request(ctx.server)
        .post('/api/aws-identity/requests')
        .send({ idempotencyKey: 'appears-later', request: { ...validRequest, roleName: 'reports-api-later' } });
      expect(created.status).toBe(201);
      expect(created.body.request.plan.risk).not.toBe('critical');
      const id = created.body.request.id;
      const arn = 'arn:aws:iam::111111111111:role/team-x/Reports-API-Later';
      roles.set(key(arn), existing(arn, { 'managed-by': 'terraform' }));

      const one = await request(ctx.server).get(`/api/aws-identity/requests/${id}`).set('Authorization', mockCredentials.user.header('user:default/approver'));
      expect(one.body.plan.risk).toBe('critical');
      expect(one.body.plan.findings[0]).toMatchObject({ id: 'IRSA-R01', severity: 'critical', subject: { ref: arn } });
      expect(one.body.actions).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'approve', allowed: false, problem: 'risk' })]),
      );
      const approve = await request(ctx.server)
        .post(`/api/aws-identity/requests/${id}/approve`)
        .set('Authorization', mockCredentials.user.header('user:default/approver'))
        .send({});
      expect(approve.status).toBe(403);
      expect(approve.body.error.message).toContain('critical');
      expect((await ctx.store().get(id))?.state).toBe('submitted');

      const liveRole = await request(ctx.server).get(`/api/aws-identity/requests/${id}/live-role`);
      expect(liveRole.body).toMatchObject({
        status: 'present',
        roleArn: 'arn:aws:iam::111111111111:role/reports-api-later',
        liveRoleArn: arn,
        foreignReason: expect.stringContaining('not created by aws-identity'),
      });
    });
  });
});
