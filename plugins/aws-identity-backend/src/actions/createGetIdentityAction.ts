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
import { awsIdentityFindingsReadPermission, awsIdentityReadPermission } from '@internal/plugin-aws-identity-common';
import { requireCredentialsPermission } from '../auth/requirePermission';
import { readEntityIdentity } from '../identity/entityIdentity';
import { asJson, AwsIdentityActionsOptions, entityRefField, entityRefInput, findingSchema, sourceStatusSchema } from './util';

/**
 * `aws-identity:get-identity`: the identity report of one catalog entity, the answer of
 * `GET /identity?entityRef=` (the same identity read, the same permission and catalog
 * visibility, with the caller's credentials).
 *
 * The registry's visibility permission must be a basic one, so the action is offered to
 * callers with `aws-identity.findings.read`; each call then requires the resource permission
 * `aws-identity.identity.read` for the entity, as the route does.
 *
 * @internal
 */
export function createGetIdentityAction(options: AwsIdentityActionsOptions) {
  const { actionsRegistry, permissions, identity, visibility } = options;
  actionsRegistry.register({
    name: 'get-identity',
    title: 'Get the AWS workload identity of an entity',
    description: `For a catalog component, every Kubernetes service account its workloads run as, with the AWS role each one gets (IRSA annotation or EKS Pod Identity association), whether the role's trust policy admits it, what the pods actually use, the findings of the security checks, a verdict (verified, broken, risky, not-configured) and the next step.

## When to use
- "Which AWS role does payments use?", "Why can't my pod assume its role?", "Is the trust of my role too broad?"
- Before requesting a new role: see what the component already has.

The answer names the AWS accounts and clusters it was built from (\`sources\`); a source in state \`stale\` or \`error\` means the data about it may be old or missing.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: awsIdentityFindingsReadPermission,
    schema: {
      input: z => z.object({ entityRef: entityRefField(z) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          selector: z.object({}).passthrough().describe("How the entity's workloads are found (`backstage.io/kubernetes-id` and friends)."),
          serviceAccounts: z
            .array(
              z
                .object({
                  serviceAccount: z.object({ cluster: z.string(), namespace: z.string(), name: z.string() }),
                  verdict: z.string().describe('`verified`, `broken`, `risky` or `not-configured`.'),
                  verdictReasons: z.array(z.string()),
                  binding: z.object({}).passthrough(),
                  effectiveIdentity: z.object({}).passthrough(),
                  roles: z.array(z.object({}).passthrough()),
                  findings: z.array(findingSchema(z)),
                })
                .passthrough(),
            )
            .describe('One report per (cluster, namespace, service account).'),
          sources: z.array(sourceStatusSchema(z)),
          dataAsOf: z
            .string()
            .optional()
            .describe('RFC 3339 time of the oldest last successful read among the sources: the answer is at least this fresh.'),
        }),
    },
    examples: [
      { title: 'The identity of the payments component', input: { entityRef: 'component:default/payments' } },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = entityRefInput(input.entityRef);
      await requireCredentialsPermission({
        permissions,
        credentials,
        require: { permission: awsIdentityReadPermission, resourceRef: entityRef },
      });
      const { head, serviceAccountsJson } = await readEntityIdentity({ identity, visibility }, entityRef, credentials);
      return { output: { ...asJson(head), serviceAccounts: JSON.parse(serviceAccountsJson) } };
    },
  });
}
