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
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { IacFormat, validateIacFormat } from '@internal/plugin-aws-identity-common';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RenderedFile, renderPlan } from '@internal/plugin-aws-identity-common';
import { AwsIdentityActionOptions, initiator, planOutputs } from './awsIdentityRolePlan';
import { examples } from './awsIdentityRoleRender.examples';
import { directoryOf, formatField, planFromInput, roleRequestFields } from './roleRequestFields';

const TARGET_PATH = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._\/-]{1,200}$/;

/**
 * Validates the IaC format input with `validateIacFormat`, the one format rule of the family.
 *
 * @public
 */
export function parseFormat(value: unknown, fallback: IacFormat): IacFormat {
  const format = validateIacFormat(value ?? fallback);
  if (!format.ok) throw new InputError(`format: ${format.error}`);
  return format.value;
}

/**
 * `aws-identity:role:render`: re-plans the request (nothing unvalidated is
 * ever written) and writes it into the workspace as Terraform, ACK,
 * Crossplane or eksctl, plus the annotated ServiceAccount manifest, a Helm
 * values snippet and both policies as JSON. Deterministic. Writing the
 * workspace is not checkpointed on purpose: a recovered task may have a fresh
 * workspace, and re-rendering is idempotent. Runs in dry-run so that the
 * preview shows the files.
 *
 * @public
 */
export function createAwsIdentityRoleRenderAction(options: AwsIdentityActionOptions & { defaultFormat: IacFormat }) {
  return createTemplateAction({
    id: 'aws-identity:role:render',
    description: 'Renders a planned AWS role as infrastructure code (Terraform, ACK, Crossplane or eksctl) into the workspace.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...roleRequestFields,
        format: formatField,
        targetPath: z =>
          z.string({ description: 'Directory in the workspace to write to. Default `infra/aws-identity`.' }).optional(),
      },
      output: {
        roleArn: z => z.string({ description: 'ARN the role will have.' }),
        risk: z => z.string({ description: 'Highest finding severity or none.' }),
        format: z => z.string({ description: 'The format rendered.' }),
        files: z => z.array(z.string(), { description: 'Workspace paths written.' }),
        trustPolicy: z => z.string({ description: 'The trust policy, pretty JSON.' }),
        permissionPolicy: z => z.string({ description: 'The permission policy, pretty JSON.' }),
      },
    },
    async handler(ctx) {
      const format = parseFormat(ctx.input.format, options.defaultFormat);
      const targetPath = ctx.input.targetPath ?? 'infra/aws-identity';
      if (!TARGET_PATH.test(targetPath)) {
        throw new InputError('targetPath: must be a relative path inside the workspace without . or .. segments');
      }
      const plan = await planFromInput(ctx.input, {
        directory: await directoryOf(options),
        catalog: options.catalog,
        credentials: initiator(ctx),
      });
      let files: RenderedFile[];
      try {
        files = renderPlan(plan, format);
      } catch (e) {
        throw new InputError(String((e as Error).message ?? e));
      }
      const base = resolveSafeChildPath(ctx.workspacePath, targetPath);
      const written: string[] = [];
      for (const file of files) {
        const path = resolveSafeChildPath(base, file.path);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, file.content, 'utf8');
        written.push(`${targetPath}/${file.path}`);
      }
      ctx.logger.info(`Rendered ${plan.roleArn} as ${format}: ${written.length} file(s) under ${targetPath}`);
      const outputs = planOutputs(plan);
      ctx.output('roleArn', plan.roleArn);
      ctx.output('risk', plan.risk);
      ctx.output('format', format);
      ctx.output('files', written);
      ctx.output('trustPolicy', outputs.trustPolicy);
      ctx.output('permissionPolicy', outputs.permissionPolicy);
    },
  });
}
