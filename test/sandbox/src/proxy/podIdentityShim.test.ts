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

import {
  PodIdentityAssociation,
  PodIdentityShim,
  ShimContext,
  isPodIdentityPath,
} from './podIdentityShim';

const ctx: ShimContext = { accountId: '111111111111', region: 'us-east-1' };
const role = 'arn:aws:iam::111111111111:role/app';

function newShim() {
  const changes: PodIdentityAssociation[][] = [];
  const shim = new PodIdentityShim({
    clusterExists: async (_ctx, name) => name === 'c1',
    onChange: (_c, _n, associations) => changes.push(associations),
  });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    query = '',
  ) => {
    const res = await shim.handle(
      ctx,
      method,
      path,
      new URLSearchParams(query),
      body ? JSON.stringify(body) : '',
    );
    return { ...res, json: JSON.parse(res.body) };
  };
  const associations = '/clusters/c1/pod-identity-associations';
  /** ListPodIdentityAssociations of cluster c1 with the given query string. */
  const list = (query?: string) => call('GET', associations, undefined, query);
  /** CreatePodIdentityAssociation in cluster c1. */
  const create = (body: unknown) => call('POST', associations, body);
  /** DescribePodIdentityAssociation of cluster c1. */
  const describeOne = (associationId: string) =>
    call('GET', `${associations}/${associationId}`);
  return { shim, call, create, list, describeOne, changes };
}

