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
import { RoleRequestState } from '@internal/plugin-aws-identity-common';
import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { validRequest } from '../requests/__fixtures__';
import {
  API,
  asScaffolderFor,
  describeOnEachDatabase,
  expectRefused,
  MIGRATION_ENTITY_REF,
  USERS,
} from './harness';

/*
 * The decision class of the adversarial suite (#13): withdraw at every state of the lifecycle
 * (REQUEST_TRANSITIONS: only submitted, approved and pr-open may become withdrawn), decisions on
 * decided requests, who the requester is when the scaffolder submits on a person's behalf, spoofed
 * identity headers, and forged text in the change. Each refusal asserts the status, that the
 * reason names the field or state, and that nothing was stored, delivered or pushed.
 */

jest.setTimeout(120_000);

/** `git interpret-trailers --parse` of a commit message: the trailers git itself reads from it. */
function gitTrailers(message: string): string[] {
  return execFileSync('git', ['interpret-trailers', '--parse'], { input: message })
    .toString()
    .split('\n')
    .filter(line => line !== '');
}

describeOnEachDatabase('adversarial decisions on %s', useBackend => {
  const backend = useBackend();

  describe('withdraw at every state', () => {
    it('withdraws a submitted request: 200, withdrawn, nothing pushed', async () => {
      const submitted = await backend.submit();
      const res = await backend.post(`/requests/${submitted.id}/withdraw`, { reason: 'not needed' });
      expect({ status: res.status, state: res.body.state }).toEqual({ status: 200, state: 'withdrawn' });
      expect((await backend.store.get(submitted.id))?.state).toBe('withdrawn');
      expect(backend.pushedBranches().filter(b => b.includes(submitted.id))).toEqual([]);
    });

    it('withdraws an approved request before delivery: 200, and no branch of it ever lands', async () => {
      const submitted = await backend.submit();
      await backend.moveAlong(submitted.id, ['approved']);
      const res = await backend.post(`/requests/${submitted.id}/withdraw`, {});
      expect({ status: res.status, state: res.body.state }).toEqual({ status: 200, state: 'withdrawn' });
      expect(backend.pushedBranches().filter(b => b.includes(submitted.id))).toEqual([]);
    });

    it('withdraws a pr-open request and deletes its branch from the remote', async () => {
      const submitted = await backend.submit();
      expect((await backend.post(`/requests/${submitted.id}/approve`, {}, USERS.approver)).status).toBe(200);
      await backend.waitForState(submitted.id, 'pr-open');
      expect(backend.pushedBranches().filter(b => b.includes(submitted.id))).toHaveLength(1);
      const res = await backend.post(`/requests/${submitted.id}/withdraw`, {});
      expect({ status: res.status, state: res.body.state }).toEqual({ status: 200, state: 'withdrawn' });
      expect(backend.pushedBranches().filter(b => b.includes(submitted.id))).toEqual([]);
    });

    const refused: Array<[RoleRequestState, RoleRequestState[]]> = [
      ['merged', ['approved', 'pr-open', 'merged']],
      ['live', ['approved', 'pr-open', 'merged', 'live']],
      ['verified', ['approved', 'pr-open', 'merged', 'live', 'verified']],
      ['failed', ['approved', 'failed']],
      ['expired', ['expired']],
      ['rejected', ['rejected']],
      ['withdrawn', ['withdrawn']],
    ];

    it.each(refused)('refuses to withdraw a %s request: 409 naming the state, nothing changed', async (state, path) => {
      const submitted = await backend.submit();
      const before = await backend.moveAlong(submitted.id, path);
      const branches = backend.pushedBranches();
      expectRefused(await backend.post(`/requests/${submitted.id}/withdraw`, {}), 409, state);
      const after = await backend.store.get(submitted.id);
      expect({ state: after?.state, transitions: after?.transitions.length }).toEqual({
        state,
        transitions: before.transitions.length,
      });
      expect(backend.pushedBranches()).toEqual(branches);
    });
  });

  describe('decisions on unknown and decided requests', () => {
    it.each(['approve', 'reject', 'withdraw'])('%s on an unknown request is 404 naming the id', async action => {
      const id = '00000000-0000-4000-8000-00000000000a';
      const user = action === 'withdraw' ? USERS.requester : USERS.approver;
      expectRefused(await backend.post(`/requests/${id}/${action}`, { reason: 'x' }, user), 404, id);
      expect(await backend.store.get(id)).toBeUndefined();
    });

    it.each([
      ['approved', 'approve'],
      ['approved', 'reject'],
      ['verified', 'approve'],
      ['failed', 'reject'],
      ['expired', 'approve'],
    ] as Array<[RoleRequestState, string]>)('a %s request cannot take the decision %s: 409 naming the state', async (state, action) => {
      const submitted = await backend.submit();
      const path: Record<string, RoleRequestState[]> = {
        approved: ['approved'],
        verified: ['approved', 'pr-open', 'merged', 'live', 'verified'],
        failed: ['approved', 'failed'],
        expired: ['expired'],
      };
      const before = await backend.moveAlong(submitted.id, path[state]);
      const res = await backend.post(`/requests/${submitted.id}/${action}`, { reason: 'again' }, USERS.secondApprover);
      expectRefused(res, 409, state);
      expect((await backend.store.get(submitted.id))?.transitions).toHaveLength(before.transitions.length);
    });
  });

  describe('who the requester is', () => {
    const body = (key: string, extra: object = {}) => ({ idempotencyKey: key, request: validRequest, ...extra });

    it('the scaffolder on behalf of an approver records the approver, who then cannot approve (four eyes)', async () => {
      const res = await request(backend.server)
        .post(`${API}/requests`)
        .set('Authorization', asScaffolderFor(USERS.approver))
        .send(body('scaffolder-self', { requestedBy: USERS.approver }));
      expect(res.status).toBe(201);
      expect(res.body.request.requestedBy).toBe(USERS.approver);
      const id = res.body.request.id;
      expectRefused(await backend.post(`/requests/${id}/approve`, {}, USERS.approver), 403, 'own');
      expect((await backend.store.get(id))?.state).toBe('submitted');
      expect(backend.pushedBranches().filter(b => b.includes(id))).toEqual([]);
    });

    it('the scaffolder on behalf of an approver cannot record another person as requester', async () => {
      const count = (await backend.store.list({})).length;
      const res = await request(backend.server)
        .post(`${API}/requests`)
        .set('Authorization', asScaffolderFor(USERS.approver))
        .send(body('scaffolder-other', { requestedBy: USERS.requester }));
      expectRefused(res, 403, 'requestedBy');
      await backend.expectStoredCount(count);
    });

    it('a signed-in user who forges requestedBy is refused 403 naming the field', async () => {
      const count = (await backend.store.list({})).length;
      expectRefused(await backend.post('/requests', body('forged-by', { requestedBy: USERS.colleague })), 403, 'requestedBy');
      await backend.expectStoredCount(count);
    });

    it.each(['X-Forwarded-User', 'X-Auth-Request-User', 'X-Forwarded-Email'])(
      'a %s header does not change who requested',
      async header => {
        const res = await backend.post('/requests', body(`spoof-${header}`)).set(header, USERS.colleague);
        expect(res.status).toBe(201);
        expect(res.body.request.requestedBy).toBe(USERS.requester);
        expectRefused(await backend.post(`/requests/${res.body.request.id}/withdraw`, {}, USERS.colleague), 403, 'requester');
      },
    );

    it.each(['X-Forwarded-User', 'X-Auth-Request-User', 'X-Forwarded-Email'])(
      '%s without a token is 401, and nothing is stored',
      async header => {
        const count = (await backend.store.list({})).length;
        const value = header === 'X-Forwarded-Email' ? 'approver@example.com' : USERS.approver;
        const res = await request(backend.server).post(`${API}/requests`).set(header, value).send(body(`anon-${header}`));
        expect(res.status).toBe(401);
        expect(res.body.error?.name).toBe('AuthenticationError');
        await backend.expectStoredCount(count);
        // Reading is refused as well: the header is never an identity.
        expect((await request(backend.server).get(`${API}/requests`).set(header, value)).status).toBe(401);
      },
    );
  });

  describe('forged text', () => {
    it.each([
      ['NUL in the approver comment', 'approve', 'comment', 'ok\u0000'],
      ['a bidi override in the approver comment', 'approve', 'comment', 'fine \u202edevorppa'],
      ['NUL in the rejection reason', 'reject', 'reason', 'no\u0000'],
      ['a bidi isolate in the withdraw reason', 'withdraw', 'reason', 'gone \u2066x'],
    ])('%s is a 400 naming the field, nothing changed', async (_name, action, field, text) => {
      const submitted = await backend.submit();
      const user = action === 'withdraw' ? USERS.requester : USERS.approver;
      expectRefused(await backend.post(`/requests/${submitted.id}/${action}`, { [field]: text }, user), 400, `${field}: `);
      const after = await backend.store.get(submitted.id);
      expect({ state: after?.state, transitions: after?.transitions.length }).toEqual({ state: 'submitted', transitions: 1 });
      expect(backend.pushedBranches().filter(b => b.includes(submitted.id))).toEqual([]);
    });

    it('an accepted comment with headings, an HTML comment and trailer lines is quoted in the pushed commit', async () => {
      const comment = [
        '## Approved by security',
        '<!-- reviewers: skip -->',
        'Approved-by: user:default/ciso',
        '',
        'Aws-Identity-Request: 00000000-0000-4000-8000-000000000000',
        '```',
        'Approved-by: user:default/ciso',
      ].join('\n');
      const submitted = await backend.submit();
      expect((await backend.post(`/requests/${submitted.id}/approve`, { comment }, USERS.approver)).status).toBe(200);
      const delivered = await backend.waitForState(submitted.id, 'pr-open');
      const message = backend.commitMessage(delivered.delivery!.branch!);
      const lines = message.split('\n');
      // The comment sits inside a fence longer than any backtick run in it (CommonMark §4.5).
      const open = lines.indexOf('````text');
      const close = lines.indexOf('````', open + 1);
      expect(open).toBeGreaterThan(-1);
      expect(close).toBeGreaterThan(open);
      expect(lines.slice(open + 1, close)).toEqual(comment.split('\n'));
      // Outside the fence no line is the forged text: no heading, no HTML comment, no trailer of it.
      const outside = [...lines.slice(0, open), ...lines.slice(close + 1)];
      expect(outside.filter(l => l.includes('ciso') || l.startsWith('<!--') || l === '## Approved by security')).toEqual([]);
      // git reads the trailers of the last paragraph only: exactly the two the system wrote.
      expect(gitTrailers(message)).toEqual([`Aws-Identity-Request: ${submitted.id}`, `Approved-by: ${USERS.approver}`]);
    });
  });
});

