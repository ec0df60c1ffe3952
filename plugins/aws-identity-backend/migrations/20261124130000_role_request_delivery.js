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
 * Where an approved request was delivered, and what the tracker last found (issue 8).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('aws_identity_role_requests', table => {
    table
      .text('delivery')
      .nullable()
      .comment('JSON receipt of the delivered change: kind, branch, url, pull request number');
    table
      .text('verification')
      .nullable()
      .comment('JSON of the last tracking check: when, and the drift between plan and live role');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('aws_identity_role_requests', table => {
    table.dropColumn('delivery');
    table.dropColumn('verification');
  });
};
