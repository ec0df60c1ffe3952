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
import { InputError } from '@backstage/errors';
import {
  SEVERITIES,
  Severity,
  bySeverity,
  awsIdentityFindingsReadPermission,
  validateAccountId,
} from '@internal/plugin-aws-identity-common';
import { requireCredentialsPermission } from '../auth/requirePermission';
import { visibleFindings } from '../org/visibleFindings';
import { asJson, AwsIdentityActionsOptions, findingSchema } from './util';

/** Findings per answer unless the caller asks for fewer or more; an agent reads them all. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * `aws-identity:list-findings`: the organisation's findings, filtered, as `GET /findings`
 * answers (`visibleFindings`: the same filter, the same catalog visibility), most severe first,
 * at most `limit` of them with the total count.
 *
 * @internal
 */
export function createListFindingsAction(options: AwsIdentityActionsOptions) {
  const { actionsRegistry, permissions, orgViews, visibility } = options;
  actionsRegistry.register({
    name: 'list-findings',
    title: 'List AWS workload identity findings across the organisation',
    description: `Lists the findings of the security checks for every service account the portal knows (trust that admits more than the intended service account, permissions that allow escalation, broken bindings, …), each with the service account, AWS account, the catalog entities that claim it and their owners, filtered by severity, check id, owner, cluster or account.

## When to use
- "What are the critical identity findings of team X?", "Which roles in account 111122223333 have wildcard trust?"
- For one component, \`get-identity\` gives the full report instead.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: awsIdentityFindingsReadPermission,
    schema: {
      input: z =>
        z.object({
          severity: z.array(z.enum(SEVERITIES as [Severity, ...Severity[]])).optional().describe('Only these severities.'),
          checkId: z.array(z.string()).optional().describe('Only these checks, e.g. `IRSA-T01`.'),
          owner: z.array(z.string()).optional().describe('Only findings of entities owned by these groups or users (`group:default/payments-team`).'),
          cluster: z.array(z.string()).optional().describe('Only service accounts on these clusters.'),
          account: z.array(z.string()).optional().describe('Only roles in these AWS accounts (12 digits).'),
          limit: z.number().int().optional().describe(`At most this many findings, 1 to ${MAX_LIMIT}. Default ${DEFAULT_LIMIT}.`),
        }),
      output: z =>
        z.object({
          findings: z.array(
            findingSchema(z).extend({
              serviceAccount: z.object({ cluster: z.string(), namespace: z.string(), name: z.string() }),
              accountId: z.string().optional(),
              entityRefs: z.array(z.string()).describe('The catalog entities that claim the service account and the caller may read.'),
              owners: z.array(z.string()),
            }),
          ),
          totalCount: z.number().describe('How many findings match; more than `findings` holds when the limit cut the list.'),
        }),
    },
    examples: [{ title: 'Critical and high findings', input: { severity: ['critical', 'high'] } }],
    action: async ({ input, credentials }) => {
      await requireCredentialsPermission({ permissions, credentials, require: { permission: awsIdentityFindingsReadPermission } });
      const limit = input.limit ?? DEFAULT_LIMIT;
      if (limit < 1 || limit > MAX_LIMIT) throw new InputError(`limit: must be a whole number from 1 to ${MAX_LIMIT}`);
      for (const value of input.account ?? []) {
        const account = validateAccountId(value);
        if (!account.ok) throw new InputError(`account: ${account.error}`);
      }
      const findings = await visibleFindings(
        { orgViews, visibility },
        { severity: input.severity, checkId: input.checkId, owner: input.owner, cluster: input.cluster, account: input.account },
        credentials,
      );
      // Most severe first, so that a limit cuts the least severe (the sort is stable).
      const ordered = [...findings].sort(bySeverity);
      return { output: { findings: asJson(ordered.slice(0, limit)), totalCount: findings.length } };
    },
  });
}
