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

import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { LiveProofResult } from '@internal/plugin-aws-identity-common';
import { ServiceAccountTokenRequest } from '@internal/plugin-aws-identity-node';
import request from 'supertest';
import { awsIdentityPlugin } from '../plugin';
import { ACCOUNT, irsaTrust, ISSUER, role } from '../testing/awsFixtures';
import {
  eksCluster,
  FakeAwsSource,
  FakeClusterSource,
  fakeSourcesModule,
  injectedPods,
  irsaAnnotation,
} from '../testing/fakeSources';

jest.setTimeout(60_000);

const PAYMENTS = role('payments', irsaTrust(ISSUER, 'payments', 'payments-api'));
const ENTITY = 'component:default/payments';
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'payments' } },
    spec: { type: 'service', owner: 'group:default/payments-team', lifecycle: 'production' },
  },
];
const labelSets = [{ 'backstage.io/kubernetes-id': 'payments' }];

/** The real plugin with the cluster and AWS replaced at the extension points; the cluster refuses TokenRequests (RBAC). */
async function start(
  options: { enabled?: boolean; permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY; perServiceAccountPerHour?: number } = {},
) {
  const aws = new FakeAwsSource([ACCOUNT])
    .readAccount(ACCOUNT, [PAYMENTS], { issuers: [ISSUER] })
    .readEks('prod', eksCluster({ eksName: 'prod', accountId: ACCOUNT, region: 'us-east-1', issuer: ISSUER }));
  const tokenRequests: ServiceAccountTokenRequest[] = [];
  const clusters = Object.assign(
    new FakeClusterSource([
      {
        name: 'prod',
        accountId: ACCOUNT,
        serviceAccounts: [
          {
            namespace: 'payments',
            name: 'payments-api',
            annotations: irsaAnnotation(PAYMENTS.arn),
            pods: { aggregate: injectedPods(2, PAYMENTS.arn), labelSets },
          },
          { namespace: 'payments', name: 'payments-batch', annotations: {}, pods: { aggregate: { podCount: 1 }, labelSets } },
          { namespace: 'other', name: 'other', annotations: {} },
        ],
      },
    ]),
    {
      // What the Kubernetes API answers a reader without `create` on serviceaccounts/token.
      requestServiceAccountToken: async (tokenRequest: ServiceAccountTokenRequest) => {
        tokenRequests.push(tokenRequest);
        throw Object.assign(new Error('serviceaccounts "payments-api" is forbidden'), { code: 403 });
      },
    },
  );
  const { server } = await startTestBackend({
    features: [
      awsIdentityPlugin,
      fakeSourcesModule({ aws, clusters }),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          awsIdentity: {
            liveProof: { enabled: options.enabled ?? true, perServiceAccountPerHour: options.perServiceAccountPerHour ?? 5 },
          },
        },
      }),
      ...(options.permission ? [mockServices.permissions.factory({ result: options.permission })] : []),
    ],
  });
  const prove = (body: unknown, auth: string | undefined = mockCredentials.user.header()) => {
    const call = request(server).post('/api/aws-identity/live-proof');
    return (auth ? call.set('Authorization', auth) : call).send(body as object);
  };
  return { server, prove, tokenRequests };
}

const PAYMENTS_API = { entityRef: ENTITY, cluster: 'prod', namespace: 'payments', serviceAccount: 'payments-api' };

describe('live-proof routes', () => {
  it('asks the cluster for a 10-minute sts.amazonaws.com token and reports its refusal, per source, never OK', async () => {
    const { prove, tokenRequests } = await start();
    const response = await prove(PAYMENTS_API);
    expect(response.status).toBe(200);
    const result = response.body as LiveProofResult;
    expect(result).toMatchObject({ outcome: 'refused', via: 'irsa', roleArn: PAYMENTS.arn, trigger: 'button', audience: 'sts.amazonaws.com' });
    expect(result.message).toMatch(/the cluster did not issue a token for payments\/payments-api: .*403/);
    expect(tokenRequests).toEqual([
      { cluster: 'prod', namespace: 'payments', serviceAccount: 'payments-api', audience: 'sts.amazonaws.com', expirationSeconds: 600 },
    ]);
  });

  it('answers a service account without a binding without calling the cluster, and keeps the last result for GET', async () => {
    const { server, prove, tokenRequests } = await start();
    const response = await prove({ ...PAYMENTS_API, serviceAccount: 'payments-batch' });
    expect(response.body).toMatchObject({ outcome: 'not-provable', via: 'none' });
    expect(tokenRequests).toEqual([]);
    const last = await request(server)
      .get('/api/aws-identity/live-proof')
      .query({ entityRef: ENTITY })
      .set('Authorization', mockCredentials.user.header());
    expect(last.status).toBe(200);
    expect(last.body.results).toEqual([response.body]);
  });

  it('401 without credentials, whatever the body', async () => {
    const { prove } = await start();
    expect((await prove({ nonsense: true }, 'Bearer not-a-token')).status).toBe(401);
  });

  it('403 without aws-identity.live-proof.run', async () => {
    const { prove, tokenRequests } = await start({ permission: AuthorizeResult.DENY });
    expect((await prove(PAYMENTS_API)).status).toBe(403);
    expect(tokenRequests).toEqual([]);
  });

  it('429 with Retry-After over the per-service-account limit', async () => {
    const { prove } = await start({ perServiceAccountPerHour: 1 });
    expect((await prove(PAYMENTS_API)).status).toBe(200);
    const second = await prove(PAYMENTS_API);
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect(second.body.error.message).toMatch(/payments\/payments-api on prod was proved 1 times in the last hour/);
  });

  it.each([
    [{ ...PAYMENTS_API, namespace: 'Payments!' }, /^namespace: not a Kubernetes namespace name/],
    [{ ...PAYMENTS_API, serviceAccount: undefined }, /^serviceAccount: required/],
    [{ ...PAYMENTS_API, entityRef: 7 }, /^entityRef: required/],
    [{ ...PAYMENTS_API, token: 'x' }, /^token: not a field of a live proof/],
    [['not', 'an', 'object'], /^body: must be a JSON object/],
  ])('400 naming the field for %j', async (body, message) => {
    const { prove, tokenRequests } = await start();
    const response = await prove(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
    expect(tokenRequests).toEqual([]);
  });

  it("404 for a service account that is not the entity's", async () => {
    const { prove } = await start();
    const response = await prove({ ...PAYMENTS_API, namespace: 'other', serviceAccount: 'other' });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/^serviceAccount: other\/other on prod is not a service account of component:default\/payments/);
  });

  it('404 while awsIdentity.liveProof.enabled is off', async () => {
    const { prove } = await start({ enabled: false });
    const response = await prove(PAYMENTS_API);
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/live proof is not enabled/);
  });
});
