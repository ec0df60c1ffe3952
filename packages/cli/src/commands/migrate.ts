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
  Cluster,
  FargateProfiles,
  IAC_FORMATS,
  IacFormat,
  MigrationPlan,
  PodIdentityAgentAddon,
  renderMigration,
  summarizeMigrations,
} from '@internal/plugin-aws-identity-common';
import { ParsedOptions, UsageError, optional } from '../args';
import { evaluateManifests } from '../check/evaluateManifests';
import { CommandDefinition, CommandOutcome } from '../command';
import { json, paint } from '../format';
import { FAIL_ON_OPTION } from '../gate';
import { CliIo, readInputArgument } from '../io';

const FORMATS = ['text', 'json'] as const;
// The add-on statuses of `aws eks describe-addon` a CLI user meets (shell-safe words for completion).
const AGENT_STATES = ['ACTIVE', 'CREATING', 'UPDATING', 'DEGRADED', 'absent'] as const;

/** `--pod-identity-agent`: the add-on as `aws eks describe-addon` reports it, or `absent`. */
function agentOf(options: ParsedOptions): PodIdentityAgentAddon | undefined {
  const status = optional(options, 'pod-identity-agent');
  if (status === undefined) return undefined;
  return status === 'absent' ? { state: 'not-installed' } : { state: 'installed', status };
}

/**
 * `--fargate-profiles`: `aws eks describe-fargate-profile` output (one object or a list of them),
 * `[]` for a cluster without profiles.
 */
function fargateOf(options: ParsedOptions, io: CliIo): FargateProfiles | undefined {
  const file = optional(options, 'fargate-profiles');
  if (file === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readInputArgument(io, 'fargate-profiles', file));
  } catch (error) {
    throw new UsageError(`--fargate-profiles: not JSON (${(error as Error).message})`);
  }
  const outputs = Array.isArray(value) ? value : [value];
  const profiles = outputs.map((output, i) => {
    const profile = (output as { fargateProfile?: Record<string, unknown> })?.fargateProfile;
    const selectors = profile?.selectors;
    if (!profile || typeof profile.fargateProfileName !== 'string' || !Array.isArray(selectors)) {
      throw new UsageError(`--fargate-profiles: entry ${i} is not describe-fargate-profile output ({"fargateProfile": {"fargateProfileName", "selectors"}})`);
    }
    return {
      name: profile.fargateProfileName,
      ...(typeof profile.status === 'string' ? { status: profile.status } : {}),
      selectors: selectors.map((s: { namespace?: unknown; labels?: unknown }, j: number) => {
        if (typeof s?.namespace !== 'string') throw new UsageError(`--fargate-profiles: entry ${i} selector ${j} has no namespace`);
        return { namespace: s.namespace, ...(s.labels && typeof s.labels === 'object' ? { labels: s.labels as Record<string, string> } : {}) };
      }),
    };
  });
  return { state: 'known', profiles };
}

const STATE_COLOR = { ready: 'green', attention: 'yellow', blocked: 'red', unknown: 'dim', done: 'green', next: 'bold', pending: 'dim' } as const;

function planText(io: CliIo, who: string, plan: MigrationPlan): string {
  const lines = [`${paint(io.color, 'bold', who)}  ${plan.status.toUpperCase()}  (${plan.roleArn})`, '  Readiness:'];
  for (const item of plan.readiness) {
    lines.push(`    [${paint(io.color, STATE_COLOR[item.state], item.state)}] ${item.title}: ${item.evidence}`);
    if (item.fix && item.state !== 'ready') lines.push(`      fix: ${item.fix}`);
  }
  lines.push('  Steps:');
  for (const step of plan.steps) {
    lines.push(`    ${step.order}. [${paint(io.color, STATE_COLOR[step.state], step.state)}] ${step.title}${step.optional ? ' (optional)' : ''}`);
    if (step.reason) lines.push(`       ${step.reason}`);
  }
  return lines.join('\n');
}

/**
 * `migrate`: the IRSA → EKS Pod Identity migration plan of every IRSA-annotated service account
 * in the manifests, from the same engine as the tab, with the IaC of the first two steps in
 * `--iac` format.
 *
 * @public
 */
