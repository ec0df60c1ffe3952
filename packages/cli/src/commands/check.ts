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
import { IdentityReport } from '@internal/plugin-aws-identity-common';
import { ParsedOptions, UsageError, optional } from '../args';
import { evaluateManifests } from '../check/evaluateManifests';
import { LocatedFinding, toSarif } from '../check/sarif';
import { CommandDefinition, CommandOutcome } from '../command';
import { findingsTable, json, paint } from '../format';
import { FAIL_ON_OPTION } from '../gate';
import { CliIo } from '../io';
import { packageVersion } from '../version';

const FORMATS = ['text', 'json', 'sarif'] as const;

/**
 * `check`: evaluates Kubernetes manifests against IAM documents offline and prints, per service
 * account, what the entity tab would show — so a pull request is checked before anything is
 * deployed.
 *
 * @public
 */
export function checkCommand(options: ParsedOptions, io: CliIo): CommandOutcome {
  const format = optional(options, 'format') ?? (options.has('json') ? 'json' : 'text');
  if (options.has('json') && format !== 'json') throw new UsageError(`--json: conflicts with --format ${format}`);
  const { cluster, iam, manifests, manifestsDir, checked } = evaluateManifests(options, io);

  const located: LocatedFinding[] = checked.flatMap(sa =>
    sa.report.findings.map(finding => ({ finding, location: sa.location ?? sa.workloads[0]?.location })),
  );
  const outcome: CommandOutcome = {
    denied: checked.some(sa => sa.report.verdict === 'broken'),
    findings: located.map(l => l.finding),
  };
  const notes = [
    ...(!cluster.issuer ? ['No --issuer: IRSA trust cannot be evaluated for this cluster.'] : []),
    ...(!iam.oidcProvidersKnown
      ? ['No OIDC provider list in --iam: whether the providers exist is not judged.']
      : []),
    ...iam.assumedClientIds.map(arn => `Provider ${arn} has no ClientIDList; assumed to accept sts.amazonaws.com only.`),
    ...manifests.problems.map(p => `${p.location.file}:${p.location.line}: ${p.message}`),
  ];

  if (format === 'sarif') {
    io.stdout(json(toSarif(located, packageVersion())));
    return outcome;
  }
  if (format === 'json') {
    io.stdout(
      json({
        cluster,
        serviceAccounts: checked.map(sa => ({
          namespace: sa.namespace,
          name: sa.name,
          location: sa.location,
          workloads: sa.workloads.map(w => ({ kind: w.kind, name: w.name, location: w.location })),
          report: sa.report,
        })),
        notes,
      }),
    );
    return outcome;
  }
  const VERDICT_COLOR = { verified: 'green', broken: 'red', risky: 'yellow', 'not-configured': 'dim', unknown: 'dim' } as const;
  const verdictColor = (v: IdentityReport['verdict']) => VERDICT_COLOR[v];
  const blocks = checked.map(sa => {
    const { report } = sa;
    const bound =
      report.binding.kind === 'none'
        ? 'no binding'
        : [
            report.binding.irsaRoleArn && `IRSA ${report.binding.irsaRoleArn}`,
            ...report.binding.podIdentityRoleArns.map(arn => `Pod Identity ${arn}`),
          ]
            .filter(Boolean)
            .join(', ');
    const where = sa.location ? `${sa.location.file}:${sa.location.line}` : 'not declared in the manifests';
    const used = sa.workloads.length > 0 ? sa.workloads.map(w => `${w.kind}/${w.name}`).join(', ') : 'no workloads';
    return [
      `${paint(io.color, 'bold', `${sa.namespace}/${sa.name}`)}  ${paint(io.color, verdictColor(report.verdict), report.verdict.toUpperCase())}  (${where})`,
      `  binding: ${bound}; used by: ${used}`,
      `  effective: ${report.effectiveIdentity.explanation}`,
      ...report.verdictReasons.map(r => `  - ${r}`),
      report.findings.length > 0 ? findingsTable(report.findings, io.color).replace(/^/gm, '  ') : '  No findings.',
    ].join('\n');
  });
  io.stdout(
    `${[
      checked.length === 0 ? `No service accounts or workloads found in ${manifestsDir}.` : blocks.join('\n\n'),
      ...(notes.length > 0 ? ['', 'Notes:', ...notes.map(n => `  ${n}`)] : []),
    ].join('\n')}\n`,
  );
  return outcome;
}

/** @public */
export const checkCommandDefinition: CommandDefinition = {
  name: 'check',
  summary: 'check Kubernetes manifests against IAM documents, offline',
  description:
    'Evaluates ServiceAccounts, workloads and ACK PodIdentityAssociations under --manifests against IAM documents (--iam: aws iam get-account-authorization-details, get-role or list-open-id-connect-providers output) and prints per service account what the entity tab would show.',
  gated: true,
  options: [
    { name: 'manifests', value: 'DIR', description: 'a directory of Kubernetes manifests (YAML or JSON)', path: 'dir' },
    { name: 'iam', value: 'FILE', description: 'IAM documents (repeatable)', path: 'file' },
    { name: 'account', value: 'ID', description: "the cluster's AWS account id (or give --cluster-arn)" },
    { name: 'issuer', value: 'URL', description: "the cluster's OIDC issuer URL (for IRSA)" },
    { name: 'cluster-arn', value: 'ARN', description: "the cluster's ARN (for Pod Identity)" },
    { name: 'cluster', value: 'NAME', description: 'the cluster name shown (default: from --cluster-arn)' },
    { name: 'namespace', value: 'NS', description: 'namespace of objects that name none (default "default")' },
    { name: 'format', value: 'FORMAT', choices: FORMATS, description: 'output format (default text)' },
    FAIL_ON_OPTION,
    { name: 'json', description: 'same as --format json' },
  ],
  run: checkCommand,
};
