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
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { CreateRoleRequestBody, CreateRoleRequestResponse, IacFormat } from '@internal/plugin-aws-identity-common';
import { AwsIdentityActionOptions, initiator } from './awsIdentityRolePlan';
import { parseFormat } from './awsIdentityRoleRender';
import { examples } from './awsIdentityRequestCreate.examples';
import { formatField, planFromInput, roleRequestFields } from './roleRequestFields';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:/@-]{1,200}$/;

/**
 * `aws-identity:request:create`: validates and plans the request, then
 * records it with the aws-identity backend (`POST /requests`) using a
 * service token for the `aws-identity` plugin. Idempotent: the key defaults to
 * the task id and step id, the backend returns the existing request for a
 * known key, and the call runs inside a checkpoint. In dry-run nothing is
 * recorded.
 *
 * @public
 */
export function createAwsIdentityRequestCreateAction(
  options: AwsIdentityActionOptions & { discovery: DiscoveryService; auth: AuthService; defaultFormat: IacFormat },
) {
  return createTemplateAction({
    id: 'aws-identity:request:create',
    description: 'Records an AWS role request with the aws-identity backend for platform approval.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...roleRequestFields,
        format: formatField,
        repoUrl: z => z.string({ description: 'Where the rendered files were published.' }).optional(),
        idempotencyKey: z =>
          z
            .string({ description: 'Makes the call idempotent. Default `<task id>:<step id>`.' })
            .optional(),
      },
      output: {
        requestId: z => z.string({ description: 'Id of the recorded request.' }),
        state: z =>
          z.string({ description: 'State of the request (`submitted` for a new one); `dry-run` in a dry run, which records nothing.' }),
        created: z => z.boolean({ description: 'False when the key had already been recorded.' }),
      },
    },
    async handler(ctx) {
      const format = parseFormat(ctx.input.format, options.defaultFormat);
      const repoUrl = ctx.input.repoUrl;
      if (repoUrl !== undefined && (typeof repoUrl !== 'string' || repoUrl.length > 2048 || /[\s"'<>`{}\\]/.test(repoUrl))) {
        throw new InputError('repoUrl: must be a URL without whitespace, quotes or braces');
      }
      const idempotencyKey = ctx.input.idempotencyKey ?? `${ctx.task.id}:${ctx.step?.id ?? 'request'}`;
      if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw new InputError('idempotencyKey: 1–200 characters of letters, digits and ._:/@-');
      }
      const plan = await planFromInput(ctx.input, {
        directory: options.directory,
        catalog: options.catalog,
        credentials: initiator(ctx),
      });
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would record a request for ${plan.roleArn} (risk ${plan.risk}${plan.input.owner ? `, owner ${plan.input.owner}` : ''})`,
        );
        ctx.output('requestId', 'dry-run');
        // Not `submitted`: nothing was recorded, and a template must not say otherwise.
        ctx.output('state', 'dry-run');
        ctx.output('created', false);
        return;
      }
      const body: CreateRoleRequestBody = {
        idempotencyKey,
        request: plan.input,
        format,
        ...(repoUrl ? { repoUrl } : {}),
        ...(ctx.user?.ref ? { requestedBy: ctx.user.ref } : {}),
      };
      const result = await ctx.checkpoint({
        key: `aws-identity.request.create.${idempotencyKey}`,
        fn: async () => {
          const baseUrl = await options.discovery.getBaseUrl('aws-identity');
          const { token } = await options.auth.getPluginRequestToken({
            onBehalfOf: await options.auth.getOwnServiceCredentials(),
            targetPluginId: 'aws-identity',
          });
          const response = await fetch(`${baseUrl}/requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          });
          if (!response.ok) {
            const error = await ResponseError.fromResponse(response);
            ctx.logger.warn(`Failed: recording the role request for ${plan.roleArn}: ${error.message}`);
            throw error;
          }
          const json = (await response.json()) as CreateRoleRequestResponse;
          return { id: json.request.id, state: json.request.state, created: json.created };
        },
      });
      ctx.logger.info(`Role request ${result.id} is ${result.state}${result.created ? '' : ' (already recorded)'}`);
      ctx.output('requestId', result.id);
      ctx.output('state', result.state);
      ctx.output('created', result.created);
    },
  });
}
