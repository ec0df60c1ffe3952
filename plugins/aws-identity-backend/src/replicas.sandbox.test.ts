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
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { portalConfig, Sandbox, useSandbox } from '@internal/aws-identity-test';
import request from 'supertest';
import { awsIdentityPlugin } from './plugin';
import { catalogEntities } from './testing/sandboxBackend';

jest.setTimeout(600_000);

// PostgreSQL runs where its connection string is set (scripts/postgres.sh); no Docker here.
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'], disableDocker: true });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('two backend replicas on one database', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await useSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it.each(databases.eachSupportedId())(
    'read IAM once per interval and serve the same answers (%p)',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      const config = {
        ...portalConfig(sandbox.state),
        awsIdentity: {
          ...portalConfig(sandbox.state).awsIdentity,
          // One sync in the test's lifetime; replicas pick up each other's writes quickly.
          syncIntervalSeconds: 3600,
          snapshotReloadSeconds: 1,
        },
      };
      await sandbox.proxy.resetCounts();

      const start = () =>
        startTestBackend({
          features: [
            awsIdentityPlugin,
            schedulerServiceFactory,
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({ data: config }),
            catalogServiceMock.factory({
              entities: catalogEntities(sandbox.state.catalogFiles),
            }),
          ],
        });
      const replicas = [await start(), await start()];
      try {
        const ask = (index: number, path: string) =>
          request(replicas[index].server)
            .get(`/api/aws-identity${path}`)
            .set('Authorization', mockCredentials.user.header());
        const allOk = (r: request.Response) =>
          r.status === 200 &&
          r.body.sources.every((s: { state: string }) => s.state === 'ok');

        for (const index of [0, 1]) {
          const sources = await until(() => ask(index, '/sources'), allOk);
          expect(sources.body.sources.filter((s: { state: string }) => s.state !== 'ok')).toEqual([]);
        }

        // Exactly one full read per account: the globally scheduled sync ran on one replica.
        for (const account of sandbox.state.aws.accounts) {
          expect(
            await sandbox.proxy.count({
              accountId: account.id,
              action: 'GetAccountSummary',
            }),
          ).toBe(1);
        }

        const path = '/identity?entityRef=component:default/sdc';
        const [first, second] = [await ask(0, path), await ask(1, path)];
        expect(first.status).toBe(200);
        expect(second.body.serviceAccounts).toEqual(first.body.serviceAccounts);
        expect(first.body.serviceAccounts.length).toBeGreaterThan(0);
      } finally {
        await Promise.all(replicas.map(r => r.stop()));
      }
    },
  );
});
