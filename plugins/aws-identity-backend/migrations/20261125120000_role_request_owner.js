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
 * The owner a requester declared for the component (a group or user entity ref), so a request
 * for a component the catalog does not know yet still has a team. Rows written before this
 * migration stay null: no owner was declared then (the plan JSON has none either), and their
 * team keeps coming from the catalog or the requester as before.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('aws_identity_role_requests', table => {
    table
      .string('owner', 255)
      .nullable()
      .comment(
        'Owner the requester declared (group or user entity ref); the catalog owner of the component wins once it exists',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('aws_identity_role_requests', table => {
    table.dropColumn('owner');
  });
};
