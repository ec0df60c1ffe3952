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
import { awsIdentityRequestApprovePermission } from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { RequestStore } from '../requests/RequestStore';
import { requestsTestPlugin, validRequest } from '../requests/__fixtures__';

jest.setTimeout(60_000);

const DEVELOPER = 'user:default/bob';
const PLATFORM = 'user:default/alice';
const OTHER_DEVELOPER = 'user:default/carol';
/** A second platform engineer, for decisions by two different approvers. */
const SECOND_PLATFORM = 'user:default/dave';

/** The router over a real store, with a permission policy: only alice and dave may approve. */
async function start() {
  let store: RequestStore | undefined;
  const approved: string[] = [];
  const plugin = requestsTestPlugin({ onStore: s => (store = s), onApproved: r => approved.push(r.id) });
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const principal = options?.credentials.principal as { userEntityRef?: string };
      return requests.map(r => ({
        result:
          r.permission.name !== awsIdentityRequestApprovePermission.name ||
          [PLATFORM, SECOND_PLATFORM].includes(principal.userEntityRef ?? '')
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })) as any;
    },
  });
  const { server } = await startTestBackend({ features: [plugin, permissions.factory] });
  const as = (user: string) => mockCredentials.user.header(user);
  const submitted = await request(server)
    .post('/api/aws-identity/requests')
    .set('Authorization', as(DEVELOPER))
    .send({ idempotencyKey: 'task-9:request', request: validRequest });
  expect(submitted.status).toBe(201);
  return { server, as, id: submitted.body.request.id as string, store: () => store!, approved };
}

describe('deciding on a role request', () => {
  it('lets a platform engineer approve, recording who and why', async () => {
    const { server, as, id, approved } = await start();
    const response = await request(server)
      .post(`/api/aws-identity/requests/${id}/approve`)
      .set('Authorization', as(PLATFORM))
      .send({ comment: 'scoped to one bucket' });
    expect(response.status).toBe(200);
    expect(response.body.state).toBe('approved');
    expect(response.body.transitions).toEqual([
      expect.objectContaining({ from: null, to: 'submitted', actor: DEVELOPER }),
      expect.objectContaining({ from: 'submitted', to: 'approved', actor: PLATFORM, reason: 'scoped to one bucket' }),
    ]);
    expect(approved).toEqual([id]);
  });

  it('answers 401 without credentials', async () => {
    const { server, id } = await start();
    const response = await request(server)
      .post(`/api/aws-identity/requests/${id}/approve`)
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });

  it('answers 403 when the requester approves their own request (four eyes)', async () => {
    const { server, as, id } = await start();
    // Even a platform engineer cannot approve what they asked for.
    const own = await start();
    const byPlatform = await request(own.server)
      .post('/api/aws-identity/requests')
      .set('Authorization', as(PLATFORM))
      .send({ idempotencyKey: 'task-10:request', request: validRequest });
    const response = await request(own.server)
      .post(`/api/aws-identity/requests/${byPlatform.body.request.id}/approve`)
      .set('Authorization', as(PLATFORM));
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/own role request/);
    expect((await request(server).get(`/api/aws-identity/requests/${id}`).set('Authorization', as(DEVELOPER))).body.state).toBe('submitted');
  });

  it('answers 403 to an approver outside the platform group', async () => {
    const { server, as, id } = await start();
    const response = await request(server)
      .post(`/api/aws-identity/requests/${id}/approve`)
      .set('Authorization', as(OTHER_DEVELOPER));
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('aws-identity.request.approve');
  });

  it('needs a reason to reject', async () => {
    const { server, as, id } = await start();
    const missing = await request(server)
      .post(`/api/aws-identity/requests/${id}/reject`)
      .set('Authorization', as(PLATFORM))
      .send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^reason:/);
    const rejected = await request(server)
      .post(`/api/aws-identity/requests/${id}/reject`)
      .set('Authorization', as(PLATFORM))
      .send({ reason: 'use the shared reports role instead' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('rejected');
  });

  it('answers 409 with a reason for a transition the lifecycle does not allow', async () => {
    const { server, as, id } = await start();
    await request(server).post(`/api/aws-identity/requests/${id}/reject`).set('Authorization', as(PLATFORM)).send({ reason: 'no' });
    const response = await request(server).post(`/api/aws-identity/requests/${id}/approve`).set('Authorization', as(PLATFORM));
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/rejected, which is final/);
  });

  it('lets only the requester withdraw', async () => {
    const { server, as, id } = await start();
    expect((await request(server).post(`/api/aws-identity/requests/${id}/withdraw`).set('Authorization', as(PLATFORM))).status).toBe(403);
    const response = await request(server).post(`/api/aws-identity/requests/${id}/withdraw`).set('Authorization', as(DEVELOPER));
    expect(response.status).toBe(200);
    expect(response.body.state).toBe('withdrawn');
  });

  it('turns concurrent approvals by two different approvers into exactly one', async () => {
    const { server, id, approved, store } = await start();
    // Before: "second" was alice again, so the race never had two approvers.
    const second = SECOND_PLATFORM;
    const responses = await Promise.all(
      [PLATFORM, second, PLATFORM].map(user =>
        request(server).post(`/api/aws-identity/requests/${id}/approve`).set('Authorization', mockCredentials.user.header(user)),
      ),
    );
    expect(responses.map(r => r.status).sort()).toEqual([200, 409, 409]);
    expect(approved).toEqual([id]);
    const stored = await store().get(id);
    expect(stored!.transitions.filter(t => t.to === 'approved')).toHaveLength(1);
    // Both approvers were allowed to approve: the losers lost the race (409), not a permission (403).
    const winner = stored!.transitions.find(t => t.to === 'approved')!.actor;
    expect([PLATFORM, SECOND_PLATFORM]).toContain(winner);
  });
});
