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
 * What a request asks for: `role` (every row written before this migration) or `migration`
 * (IRSA → EKS Pod Identity, whose `plan` column then holds the migration request's plan), and
 * where a verified migration's follow-up change (removing the IRSA annotation) was delivered.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('aws_identity_role_requests', table => {
    table
      .string('kind', 32)
      .notNullable()
      .defaultTo('role')
      .comment('What the request asks for: role, or migration (IRSA to EKS Pod Identity)');
    table
      .text('follow_up')
      .nullable()
      .comment('JSON: where the follow-up change of a verified migration (annotation removal) was delivered');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('aws_identity_role_requests', table => {
    table.dropColumn('follow_up');
    table.dropColumn('kind');
  });
};
