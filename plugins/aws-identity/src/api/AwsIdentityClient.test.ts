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

import { ResponseError } from '@backstage/errors';
import { AwsIdentityClient } from './AwsIdentityClient';

const discoveryApi = {
  getBaseUrl: async () => 'http://backend/api/aws-identity',
};

function client(fetchImpl: jest.Mock) {
  return new AwsIdentityClient({
    discoveryApi,
    fetchApi: { fetch: fetchImpl as unknown as typeof fetch },
  });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('AwsIdentityClient', () => {
  it('asks for the identity of an encoded entity ref', async () => {
    const fetchImpl = jest.fn(async () =>
      json(200, {
        entityRef: 'component:default/a',
        selector: {},
        serviceAccounts: [],
        sources: [],
      }),
    );
    const result = await client(fetchImpl).getEntityIdentity(
      'component:default/a',
    );
    expect(result.entityRef).toBe('component:default/a');
    expect(fetchImpl).toHaveBeenCalledWith(
      'http://backend/api/aws-identity/identity?entityRef=component%3Adefault%2Fa',
    );
  });

  it('keeps the server error for permission denied', async () => {
    const fetchImpl = jest.fn(async () =>
      json(403, {
        error: {
          name: 'NotAllowedError',
          message: 'Missing permission aws-identity.read',
        },
        response: { statusCode: 403 },
      }),
    );
    const error = await client(fetchImpl)
      .getEntityIdentity('component:default/a')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe(
      'Missing permission aws-identity.read',
    );
  });

  it('reads the sources', async () => {
    const fetchImpl = jest.fn(async () => json(200, { sources: [] }));
    await expect(client(fetchImpl).getSources()).resolves.toEqual({
      sources: [],
    });
    expect(fetchImpl).toHaveBeenCalledWith(
      'http://backend/api/aws-identity/sources',
    );
  });

  it('has no pending requests until the backend serves them', async () => {
    const fetchImpl = jest.fn();
    await expect(
      client(fetchImpl).getPendingRequests('component:default/a'),
    ).resolves.toEqual([]);
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
