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
  IdentityReport,
  explainStsError,
} from '@internal/plugin-aws-identity-common';
import { ParsedOptions, UsageError, single } from '../args';
import { CommandDefinition, JSON_OPTION } from '../command';
import { json, paint } from '../format';
import { CliIo, readInputArgument } from '../io';

// The report comes from the backend (GET /identity) or a saved copy; only the fields the
// decoder reads are checked, so a report of a newer backend still works.
function parseReport(text: string): IdentityReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--report: not valid JSON');
  }
  const r = value as Partial<IdentityReport> | null;
  if (
    !r ||
    typeof r !== 'object' ||
    !r.serviceAccount ||
    !r.binding ||
    !r.effectiveIdentity ||
    !Array.isArray(r.roles) ||
    !Array.isArray(r.findings)
  ) {
    throw new UsageError(
      '--report: not an identity report (needs serviceAccount, binding, effectiveIdentity, roles, findings)',
    );
  }
  return r as IdentityReport;
}

/**
 * `explain`: what an STS or SDK credential error means for the service account of a report.
 *
 * @public
 */
export function explainCommand(options: ParsedOptions, io: CliIo): void {
  const errorText = readInputArgument(io, 'error', single(options, 'error'));
  const report = parseReport(
    readInputArgument(io, 'report', single(options, 'report')),
  );
  const explanation = explainStsError(errorText, report);
  if (options.has('json')) {
    io.stdout(json(explanation));
    return;
  }
  const { namespace, name, cluster } = report.serviceAccount;
  const lines = [
    paint(
      io.color,
      'bold',
      `${explanation.error.code ?? 'Unrecognised'}: ${explanation.meaning}`,
    ),
    `Service account ${namespace}/${name} on ${cluster}${
      explanation.roleArn ? `, role ${explanation.roleArn}` : ''
    }.`,
  ];
  if (explanation.causes.length > 0)
    lines.push('', 'Why:', ...explanation.causes.map(c => `  - ${c.text}`));
  if (explanation.nextSteps.length > 0)
    lines.push(
      '',
      'Next:',
      ...explanation.nextSteps.map((s, i) => `  ${i + 1}. ${s}`),
    );
  io.stdout(`${lines.join('\n')}\n`);
}

/** @public */
export const explainCommandDefinition: CommandDefinition = {
  name: 'explain',
  summary: 'what an STS or SDK credential error means for a service account',
  options: [
    { name: 'error', value: 'FILE|-', description: 'the error text (- for standard input)', path: 'file' },
    { name: 'report', value: 'FILE', description: 'the identity report (GET /api/aws-identity/identity)', path: 'file' },
    JSON_OPTION,
  ],
  run: explainCommand,
};
