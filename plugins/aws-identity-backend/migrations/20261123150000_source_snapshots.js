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


// @ts-check

/**
 * Snapshots of the AWS sources (one row per account and per EKS cluster), written by the one
 * replica that runs the scheduled sync and read by every replica into its in-memory index.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aws_identity_source_snapshots', table => {
    table.comment('Last read of each AWS source (account IAM, EKS cluster)');
    table
      .string('source_key', 255)
      .primary()
      .comment('`account:<12 digits>` or `eks:<backstage cluster name>`');
    table.text('snapshot').nullable().comment('JSON of the last good read, if any');
    table.text('status').notNullable().comment('JSON SourceStatus of the last attempt');
    table
      .string('revision', 64)
      .notNullable()
      .comment('Changes whenever the row does; readers reload only changed rows');
    table.dateTime('updated_at').notNullable().comment('When the row was written');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aws_identity_source_snapshots');
};
