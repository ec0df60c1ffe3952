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
  IdentityRequest,
  MigrationRequest,
  RoleRequest,
  visibleControlCharacters,
} from '@internal/plugin-aws-identity-common';

/**
 * The pull-request body and commit message: the plan, the findings and the approval record.
 * Everything a person wrote (an approver's comment) is quoted as a fenced code block, so it can
 * never pass for a heading, an HTML comment or an "Approved by" line the system wrote; names and
 * refs, validated by the engine, are inline code. The last paragraph is git trailers, written
 * only from system text.
 */
export function changeDescription(request: IdentityRequest): string {
  const approval = request.transitions.find(t => t.to === 'approved');
  const lines = [
    ...(request.kind === 'migration' ? migrationSummary(request) : roleSummary(request)),
    '',
    '## Approval',
    ...(approval
      ? [
          `Approved by ${code(approval.actor)} at ${approval.at}${approval.reason ? ', who commented:' : '.'}`,
          ...(approval.reason ? ['', ...fenced(approval.reason)] : []),
        ]
      : ['Not approved.']),
    '',
    request.kind === 'migration'
      ? `Request ${code(request.id)}, tracked by aws-identity step by step until the pods are verified on EKS Pod Identity.`
      : `Request ${code(request.id)}, tracked by aws-identity until the role is live and verified.`,
    '',
    `Aws-Identity-Request: ${request.id}`,
    ...(approval ? [`Approved-by: ${approval.actor}`] : []),
  ];
  return lines.join('\n');
}

/** What a migration changes: per service account, the role that gains the Pod Identity statement and the association. */
function migrationSummary(request: MigrationRequest): string[] {
  const { migration } = request;
  return [
    `Migration of ${code(request.entityRef)} from IRSA to EKS Pod Identity, requested by ${code(request.requestedBy)}.`,
    '',
    '## Service accounts',
    ...migration.targets.map(({ serviceAccount: sa, plan }) => {
      const changes = [
        plan.trustChange ? `role ${code(plan.roleArn)} also trusts ${code('pods.eks.amazonaws.com')}` : undefined,
        plan.association ? `association on EKS cluster ${code(plan.association.eksClusterName)}` : undefined,
      ].filter(Boolean);
      return `- ${code(`${sa.cluster}/${sa.namespace}/${sa.name}`)}: ${changes.join('; ') || 'nothing left to change'}`;
    }),
    '',
    'The OIDC statements and the eks.amazonaws.com/role-arn annotation stay until the pods are verified on Pod Identity.',
    '',
    `## Findings (risk: ${migration.risk})`,
    ...(migration.findings.length === 0
      ? ['None.']
      : migration.findings.map(f => `- **${f.id}** (${f.severity}): ${f.message}`)),
  ];
}

/** What a role request creates: the role, its service account and its access. */
function roleSummary(request: RoleRequest): string[] {
  const { plan } = request;
  return [
    `Role ${code(plan.roleArn)} for ${code(request.entityRef)}, requested by ${code(request.requestedBy)}.`,
    '',
    `Service account ${code(`${plan.input.namespace}/${plan.input.serviceAccount}`)} (${plan.input.binding}) on ${plan.input.clusters.map(c => code(c.name)).join(', ')}.`,
    ...repairSummary(request),
    '',
    '## Access',
    ...(plan.grants.length > 0
      ? plan.grants.map(g => `- ${g.preset} on ${code(g.resource)}`)
      : ['As in `policies/permission-policy.json` (the live role\'s statements, accepted as the plan).']),
    '',
    `## Findings (risk: ${plan.risk})`,
    ...(plan.findings.length === 0
      ? ['None.']
      : plan.findings.map(f => `- **${f.id}** (${f.severity}): ${f.message}`)),
  ];
}

/** What a repair of a drifted request does (restore or accept), in system text only. */
function repairSummary(request: RoleRequest): string[] {
  if (!request.succeeds) return [];
  const { requestId, repair } = request.succeeds;
  return [
    '',
    repair === 'restore'
      ? `Restores the approved plan of request ${code(requestId)}, which drifted after it was verified: merging and applying this change puts the role back as planned (the files may be unchanged; the apply is what repairs it).`
      : `Accepts the live state of the role of request ${code(requestId)}, which drifted after it was verified: this change records the live trust and permissions as the plan, so the next apply keeps them.`,
  ];
}

/**
 * The body of a verified migration's follow-up change: which service accounts lose their IRSA
 * annotation, why now, and the request it continues. Only system text and validated names.
 */
export function followUpDescription(request: MigrationRequest, serviceAccounts: string[]): string {
  return [
    `The pods of ${code(request.entityRef)} are verified on EKS Pod Identity; this change removes what kept IRSA alive.`,
    '',
    '## Service accounts',
    ...serviceAccounts.map(name => `- ${code(name)}: the ${code('eks.amazonaws.com/role-arn')} annotation goes`),
    '',
    'Where no other subject relies on them, the OIDC trust statements of the role go too (step 6 of the plan).',
    '',
    `Continues request ${code(request.id)}.`,
    '',
    `Aws-Identity-Request: ${request.id}`,
  ].join('\n');
}

/** Inline code that no backtick inside can close (CommonMark §6.1 code spans). */
function code(text: string): string {
  const visible = visibleControlCharacters(text).replace(/\n/g, ' ');
  const longest = Math.max(0, ...(visible.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = visible.startsWith('`') || visible.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${visible}${pad}${fence}`;
}

/**
 * A fenced code block longer than any backtick run in the text, so no line of it closes the
 * block (CommonMark §4.5); nothing inside is rendered as Markdown or HTML.
 */
function fenced(text: string): string[] {
  const visible = visibleControlCharacters(text);
  const longest = Math.max(0, ...(visible.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}text`, ...visible.split(/\r?\n/), fence];
}
