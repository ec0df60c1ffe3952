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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { badRoleRequestCases } from '@internal/plugin-aws-identity-common/testing';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderTestConfig, templateEntity, validInput } from './__testUtils__/fixtures';
import { awsIdentityScaffolderModule } from './module';

jest.setTimeout(120_000);

/** Every field of a role request, passed from the parameters to each action. */
const FIELDS = [
  'entityRef',
  'roleName',
  'rolePath',
  'accountId',
  'binding',
  'clusters',
  'namespace',
  'serviceAccount',
  'access',
  'trustPolicyQuota',
  'owner',
  'targetRoleArn',
  'sessionPolicy',
  'disableSessionTags',
];

/**
 * A template whose steps take every field from the parameters, as the REST API lets a caller
 * send anything a form would never produce: the actions must refuse it on their own.
 */
const template = templateEntity(
  'bad-input',
  ['plan', 'render', 'request'].map(step => ({
    id: step,
    action: `aws-identity:${step === 'request' ? 'request:create' : `role:${step}`}`,
    input: Object.fromEntries(FIELDS.map(field => [field, `\${{ parameters.${field} }}`])),
  })),
);

describe('bad-input suite against the scaffolder REST API (security.md §3)', () => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        awsIdentityScaffolderModule,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({ data: scaffolderTestConfig() }),
      ],
    }));
  });

  const dryRun = (values: object) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ template, values, secrets: {}, directoryContents: [] });

  const messages = (body: { log?: Array<{ body?: { message?: string } }> }) =>
    (body.log ?? []).map(l => l.body?.message ?? '').join('\n');

  it('accepts the valid request the cases start from', async () => {
    const response = await dryRun(validInput);
    expect({ status: response.status, log: messages(response.body) }).toEqual({
      status: 200,
      log: expect.stringContaining('Finished step'),
    });
    expect(messages(response.body)).not.toMatch(/Step \w+ failed/i);
  });

  it.each(badRoleRequestCases.map(c => [c.name, c] as const))(
    'answers 400 naming the field for %s, and runs nothing',
    async (_name, c) => {
      const response = await dryRun({ ...validInput, ...c.patch });
      const field = c.field.replace(/[.[\]]/g, '\\$&');
      // Either the action's own check ("<field>: …") or the scaffolder's schema check of the
      // action input ("instance.<field> is not of a type…") answers; both name the field.
      expect({ status: response.status, message: response.body.error?.message }).toEqual({
        status: 400,
        message: expect.stringMatching(new RegExp(`^${field}: |instance\\.${field}(?![\\w.[])`)),
      });
      // The task stopped at its first step: no files were produced and no step after it ran.
      expect(response.body.directoryContents).toBeUndefined();
    },
  );
});
