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
import request from 'supertest';
import { validRequest } from '../requests/__fixtures__';
import {
  AdversarialBackend,
  API,
  asScaffolder,
  asUser,
  describeOnEachDatabase,
  expectRefused,
  USERS,
} from './harness';

/*
 * The HTTP input class of the adversarial suite (#13): what a developer who may request roles
 * sends to the real API of a running backend to steer, forge or break a request. Every case
 * asserts the status, that the reason names the field, and that nothing was stored, delivered
 * or pushed. Cases come from the rules of the systems the fields belong to: IAM's role name and
 * path grammar (IAM API Reference, CreateRole), Region codes (AWS General Reference),
 * Kubernetes names (DNS-1123), and how `qs` and body-parser read a request (Express 4).
 */

jest.setTimeout(120_000);

/** A valid create body with `patch` merged into its `request`. */
const createBody = (patch: Record<string, unknown>, key = 'adversarial') => ({
  idempotencyKey: key,
  request: { ...validRequest, ...patch },
});

/** `POST /requests` with a raw JSON text, for bodies a JS object cannot express (`__proto__` keys). */
const postRaw = (backend: AdversarialBackend, path: string, text: string, user: string = USERS.requester) =>
  request(backend.server)
    .post(`${API}${path}`)
    .set('Authorization', asUser(user))
    .set('Content-Type', 'application/json')
    .send(text);

/** Nested arrays `depth` deep around `inner`. */
const nested = (depth: number, inner = '0') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

const BUCKET = 'arn:aws:s3:::sandbox-reports';

