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
import { AuthService } from '@backstage/backend-plugin-api';
import { assertError, InputError, isError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CreateRoleRequestBody,
  IacFormat,
  validateIdempotencyKey,
  validateRepoUrl,
} from '@internal/plugin-aws-identity-common';
import { AwsIdentityClient } from '@internal/plugin-aws-identity-node';
import { AwsIdentityActionOptions } from './awsIdentityRolePlan';
import { parseFormat } from './awsIdentityRoleRender';
import { examples } from './awsIdentityRequestCreate.examples';
import { directoryOf, formatField, planFromInput, roleRequestFields } from './roleRequestFields';

/**
 * `aws-identity:request:create`: validates and plans the request, then
 * records it with the aws-identity backend (`POST /requests`) through the
 * backend client, on behalf of the user who runs the task: the backend checks
 * `aws-identity.request.create` against that person and records them as the
 * requester, so four eyes applies to them. A task without a user (started by a
 * service or a schedule) is refused: nobody would be accountable for it.
 * Idempotent: the key defaults to the task id and step id, the backend returns
 * the existing request for a known key, and the call runs inside a checkpoint.
 * In dry-run nothing is recorded.
 *
 * @public
 */
export function createAwsIdentityRequestCreateAction(
  options: AwsIdentityActionOptions & { client: AwsIdentityClient; auth: AuthService; defaultFormat: IacFormat },
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
      // The envelope is checked here with the backend's own rules, so that a bad value fails
      // the step before anything is planned or posted.
      const format = parseFormat(ctx.input.format, options.defaultFormat);
      const repoUrl = ctx.input.repoUrl;
      const validRepoUrl = repoUrl === undefined ? undefined : validateRepoUrl(repoUrl);
      if (validRepoUrl && !validRepoUrl.ok) throw new InputError(`repoUrl: ${validRepoUrl.error}`);
      const key = validateIdempotencyKey(ctx.input.idempotencyKey ?? `${ctx.task.id}:${ctx.step?.id ?? 'request'}`);
      if (!key.ok) throw new InputError(`idempotencyKey: ${key.error}`);
      const idempotencyKey = key.value;
      const credentials = await ctx.getInitiatorCredentials();
      if (!options.auth.isPrincipal(credentials, 'user')) {
        throw new NotAllowedError(
          'aws-identity:request:create needs a task started by a signed-in user: a role request is recorded for the person who asks for it',
        );
      }
      const plan = await planFromInput(ctx.input, {
        directory: await directoryOf(options),
        catalog: options.catalog,
        credentials: async () => credentials,
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
      };
      const result = await ctx.checkpoint({
        key: `aws-identity.request.create.${idempotencyKey}`,
        fn: async () => {
          try {
            const { request, created } = await options.client.createRequest(body, { credentials });
            return { id: request.id, state: request.state, created };
          } catch (error) {
            assertError(error);
            // A ResponseError's message is only the status; the backend's reason is its cause.
            const { cause } = error as { cause?: unknown };
            const reason = isError(cause) && cause.message !== error.message ? `: ${cause.message}` : '';
            ctx.logger.warn(`Failed: recording the role request for ${plan.roleArn}: ${error.message}${reason}`);
            throw error;
          }
        },
      });
      ctx.logger.info(`Role request ${result.id} is ${result.state}${result.created ? '' : ' (already recorded)'}`);
      ctx.output('requestId', result.id);
      ctx.output('state', result.state);
      ctx.output('created', result.created);
    },
  });
}