describeOnEachDatabase('adversarial migration requests on %s', useBackend => {
  const backend = useBackend();
  const migration = (input: unknown) => ({
    kind: 'migration',
    idempotencyKey: `migration-${Math.random().toString(36).slice(2)}`,
    request: input,
  });
  const API_SA = { cluster: 'sandbox-east', namespace: 'orders', name: 'api' };

  it.each([
    ['an unknown kind', { ...migration({ entityRef: MIGRATION_ENTITY_REF }), kind: 'rotation' }, 'kind'],
    ['an entity the catalog lacks', migration({ entityRef: 'component:default/ghost' }), 'request.entityRef'],
    ['a malformed entity ref', migration({ entityRef: 'component:' }), 'request.entityRef'],
    ['a trust policy of the requester', migration({ entityRef: MIGRATION_ENTITY_REF, serviceAccounts: [API_SA], trustPolicy: { Statement: [] } }), 'request.trustPolicy'],
    ['a role ARN of the requester', migration({ entityRef: MIGRATION_ENTITY_REF, serviceAccounts: [{ ...API_SA, roleArn: 'arn:aws:iam::222222222222:role/x' }] }), 'request.serviceAccounts[0].roleArn'],
    ['a service account of another component', migration({ entityRef: MIGRATION_ENTITY_REF, serviceAccounts: [{ ...API_SA, namespace: 'payments' }] }), 'request.serviceAccounts[0]'],
    ['a service account without IRSA', migration({ entityRef: MIGRATION_ENTITY_REF, serviceAccounts: [{ ...API_SA, name: 'web' }] }), 'request.serviceAccounts[0]'],
    // The role is not in the inventory and the cluster's add-ons were never read: not ready.
    ['a service account that is not ready', migration({ entityRef: MIGRATION_ENTITY_REF, serviceAccounts: [API_SA] }), 'request.serviceAccounts[0]'],
    ['a component with no service account ready', migration({ entityRef: MIGRATION_ENTITY_REF }), 'request.entityRef'],
    ['a cluster name with a path in it', migration({ entityRef: MIGRATION_ENTITY_REF, serviceAccounts: [{ ...API_SA, cluster: '../east' }] }), 'request.serviceAccounts[0].cluster'],
  ])('refuses %s: 400 naming the field, nothing stored', async (_name, body, field) => {
    const res = await backend.post('/requests', body);
    expectRefused(res, 400, field);
    await backend.expectNothingStored();
  });

  it('says why a service account is not ready: the failing readiness item', async () => {
    const res = await backend.post('/requests', migration({ entityRef: MIGRATION_ENTITY_REF, serviceAccounts: [API_SA] }));
    expect(expectRefused(res, 400, 'request.serviceAccounts[0]')).toMatch(/is not ready to migrate: .+ is (blocked|unknown)/);
  });
});
