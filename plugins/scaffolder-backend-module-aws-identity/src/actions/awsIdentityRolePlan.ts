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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { RolePlan, RoleRequestDirectory } from '@internal/plugin-aws-identity-common';
import { examples } from './awsIdentityRolePlan.examples';
import { directoryOf, planFromInput, roleRequestFields } from './roleRequestFields';

/**
 * Dependencies of the aws-identity actions.
 *
 * @public
 */
export interface AwsIdentityActionOptions {
  /** Accounts and clusters requests may target, as configuration has them (`readScaffolderSettings`). */
  directory: RoleRequestDirectory;
  /**
   * The directory as the aws-identity backend resolves it: configuration's, with every
   * cluster's issuer from EKS where configuration pins none (`GET /request-directory`). The
   * actions plan against it, so they take issuers from the same place as the backend; when it is
   * not given or cannot be read, they plan against `directory`, and clusters without a configured
   * issuer are refused with that reason.
   */
  inventoryDirectory?: () => Promise<RoleRequestDirectory>;
  catalog: CatalogService;
}

/** The outputs every role action publishes about its plan. */
export function planOutputs(plan: RolePlan) {
  return {
    roleArn: plan.roleArn,
    binding: plan.input.binding,
    risk: plan.risk,
    findings: plan.findings.map(f => ({ id: f.id, severity: f.severity, title: f.title, message: f.message })),
    trustPolicy: JSON.stringify(plan.trustPolicy.document, null, 2),
    permissionPolicy: JSON.stringify(plan.permissionPolicy.document, null, 2),
    trustPolicySize: `${plan.trustPolicy.size}/${plan.trustPolicy.quota}`,
    permissionPolicySize: `${plan.permissionPolicy.size}/${plan.permissionPolicy.quota}`,
  };
}

/** The initiator's credentials, for catalog reads on the user's behalf. */
export function initiator(ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> }) {
  return () => ctx.getInitiatorCredentials();
}

/**
 * `aws-identity:role:plan`: validates a role request, generates its trust and
 * permission policies, runs the checks and the size quotas, and outputs the
 * policies, the findings and the risk level. Refuses plans with a critical
 * finding. Read-only, so it runs unchanged in dry-run.
 *
 * @public
 */
export function createAwsIdentityRolePlanAction(options: AwsIdentityActionOptions) {
  return createTemplateAction({
    id: 'aws-identity:role:plan',
    description:
      'Plans a scoped AWS role for a Kubernetes service account: trust and permission policies, checks, quotas and risk.',
    examples,
    supportsDryRun: true,
    schema: {
      input: roleRequestFields,
      output: {
        roleArn: z => z.string({ description: 'ARN the role will have.' }),
        binding: z =>
          z.string({ description: 'How pods get the role, as planned: `irsa` or `pod-identity` (what the skeleton\'s manifests follow).' }),
        risk: z => z.string({ description: 'Highest finding severity (critical, high, medium, low) or none.' }),
        findings: z =>
          z.array(
            z.object({ id: z.string(), severity: z.string(), title: z.string(), message: z.string() }),
            { description: 'Check findings for the planned role.' },
          ),
        trustPolicy: z => z.string({ description: 'The trust policy, pretty JSON.' }),
        permissionPolicy: z => z.string({ description: 'The permission policy, pretty JSON.' }),
        trustPolicySize: z => z.string({ description: 'Trust policy characters used / quota.' }),
        permissionPolicySize: z => z.string({ description: 'Permission policy characters used / quota.' }),
      },
    },
    async handler(ctx) {
      const plan = await planFromInput(ctx.input, {
        directory: await directoryOf(options),
        catalog: options.catalog,
        credentials: initiator(ctx),
      });
      ctx.logger.info(
        `Planned ${plan.roleArn} for ${plan.input.namespace}/${plan.input.serviceAccount}: risk ${plan.risk}, ${plan.findings.length} finding(s)`,
      );
      for (const [key, value] of Object.entries(planOutputs(plan))) {
        ctx.output(key as keyof ReturnType<typeof planOutputs>, value);
      }
    },
  });
}
