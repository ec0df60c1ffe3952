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
import {
  PermissionSummary,
  createPermissionCheckContext,
  permissionChecks,
  runChecks,
  summarizePermissions,
} from '@internal/plugin-aws-identity-common';
import { ParsedOptions, UsageError, single } from '../args';
import { findingsTable, json, table } from '../format';
import { CliIo, readPolicyArgument } from '../io';

/** @public */
export const lintSpec = { values: ['policy'], flags: ['json'] } as const;

function summaryTable(summary: PermissionSummary): string {
  const rows = summary.services.flatMap(service =>
    service.levels.map(level => [
      service.service,
      level.accessLevel,
      String(level.actions.length),
      level.anyResource ? '* (any)' : level.resources.join(', '),
      level.conditional ? 'yes' : '',
    ]),
  );
  return rows.length === 0
    ? 'The policy allows nothing.'
    : table(
        ['SERVICE', 'ACCESS LEVEL', 'ACTIONS', 'RESOURCES', 'CONDITIONAL'],
        rows,
      );
}

/**
 * `lint`: permission-policy findings and a summary by service and access level.
 *
 * @public
 */
export function lintCommand(options: ParsedOptions, io: CliIo): void {
  const name = single(options, 'policy');
  const text = readPolicyArgument(io, name);
  const context = createPermissionCheckContext({
    subjectRef: name === '-' ? 'stdin' : name,
    policies: [
      { name: name === '-' ? 'stdin' : name, kind: 'managed', document: text },
    ],
  });
  const broken = context.policies.find(p => p.error);
  if (broken) throw new UsageError(`--policy: ${broken.error}`);
  const findings = runChecks(permissionChecks, context, {
    kind: 'policy',
    ref: name,
  });
  const summary = summarizePermissions(
    context.policies.flatMap(p => (p.parsed ? [p.parsed] : [])),
  );
  if (options.has('json')) {
    io.stdout(json({ findings, summary }));
    return;
  }
  io.stdout(
    [findingsTable(findings, io.color), '', summaryTable(summary), ''].join(
      '\n',
    ),
  );
}
