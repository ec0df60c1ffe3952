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
import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DriftRepair,
  accountOfArn,
  IdentityRequest,
  RoleRequestDelivery,
  RoleRequestState,
  RoleRequestTransition,
  RoleRequestVerification,
  transitionProblem,
} from '@internal/plugin-aws-identity-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { connectDatabase } from '../database/migrateDatabase';
import {
  NewRoleRequest,
  RequestStore,
  RequestTransition,
  RoleRequestCursor,
  RoleRequestFilter,
  RoleRequestPage,
  RoleRequestTeamSource,
  transitionConflict,
} from './RequestStore';


/** @internal */
export const REQUESTS_TABLE = 'aws_identity_role_requests';
/** @internal */
export const TRANSITIONS_TABLE = 'aws_identity_role_request_transitions';

/**
 * A row of `aws_identity_role_requests`.
 *
 * @public
 */
export interface RawDbRoleRequestRow {
  id: string;
  idempotency_key: string;
  payload_hash: string;
  state: string;
  version: number;
  entity_ref: string;
  requested_by: string;
  submitted_by: string;
  /** The declared owner; null when none was declared (and on rows older than the column). */
  owner?: string | null;
  role_arn: string;
  account_id: string;
  risk: string;
  plan: string;
  format: string | null;
  repo_url: string | null;
  delivery?: string | null;
  verification?: string | null;
  /** `role` or `migration`; absent on rows older than the column (they are role requests). */
  kind?: string;
  /** JSON of the follow-up delivery of a migration request; null until it was delivered. */
  follow_up?: string | null;
  /** The drifted request this one repairs; null when none (and on rows older than the column). */
  succeeds_request_id?: string | null;
  /** `restore` or `accept`, with `succeeds_request_id`. */
  succeeds_repair?: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A row of `aws_identity_role_request_transitions`.
 *
 * @public
 */
export interface RawDbRoleRequestTransitionRow {
  id: number;
  request_id: string;
  from_state: string | null;
  to_state: string;
  actor: string;
  reason: string | null;
  created_at: string;
}

/**
 * {@link RequestStore} on the plugin's database (SQLite or PostgreSQL),
 * with knex migrations from the package's `migrations` folder.
 *
 * @public
 */
export class DatabaseRequestStore implements RequestStore {
  static async create(options: { database: DatabaseService }): Promise<DatabaseRequestStore> {
    return new DatabaseRequestStore(await connectDatabase(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async create(request: NewRoleRequest): Promise<{ request: IdentityRequest; created: boolean }> {
    const id = randomUUID();
    const now = new Date().toISOString();
    const columns = requestColumns(request);
    await this.db.transaction(async tx => {
      await tx<RawDbRoleRequestRow>(REQUESTS_TABLE)
        .insert({
          id,
          idempotency_key: request.idempotencyKey,
          payload_hash: request.payloadHash,
          state: 'submitted',
          version: 1,
          ...columns,
          requested_by: request.requestedBy,
          submitted_by: request.submittedBy,
          format: request.format ?? null,
          repo_url: request.repoUrl ?? null,
          created_at: now,
          updated_at: now,
        })
        .onConflict('idempotency_key')
        .ignore();
      const inserted = await tx<RawDbRoleRequestRow>(REQUESTS_TABLE).where({ id }).first('id');
      if (inserted) {
        await tx<RawDbRoleRequestTransitionRow>(TRANSITIONS_TABLE).insert({
          request_id: id,
          from_state: null,
          to_state: 'submitted',
          actor: request.requestedBy,
          reason: null,
          created_at: now,
        });
      }
    });
    const row = await this.db<RawDbRoleRequestRow>(REQUESTS_TABLE)
      .where({ idempotency_key: request.idempotencyKey })
      .first();
    if (!row) throw new Error(`role request ${request.idempotencyKey} vanished after insert`);
    if (row.id !== id && row.payload_hash !== request.payloadHash) {
      throw new ConflictError(
        `idempotencyKey: ${JSON.stringify(request.idempotencyKey)} was already used for a different request (${row.id})`,
      );
    }
    return { request: await this.toRequest(row), created: row.id === id };
  }

  async transition(change: RequestTransition): Promise<IdentityRequest> {
    if (transitionProblem(change.from, change.to)) throw transitionConflict(change.id, change.from, change.to);
    const now = new Date().toISOString();
    const moved = await this.db.transaction(async tx => {
      const update: Record<string, unknown> = {
        state: change.to,
        version: tx.raw('version + 1'),
        updated_at: now,
      };
      if (change.delivery) update.delivery = JSON.stringify(change.delivery);
      if (change.verification) update.verification = JSON.stringify(change.verification);
      // The state in the WHERE clause makes concurrent transitions from one state exclusive.
      const count = await tx(REQUESTS_TABLE).where({ id: change.id, state: change.from }).update(update);
      if (count === 0) return false;
      await tx<RawDbRoleRequestTransitionRow>(TRANSITIONS_TABLE).insert({
        request_id: change.id,
        from_state: change.from,
        to_state: change.to,
        actor: change.actor,
        reason: change.reason ?? null,
        created_at: now,
      });
      return true;
    });
    const current = await this.get(change.id);
    if (!current) throw new NotFoundError(`No role request ${change.id}`);
    if (!moved) {
      throw transitionConflict(change.id, current.state, change.to, `it is ${current.state}, not ${change.from}`);
    }
    return current;
  }

  async setVerification(id: string, verification: RoleRequestVerification): Promise<void> {
    await this.db(REQUESTS_TABLE).where({ id }).update({ verification: JSON.stringify(verification) });
  }

  async setFollowUp(id: string, followUp: RoleRequestDelivery): Promise<boolean> {
    // Only the first follow-up is recorded: a second click or replica finds it there.
    const count = await this.db(REQUESTS_TABLE).where({ id, kind: 'migration' }).whereNull('follow_up').update({ follow_up: JSON.stringify(followUp) });
    return count > 0;
  }

  async get(id: string): Promise<IdentityRequest | undefined> {
    const row = await this.db<RawDbRoleRequestRow>(REQUESTS_TABLE).where({ id }).first();
    return row ? this.toRequest(row) : undefined;
  }

  async list(filter: RoleRequestFilter, page?: RoleRequestPage): Promise<IdentityRequest[]> {
    const query = this.filtered(filter).orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    if (page) query.limit(page.limit).offset(page.offset);
    return this.withTransitions(await query);
  }

  async count(filter: RoleRequestFilter): Promise<number> {
    const [{ count }] = await this.filtered(filter).count({ count: '*' });
    return Number(count);
  }

  async teamSources(filter: RoleRequestFilter): Promise<RoleRequestTeamSource[]> {
    const rows: Array<Pick<RawDbRoleRequestRow, 'entity_ref' | 'owner' | 'requested_by'>> = await this.filtered(
      filter,
    ).distinct('entity_ref', 'owner', 'requested_by');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      requestedBy: row.requested_by,
      ...(row.owner ? { owner: row.owner } : {}),
    }));
  }