describeOnEachDatabase('adversarial HTTP input on %s', useBackend => {
  describe('POST /requests refuses and records nothing', () => {
    const backend = useBackend();
    afterEach(async () => {
      await backend.expectNothingStored();
      await backend.expectNothingDelivered();
      backend.expectNothingPushed();
    });

    const refusedRequests: Array<[string, Record<string, unknown>, string]> = [
      // Type confusion: every field has one type; anything else is named, never coerced.
      ['a number as roleName', { roleName: 42 }, 'request.roleName'],
      ['an array as roleName', { roleName: ['reports-api-s3'] }, 'request.roleName'],
      ['an object as roleName', { roleName: { toString: 'x' } }, 'request.roleName'],
      ['a boolean as namespace', { namespace: true }, 'request.namespace'],
      ['null as serviceAccount', { serviceAccount: null }, 'request.serviceAccount'],
      ['a string as clusters', { clusters: 'sandbox-east' }, 'request.clusters'],
      ['a number in clusters', { clusters: [42] }, 'request.clusters[0]'],
      ['an object as access', { access: { resource: BUCKET, accessLevel: 'read' } }, 'request.access'],
      ['a string in access', { access: [BUCKET] }, 'request.access[0]'],
      ['a number as a resource', { access: [{ resource: 123, accessLevel: 'read' }] }, 'request.access[0].resource'],
      ['a string as trustPolicyQuota', { trustPolicyQuota: '2048' }, 'request.trustPolicyQuota'],
      ['an array as binding', { binding: ['irsa'] }, 'request.binding'],
      ['a number as rolePath', { rolePath: 5 }, 'request.rolePath'],
      ['an object as entityRef', { entityRef: {} }, 'request.entityRef'],
      // Look-alikes: one letter from another script, full-width, invisible.
      ['a Cyrillic а in roleName', { roleName: 'reports-\u0430pi-s3' }, 'request.roleName'],
      ['full-width letters in roleName', { roleName: '\uff52eports-api-s3' }, 'request.roleName'],
      ['a zero-width space in roleName', { roleName: 'reports\u200b-api-s3' }, 'request.roleName'],
      ['a Cyrillic о in namespace', { namespace: 'rep\u043erts' }, 'request.namespace'],
      ['a zero-width joiner in serviceAccount', { serviceAccount: 'reports\u200d-api' }, 'request.serviceAccount'],
      ['a Cyrillic letter in rolePath', { rolePath: '/te\u0430m/' }, 'request.rolePath'],
      ['a Cyrillic letter in a bucket ARN', { access: [{ resource: 'arn:aws:s3:::sandbox-rep\u043erts', accessLevel: 'read' }] }, 'request.access[0].resource'],
      ['a Cyrillic letter in an ARN region', { access: [{ resource: 'arn:aws:sqs:us-e\u0430st-1:111111111111:jobs', accessLevel: 'read' }] }, 'request.access[0].resource'],
      ['an ARN region that is no region', { access: [{ resource: 'arn:aws:sqs:moon-base:111111111111:jobs', accessLevel: 'read' }] }, 'request.access[0].resource'],
      ['an upper-case ARN region', { access: [{ resource: 'arn:aws:sqs:US-EAST-1:111111111111:jobs', accessLevel: 'read' }] }, 'request.access[0].resource'],
      ['a Cyrillic letter in entityRef', { entityRef: 'component:default/rep\u043erts-api' }, 'request.entityRef'],
      ['a Cyrillic letter in owner', { owner: 'group:default/\u0430pp-team' }, 'request.owner'],
      ['a look-alike cluster name', { clusters: ['sandbox-\u0435ast'] }, 'request.clusters[0]'],
      // Control and bidi characters.
      ['NUL in roleName', { roleName: 'reports\u0000api' }, 'request.roleName'],
      ['a newline in namespace', { namespace: 'reports\n' }, 'request.namespace'],
      ['a right-to-left override in serviceAccount', { serviceAccount: 'reports\u202eipa' }, 'request.serviceAccount'],
      ['a bidi isolate in a resource ARN', { access: [{ resource: `${BUCKET}\u2066`, accessLevel: 'read' }] }, 'request.access[0].resource'],
      ['a tab in rolePath', { rolePath: '/team\t/' }, 'request.rolePath'],
      ['DEL in rolePath', { rolePath: '/team\u007f/' }, 'request.rolePath'],
      ['a C1 control in entityRef', { entityRef: 'component:default/reports\u0085api' }, 'request.entityRef'],
      // IAM's path grammar: `/` or `/…/`, printable ASCII, at most 512 characters.
      ['a rolePath without slashes', { rolePath: 'team' }, 'request.rolePath'],
      ['a rolePath with an empty segment', { rolePath: '/team//apps/' }, 'request.rolePath'],
      ['a rolePath over 512 characters', { rolePath: `/${'a'.repeat(511)}/` }, 'request.rolePath'],
      ['a rolePath with a space', { rolePath: '/my team/' }, 'request.rolePath'],
      // What is stored is what is granted.
      ['preset s3-read with accessLevel write', { access: [{ resource: BUCKET, preset: 's3-read', accessLevel: 'write' }] }, 'request.access[0].preset'],
      ['preset s3-read with accessLevel read-write', { access: [{ resource: BUCKET, preset: 's3-read', accessLevel: 'read-write' }] }, 'request.access[0].preset'],
      ['preset s3-list with accessLevel read', { access: [{ resource: BUCKET, preset: 's3-list', accessLevel: 'read' }] }, 'request.access[0].preset'],
      // The cluster picker's value (cluster, account, region) is the browser's word: the directory decides.
      ['a picked cluster with another account', { clusters: [{ name: 'sandbox-east', accountId: '222222222222' }] }, 'request.clusters[0].accountId'],
      ['a picked cluster with its account as a number', { clusters: [{ name: 'sandbox-east', accountId: 111111111111 }] }, 'request.clusters[0].accountId'],
      ['a picked cluster with another region', { clusters: [{ name: 'sandbox-east', region: 'eu-west-1' }] }, 'request.clusters[0].region'],
      ['a picked cluster with a Cyrillic letter in its region', { clusters: [{ name: 'sandbox-east', region: 'us-e\u0430st-1' }] }, 'request.clusters[0].region'],
      ['a picked cluster that is not configured', { clusters: [{ name: 'prod-east', accountId: '111111111111', region: 'us-east-1' }] }, 'request.clusters[0]'],
    ];

    it.each(refusedRequests)('refuses %s (400 naming the field)', async (_name, patch, field) => {
      const res = await backend.post('/requests', createBody(patch));
      expectRefused(res, 400, `${field}: `);
    });

    const refusedEnvelopes: Array<[string, unknown, string]> = [
      ['a number as idempotencyKey', { idempotencyKey: 7, request: validRequest }, 'idempotencyKey'],
      ['NUL in idempotencyKey', { idempotencyKey: 'k\u0000', request: validRequest }, 'idempotencyKey'],
      ['an array as request', { idempotencyKey: 'k', request: [validRequest] }, 'request'],
      ['an array as format', { idempotencyKey: 'k', request: validRequest, format: ['terraform'] }, 'format'],
      ['a repoUrl over plain http', { idempotencyKey: 'k', request: validRequest, repoUrl: 'http://github.com/acme/infra' }, 'repoUrl'],
      ['a repoUrl with a token', { idempotencyKey: 'k', request: validRequest, repoUrl: 'https://x:ghp_secret@github.com/acme/infra' }, 'repoUrl'],
      ['a repoUrl of another scheme', { idempotencyKey: 'k', request: validRequest, repoUrl: 'ftp://github.com/acme/infra' }, 'repoUrl'],
      ['a repoUrl on a host no integration configures', { idempotencyKey: 'k', request: validRequest, repoUrl: 'https://git.attacker.example/acme/infra' }, 'repoUrl'],
      ['a repoUrl with a look-alike host', { idempotencyKey: 'k', request: validRequest, repoUrl: 'https://g\u0456thub.com/acme/infra' }, 'repoUrl'],
    ];

    it.each(refusedEnvelopes)('refuses %s (400 naming the field)', async (_name, body, field) => {
      const res = await backend.post('/requests', body);
      expectRefused(res, 400, `${field}: `);
    });

    it('refuses a JSON array as the body', async () => {
      expectRefused(await postRaw(backend, '/requests', '[]'), 400, 'body: ');
    });

    it('refuses a bidi control in requestedBy from the scaffolder', async () => {
      const res = await request(backend.server)
        .post(`${API}/requests`)
        .set('Authorization', asScaffolder())
        .send({ ...createBody({}), requestedBy: 'user:default/jane\u202e' });
      expectRefused(res, 400, 'requestedBy: ');
    });

    it.each([
      ['__proto__ at the top', `{"__proto__":{"state":"approved"},"idempotencyKey":"k","request":${JSON.stringify(validRequest)}}`, 'body.__proto__'],
      ['constructor in request', `{"idempotencyKey":"k","request":${JSON.stringify({ ...validRequest }).replace(/^\{/, '{"constructor":{"prototype":{"x":1}},')}}`, 'body.request.constructor'],
      ['__proto__ in an access item', `{"idempotencyKey":"k","request":${JSON.stringify(validRequest).replace('"resource"', '"__proto__":{"accessLevel":"write"},"resource"')}}`, 'body.request.access[0].__proto__'],
      ['prototype in request', `{"idempotencyKey":"k","request":${JSON.stringify(validRequest).replace(/^\{/, '{"prototype":{},')}}`, 'body.request.prototype'],
    ])('refuses the prototype key %s (400 naming its path)', async (_name, text, path) => {
      expectRefused(await postRaw(backend, '/requests', text), 400, `${path}: `);
    });

    it('refuses a body over 256 kB with 413 naming the limit', async () => {
      const res = await backend.post('/requests', { ...createBody({}), padding: 'x'.repeat(300 * 1024) });
      expectRefused(res, 413, '256kb');
    });

    it('reads a 150 kB body with its own 256 kB limit (not a 100 kB parser mounted first)', async () => {
      const res = await backend.post('/requests', { ...createBody({ roleName: '' }), padding: 'x'.repeat(150 * 1024) });
      expectRefused(res, 400, 'request.roleName: ');
    });

    it('refuses JSON nested 40 levels deep, naming the path', async () => {
      const text = `{"idempotencyKey":"k","request":${JSON.stringify({ ...validRequest, access: '@' }).replace('"@"', nested(40))}}`;
      expectRefused(await postRaw(backend, '/requests', text), 400, 'body.request.access[0]');
    });

    it('refuses JSON nested 50,000 levels deep with a 400 naming the body, not a RangeError', async () => {
      const res = await postRaw(backend, '/requests', `{"idempotencyKey":"k","request":${nested(50_000)}}`);
      const message = expectRefused(res, 400, 'body');
      expect(message).not.toMatch(/RangeError|call stack/);
    });

    it('refuses text that is not JSON, naming the body', async () => {
      expectRefused(await postRaw(backend, '/requests', '{"idempotencyKey": "k", '), 400, 'body: ');
    });

    it('refuses garbage in Authorization with 401', async () => {
      const res = await request(backend.server)
        .post(`${API}/requests`)
        .set('Authorization', 'Bearer not-a-token')
        .send(createBody({}));
      expectRefused(res, 401, 'token');
    });
  });

  // The cluster picker's list: the directory's clusters only; a query cannot add, filter or
  // rename them (a 400 names the parameter), and only callers who prove who they are see it.
  describe('GET /request-targets', () => {
    const backend = useBackend();

    it('lists the configured clusters with their accounts and regions', async () => {
      const res = await backend.get('/request-targets');
      expect(res.status).toBe(200);
      expect(res.body.items.map((t: { cluster: string; accountId: string; region?: string }) => [t.cluster, t.accountId, t.region])).toEqual([
        ['sandbox-east', '111111111111', 'us-east-1'],
        ['sandbox-west', '222222222222', 'eu-west-1'],
      ]);
    });

    it.each([
      ['a cluster to add', 'cluster=prod-east', 'cluster: '],
      ['an account to steer to', 'accountId=999999999999', 'accountId: '],
      ['a nested qs object', 'items[0][cluster]=evil', 'items: '],
    ])('refuses %s (400 naming it)', async (_name, query, field) => {
      expectRefused(await backend.get(`/request-targets?${query}`), 400, field);
    });

    it.each([
      ['no Authorization', undefined],
      ['garbage in Authorization', 'Bearer not-a-token'],
    ])('refuses %s with 401', async (_name, header) => {
      const call = request(backend.server).get(`${API}/request-targets`);
      const res = await (header ? call.set('Authorization', header) : call);
      expect(res.status).toBe(401);
    });
  });

  describe('decisions and withdrawals leave no trace when refused', () => {
    const backend = useBackend();

    /** The request's state and transition count after a refused call: unchanged, and nothing pushed. */
    const expectUntouched = async (id: string, state: string, transitions: number) => {
      const current = await backend.store.get(id);
      expect({ state: current?.state, transitions: current?.transitions.length }).toEqual({ state, transitions });
      await backend.expectNothingDelivered();
      backend.expectNothingPushed();
    };

    it.each([
      ['X-Forwarded-User', 'X-Forwarded-User'],
      ['X-Backstage-User', 'x-backstage-user'],
      ['X-Forwarded-Email', 'X-Forwarded-Email'],
      ['X-Auth-Request-User (oauth2-proxy)', 'X-Auth-Request-User'],
    ])('a requester claiming to be the approver in %s is refused 403 naming the permission', async (_name, header) => {
      const submitted = await backend.submit();
      const res = await backend.post(`/requests/${submitted.id}/approve`, {}).set(header, USERS.approver);
      expectRefused(res, 403, 'aws-identity.request.approve');
      await expectUntouched(submitted.id, 'submitted', 1);
    });

    it('an approver may not approve their own request (four eyes)', async () => {
      const own = await backend.submit({ user: USERS.approver });
      const res = await backend.post(`/requests/${own.id}/approve`, {}, USERS.approver);
      expectRefused(res, 403, 'own');
      await expectUntouched(own.id, 'submitted', 1);
    });

    it('a decision on an unknown request is 404 naming the id', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      expectRefused(await backend.post(`/requests/${id}/approve`, {}, USERS.approver), 404, id);
      await backend.expectNothingDelivered();
    });

    it('a decision on a malformed id is 404, never a database error', async () => {
      const res = await backend.post(`/requests/${encodeURIComponent("x' OR '1'='1")}/approve`, {}, USERS.approver);
      expectRefused(res, 404, 'not found');
    });

    it('a rejection without a reason is 400 naming reason', async () => {
      const submitted = await backend.submit();
      expectRefused(await backend.post(`/requests/${submitted.id}/reject`, {}, USERS.approver), 400, 'reason: ');
      await expectUntouched(submitted.id, 'submitted', 1);
    });

    it.each([
      ['a number as the rejection reason', 'reject', { reason: 42 }, 'reason: '],
      ['NUL in the rejection reason', 'reject', { reason: 'no\u0000' }, 'reason: '],
      ['a right-to-left override in the comment', 'approve', { comment: 'ok \u202eevorppa ton' }, 'comment: '],
      ['a zero-width space in the comment', 'approve', { comment: 'Approved\u200b by security' }, 'comment: '],
      ['a comment over 2,000 characters', 'approve', { comment: 'x'.repeat(2001) }, 'comment: '],
      ['an object as the comment', 'approve', { comment: { text: 'ok' } }, 'comment: '],
    ])('%s is a 400 naming the field', async (_name, action, body, field) => {
      const submitted = await backend.submit();
      expectRefused(await backend.post(`/requests/${submitted.id}/${action}`, body, USERS.approver), 400, field);
      await expectUntouched(submitted.id, 'submitted', 1);
    });

    it('a deeply nested comment is a 400 naming its path', async () => {
      const submitted = await backend.submit();
      const res = await postRaw(backend, `/requests/${submitted.id}/approve`, `{"comment":${nested(40)}}`, USERS.approver);
      expectRefused(res, 400, 'body.comment');
      await expectUntouched(submitted.id, 'submitted', 1);
    });

    it('only the requester withdraws: a colleague is refused 403', async () => {
      const submitted = await backend.submit();
      const res = await backend.post(`/requests/${submitted.id}/withdraw`, {}, USERS.colleague);
      expectRefused(res, 403, 'requester');
      await expectUntouched(submitted.id, 'submitted', 1);
    });

    it('withdrawn: approving, rejecting and withdrawing again are 409 naming the state', async () => {
      const submitted = await backend.submit();
      expect((await backend.post(`/requests/${submitted.id}/withdraw`, {})).status).toBe(200);
      expectRefused(await backend.post(`/requests/${submitted.id}/approve`, {}, USERS.approver), 409, 'withdrawn');
      expectRefused(await backend.post(`/requests/${submitted.id}/reject`, { reason: 'late' }, USERS.approver), 409, 'withdrawn');
      expectRefused(await backend.post(`/requests/${submitted.id}/withdraw`, {}), 409, 'withdrawn');
      await expectUntouched(submitted.id, 'withdrawn', 2);
    });

    it('rejected: approving and withdrawing are 409 naming the state', async () => {
      const submitted = await backend.submit();
      expect((await backend.post(`/requests/${submitted.id}/reject`, { reason: 'too broad' }, USERS.approver)).status).toBe(200);
      expectRefused(await backend.post(`/requests/${submitted.id}/approve`, {}, USERS.secondApprover), 409, 'rejected');
      expectRefused(await backend.post(`/requests/${submitted.id}/withdraw`, {}), 409, 'rejected');
      await expectUntouched(submitted.id, 'rejected', 2);
    });
  });

  describe('GET /roles: one value per parameter, bounded pages, no anonymous reads', () => {
    const backend = useBackend();

    it.each([
      ['orphaned given twice', 'orphaned=true&orphaned=false', 'orphaned: '],
      ['orphaned as a nested qs object', 'orphaned[a]=true', 'orphaned: '],
      ['a boolean that is not true or false', 'risky=1', 'risky: '],
      ['unusedDays 0', 'unusedDays=0', 'unusedDays: '],
      ['unusedDays in exponent notation', 'unusedDays=9e9', 'unusedDays: '],
      ['an account that is not 12 digits', 'account=12345678901', 'account: '],
      ['an account with a look-alike digit', 'account=11111111111%D9%A1', 'account: '],
      ['limit above the maximum', 'limit=501', 'limit: '],
      ['a negative offset', 'offset=-1', 'offset: '],
      ['an unknown format', 'format=xlsx', 'format: '],
      ['an unknown parameter', 'team=group:default/x', 'team: '],
      ['a search text of 201 characters', `q=${'a'.repeat(201)}`, 'q: '],
    ])('refuses %s (400 naming it)', async (_name, query, field) => {
      expectRefused(await backend.get(`/roles?${query}`), 400, field);
    });

    it.each(['/roles', '/roles?format=csv'])('%s without a token is 401, never an empty list', async path => {
      const res = await request(backend.server).get(`${API}${path}`).set('X-Forwarded-User', USERS.approver);
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('arn:aws:iam');
    });
  });

  describe('GET /requests: one value per parameter, bounded pages', () => {
    const backend = useBackend();
    beforeAll(async () => {
      await backend.submit({ idempotencyKey: 'page-1' });
      await backend.submit({ idempotencyKey: 'page-2', draft: { ...validRequest, roleName: 'reports-api-sqs', access: [{ resource: 'arn:aws:sqs:us-east-1:111111111111:jobs', accessLevel: 'read' }] } });
      await backend.submit({ idempotencyKey: 'page-3', draft: { ...validRequest, roleName: 'reports-api-list', owner: 'app-team', access: [{ resource: BUCKET, accessLevel: 'list' }] } });
    });
    afterEach(async () => {
      await backend.expectStoredCount(3);
      await backend.expectNothingDelivered();
      backend.expectNothingPushed();
    });

    it.each([
      ['entityRef given twice', 'entityRef=component:default/reports-api&entityRef=component:default/other', 'entityRef: '],
      ['state given twice', 'state=submitted&state=approved', 'state: '],
      ['state as a nested qs object', 'state[a]=b', 'state: '],
      ['entityRef as a qs array', 'entityRef[]=component:default/reports-api', 'entityRef: '],
      ['limit given twice', 'limit=1&limit=200', 'limit: '],
      ['an unknown parameter', 'owner=group:default/x', 'owner: '],
      ['an empty entityRef', 'entityRef=', 'entityRef: '],
      ['an unknown state', 'state=bogus', 'state: '],
      ['an unknown state in a list', 'state=submitted,bogus', 'state: '],
      ['an unknown risk', 'risk=extreme', 'risk: '],
      ['team given twice', 'team=app-team&team=ops', 'team: '],
      ['a team that is a component', 'team=component:default/reports-api', 'team: '],
      ['a team with a look-alike letter', 'team=group:default/\u0430pp-team', 'team: '],
      ['limit 0', 'limit=0', 'limit: '],
      ['limit above the maximum', 'limit=201', 'limit: '],
      ['a negative limit', 'limit=-1', 'limit: '],
      ['limit in exponent notation', 'limit=1e2', 'limit: '],
      ['a negative offset', 'offset=-5', 'offset: '],
      ['a non-numeric offset', 'offset=abc', 'offset: '],
      ['an offset beyond the maximum', 'offset=1000001', 'offset: '],
    ])('refuses %s (400 naming it)', async (_name, query, field) => {
      expectRefused(await backend.get(`/requests?${query}`), 400, field);
    });

    it('pages newest first with the total count', async () => {
      const first = await backend.get('/requests?limit=2');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ totalCount: 3, limit: 2, offset: 0 });
      expect(first.body.items).toHaveLength(2);
      const rest = await backend.get('/requests?limit=2&offset=2');
      expect(rest.body.items).toHaveLength(1);
      const ids = [...first.body.items, ...rest.body.items].map((r: { id: string }) => r.id);
      expect(new Set(ids).size).toBe(3);
      const beyond = await backend.get('/requests?offset=10');
      expect(beyond.body).toMatchObject({ items: [], totalCount: 3 });
    });

    it('filters by team on the server: the declared owner, else the requester', async () => {
      const appTeam = await backend.get('/requests?team=app-team');
      expect(appTeam.body).toMatchObject({ totalCount: 1, items: [{ owner: 'group:default/app-team' }] });
      const requester = await backend.get(`/requests?team=${encodeURIComponent(USERS.requester)}&limit=1`);
      expect(requester.body).toMatchObject({ totalCount: 2, limit: 1 });
      expect(requester.body.items).toHaveLength(1);
    });

    it('filters by state list and risk on the server', async () => {
      const open = await backend.get('/requests?state=submitted,approved');
      expect(open.body.totalCount).toBe(3);
      const none = await backend.get('/requests?state=approved');
      expect(none.body).toMatchObject({ items: [], totalCount: 0 });
      const all = await backend.get('/requests');
      const risk = all.body.items[0].plan.risk;
      const byRisk = await backend.get(`/requests?risk=${risk}`);
      expect(byRisk.body.items.every((r: { plan: { risk: string } }) => r.plan.risk === risk)).toBe(true);
      expect(byRisk.body.totalCount).toBe(all.body.items.filter((r: { plan: { risk: string } }) => r.plan.risk === risk).length);
    });
  });
});
