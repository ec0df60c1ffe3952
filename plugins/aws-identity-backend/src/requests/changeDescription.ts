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


import { RoleRequest } from '@internal/plugin-aws-identity-common';

/** The pull-request body: the plan, the findings and the approval record. */
export function changeDescription(request: RoleRequest): string {
  const { plan } = request;
  const approval = request.transitions.find(t => t.to === 'approved');
  const lines = [
    `Role \`${plan.roleArn}\` for \`${request.entityRef}\`, requested by \`${request.requestedBy}\`.`,
    '',
    `Service account \`${plan.input.namespace}/${plan.input.serviceAccount}\` (${plan.input.binding}) on ${plan.input.clusters.map(c => `\`${c.name}\``).join(', ')}.`,
    '',
    '## Access',
    ...plan.grants.map(g => `- ${g.preset} on \`${g.resource}\``),
    '',
    `## Findings (risk: ${plan.risk})`,
    ...(plan.findings.length === 0
      ? ['None.']
      : plan.findings.map(f => `- **${f.id}** (${f.severity}): ${f.message}`)),
    '',
    '## Approval',
    approval
      ? `Approved by \`${approval.actor}\` at ${approval.at}${approval.reason ? `: ${approval.reason}` : ''}.`
      : 'Not approved.',
    '',
    `Request \`${request.id}\`, tracked by aws-identity until the role is live and verified.`,
  ];
  return lines.join('\n');
}
