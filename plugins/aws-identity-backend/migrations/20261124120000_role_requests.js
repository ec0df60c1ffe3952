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
 * Role requests (issue 7) and their state transitions (issue 8).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aws_identity_role_requests', table => {
    table.comment('Role requests submitted through the scaffolder or the API');
    table.string('id', 36).primary().notNullable().comment('Request id (UUID)');
    table
      .string('idempotency_key', 200)
      .notNullable()
      .unique()
      .comment('Client-supplied key (e.g. scaffolder task id and step id) that makes creation idempotent');
    table.string('payload_hash', 64).notNullable().comment('SHA-256 of the normalised input, to detect a reused key with other input');
    table.string('state', 32).notNullable().comment('Lifecycle state: submitted, approved, rejected, pr-open, merged, live, verified, failed, withdrawn, expired');
    table.integer('version').notNullable().defaultTo(1).comment('Optimistic-concurrency counter, bumped on every transition');
    table.string('entity_ref', 255).notNullable().comment('The component the role is for');
    table.string('requested_by', 255).notNullable().comment('Entity ref of the requesting user');
    table.string('submitted_by', 255).notNullable().comment('Principal that submitted it (user ref or service subject)');
    table.string('role_arn', 2048).notNullable().comment('ARN the planned role will have');
    table.string('account_id', 12).notNullable().comment('Account of the role');
    table.string('risk', 16).notNullable().comment('Highest finding severity of the plan, or none');
    table.text('plan').notNullable().comment('The plan as JSON: input, policies, findings');
    table.string('format', 32).nullable().comment('IaC format the files were rendered in');
    table.text('repo_url').nullable().comment('Where the rendered files were published');
    table.string('created_at', 32).notNullable().comment('RFC 3339 creation time');
    table.string('updated_at', 32).notNullable().comment('RFC 3339 time of the last transition');
    table.index(['entity_ref'], 'aws_identity_role_requests_entity_ref_idx');
    table.index(['state'], 'aws_identity_role_requests_state_idx');
  });
  await knex.schema.createTable('aws_identity_role_request_transitions', table => {
    table.comment('Who moved a role request to which state, when and why');
    table.increments('id').primary().comment('Sequence number');
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('aws_identity_role_requests')
      .onDelete('CASCADE')
      .comment('The request');
    table.string('from_state', 32).nullable().comment('Previous state; null for creation');
    table.string('to_state', 32).notNullable().comment('New state');
    table.string('actor', 255).notNullable().comment('User entity ref or service subject that made the change');
    table.text('reason').nullable().comment('Why (required for rejections)');
    table.string('created_at', 32).notNullable().comment('RFC 3339 time of the transition');
    table.index(['request_id'], 'aws_identity_role_request_transitions_request_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aws_identity_role_request_transitions');
  await knex.schema.dropTable('aws_identity_role_requests');
};
