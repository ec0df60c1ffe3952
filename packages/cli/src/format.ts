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
import { Finding } from '@internal/plugin-aws-identity-common';

const CODES: Record<string, string> = {
  red: '31',
  yellow: '33',
  green: '32',
  dim: '2',
  bold: '1',
};

/** @public */
export function paint(
  enabled: boolean,
  color: keyof typeof CODES,
  text: string,
): string {
  return enabled ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text;
}

/**
 * Renders rows as a plain-text table with padded columns.
 *
 * @public
 */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

/** @public */
export function findingsTable(findings: Finding[], color: boolean): string {
  if (findings.length === 0) return paint(color, 'green', 'No findings.');
  const severityColor = (s: string) => {
    if (s === 'critical' || s === 'high') return 'red';
    return s === 'medium' ? 'yellow' : 'dim';
  };
  const rows = findings.map(f => [
    f.id,
    f.severity,
    `fails ${f.failMode}`,
    f.message,
  ]);
  const rendered = table(['ID', 'SEVERITY', 'MODE', 'FINDING'], rows).split(
    '\n',
  );
  return rendered
    .map((line, i) =>
      i < 2
        ? line
        : paint(color, severityColor(findings[i - 2].severity), line),
    )
    .join('\n');
}

/** @public */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
