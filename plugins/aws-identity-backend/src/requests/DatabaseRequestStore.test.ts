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
import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { planRoleRequest, RolePlan } from '@internal/plugin-aws-identity-common';
import { DatabaseRequestStore, REQUESTS_TABLE, TRANSITIONS_TABLE } from './DatabaseRequestStore';
import { testDirectory, validRequest } from './__fixtures__';

jest.setTimeout(60_000);

// PostgreSQL runs when its connection string is set (scripts/postgres.sh sets the one for
// Debian's PostgreSQL 15); there is no Docker here.
const ids: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15', 'POSTGRES_17'];
const databases = TestDatabases.create({ ids, disableDocker: true });

function plan(): RolePlan {
  const result = planRoleRequest(validRequest, testDirectory);
  if (!result.ok) throw new Error(result.error);
  return result.plan;
}

describe.each(databases.eachSupportedId())('DatabaseRequestStore (%s)', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseRequestStore.create({ database: mockServices.database({ knex }) });
    return { knex, store };
  }

  it('records a submitted request with its first transition', async () => {
    const { store, knex } = await setup();
    const { request, created } = await store.create({
      idempotencyKey: 'task-1:request',
      payloadHash: 'a'.repeat(64),
      plan: plan(),
      requestedBy: 'user:default/jane',
      submittedBy: 'plugin:scaffolder',
      format: 'terraform',
    });
    expect(created).toBe(true);
    expect(request).toMatchObject({
      state: 'submitted',
      entityRef: 'component:default/reports-api',
      requestedBy: 'user:default/jane',
      format: 'terraform',
      transitions: [{ from: null, to: 'submitted', actor: 'user:default/jane' }],
    });
    expect(request.plan.roleArn).toBe('arn:aws:iam::111111111111:role/reports-api-s3');
    expect(await store.get(request.id)).toEqual(request);
    expect(await knex(TRANSITIONS_TABLE).count({ n: '*' })).toEqual([{ n: expect.anything() }]);
  });

  it('is idempotent by key, concurrently too, and refuses a reused key with other input', async () => {
    const { store, knex } = await setup();
    const input = {
      idempotencyKey: 'task-2:request',
      payloadHash: 'b'.repeat(64),
      plan: plan(),
      requestedBy: 'user:default/jane',
      submittedBy: 'plugin:scaffolder',
    };
    const results = await Promise.all([store.create(input), store.create(input), store.create(input)]);
    expect(results.filter(r => r.created)).toHaveLength(1);
    expect(new Set(results.map(r => r.request.id)).size).toBe(1);
    expect(Number((await knex(REQUESTS_TABLE).count({ n: '*' }))[0].n)).toBe(1);
    expect(Number((await knex(TRANSITIONS_TABLE).count({ n: '*' }))[0].n)).toBe(1);
    await expect(store.create({ ...input, payloadHash: 'c'.repeat(64) })).rejects.toThrow(/idempotencyKey/);
  });

  it('lists by entity and state', async () => {
    const { store } = await setup();
    await store.create({ idempotencyKey: 'k1', payloadHash: '1', plan: plan(), requestedBy: 'user:default/a', submittedBy: 'user:default/a' });
    const other = plan();
    other.input = { ...other.input, entityRef: 'component:default/other' };
    await store.create({ idempotencyKey: 'k2', payloadHash: '2', plan: other, requestedBy: 'user:default/a', submittedBy: 'user:default/a' });
    expect(await store.list({})).toHaveLength(2);
    expect((await store.list({ entityRef: 'component:default/other' })).map(r => r.idempotencyKey)).toEqual(['k2']);
    expect(await store.list({ state: 'submitted' })).toHaveLength(2);
    expect(await store.list({ state: 'approved' })).toHaveLength(0);
    expect(await store.get('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('moves a request atomically: one of several concurrent transitions wins', async () => {
    const { store } = await setup();
    const { request } = await store.create({
      idempotencyKey: 'concurrent-1',
      payloadHash: 'h',
      plan: plan(),
      requestedBy: 'user:default/bob',
      submittedBy: 'user:default/bob',
    });
    const attempts = await Promise.allSettled(
      ['user:default/alice', 'user:default/dave', 'user:default/erin'].map(actor =>
        store.transition({ id: request.id, from: 'submitted', to: 'approved', actor }),
      ),
    );
    expect(attempts.filter(a => a.status === 'fulfilled')).toHaveLength(1);
    for (const failed of attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) {
      expect(failed.reason.name).toBe('ConflictError');
      expect(failed.reason.message).toMatch(/already approved/);
    }
    const stored = await store.get(request.id);
    expect(stored!.state).toBe('approved');
    expect(stored!.transitions.map(t => t.to)).toEqual(['submitted', 'approved']);
  });

  it('refuses skipping and going back, and keeps delivery and verification', async () => {
    const { store } = await setup();
    const { request } = await store.create({
      idempotencyKey: 'lifecycle-1',
      payloadHash: 'h',
      plan: plan(),
      requestedBy: 'user:default/bob',
      submittedBy: 'user:default/bob',
    });
    await expect(
      store.transition({ id: request.id, from: 'submitted', to: 'verified', actor: 'x' }),
    ).rejects.toThrow(/can become approved, rejected, withdrawn, expired, not verified/);
    await store.transition({ id: request.id, from: 'submitted', to: 'approved', actor: 'user:default/alice' });
    const delivered = await store.transition({
      id: request.id,
      from: 'approved',
      to: 'pr-open',
      actor: 'plugin:aws-identity',
      delivery: { kind: 'git-branch', branch: 'aws-identity/request-x', url: 'file:///infra.git#x' },
    });
    expect(delivered.delivery).toEqual({ kind: 'git-branch', branch: 'aws-identity/request-x', url: 'file:///infra.git#x' });
    await expect(
      store.transition({ id: request.id, from: 'pr-open', to: 'approved', actor: 'x' }),
    ).rejects.toThrow(/can become merged, failed, withdrawn, not approved/);
    await store.setVerification(request.id, { checkedAt: '2026-11-23T00:00:00.000Z', drift: ['missing'] });
    expect((await store.get(request.id))!.verification).toEqual({ checkedAt: '2026-11-23T00:00:00.000Z', drift: ['missing'] });
    await expect(
      store.transition({ id: 'no-such-request', from: 'submitted', to: 'approved', actor: 'x' }),
    ).rejects.toThrow(/No role request/);
  });
});
