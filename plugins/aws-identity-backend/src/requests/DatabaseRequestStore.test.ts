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
import { planRoleRequest, RolePlan, RoleRequest } from '@internal/plugin-aws-identity-common';
import { join } from 'node:path';
import { DatabaseRequestStore, REQUESTS_TABLE, TRANSITIONS_TABLE } from './DatabaseRequestStore';
import { testDirectory, validRequest } from './__fixtures__';

const MIGRATIONS = join(__dirname, '../../migrations');

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
    expect((request as RoleRequest).plan.roleArn).toBe('arn:aws:iam::111111111111:role/reports-api-s3');
    expect(await store.get(request.id)).toEqual(request);
    expect(await knex(TRANSITIONS_TABLE).count({ n: '*' })).toEqual([{ n: expect.anything() }]);
  });

  it('records which drifted request a repair succeeds, and finds the repairs of a request', async () => {
    const { store } = await setup();
    const { request: original } = await store.create({
      idempotencyKey: 'original',
      payloadHash: 'a'.repeat(64),
      plan: plan(),
      requestedBy: 'user:default/jane',
      submittedBy: 'user:default/jane',
    });
    const { request: repair } = await store.create({
      idempotencyKey: 'restore-1',
      payloadHash: 'b'.repeat(64),
      plan: plan(),
      succeeds: { requestId: original.id, repair: 'restore' },
      requestedBy: 'user:default/joe',
      submittedBy: 'user:default/joe',
    });
    expect(repair).toMatchObject({ succeeds: { requestId: original.id, repair: 'restore' } });
    expect(original).not.toHaveProperty('succeeds');
    expect((await store.list({ succeeds: original.id })).map(r => r.id)).toEqual([repair.id]);
    expect(await store.count({ succeeds: repair.id })).toBe(0);
  });

  it('lists every request past the old 500-row cap, pages newest first and counts by filter', async () => {
    const { store } = await setup();
    const total = 520;
    for (let i = 0; i < total; i++) {
      await store.create({ idempotencyKey: `many-${i}`, payloadHash: `h${i}`, plan: plan(), requestedBy: 'user:default/jane', submittedBy: 'user:default/jane' });
    }
    expect(await store.list({})).toHaveLength(total);
    expect(await store.count({ states: ['submitted'] })).toBe(total);
    expect(await store.count({ states: ['approved'] })).toBe(0);
    expect(await store.count({ risks: [plan().risk] })).toBe(total);
    const first = await store.list({}, { limit: 200, offset: 0 });
    const last = await store.list({}, { limit: 200, offset: 400 });
    expect([first.length, last.length]).toEqual([200, 120]);
    expect(first[0].createdAt >= last[last.length - 1].createdAt).toBe(true);
  });

  it('walks every request once, oldest first, while the walk moves them to another state', async () => {
    const { store } = await setup();
    const created: string[] = [];
    for (let i = 0; i < 230; i++) {
      const { request } = await store.create({ idempotencyKey: `walk-${i}`, payloadHash: `w${i}`, plan: plan(), requestedBy: 'user:default/jane', submittedBy: 'user:default/jane' });
      created.push(request.id);
    }
    const seen: string[] = [];
    let cursor: { createdAt: string; id: string } | undefined;
    for (;;) {
      const page = await store.listAfter({ state: 'submitted' }, cursor, 100);
      for (const request of page) {
        seen.push(request.id);
        await store.transition({ id: request.id, from: 'submitted', to: 'withdrawn', actor: 'user:default/jane' });
      }
      if (page.length < 100) break;
      cursor = { createdAt: page[page.length - 1].createdAt, id: page[page.length - 1].id };
    }
    expect(seen).toHaveLength(230);
    expect(new Set(seen)).toEqual(new Set(created));
    expect(await store.count({ state: 'submitted' })).toBe(0);
  });

  it('keeps the owner the requester declared, and has none when none was declared', async () => {
    const { store, knex } = await setup();
    const declared = planRoleRequest({ ...validRequest, owner: 'app-team' }, testDirectory);
    if (!declared.ok) throw new Error(declared.error);
    const withOwner = await store.create({
      idempotencyKey: 'owner-1',
      payloadHash: 'o',
      plan: declared.plan,
      requestedBy: 'user:development/guest',
      submittedBy: 'plugin:scaffolder',
    });
    expect(withOwner.request.owner).toBe('group:default/app-team');
    expect((withOwner.request as RoleRequest).plan.input.owner).toBe('group:default/app-team');
    expect((await store.get(withOwner.request.id))!.owner).toBe('group:default/app-team');
    expect(await knex(REQUESTS_TABLE).where({ id: withOwner.request.id }).first('owner')).toEqual({
      owner: 'group:default/app-team',
    });
    const without = await store.create({
      idempotencyKey: 'owner-2',
      payloadHash: 'p',
      plan: plan(),
      requestedBy: 'user:development/guest',
      submittedBy: 'plugin:scaffolder',
    });
    expect(without.request).not.toHaveProperty('owner');
    expect((await store.list({})).map(r => [r.idempotencyKey, r.owner])).toEqual(
      expect.arrayContaining([
        ['owner-1', 'group:default/app-team'],
        ['owner-2', undefined],
      ]),
    );
  });

  it('answers the distinct entity, declared owner and requester its teams are decided from, by filter', async () => {
    const { store } = await setup();
    const declared = planRoleRequest({ ...validRequest, owner: 'app-team' }, testDirectory);
    if (!declared.ok) throw new Error(declared.error);
    const submit = (idempotencyKey: string, rolePlan: RolePlan, requestedBy: string) =>
      store.create({ idempotencyKey, payloadHash: idempotencyKey, plan: rolePlan, requestedBy, submittedBy: requestedBy });
    await submit('team-1', declared.plan, 'user:default/jane');
    await submit('team-2', declared.plan, 'user:default/jane');
    await submit('team-3', plan(), 'user:default/jane');
    const other = await submit('team-4', plan(), 'user:default/joe');
    await store.transition({ id: other.request.id, from: 'submitted', to: 'rejected', actor: 'user:default/lead', reason: 'no' });
    const byKey = (sources: Array<{ owner?: string; requestedBy: string }>) =>
      sources.map(s => `${s.owner ?? '-'} ${s.requestedBy}`).sort();
    const all = await store.teamSources({});
    expect(all.every(s => s.entityRef === 'component:default/reports-api')).toBe(true);
    expect(byKey(all)).toEqual(['- user:default/jane', '- user:default/joe', 'group:default/app-team user:default/jane']);
    // No owner is none at all, not null.
    expect(all.find(s => s.requestedBy === 'user:default/joe')).not.toHaveProperty('owner');
    expect(byKey(await store.teamSources({ state: 'submitted' }))).toEqual([
      '- user:default/jane',
      'group:default/app-team user:default/jane',
    ]);
    expect(await store.teamSources({ excludeEntityRefs: ['component:default/reports-api'] })).toEqual([]);
    expect(await store.count({ entityRefs: ['component:default/reports-api', 'component:default/other'] })).toBe(4);
    expect(await store.count({ entityRefs: ['component:default/other'] })).toBe(0);
  });

  it('migrates requests recorded before owners were declared: no owner, nothing else changed', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS });
    // Back to the schema before the owner column (every later migration undone, one at a time),
    // with a request recorded then.
    for (let step = 0; step < 10 && (await knex.schema.hasColumn(REQUESTS_TABLE, 'owner')); step++) {
      await knex.migrate.down({ directory: MIGRATIONS });
    }
    expect(await knex.schema.hasColumn(REQUESTS_TABLE, 'owner')).toBe(false);
    expect(await knex.schema.hasColumn(REQUESTS_TABLE, 'delivery')).toBe(true);
    const old = plan();
    await knex(REQUESTS_TABLE).insert({
      id: '00000000-0000-4000-8000-000000000001',
      idempotency_key: 'before-owners',
      payload_hash: 'h',
      state: 'submitted',
      version: 1,
      entity_ref: old.input.entityRef,
      requested_by: 'user:default/jane',
      submitted_by: 'user:default/jane',
      role_arn: old.roleArn,
      account_id: old.input.accountId,
      risk: old.risk,
      plan: JSON.stringify(old),
      created_at: '2026-11-24T00:00:00.000Z',
      updated_at: '2026-11-24T00:00:00.000Z',
    });
    const store = await DatabaseRequestStore.create({ database: mockServices.database({ knex }) });
    const migrated = await store.get('00000000-0000-4000-8000-000000000001');
    expect(migrated).toMatchObject({ idempotencyKey: 'before-owners', requestedBy: 'user:default/jane', plan: old });
    expect(migrated).not.toHaveProperty('owner');
    // A row from before request kinds is a role request.
    expect(migrated).not.toHaveProperty('migration');
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
