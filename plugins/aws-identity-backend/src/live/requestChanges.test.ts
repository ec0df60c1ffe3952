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
import { RoleRequest } from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { requestsTestPlugin, validRequest } from '../requests/__fixtures__';

jest.setTimeout(60_000);

const DEVELOPER = 'user:default/bob';
const PLATFORM = 'user:default/alice';

describe('what the request service announces for live updates', () => {
  it('announces a new request and each decision once, and not a replayed submission', async () => {
    const changes: Array<Pick<RoleRequest, 'id' | 'state' | 'entityRef'>> = [];
    const plugin = requestsTestPlugin({ onChanged: r => changes.push({ id: r.id, state: r.state, entityRef: r.entityRef }) });
    const { server } = await startTestBackend({ features: [plugin, mockServices.permissions.factory()] });
    const as = (user: string) => mockCredentials.user.header(user);
    const body = { idempotencyKey: 'task-1:request', request: validRequest };
    const submitted = await request(server).post('/api/aws-identity/requests').set('Authorization', as(DEVELOPER)).send(body);
    expect(submitted.status).toBe(201);
    const id = submitted.body.request.id as string;
    // The same idempotency key records nothing new, so there is nothing to announce.
    await request(server).post('/api/aws-identity/requests').set('Authorization', as(DEVELOPER)).send(body);
    const approved = await request(server)
      .post(`/api/aws-identity/requests/${id}/approve`)
      .set('Authorization', as(PLATFORM))
      .send({ comment: 'ok' });
    expect(approved.status).toBe(200);
    expect(changes).toEqual([
      { id, state: 'submitted', entityRef: submitted.body.request.entityRef },
      { id, state: 'approved', entityRef: submitted.body.request.entityRef },
    ]);
  });
});
