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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { actionOptions, validInput } from '../__testUtils__/fixtures';
import { createAwsIdentityRequestCreateAction } from './awsIdentityRequestCreate';

describe('aws-identity:request:create', () => {
  afterEach(() => jest.restoreAllMocks());

  function respond(status: number, body: unknown) {
    return jest.spyOn(global, 'fetch').mockResolvedValue(new Response(JSON.stringify(body), { status }));
  }

  it('posts the validated request on behalf of the initiator, with an idempotency key from the task', async () => {
    const fetchMock = respond(201, { request: { id: 'req-1', state: 'submitted' }, created: true });
    const action = createAwsIdentityRequestCreateAction(actionOptions());
    const jane = mockCredentials.user('user:default/jane');
    const ctx = {
      ...createMockActionContext({
        input: { ...validInput, repoUrl: 'file:///srv/git/reports-api.git' } as any,
        user: { ref: 'user:default/jane' },
      }),
      getInitiatorCredentials: async () => jane,
    };
    await action.handler(ctx);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://backend.test/api/aws-identity/requests');
    // Before: the scaffolder's own service token, and the person only as a `requestedBy` claim.
    expect((init!.headers as Record<string, string>).authorization).toBe(
      mockCredentials.service.header({ onBehalfOf: jane, targetPluginId: 'aws-identity' }),
    );
    const body = JSON.parse(init!.body as string);
    // The backend takes the requester from the credentials; the body cannot name one.
    expect(body).not.toHaveProperty('requestedBy');
    expect(body).toMatchObject({
      idempotencyKey: 'mock-task-id:mock-step-id',
      format: 'terraform',
      request: { entityRef: 'component:default/reports-api', roleName: 'reports-api-s3', accountId: '111111111111' },
    });
    expect(body.request.clusters[0].issuer).toMatch(/^https:\/\/oidc\.eks\.us-east-1/);
    expect(body.request).not.toHaveProperty('owner');
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'req-1');
    expect(ctx.output).toHaveBeenCalledWith('created', true);
  });

  it('passes the declared owner on, normalised, as part of the request', async () => {
    const fetchMock = respond(201, { request: { id: 'req-2', state: 'submitted' }, created: true });
    const action = createAwsIdentityRequestCreateAction(actionOptions());
    const ctx = createMockActionContext({ input: { ...validInput, owner: 'app-team' } as any });
    await action.handler(ctx);
    const body = JSON.parse(fetchMock.mock.calls[0][1]!.body as string);
    expect(body.request.owner).toBe('group:default/app-team');
  });

  it('refuses an owner that is not a group or user, naming the field, and posts nothing', async () => {
    const fetchMock = respond(201, {});
    const action = createAwsIdentityRequestCreateAction(actionOptions());
    const ctx = createMockActionContext({ input: { ...validInput, owner: 'component:default/reports-api' } as any });
    await expect(action.handler(ctx)).rejects.toThrow(
      'owner: owner "component:default/reports-api" must be a group or user entity ref, not kind "component"',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses a task without a signed-in user, naming why, and posts nothing', async () => {
    const fetchMock = respond(201, {});
    const action = createAwsIdentityRequestCreateAction(actionOptions());
    for (const credentials of [mockCredentials.none(), mockCredentials.service('plugin:scaffolder')]) {
      const ctx = { ...createMockActionContext({ input: validInput as any }), getInitiatorCredentials: async () => credentials };
      await expect(action.handler(ctx)).rejects.toThrow(
        'aws-identity:request:create needs a task started by a signed-in user',
      );
    }
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('records nothing in dry-run', async () => {
    const fetchMock = respond(201, {});
    const action = createAwsIdentityRequestCreateAction(actionOptions());
    const ctx = { ...createMockActionContext({ input: validInput as any }), isDryRun: true };
    await action.handler(ctx);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'dry-run');
    // Nothing was submitted, so the state must not say so.
    expect(ctx.output).toHaveBeenCalledWith('state', 'dry-run');
    expect(ctx.output).not.toHaveBeenCalledWith('state', 'submitted');
  });

  it('uses a checkpoint with a deterministic key', async () => {
    respond(200, { request: { id: 'req-1', state: 'submitted' }, created: false });
    const action = createAwsIdentityRequestCreateAction(actionOptions());
    const ctx = createMockActionContext({ input: { ...validInput, idempotencyKey: 'my-key' } as any });
    const checkpoint = jest.spyOn(ctx, 'checkpoint');
    await action.handler(ctx);
    expect(checkpoint).toHaveBeenCalledWith(expect.objectContaining({ key: 'aws-identity.request.create.my-key' }));
    expect(ctx.output).toHaveBeenCalledWith('created', false);
  });

  it('surfaces the backend error', async () => {
    respond(409, { error: { name: 'ConflictError', message: 'idempotencyKey: reused' } });
    const action = createAwsIdentityRequestCreateAction({ ...actionOptions(), auth: mockServices.auth() });
    const ctx = createMockActionContext({ input: validInput as any });
    await expect(action.handler(ctx)).rejects.toThrow(/409|reused/);
  });
});
