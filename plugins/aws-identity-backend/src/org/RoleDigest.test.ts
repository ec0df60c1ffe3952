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
import { coreServices, createBackendModule, SchedulerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { awsIdentityPlugin } from '../plugin';
import { AWS_IDENTITY_TASKS } from '../service/AwsIdentityInitializer';
import { ACCOUNT, irsaTrust, ISSUER, role } from '../testing/awsFixtures';
import { FakeAwsSource, FakeClusterSource, fakeSourcesModule, irsaAnnotation, prodEksCluster } from '../testing/fakeSources';

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

// payments-team's component is bound to a role IAM never saw used (ROLE-U02); finance-team's
// requested role was last used 200 days ago (ROLE-U01); a role in use is nobody's news.
const BOUND_NEVER_USED = { ...role('payments-s3', irsaTrust(ISSUER, 'payments', 'payments-api')), createDate: daysAgo(30) };
const REQUESTED_IDLE = {
  ...role('ledger-s3', irsaTrust(ISSUER, 'ledger', 'ledger')),
  createDate: daysAgo(300),
  lastUsed: { at: daysAgo(200), region: 'us-east-1' },
  tags: { 'managed-by': 'aws-identity', 'aws-identity/entity': 'component:default/ledger' },
};
const IN_USE = { ...role('orders-s3', irsaTrust(ISSUER, 'orders', 'orders')), lastUsed: { at: daysAgo(1) }, tags: { owner: 'payments-team' } };

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': name } },
    spec: { type: 'service', owner, lifecycle: 'production' },
  };
}

function group(name: string, member: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], members: [member] },
    relations: [{ type: 'hasMember', targetRef: `user:default/${member}` }],
  };
}

function user(name: string, team: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [team] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
  };
}

async function start(digest: object | undefined) {
  const aws = new FakeAwsSource([ACCOUNT])
    .readAccount(ACCOUNT, [BOUND_NEVER_USED, REQUESTED_IDLE, IN_USE], { issuers: [ISSUER] })
    .readEks('prod', prodEksCluster());
  const clusters = new FakeClusterSource([
    {
      name: 'prod',
      accountId: ACCOUNT,
      region: 'us-east-1',
      discoveredIssuer: ISSUER,
      serviceAccounts: [
        {
          namespace: 'payments',
          name: 'payments-api',
          annotations: irsaAnnotation(BOUND_NEVER_USED.arn),
          labels: { 'backstage.io/kubernetes-id': 'payments' },
        },
      ],
    },
  ]);
  // The plugin's own scheduler (plugin-scoped), reached through a module of the plugin.
  let scheduler: SchedulerService | undefined;
  const schedulerProbe = createBackendModule({
    pluginId: 'aws-identity',
    moduleId: 'test-scheduler',
    register(env) {
      env.registerInit({ deps: { s: coreServices.scheduler }, async init({ s }) { scheduler = s; } });
    },
  });
  const { server } = await startTestBackend({
    features: [
      awsIdentityPlugin,
      fakeSourcesModule({ aws, clusters }),
      notificationsPlugin,
      schedulerProbe,
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({ data: { app: { baseUrl: 'http://localhost:3000' }, awsIdentity: { roles: { digest } } } }),
      catalogServiceMock.factory({
        entities: [
          component('payments', 'payments-team'),
          component('ledger', 'finance-team'),
          group('payments-team', 'alice'),
          group('finance-team', 'frank'),
          user('alice', 'payments-team'),
          user('frank', 'finance-team'),
        ],
      }),
    ],
  });
  return { server, scheduler: scheduler! };
}

/** The notifications `userRef` finds in the notifications backend. */
async function notificationsOf(server: any, userRef: string) {
  const response = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(userRef));
  expect(response.status).toBe(200);
  return response.body.notifications as Array<{ payload: any }>;
}

describe('the weekly digest of unused roles', () => {
  it('is not scheduled unless awsIdentity.roles.digest.enabled', async () => {
    const { scheduler } = await start(undefined);
    const ids = (await scheduler.getScheduledTasks()).map(t => t.id);
    expect(ids).toContain(AWS_IDENTITY_TASKS.awsSync);
    expect(ids).not.toContain(AWS_IDENTITY_TASKS.roleDigest);
  });

  it("sends each team the unused roles it owns, through the notifications service", async () => {
    const { server, scheduler } = await start({ enabled: true });
    const task = (await scheduler.getScheduledTasks()).find(t => t.id === AWS_IDENTITY_TASKS.roleDigest);
    expect(task).toMatchObject({ scope: 'global' });
    // The directory of catalog entities is read at startup, in the background.
    await new Promise(resolve => setTimeout(resolve, 200));
    await scheduler.triggerTask(AWS_IDENTITY_TASKS.roleDigest);

    const alice = await notificationsOf(server, 'user:default/alice');
    expect(alice.map(n => n.payload)).toEqual([
      expect.objectContaining({
        title: '1 AWS role of group:default/payments-team is unused',
        description: `payments-s3 (${ACCOUNT}): ROLE-U02 role bound to a service account but never used`,
        link: '/aws-identity/roles',
        severity: 'low',
        topic: 'aws-identity-role-digest',
      }),
    ]);
    const frank = await notificationsOf(server, 'user:default/frank');
    expect(frank.map(n => n.payload.title)).toEqual(['1 AWS role of group:default/finance-team is unused']);
    expect(frank[0].payload.description).toContain('ledger-s3');
    expect(frank[0].payload.description).toContain('ROLE-U01');

    // Next week's digest replaces this week's in the team's thread.
    await scheduler.triggerTask(AWS_IDENTITY_TASKS.roleDigest);
    expect(await notificationsOf(server, 'user:default/alice')).toHaveLength(1);
  });
});
