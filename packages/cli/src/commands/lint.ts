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
import { CommandDefinition, CommandOutcome, JSON_OPTION } from '../command';
import { findingsTable, json, table } from '../format';
import { FAIL_ON_OPTION } from '../gate';
import { CliIo, readPolicyArgument } from '../io';

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
export function lintCommand(options: ParsedOptions, io: CliIo): CommandOutcome {
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
    return { findings };
  }
  io.stdout(
    [findingsTable(findings, io.color), '', summaryTable(summary), ''].join(
      '\n',
    ),
  );
  return { findings };
}

/** @public */
export const lintCommandDefinition: CommandDefinition = {
  name: 'lint',
  summary: 'permission-policy findings and a summary by service and access level',
  gated: true,
  options: [
    { name: 'policy', value: 'FILE|-', description: 'the permission policy JSON (- for standard input)', path: 'file' },
    FAIL_ON_OPTION,
    JSON_OPTION,
  ],
  run: lintCommand,
};
