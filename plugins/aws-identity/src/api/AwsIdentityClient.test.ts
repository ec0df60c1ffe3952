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

/** A backend error as @backstage/errors serialises it. */
const errorJson = (status: number, name: string, message: string) =>
  json(status, { error: { name, message }, response: { statusCode: status } });

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
      errorJson(403, 'NotAllowedError', 'Missing permission aws-identity.read'),
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

  it('reads the request targets of the cluster picker', async () => {
    const fetchImpl = jest.fn(async () =>
      json(200, {
        items: [
          {
            cluster: 'sandbox-east',
            accountId: '111111111111',
            region: 'us-east-1',
            irsa: { available: true },
            podIdentity: {
              id: 'pod-identity-agent',
              title: 'EKS Pod Identity Agent add-on',
              state: 'ready',
              evidence: 'ACTIVE',
            },
            recommendedBinding: 'pod-identity',
          },
        ],
      }),
    );
    const targets = await client(fetchImpl).listRequestTargets();
    expect(targets.map(t => t.cluster)).toEqual(['sandbox-east']);
    expect(fetchImpl).toHaveBeenCalledWith(
      'http://backend/api/aws-identity/request-targets',
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

  it('lists only the open requests of an entity as pending', async () => {
    const fetchImpl = jest.fn(async () =>
      json(200, {
        items: [
          { id: 'a', state: 'pr-open' },
          { id: 'b', state: 'verified' },
          { id: 'c', state: 'rejected' },
        ],
      }),
    );
    const pending = await client(fetchImpl).getPendingRequests(
      'component:default/a',
    );
    expect(pending.map(r => r.id)).toEqual(['a']);
    expect(fetchImpl).toHaveBeenCalledWith(
      'http://backend/api/aws-identity/requests?entityRef=component%3Adefault%2Fa',
    );
  });

  it('reads the live role of a request', async () => {
    const body = {
      roleArn: 'arn:aws:iam::111122223333:role/r',
      status: 'unknown',
      reason: 'account 111122223333 could not be read: reading IAM failed',
    };
    const fetchImpl = jest.fn(async () => json(200, body));
    await expect(client(fetchImpl).getLiveRole('r/1')).resolves.toEqual(body);
    expect(fetchImpl).toHaveBeenCalledWith(
      'http://backend/api/aws-identity/requests/r%2F1/live-role',
    );
  });

  it('lists requests by state and reads one', async () => {
    const fetchImpl = jest.fn(async (url: string) =>
      url.endsWith('/requests/r%2F1')
        ? json(200, { id: 'r/1' })
        : json(200, { items: [] }),
    );
    await client(fetchImpl).listRequests({ state: 'submitted' });
    expect(fetchImpl).toHaveBeenCalledWith(
      'http://backend/api/aws-identity/requests?state=submitted',
    );
    await client(fetchImpl).listRequests();
    expect(fetchImpl).toHaveBeenLastCalledWith(
      'http://backend/api/aws-identity/requests',
    );
    await expect(client(fetchImpl).getRequest('r/1')).resolves.toEqual({
      id: 'r/1',
    });
  });

  it('asks for a team and keeps the teams of the first page over every page', async () => {
    const facets = { teams: ['group:default/app-team', 'user:default/dev'] };
    const fetchImpl = jest.fn(async (url: string) =>
      url.includes('offset=')
        ? json(200, {
            items: [{ id: 'b', team: 'group:default/app-team' }],
            totalCount: 2,
            limit: 1,
            offset: 1,
            facets,
          })
        : json(200, {
            items: [{ id: 'a', team: 'group:default/app-team' }],
            totalCount: 2,
            limit: 1,
            offset: 0,
            facets,
          }),
    );
    const list = await client(fetchImpl).listRequests({
      state: ['submitted', 'approved'],
      risk: 'high',
      team: 'group:default/app-team',
    });
    expect(fetchImpl).toHaveBeenNthCalledWith(
      1,
      'http://backend/api/aws-identity/requests?state=submitted%2Capproved&risk=high&team=group%3Adefault%2Fapp-team',
    );
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(list).toEqual({
      items: [
        { id: 'a', team: 'group:default/app-team' },
        { id: 'b', team: 'group:default/app-team' },
      ],
      facets,
    });
  });

  it('answers no teams to filter by when the backend names none', async () => {
    const fetchImpl = jest.fn(async () => json(200, { items: [] }));
    await expect(client(fetchImpl).listRequests()).resolves.toEqual({
      items: [],
      facets: { teams: [] },
    });
  });

  it('keeps what the backend says the caller may do to a request', async () => {
    const actions = [
      { action: 'approve', allowed: true },
      { action: 'reject', allowed: true },
      {
        action: 'withdraw',
        allowed: false,
        problem: 'not-requester',
        reason: 'Only the requester can withdraw a role request',
      },
    ];
    const fetchImpl = jest.fn(async () => json(200, { id: 'r1', actions }));
    const request = await client(fetchImpl).getRequest('r1');
    expect(request.actions).toEqual(actions);
  });

  it.each([
    [
      'approve',
      (c: AwsIdentityClient) => c.approveRequest('r1', 'ok'),
      { comment: 'ok' },
    ],
    [
      'reject',
      (c: AwsIdentityClient) => c.rejectRequest('r1', 'no'),
      { reason: 'no' },
    ],
    ['withdraw', (c: AwsIdentityClient) => c.withdrawRequest('r1'), {}],
  ] as const)('posts %s with its body', async (action, call, body) => {
    const fetchImpl = jest.fn(async () => json(200, { id: 'r1' }));
    await call(client(fetchImpl));
    expect(fetchImpl).toHaveBeenCalledWith(
      `http://backend/api/aws-identity/requests/r1/${action}`,
      expect.objectContaining({ method: 'POST', body: JSON.stringify(body) }),
    );
  });

  it('keeps the server message of a refused action', async () => {
    const fetchImpl = jest.fn(async () =>
      errorJson(
        409,
        'ConflictError',
        'the request is rejected, which is final',
      ),
    );
    const error = await client(fetchImpl)
      .approveRequest('r1')
      .catch(e => e);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe(
      'the request is rejected, which is final',
    );
  });
});
