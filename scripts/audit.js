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

// Dependency audit: every package in the lockfile (direct and transitive, every workspace)
// against the registry's advisories. Exits 1 on a high or critical advisory.
//
// Three outcomes, never confused:
//   - the registry answered with no high/critical advisory: exit 0;
//   - it answered with one or more: they are listed, exit 1;
//   - it did not answer (offline, or a mirror without the advisory endpoint — this project's
//     sandbox machines answer 405): "NOT AUDITED" is printed with the reason. That exits 1 when
//     AWS_IDENTITY_AUDIT=required (set it where the registry is reachable), else 0, because an
//     unreachable advisory service says nothing about the code.
const { spawnSync } = require('node:child_process');

const severity = process.env.AWS_IDENTITY_AUDIT_SEVERITY || 'high';
const required = process.env.AWS_IDENTITY_AUDIT === 'required';

const run = spawnSync(
  'yarn',
  ['npm', 'audit', '--all', '--recursive', '--severity', severity, '--json'],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;

/** Yarn prints one JSON object per advisory: `{ value: name, children: { ID, Issue, Severity, … } }`. */
const advisories = [];
for (const line of (run.stdout ?? '').split('\n')) {
  if (!line.startsWith('{')) continue;
  try {
    const parsed = JSON.parse(line);
    if (parsed && parsed.children && parsed.children.Severity) advisories.push(parsed);
  } catch {
    // not an advisory line
  }
}

if (advisories.length > 0) {
  console.error(`dependency audit: ${advisories.length} advisories at or above "${severity}":`);
  for (const { value, children } of advisories) {
    const versions = (children['Tree Versions'] || []).join(', ');
    console.error(`  ${value}@${versions}  ${children.Severity}  ${children.Issue}  ${children.URL || ''}`);
  }
  process.exit(1);
}

if (run.status === 0) {
  console.log(`dependency audit: no advisory at or above "${severity}"`);
  process.exit(0);
}

// No advisory parsed, yet yarn failed: the advisory service did not answer.
const reason =
  /Response code \d+ \([^)]*\)/.exec(output)?.[0] ??
  /\b(E[A-Z]+)\b: [^\n]*/.exec(output)?.[0] ??
  output.trim().split('\n').filter(Boolean).pop() ??
  `yarn exited with ${run.status}`;
console.log('');
console.log('!! dependency audit: NOT AUDITED - the registry did not answer the advisory query');
console.log(`!! reason: ${reason}`);
console.log('!! set AWS_IDENTITY_AUDIT=required where the registry is reachable to make this fatal');
console.log('');
process.exit(required ? 1 : 0);