export function migrateCommand(options: ParsedOptions, io: CliIo): CommandOutcome {
  const format = optional(options, 'format') ?? (options.has('json') ? 'json' : 'text');
  if (options.has('json') && format !== 'json') throw new UsageError(`--json: conflicts with --format ${format}`);
  const iac = optional(options, 'iac') as IacFormat | undefined;
  const agent = agentOf(options);
  const fargate = fargateOf(options, io);
  const extend = (cluster: Cluster): Cluster => ({
    ...cluster,
    ...(agent ? { podIdentityAgent: agent } : {}),
    ...(fargate ? { fargateProfiles: fargate } : {}),
  });
  const { cluster, checked } = evaluateManifests(options, io, extend);
  const plans = checked.flatMap(sa => (sa.report.migration ? [{ sa, plan: sa.report.migration }] : []));
  const summary = summarizeMigrations(plans.map(p => p.plan));
  const rendered = (plan: MigrationPlan) => {
    if (!iac) return [];
    try {
      return renderMigration(plan, iac);
    } catch (error) {
      throw new UsageError(`--iac: ${(error as Error).message.replace(/^format: /, '')}`);
    }
  };
  const outcome: CommandOutcome = { denied: plans.some(p => p.plan.status === 'blocked') };
  const notes = [
    ...(!agent ? ['No --pod-identity-agent: the agent add-on is unknown offline (aws eks describe-addon --addon-name eks-pod-identity-agent).'] : []),
    ...(!fargate ? ['No --fargate-profiles: whether a Fargate profile selects the pods is unknown offline.'] : []),
    ...(plans.length > 0 ? ['Running pods (hostNetwork, Pod Identity env) are unknown offline: the tab plans from the live pods.'] : []),
  ];
  if (format === 'json') {
    io.stdout(
      json({
        cluster: cluster.name,
        summary,
        serviceAccounts: plans.map(({ sa, plan }) => ({
          namespace: sa.namespace,
          name: sa.name,
          migration: plan,
          ...(iac ? { files: rendered(plan) } : {}),
        })),
        notes,
      }),
    );
    return outcome;
  }
  const blocks = plans.map(({ sa, plan }) => {
    const text = planText(io, `${sa.namespace}/${sa.name}`, plan);
    const files = rendered(plan).map(f => `  --- ${f.path}\n${f.content.replace(/^/gm, '  ')}`);
    return [text, ...files].join('\n');
  });
  io.stdout(
    `${[
      summary.headline,
      ...(blocks.length > 0 ? ['', blocks.join('\n\n')] : []),
      ...(notes.length > 0 ? ['', 'Notes:', ...notes.map(n => `  ${n}`)] : []),
    ].join('\n')}\n`,
  );
  return outcome;
}

/** @public */
export const migrateCommandDefinition: CommandDefinition = {
  name: 'migrate',
  summary: 'plan the IRSA to EKS Pod Identity migration of manifests, offline',
  description:
    'Prints, per IRSA-annotated service account under --manifests, the readiness for EKS Pod Identity (agent add-on, Fargate, hostNetwork, trust-policy size, other callers, cross-account) and the ordered steps, from IAM documents (--iam) as for check. --iac renders the trust change and the association.',
  gated: true,
  options: [
    { name: 'manifests', value: 'DIR', description: 'a directory of Kubernetes manifests (YAML or JSON)', path: 'dir' },
    { name: 'iam', value: 'FILE', description: 'IAM documents (repeatable)', path: 'file' },
    { name: 'account', value: 'ID', description: "the cluster's AWS account id (or give --cluster-arn)" },
    { name: 'issuer', value: 'URL', description: "the cluster's OIDC issuer URL" },
    { name: 'cluster-arn', value: 'ARN', description: "the cluster's ARN (needed for the association)" },
    { name: 'cluster', value: 'NAME', description: 'the cluster name shown (default: from --cluster-arn)' },
    { name: 'namespace', value: 'NS', description: 'namespace of objects that name none (default "default")' },
    { name: 'pod-identity-agent', value: 'STATUS', choices: AGENT_STATES, description: 'the eks-pod-identity-agent add-on status, or absent' },
    { name: 'fargate-profiles', value: 'FILE', description: 'aws eks describe-fargate-profile output (a list for several, [] for none)', path: 'file' },
    { name: 'iac', value: 'FORMAT', choices: IAC_FORMATS, description: 'also render steps 1 and 2 in this IaC format' },
    { name: 'format', value: 'FORMAT', choices: FORMATS, description: 'output format (default text)' },
    FAIL_ON_OPTION,
    { name: 'json', description: 'same as --format json' },
  ],
  run: migrateCommand,
};