describe('PodIdentityShim (the hand-written EKS Pod Identity stand-in)', () => {
  it('recognises only the association routes', () => {
    expect(isPodIdentityPath('/clusters/c1/pod-identity-associations')).toBe(
      true,
    );
    expect(
      isPodIdentityPath('/clusters/c1/pod-identity-associations/a-123'),
    ).toBe(true);
    expect(isPodIdentityPath('/clusters/c1')).toBe(false);
  });

  it('creates, describes, lists with filters and pagination, updates and deletes', async () => {
    const { call, list, describeOne, changes } = newShim();
    const created = await call(
      'POST',
      '/clusters/c1/pod-identity-associations',
      {
        namespace: 'ns',
        serviceAccount: 'sa',
        roleArn: role,
        tags: { team: 'a' },
      },
    );
    expect(created.status).toBe(200);
    const a = created.json.association;
    expect(a).toMatchObject({
      clusterName: 'c1',
      namespace: 'ns',
      serviceAccount: 'sa',
      roleArn: role,
      tags: { team: 'a' },
    });
    expect(a.associationId).toMatch(/^a-[a-z0-9]{17}$/);
    expect(a.associationArn).toBe(
      `arn:aws:eks:us-east-1:111111111111:podidentityassociation/c1/${a.associationId}`,
    );
    expect(typeof a.createdAt).toBe('number');

    await call('POST', '/clusters/c1/pod-identity-associations', {
      namespace: 'ns',
      serviceAccount: 'sa2',
      roleArn: role,
    });
    await call('POST', '/clusters/c1/pod-identity-associations', {
      namespace: 'other',
      serviceAccount: 'sa',
      roleArn: role,
    });

    const described = await describeOne(a.associationId);
    expect(described.json.association.associationId).toBe(a.associationId);

    const filtered = await list('namespace=ns');
    expect(
      filtered.json.associations.map(
        (s: { serviceAccount: string }) => s.serviceAccount,
      ),
    ).toEqual(['sa', 'sa2']);
    expect(filtered.json.associations[0]).not.toHaveProperty('roleArn'); // summaries only

    const page1 = await list('maxResults=2');
    expect(page1.json.associations).toHaveLength(2);
    const page2 = await list(
      `maxResults=2&nextToken=${encodeURIComponent(page1.json.nextToken)}`,
    );
    expect(page2.json.associations).toHaveLength(1);
    expect(page2.json.nextToken).toBeUndefined();

    const other = 'arn:aws:iam::111111111111:role/other';
    const updated = await call(
      'POST',
      `/clusters/c1/pod-identity-associations/${a.associationId}`,
      { roleArn: other },
    );
    expect(updated.json.association.roleArn).toBe(other);

    const deleted = await call(
      'DELETE',
      `/clusters/c1/pod-identity-associations/${a.associationId}`,
    );
    expect(deleted.json.association.associationId).toBe(a.associationId);
    const gone = await describeOne(a.associationId);
    expect(gone.status).toBe(404);
    expect(gone.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(changes).toHaveLength(5);
    expect(changes[4].map(x => x.serviceAccount)).toEqual(['sa2', 'sa']);
  });

  it('answers errors the way EKS does', async () => {
    const { call, create } = newShim();
    const noCluster = await call(
      'GET',
      '/clusters/missing/pod-identity-associations',
    );
    expect(noCluster.status).toBe(404);
    expect(noCluster.headers['x-amzn-errortype']).toBe(
      'ResourceNotFoundException',
    );

    const missing = await create({ namespace: 'ns', roleArn: role });
    expect(missing.status).toBe(400);
    expect(missing.headers['x-amzn-errortype']).toBe(
      'InvalidParameterException',
    );

    const badArn = await create({
      namespace: 'ns',
      serviceAccount: 'sa',
      roleArn: 'not-an-arn',
    });
    expect(badArn.status).toBe(400);

    const body = { namespace: 'ns', serviceAccount: 'sa', roleArn: role };
    expect((await create(body)).status).toBe(200);
    const dup = await create(body);
    expect(dup.status).toBe(409);
    expect(dup.headers['x-amzn-errortype']).toBe('ResourceInUseException');
  });

  it('keeps a session policy only with disableSessionTags, as EKS documents, and refuses without a trace', async () => {
    const { call } = newShim();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
    });
    const refused = await call('POST', '/clusters/c1/pod-identity-associations', {
      namespace: 'ns', serviceAccount: 'sa', roleArn: role, policy,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/disableSessionTags must be true/);
    expect((await call('GET', '/clusters/c1/pod-identity-associations')).json.associations).toEqual([]);
    const tooLong = await call('POST', '/clusters/c1/pod-identity-associations', {
      namespace: 'ns', serviceAccount: 'sa', roleArn: role, disableSessionTags: true, policy: ' '.repeat(2049),
    });
    expect(tooLong.json.message).toMatch(/at most 2048/);

    const created = await call('POST', '/clusters/c1/pod-identity-associations', {
      namespace: 'ns', serviceAccount: 'sa', roleArn: role, disableSessionTags: true, policy,
      targetRoleArn: 'arn:aws:iam::222222222222:role/target',
    });
    expect(created.status).toBe(200);
    const { associationId } = created.json.association;
    const described = await call('GET', `/clusters/c1/pod-identity-associations/${associationId}`);
    expect(described.json.association).toMatchObject({
      disableSessionTags: true,
      policy,
      targetRoleArn: 'arn:aws:iam::222222222222:role/target',
      externalId: expect.any(String),
    });
    // Turning tags back on while the policy stays is refused, and changes nothing.
    const reenable = await call('POST', `/clusters/c1/pod-identity-associations/${associationId}`, {
      disableSessionTags: false, roleArn: 'arn:aws:iam::111111111111:role/other',
    });
    expect(reenable.status).toBe(400);
    const after = await call('GET', `/clusters/c1/pod-identity-associations/${associationId}`);
    expect(after.json.association).toMatchObject({ disableSessionTags: true, roleArn: role, policy });
  });

  it('is idempotent per clientRequestToken and isolates accounts', async () => {
    const { shim, call } = newShim();
    const body = {
      namespace: 'ns',
      serviceAccount: 'sa',
      roleArn: role,
      clientRequestToken: 't1',
    };
    const first = await call(
      'POST',
      '/clusters/c1/pod-identity-associations',
      body,
    );
    const again = await call(
      'POST',
      '/clusters/c1/pod-identity-associations',
      body,
    );
    expect(again.status).toBe(200);
    expect(again.json.association.associationId).toBe(
      first.json.association.associationId,
    );
    expect(
      shim.list({ accountId: '222222222222', region: 'us-east-1' }, 'c1'),
    ).toEqual([]);
  });
});
