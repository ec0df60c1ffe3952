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
import { mockCredentials, mockServices, registerMswTestHooks } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { CreateRoleRequestBody } from '@internal/plugin-aws-identity-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DefaultAwsIdentityClient } from './AwsIdentityClient';

const BASE_URL = 'http://backend.test/api/aws-identity';

describe('DefaultAwsIdentityClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new DefaultAwsIdentityClient({
    discovery: mockServices.discovery.mock({ getBaseUrl: async () => BASE_URL }),
    auth: mockServices.auth(),
  });
  const body = {
    idempotencyKey: 'task-1:request',
    request: { entityRef: 'component:default/reports-api' },
  } as unknown as CreateRoleRequestBody;

  it('posts the request with a token issued on behalf of the given credentials', async () => {
    let seen: { authorization: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${BASE_URL}/requests`, async ({ request }) => {
        seen = { authorization: request.headers.get('authorization'), body: await request.json() };
        return HttpResponse.json({ request: { id: 'req-1', state: 'submitted' }, created: true }, { status: 201 });
      }),
    );
    const credentials = mockCredentials.service('plugin:scaffolder');

    const response = await client.createRequest(body, { credentials });

    expect(response).toEqual({ request: { id: 'req-1', state: 'submitted' }, created: true });
    expect(seen).toEqual({
      authorization: mockCredentials.service.header({ onBehalfOf: credentials, targetPluginId: 'aws-identity' }),
      body,
    });
  });

  it('acts for a user when given the user credentials', async () => {
    let authorization: string | null = null;
    server.use(
      http.post(`${BASE_URL}/requests`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ request: { id: 'req-2' }, created: false });
      }),
    );
    const credentials = mockCredentials.user('user:default/jane');
    await client.createRequest(body, { credentials });
    expect(authorization).toBe(mockCredentials.service.header({ onBehalfOf: credentials, targetPluginId: 'aws-identity' }));
  });

  it('reads the request directory the backend plans against, on behalf of the given credentials', async () => {
    let authorization: string | null = null;
    const directory = {
      accountIds: ['111111111111'],
      clusters: [{ name: 'east', accountId: '111111111111', issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST' }],
      knownIssuers: ['oidc.eks.us-east-1.amazonaws.com/id/EAST'],
    };
    server.use(
      http.get(`${BASE_URL}/request-directory`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(directory);
      }),
    );
    const credentials = mockCredentials.service('plugin:scaffolder');
    expect(await client.getRequestDirectory({ credentials })).toEqual(directory);
    expect(authorization).toBe(mockCredentials.service.header({ onBehalfOf: credentials, targetPluginId: 'aws-identity' }));
  });

  it('throws the backend error with its status and message', async () => {
    server.use(
      http.post(`${BASE_URL}/requests`, () =>
        // The body Backstage's error handler writes (@backstage/errors ErrorResponseBody).
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'request.namespace: namespace "Payments" is not a DNS-1123 label' },
            request: { method: 'POST', url: '/api/aws-identity/requests' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await client
      .createRequest(body, { credentials: mockCredentials.service('plugin:scaffolder') })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(400);
    expect(error.statusCode).toBe(400);
    expect(error.cause).toMatchObject({ name: 'InputError', message: expect.stringContaining('request.namespace') });
  });
});
