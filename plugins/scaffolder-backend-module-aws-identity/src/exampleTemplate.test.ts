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
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderTestConfig } from './__testUtils__/fixtures';
import { awsIdentityScaffolderModule } from './module';

jest.setTimeout(120_000);

/** The example template shipped with the repository (examples/templates). */
const templateDir = resolve(__dirname, '../../../examples/templates/new-service-with-s3-access');

/** Every file under `dir`, as the scaffolder's dry-run endpoint takes them. */
function directoryContents(dir: string, root = dir): Array<{ path: string; base64Content: string }> {
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    return statSync(path).isDirectory()
      ? directoryContents(path, root)
      : [{ path: relative(root, path), base64Content: readFileSync(path).toString('base64') }];
  });
}

describe('the "New service with S3 access" example template (dry run)', () => {
  let server: Parameters<typeof request>[0];
  let gitBaseDir: string;

  beforeAll(async () => {
    gitBaseDir = mkdtempSync(join(tmpdir(), 'aws-identity-template-'));
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        awsIdentityScaffolderModule,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({ data: scaffolderTestConfig({ gitPublishBaseDir: gitBaseDir }) }),
      ],
    }));
  });

  afterAll(() => rmSync(gitBaseDir, { recursive: true, force: true }));

  const dryRun = (owner: string, extra: Record<string, unknown> = {}) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: yaml.parse(readFileSync(join(templateDir, 'template.yaml'), 'utf8')),
        values: {
          name: 'fresh-api',
          owner,
          system: 'system:default/data-platform',
          cluster: 'sandbox-east',
          namespace: 'reports',
          bucketArn: 'arn:aws:s3:::sandbox-reports',
          accessLevel: 'read',
          ...extra,
        },
        secrets: {},
        directoryContents: directoryContents(templateDir),
      });

  const messages = (body: { log?: Array<{ body?: { message?: string } }> }) =>
    (body.log ?? []).map(l => l.body?.message ?? '').join('\n');

  it('passes the owner picked in the form to the request, and says nothing was submitted', async () => {
    const response = await dryRun('group:default/app-team');
    const log = messages(response.body);
    expect({ status: response.status, log }).toEqual({
      status: 200,
      log: expect.stringContaining('Finished step Request the role'),
    });
    expect(log).toContain('owner group:default/app-team');
    const text = (response.body.output?.text ?? []) as Array<{ title: string; content: string }>;
    expect(text).toHaveLength(1);
    expect(text[0].title).toContain('arn:aws:iam::111111111111:role/fresh-api-s3');
    expect(text[0].content).toMatch(/^Dry run: no request was recorded\. A real run would submit it for platform approval\.$/m);
    expect(text[0].content).not.toMatch(/is\s+\**submitted/i);
    expect(text[0].content).not.toContain('{%');
    expect(text[0].content).toContain('system:serviceaccount:reports:fresh-api');
    // Dry run: nothing was published.
    expect(readdirSync(gitBaseDir)).toEqual([]);
  });

  it('plans an EKS Pod Identity role with a session policy chosen in the form', async () => {
    const sessionPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::sandbox-reports/*' }],
    });
    const response = await dryRun('group:default/app-team', { binding: 'pod-identity', disableSessionTags: true, sessionPolicy });
    expect({ status: response.status, log: messages(response.body) }).toEqual({
      status: 200,
      log: expect.stringContaining('Finished step Request the role'),
    });
    const text = (response.body.output?.text ?? []) as Array<{ title: string; content: string }>;
    expect(text[0].content).toContain('pods.eks.amazonaws.com');
  });

  it('refuses a session policy without disabled session tags, naming the field', async () => {
    const sessionPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const response = await dryRun('group:default/app-team', { binding: 'pod-identity', sessionPolicy });
    expect({ status: response.status, message: response.body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(/^sessionPolicy: a session policy needs disableSessionTags: true/),
    });
  });

  it('refuses an owner that is not a group or user, naming the field', async () => {
    const response = await dryRun('component:default/payments');
    expect({ status: response.status, message: response.body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(/^owner: owner "component:default\/payments" must be a group or user entity ref/),
    });
  });
});
