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
  awsIdentityRequestReadPermission,
  planRoleRequest,
} from '@internal/plugin-aws-identity-common';
import { requireCredentialsPermission } from '../auth/requirePermission';
import { asJson, AwsIdentityActionsOptions, findingSchema, roleRequestSchema } from './util';

/**
 * `aws-identity:plan-role`: a dry run of a role request. The engine's planner
 * (`planRoleRequest`) against the directory `POST /requests` plans against (configured
 * accounts and clusters, issuers from the inventory) and the live roles (a taken name is
 * refused), as the request service does on submit and the scaffolder's `aws-identity:role:plan`
 * does: the plan an agent sees is the plan a submission would record. Nothing is stored.
 *
 * Offered with `aws-identity.request.read`, the permission of `GET /request-directory` that
 * plans are made against.
 *
 * @internal
 */
export function createPlanRoleAction(options: AwsIdentityActionsOptions) {
  const { actionsRegistry, permissions, requests, live } = options;
  actionsRegistry.register({
    name: 'plan-role',
    title: 'Plan an AWS role for a service account (dry run)',
    description: `Validates a role request for a component's Kubernetes service account and plans it without submitting anything: the role ARN, the generated trust policy (scoped to exactly this service account on the given clusters) and permission policy, the checks' findings, the policy sizes against IAM's quotas, and the risk level. A plan with a critical finding is refused.

## When to use
- Before \`create-request\`: show the user what would be requested, and fix what is refused.
- "What would a role for payments/api reading bucket X look like?"

An invalid field is refused with an error that starts with the field's name (e.g. \`accountId: …\`).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: awsIdentityRequestReadPermission,
    schema: {
      input: z => roleRequestSchema(z),
      output: z =>
        z.object({
          roleArn: z.string(),
          risk: z.string().describe('Highest finding severity (critical, high, medium, low) or `none`.'),
          findings: z.array(findingSchema(z)),
          trustPolicy: z
            .object({ document: z.object({}).passthrough(), size: z.number(), quota: z.number() })
            .passthrough()
            .describe('The trust policy, with its size against the quota.'),
          permissionPolicy: z
            .object({ document: z.object({}).passthrough(), size: z.number(), quota: z.number() })
            .passthrough()
            .describe('The permission policy, with its size against the quota.'),
          input: z.object({}).passthrough().describe('The request as the planner normalised it.'),
          grants: z.array(z.object({ preset: z.string(), resource: z.string() })),
          oidcProviders: z
            .array(z.object({ cluster: z.string(), issuer: z.string(), oidcProviderArn: z.string() }))
            .optional()
            .describe('IRSA: per cluster, the issuer the role trusts and the IAM OIDC provider it names.'),
        }),
    },
    examples: [
      {
        title: 'Read access to one bucket for payments/api',
        input: {
          entityRef: 'component:default/payments',
          roleName: 'payments-api-s3',
          clusters: ['prod-eu'],
          namespace: 'payments',
          serviceAccount: 'api',
          access: [{ resource: 'arn:aws:s3:::payments-invoices', accessLevel: 'read' }],
        },
      },
    ],
    action: async ({ input, credentials }) => {
      await requireCredentialsPermission({ permissions, credentials, require: { permission: awsIdentityRequestReadPermission } });
      const result = planRoleRequest(input, requests.directory(), {
        existingRole: (accountId, roleName) => live.role(`arn:aws:iam::${accountId}:role/${roleName}`),
      });
      // The input is the draft itself, so the field is named as the planner names it.
      if (!result.ok) throw new InputError(`${result.field}: ${result.error}`);
      return { output: asJson(result.plan) };
    },
  });
}