  async listAfter(
    filter: RoleRequestFilter,
    cursor: RoleRequestCursor | undefined,
    limit: number,
  ): Promise<IdentityRequest[]> {
    const query = this.filtered(filter)
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit);
    if (cursor) {
      query.where(q =>
        q
          .where('created_at', '>', cursor.createdAt)
          .orWhere(same => same.where('created_at', '=', cursor.createdAt).andWhere('id', '>', cursor.id)),
      );
    }
    return this.withTransitions(await query);
  }

  /** The rows matching a filter; every filter is a column of its own, so none parses plans. */
  private filtered(filter: RoleRequestFilter): Knex.QueryBuilder<RawDbRoleRequestRow> {
    const query = this.db<RawDbRoleRequestRow>(REQUESTS_TABLE);
    if (filter.entityRef) query.where({ entity_ref: filter.entityRef });
    if (filter.entityRefs) query.whereIn('entity_ref', [...filter.entityRefs]);
    if (filter.state) query.where({ state: filter.state });
    if (filter.states) query.whereIn('state', [...filter.states]);
    if (filter.risks) query.whereIn('risk', [...filter.risks]);
    if (filter.excludeEntityRefs?.length) query.whereNotIn('entity_ref', [...filter.excludeEntityRefs]);
    if (filter.succeeds) query.where('succeeds_request_id', filter.succeeds);
    return query;
  }

