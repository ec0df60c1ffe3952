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
import { InputError, NotFoundError } from '@backstage/errors';
import {
  IdentityReport,
  awsIdentityFindingsReadPermission,
  awsIdentityReadPermission,
  explainStsError,
} from '@internal/plugin-aws-identity-common';
import { requireCredentialsPermission } from '../auth/requirePermission';
import { readEntityIdentity } from '../identity/entityIdentity';
import { asJson, AwsIdentityActionsOptions, entityRefField, entityRefInput } from './util';

/** An STS error message is a few hundred characters; a pasted log excerpt a few thousand. */
const MAX_ERROR_TEXT = 20_000;

/**
 * `aws-identity:explain-error`: what an STS or AWS SDK credential error means for one service
 * account of an entity — the engine's decoder (`explainStsError`, as the tab's "explain an
 * error" and the CLI's `explain`) over the report `get-identity` returns, read with the same
 * permission and catalog visibility.
 *
 * @internal
 */
export function createExplainErrorAction(options: AwsIdentityActionsOptions) {
  const { actionsRegistry, permissions, identity, visibility } = options;
  actionsRegistry.register({
    name: 'explain-error',
    title: 'Explain an STS or AWS SDK credential error for a service account',
    description: `Decodes an error a pod logged when it tried to get AWS credentials (for example \`InvalidIdentityToken: No OpenIDConnect provider found\`, \`AccessDenied ... AssumeRoleWithWebIdentity\`, \`Could not load credentials from any providers\`) and explains it for one service account of a component: what AWS documents the error to mean, the causes visible in the service account's identity report (findings, failed trust conditions, pods not injected) and the next steps.

## When to use
- A developer pastes a credential error from their pod's logs and asks why it happens.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: awsIdentityFindingsReadPermission,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          serviceAccount: z
            .object({ cluster: z.string(), namespace: z.string(), name: z.string() })
            .describe("The service account whose pods logged the error, as `get-identity` lists it under the entity's `serviceAccounts`."),
          errorText: z.string().describe('The error as logged (message, or a log excerpt containing it).'),
        }),
      output: z =>
        z.object({
          error: z
            .object({ kind: z.string(), code: z.string().optional() })
            .passthrough()
            .describe('The error as the decoder classified it.'),
          meaning: z.string().describe('What AWS documents the error to mean.'),
          roleArn: z.string().optional(),
          causes: z
            .array(z.object({ text: z.string(), findingId: z.string().optional() }).passthrough())
            .describe("Why it happens for this service account, from its report; empty when the report shows no cause."),
          nextSteps: z.array(z.string()).describe('What to do next, most important first.'),
        }),
    },
    examples: [
      {
        title: 'A missing OIDC provider',
        input: {
          entityRef: 'component:default/payments',
          serviceAccount: { cluster: 'prod-eu', namespace: 'payments', name: 'api' },
          errorText:
            'InvalidIdentityToken: No OpenIDConnect provider found in your account for https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = entityRefInput(input.entityRef);
      if (input.errorText.trim() === '' || input.errorText.length > MAX_ERROR_TEXT) {
        throw new InputError(`errorText: must be the error text, 1 to ${MAX_ERROR_TEXT.toLocaleString('en-US')} characters`);
      }
      await requireCredentialsPermission({
        permissions,
        credentials,
        require: { permission: awsIdentityReadPermission, resourceRef: entityRef },
      });
      const { serviceAccountsJson } = await readEntityIdentity({ identity, visibility }, entityRef, credentials);
      const reports: IdentityReport[] = JSON.parse(serviceAccountsJson);
      const { cluster, namespace, name } = input.serviceAccount;
      const report = reports.find(
        r => r.serviceAccount.cluster === cluster && r.serviceAccount.namespace === namespace && r.serviceAccount.name === name,
      );
      if (!report) {
        throw new NotFoundError(
          `serviceAccount: ${cluster}/${namespace}/${name} is not a service account of ${entityRef} (get-identity lists them)`,
        );
      }
      return { output: asJson(explainStsError(input.errorText, report)) };
    },
  });
}
