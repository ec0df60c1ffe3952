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
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { awsIdentityPlugin } from './plugin';

describe('awsIdentityPlugin', () => {
  it('answers GET /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [awsIdentityPlugin, catalogServiceMock.factory()],
    });

    const response = await request(server)
      .get('/api/aws-identity/health')
      .set('Authorization', '');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('rejects an unauthenticated call to the other routes', async () => {
    const { server } = await startTestBackend({
      features: [awsIdentityPlugin, catalogServiceMock.factory()],
    });

    const response = await request(server)
      .get('/api/aws-identity/sources')
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(401);
  });

  it('answers 403 when the permission policy denies reading an entity', async () => {
    const { server } = await startTestBackend({
      features: [
        awsIdentityPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payments', namespace: 'default' },
              spec: {},
            },
          ],
        }),
      ],
    });

    const response = await request(server)
      .get('/api/aws-identity/identity')
      .query({ entityRef: 'component:default/payments' })
      .set('Authorization', mockCredentials.user.header());

    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('aws-identity.identity.read');
  });

  it.each([[''], ['component:'], ['component:default/'], ['/payments']])(
    'answers 400 naming entityRef for %j',
    async entityRef => {
      const { server } = await startTestBackend({
        features: [awsIdentityPlugin, catalogServiceMock.factory()],
      });

      const response = await request(server)
        .get('/api/aws-identity/identity')
        .query({ entityRef })
        .set('Authorization', mockCredentials.user.header());

      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/entityRef/);
    },
  );
});
