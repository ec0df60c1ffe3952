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
import { Finding, Severity, checkRegistry } from '@internal/plugin-aws-identity-common';
import { ManifestLocation } from './readManifests';

/** One finding and where in the manifests it belongs. */
export interface LocatedFinding {
  finding: Finding;
  location?: ManifestLocation;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub code scanning sorts and filters by this 0.0–10.0 score.
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/**
 * A SARIF 2.1.0 log (the format code-scanning UIs read): one rule per check of the catalogue that
 * fired, one result per finding, located at the manifest that declares the service account.
 */
export function toSarif(findings: readonly LocatedFinding[], version: string): object {
  const ids = [...new Set(findings.map(f => f.finding.id))].sort();
  const rules = ids.map(id => {
    const check = checkRegistry.find(c => c.id === id);
    const sample = findings.find(f => f.finding.id === id)!.finding;
    return {
      id,
      name: id.replace(/[^A-Za-z0-9]/g, ''),
      shortDescription: { text: check?.title ?? sample.title },
      fullDescription: { text: check?.explanation ?? sample.title },
      help: { text: check?.fix ?? sample.fix },
      defaultConfiguration: { level: LEVEL[check?.severity ?? sample.severity] },
      properties: {
        tags: ['security', 'aws-iam', 'kubernetes'],
        'security-severity': SECURITY_SEVERITY[check?.severity ?? sample.severity],
      },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aws-identity',
            version,
            rules,
          },
        },
        results: findings.map(({ finding, location }) => ({
          ruleId: finding.id,
          ruleIndex: ids.indexOf(finding.id),
          level: LEVEL[finding.severity],
          message: { text: `${finding.message} Fix: ${finding.fix}` },
          ...(location
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: location.file, uriBaseId: 'MANIFESTS' },
                      region: { startLine: location.line },
                    },
                  },
                ],
              }
            : {}),
          partialFingerprints: {
            findingSubject: `${finding.id}|${finding.subject.kind}|${finding.subject.ref}|${finding.subject.statementIndex ?? ''}`,
          },
          properties: { severity: finding.severity, failMode: finding.failMode, subject: finding.subject },
        })),
      },
    ],
  };
}