  private async withTransitions(rows: RawDbRoleRequestRow[]): Promise<IdentityRequest[]> {
    const transitions = await this.transitionsOf(rows.map(r => r.id));
    return rows.map(row => this.fromRow(row, transitions.get(row.id) ?? []));
  }

  private async toRequest(row: RawDbRoleRequestRow): Promise<IdentityRequest> {
    const transitions = await this.transitionsOf([row.id]);
    return this.fromRow(row, transitions.get(row.id) ?? []);
  }

  private async transitionsOf(ids: string[]): Promise<Map<string, RoleRequestTransition[]>> {
    const result = new Map<string, RoleRequestTransition[]>();
    if (ids.length === 0) return result;
    // In chunks: SQLite binds at most 999 variables per statement on older builds.
    const rows: RawDbRoleRequestTransitionRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(
        ...(await this.db<RawDbRoleRequestTransitionRow>(TRANSITIONS_TABLE)
          .whereIn('request_id', ids.slice(i, i + 500))
          .orderBy('id', 'asc')),
      );
    }
    for (const row of rows) {
      const list = result.get(row.request_id) ?? [];
      list.push({
        from: (row.from_state as RoleRequestState | null) ?? null,
        to: row.to_state as RoleRequestState,
        actor: row.actor,
        ...(row.reason ? { reason: row.reason } : {}),
        at: row.created_at,
      });
      result.set(row.request_id, list);
    }
    return result;
  }

  private fromRow(row: RawDbRoleRequestRow, transitions: RoleRequestTransition[]): IdentityRequest {
    const record = {
      id: row.id,
      idempotencyKey: row.idempotency_key,
      state: row.state as RoleRequestState,
      entityRef: row.entity_ref,
      requestedBy: row.requested_by,
      submittedBy: row.submitted_by,
      ...(row.owner ? { owner: row.owner } : {}),
      ...(row.format ? { format: row.format as IdentityRequest['format'] } : {}),
      ...(row.repo_url ? { repoUrl: row.repo_url } : {}),
      ...(row.delivery ? { delivery: JSON.parse(row.delivery) } : {}),
      ...(row.verification ? { verification: JSON.parse(row.verification) } : {}),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      transitions,
    };
    return row.kind === 'migration'
      ? {
          ...record,
          kind: 'migration',
          migration: JSON.parse(row.plan),
          ...(row.follow_up ? { followUp: JSON.parse(row.follow_up) } : {}),
        }
      : {
          ...record,
          plan: JSON.parse(row.plan),
          ...(row.succeeds_request_id
            ? { succeeds: { requestId: row.succeeds_request_id, repair: row.succeeds_repair as DriftRepair } }
            : {}),
        };
  }
}

/**
 * The columns a new request fills from its plan: the entity, the declared owner, the role and
 * its account, and the risk each get a column of their own, so that filters never parse plans.
 * A migration request's role is its first target's (every target keeps its own in the plan).
 */
function requestColumns(request: NewRoleRequest): Partial<RawDbRoleRequestRow> {
  if (request.kind === 'migration') {
    const { plan } = request;
    const roleArn = plan.targets[0]?.plan.roleArn ?? '';
    return {
      kind: 'migration',
      entity_ref: plan.input.entityRef,
      owner: null,
      role_arn: roleArn,
      account_id: accountOfArn(roleArn) ?? '',
      risk: plan.risk,
      plan: JSON.stringify(plan),
    };
  }
  const { plan } = request;
  return {
    kind: 'role',
    ...(request.succeeds
      ? { succeeds_request_id: request.succeeds.requestId, succeeds_repair: request.succeeds.repair }
      : {}),
    entity_ref: plan.input.entityRef,
    owner: plan.input.owner ?? null,
    role_arn: plan.roleArn,
    account_id: plan.input.accountId,
    risk: plan.risk,
    plan: JSON.stringify(plan),
  };
}
