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
 * Which drifted request a request repairs (restore: the approved plan again; accept: the live
 * state as the new plan), so that the repaired one is superseded once its repair is verified and
 * a second repair is refused while one is open. Null on every row written before this migration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('aws_identity_role_requests', table => {
    table
      .string('succeeds_request_id', 36)
      .nullable()
      .comment('The drifted request this one repairs, if any');
    table.string('succeeds_repair', 16).nullable().comment('How it repairs it: restore or accept');
    table.index(['succeeds_request_id'], 'aws_identity_role_requests_succeeds_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('aws_identity_role_requests', table => {
    table.dropIndex(['succeeds_request_id'], 'aws_identity_role_requests_succeeds_idx');
    table.dropColumn('succeeds_repair');
    table.dropColumn('succeeds_request_id');
  });
};
