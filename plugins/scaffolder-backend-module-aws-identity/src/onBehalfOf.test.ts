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

import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The real aws-identity backend receives the action's call: a test-only import of the plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import awsIdentityPlugin from '@internal/plugin-aws-identity-backend';
import request from 'supertest';
import { scaffolderTestConfig, templateEntity, testCatalog, validInput } from './__testUtils__/fixtures';
import { awsIdentityScaffolderModule } from './module';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

/** A template whose one step records the role request, as the example template's last step does. */
const template = templateEntity(
  'role-request',
  [
    {
      id: 'request',
      action: 'aws-identity:request:create',
      input: Object.fromEntries(Object.keys(validInput).map(field => [field, `\${{ parameters.${field} }}`])),
    },
  ],
  'group:default/platform-team',
);

/**
 * The organisation's policy as the permission framework answers it: jane and alice may request
 * roles and approve them (platform team), bob may do neither; every other permission (the
 * scaffolder's own) is allowed. Each question is recorded with the principal it was asked for.
 */
function organisationPolicy(asked: Array<{ permission: string; principal: string }>): Partial<PermissionsService> {
  const principalOf = (credentials: BackstageCredentials) => {
    const p = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
    return p.userEntityRef ?? p.subject ?? p.type;
  };
  const decide = (permission: string, principal: string) => {
    if (permission === 'aws-identity.request.create' || permission === 'aws-identity.request.approve') {
      return [JANE, ALICE].includes(principal) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
    }
    return AuthorizeResult.ALLOW;
  };
  return {
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const principal = principalOf(credentials);
        asked.push({ permission: r.permission.name, principal });
        return { result: decide(r.permission.name, principal) } as any;
      }),
    authorizeConditional: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW }) as any),
  };
}

describe('aws-identity:request:create acts on behalf of the user (scaffolder and aws-identity backend)', () => {
  let server: Parameters<typeof request>[0];
  const asked: Array<{ permission: string; principal: string }> = [];

  beforeAll(async () => {
    const catalog = testCatalog();
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        awsIdentityScaffolderModule,
        awsIdentityPlugin,
        catalogServiceMock.factory({
          entities: [template, ...(await catalog.getEntities({}, { credentials: mockCredentials.service() })).items],
        }),
        mockServices.permissions.mock(organisationPolicy(asked)).factory,
        mockServices.rootConfig.factory({ data: scaffolderTestConfig() }),
      ],
    }));
  });
  beforeEach(() => {
    asked.length = 0;
  });

  /** Runs the template as `user` and waits for the task to end. */
  async function runAs(user: string, values: object) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header(user))
      .send({ templateRef: 'template:default/role-request', values });
    expect(created.status).toBe(201);
    for (let attempt = 0; attempt < 200; attempt++) {
      const task = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', mockCredentials.user.header(user));
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', mockCredentials.user.header(user));
        const log = (events.body as Array<{ body?: { message?: string } }>).map(e => e.body?.message ?? '').join('\n');
        return { status: task.body.status as string, log };
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error('the task did not finish');
  }

  const requests = async () =>
    (await request(server).get('/api/aws-identity/requests').set('Authorization', mockCredentials.user.header(ALICE)))
      .body.items as Array<{ id: string; requestedBy: string; entityRef: string }>;

  it('authorises and records the person who runs the task, not the scaffolder', async () => {
    const run = await runAs(JANE, { ...validInput, roleName: 'jane-reports' });
    expect(run).toMatchObject({ status: 'completed' });
    expect(asked).toContainEqual({ permission: 'aws-identity.request.create', principal: JANE });
    expect(asked).not.toContainEqual({ permission: 'aws-identity.request.create', principal: 'plugin:scaffolder' });
    expect((await requests()).find(r => r.requestedBy === JANE)).toBeDefined();
    expect((await requests()).map(r => r.requestedBy)).not.toContain('plugin:scaffolder');
  });

  it('fails the task with the 403 when the person may not request roles, recording nothing', async () => {
    const before = (await requests()).length;
    const run = await runAs(BOB, { ...validInput, roleName: 'bob-reports' });
    expect(run.status).toBe('failed');
    expect(run.log).toContain('Missing permission aws-identity.request.create');
    expect(asked).toContainEqual({ permission: 'aws-identity.request.create', principal: BOB });
    expect(await requests()).toHaveLength(before);
  });

  it('keeps four eyes: the approver who ran the task cannot approve it, another approver can', async () => {
    const run = await runAs(JANE, { ...validInput, roleName: 'jane-self-approval' });
    expect(run.status).toBe('completed');
    const mine = (await requests()).find(r => r.requestedBy === JANE && r.entityRef === validInput.entityRef)!;
    const own = await request(server)
      .post(`/api/aws-identity/requests/${mine.id}/approve`)
      .set('Authorization', mockCredentials.user.header(JANE))
      .send({});
    expect(own.status).toBe(403);
    expect(own.body.error.message).not.toContain('Missing permission');
    const other = await request(server)
      .post(`/api/aws-identity/requests/${mine.id}/approve`)
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send({ comment: 'looks right' });
    expect(other.status).toBe(200);
    expect(other.body.state).toBe('approved');
  });
});
