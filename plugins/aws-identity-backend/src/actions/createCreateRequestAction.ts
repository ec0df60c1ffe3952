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
import { awsIdentityRequestCreatePermission } from '@internal/plugin-aws-identity-common';
import { requireCredentialsPermission } from '../auth/requirePermission';
import { submitterOf } from '../requests/requester';
import { submitAudited } from '../requests/submitAudited';
import { asJson, AwsIdentityActionsOptions, formatField, roleRequestSchema } from './util';

/**
 * `aws-identity:create-request`: submits a role request on behalf of the caller, exactly as
 * `POST /requests` does: the same permission (`aws-identity.request.create`), the same request
 * service (envelope validation, the engine's re-validation and plan, idempotency), the same
 * audit event, and the requester taken from the caller's credentials — so the caller can never
 * approve their own request (four eyes). `requestedBy` is not an input: only the scaffolder
 * may name the user it acts for.
 *
 * @internal
 */
export function createCreateRequestAction(options: AwsIdentityActionsOptions) {
  const { actionsRegistry, permissions, requests, auditor } = options;
  actionsRegistry.register({
    name: 'create-request',
    title: 'Request an AWS role for a service account',
    description: `Submits a role request for a component's Kubernetes service account, in the name of the signed-in user: it waits for a platform engineer's approval (never the requester's own), is then delivered as a change to the infrastructure repository, and tracked until the role is live and verified. The request is planned as \`plan-role\` plans it; a plan with a critical finding is refused.

## When to use
- Only after the user saw the plan (\`plan-role\`) and asked to submit it.

Submitting the same \`idempotencyKey\` with the same request again returns the recorded request instead of a second one; the same key with another request is refused. An invalid field is refused with an error that starts with the field's name (e.g. \`request.accountId: …\`).`,
    attributes: { readOnly: false, idempotent: true, destructive: true },
    visibilityPermission: awsIdentityRequestCreatePermission,
    schema: {
      input: z =>
        z.object({
          idempotencyKey: z
            .string()
            .describe('A key unique to this request (e.g. `agent:<conversation>:<n>`); resubmitting it returns the recorded request.'),
          format: formatField(z),
          repoUrl: z
            .string()
            .optional()
            .describe('Infrastructure repository for the change, `host?owner=…&repo=…` of a configured integration. Default from configuration.'),
          request: roleRequestSchema(z),
        }),
      output: z =>
        z.object({
          created: z.boolean().describe('False when the idempotency key returned an existing request.'),
          request: z
            .object({
              id: z.string(),
              state: z.string().describe('`submitted` until a platform engineer decides.'),
              entityRef: z.string(),
              requestedBy: z.string(),
              submittedBy: z.string(),
              plan: z.object({ roleArn: z.string(), risk: z.string() }).passthrough(),
            })
            .passthrough(),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireCredentialsPermission({ permissions, credentials, require: { permission: awsIdentityRequestCreatePermission } });
      const submitter = submitterOf(credentials);
      const created = await submitAudited({ requests, auditor, meta: { via: 'actions-registry', submitter: submitter.ref } }, input, submitter);
      return { output: asJson(created) };
    },
  });
}
