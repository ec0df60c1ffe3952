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
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  awsIdentityDeliveryExtensionPoint,
  DeliveryChange,
  RoleDelivery,
} from '@internal/plugin-aws-identity-node';
import request from 'supertest';
import { awsIdentityPlugin } from '../plugin';
import { testDirectory, validRequest } from '../requests/__fixtures__';
import { FakeAwsSource, FakeClusterSource, fakeSourcesModule } from '../testing/fakeSources';
import { Override } from './AwsIdentityExtensions';

jest.setTimeout(60_000);

describe('Override', () => {
  it('is the default until a module sets something', async () => {
    const seam = new Override<string>('test seam');
    expect(await seam.resolve(async () => 'default')).toBe('default');
  });

  it('replaces the default by an implementation, without building the default', async () => {
    const seam = new Override<{ name: string }>('test seam');
    seam.set({ name: 'mine' });
    const getDefault = jest.fn(async () => ({ name: 'default' }));
    expect(await seam.resolve(getDefault)).toEqual({ name: 'mine' });
    expect(getDefault).not.toHaveBeenCalled();
  });

  it('lets a factory wrap the default', async () => {
    const seam = new Override<{ name: string }>('test seam');
    seam.set(async ({ getDefault }) => ({ name: `wrapped ${(await getDefault()).name}` }));
    expect(await seam.resolve(async () => ({ name: 'default' }))).toEqual({ name: 'wrapped default' });
  });

  it('takes "none" as a choice, not as unset', async () => {
    const seam = new Override<string | undefined>('test seam');
    seam.set(undefined);
    expect(await seam.resolve(async () => 'default')).toBeUndefined();
  });

  it('refuses a second module for one seam', () => {
    const seam = new Override<string>('delivery');
    seam.set('one');
    expect(() => seam.set('two')).toThrow('aws-identity: only one module may set the delivery');
  });
});

describe('the delivery extension point', () => {
  it('hands an approved request to the delivery a module set, wrapping the default', async () => {
    const delivered: DeliveryChange[] = [];
    let wrapped: RoleDelivery | undefined | 'unset' = 'unset';
    const recordingDelivery = createBackendModule({
      pluginId: 'aws-identity',
      moduleId: 'recording-delivery',
      register(env) {
        env.registerInit({
          deps: { delivery: awsIdentityDeliveryExtensionPoint },
          async init({ delivery }) {
            delivery.setDelivery(async ({ getDefault }) => {
              wrapped = await getDefault();
              return {
                async deliver(change) {
                  delivered.push(change);
                  return { kind: 'git-branch', branch: `infra/${change.requestId}`, url: 'https://scm.example/infra', reused: false };
                },
                async state() {
                  return 'open';
                },
                async retract() {
                  return 'nothing-delivered';
                },
              };
            });
          },
        });
      },
    });
    const east = testDirectory.clusters[0];
    const { server } = await startTestBackend({
      features: [
        awsIdentityPlugin,
        recordingDelivery,
        fakeSourcesModule({ aws: new FakeAwsSource(testDirectory.accountIds), clusters: new FakeClusterSource() }),
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            aws: { accounts: testDirectory.accountIds.map(accountId => ({ accountId })) },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: east.name,
                      url: 'https://east.example',
                      authProvider: 'serviceAccount',
                      authMetadata: { 'aws-identity.io/account-id': east.accountId, 'aws-identity.io/region': east.region },
                    },
                  ],
                },
              ],
            },
            awsIdentity: { clusters: [{ name: east.name, issuer: east.issuer }] },
          },
        }),
      ],
    });
    // Without awsIdentity.delivery the default is "no delivery".
    expect(wrapped).toBeUndefined();

    const submitted = await request(server)
      .post('/api/aws-identity/requests')
      .set('Authorization', mockCredentials.user.header('user:default/bob'))
      .send({ idempotencyKey: 'ext-1', request: validRequest });
    expect(submitted.status).toBe(201);
    const id = submitted.body.request.id;
    const approved = await request(server)
      .post(`/api/aws-identity/requests/${id}/approve`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(approved.status).toBe(200);

    // Approval starts delivery right away (the test scheduler runs the triggered pass inline).
    const read = async () =>
      (await request(server).get(`/api/aws-identity/requests/${id}`).set('Authorization', mockCredentials.user.header())).body;
    for (let i = 0; i < 50 && (await read()).state !== 'pr-open'; i++) await new Promise(r => setTimeout(r, 100));
    expect(await read()).toMatchObject({ state: 'pr-open', delivery: { branch: `infra/${id}` } });
    expect(delivered).toEqual([
      expect.objectContaining({
        requestId: id,
        title: 'aws-identity: role reports-api-s3 for component:default/reports-api',
        files: expect.objectContaining({ 'aws-identity/reports-api-s3/aws-identity-plan.json': expect.any(String) }),
      }),
    ]);
  });
});
