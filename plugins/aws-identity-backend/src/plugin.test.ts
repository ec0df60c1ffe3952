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

import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { awsIdentityPlugin } from './plugin';

describe('awsIdentityPlugin', () => {
  it('answers GET /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [awsIdentityPlugin],
    });

    const response = await request(server)
      .get('/api/aws-identity/health')
      .set('Authorization', '');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('rejects an unauthenticated call to any other route', async () => {
    const { server } = await startTestBackend({
      features: [awsIdentityPlugin],
    });

    const response = await request(server).get('/api/aws-identity/anything');

    expect(response.status).toBe(401);
  });
});
