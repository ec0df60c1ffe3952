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


import { SourceStatus } from '@internal/plugin-aws-identity-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';

const TABLE = 'aws_identity_source_snapshots';

/**
 * One stored source: its last good snapshot (if any) and the status of its last read.
 *
 * @public
 */
export interface StoredSource<T> {
  key: string;
  snapshot?: T;
  status: SourceStatus;
  revision: string;
}

/**
 * Shares the AWS sources' snapshots between backend replicas: the replica that runs the
 * (globally scheduled) sync writes them, every replica reloads the rows whose revision changed.
 *
 * @public
 */
export class SourceSnapshotStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Writes a source; `snapshot: undefined` keeps the last good snapshot (a failed read).
   * Returns the new revision.
   */
  async save<T>(key: string, status: SourceStatus, snapshot?: T): Promise<string> {
    const row: Record<string, unknown> = {
      source_key: key,
      status: JSON.stringify(status),
      revision: randomUUID(),
      updated_at: new Date(),
    };
    if (snapshot !== undefined) row.snapshot = JSON.stringify(snapshot);
    await this.knex(TABLE)
      .insert({ snapshot: null, ...row })
      .onConflict('source_key')
      .merge(Object.keys(row).filter(k => k !== 'source_key'));
    return row.revision as string;
  }

  /** The current revision of every source, a cheap query to decide what to reload. */
  async revisions(): Promise<Map<string, string>> {
    const rows = await this.knex(TABLE).select('source_key', 'revision');
    return new Map(rows.map(r => [r.source_key as string, r.revision as string]));
  }

  /** Loads the given sources in full. */
  async load<T>(keys: string[]): Promise<StoredSource<T>[]> {
    if (keys.length === 0) return [];
    const rows = await this.knex(TABLE).whereIn('source_key', keys);
    return rows.map(r => ({
      key: r.source_key,
      snapshot: r.snapshot ? (JSON.parse(r.snapshot) as T) : undefined,
      status: JSON.parse(r.status) as SourceStatus,
      revision: r.revision,
    }));
  }
}
