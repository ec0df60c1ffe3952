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


import { mockCredentials } from '@backstage/backend-test-utils';
import { Sandbox, useSandbox } from '@internal/aws-identity-test';
import { SourceStatus } from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { eventually, SandboxBackend, startSandboxBackend } from './testing/sandboxBackend';

jest.setTimeout(600_000);

describe('issuer cross-check between EKS and the cluster', () => {
  let sandbox: Sandbox;
  let backend: SandboxBackend | undefined;

  beforeAll(async () => {
    sandbox = await useSandbox();
  });
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('reports a cluster whose published issuer is not the one EKS reports', async () => {
    const [east, west] = sandbox.state.clusters;
    backend = await startSandboxBackend({
      state: sandbox.state,
      configure: config => {
        // Misconfigured: the "west" entry points at the east apiserver but names west's EKS cluster.
        const clusters = config.kubernetes.clusterLocatorMethods[0].clusters;
        const entry = clusters.find(c => c.name === west.name)!;
        entry.url = east.server;
        entry.serviceAccountToken = east.readerToken;
      },
    });
    const sources = await eventually(
      async () =>
        (
          await request(backend!.server)
            .get('/api/aws-identity/sources')
            .set('Authorization', mockCredentials.user.header())
        ).body.sources as SourceStatus[],
      list => list.some(s => s.source.kind === 'cluster' && s.state === 'error'),
    );
    const westStatus = sources.find(
      s => s.source.kind === 'cluster' && s.source.cluster === west.name,
    );
    expect(westStatus).toMatchObject({
      state: 'error',
      error: `issuer mismatch: EKS reports ${west.issuer}, the cluster publishes ${east.issuer}`,
    });
    expect(
      sources.find(s => s.source.kind === 'cluster' && s.source.cluster === east.name),
    ).toMatchObject({ state: 'ok' });
  });
});
