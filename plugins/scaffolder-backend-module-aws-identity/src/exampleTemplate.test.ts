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
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';

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

/** The AwsIdentityClusterPicker's values for the sandbox clusters, as GET /request-targets lists them. */
const EAST = { cluster: 'sandbox-east', accountId: '111111111111', region: 'us-east-1', recommendedBinding: 'pod-identity', podIdentityReady: true };
const WEST = { cluster: 'sandbox-west', accountId: '222222222222', region: 'eu-west-1', recommendedBinding: 'irsa', podIdentityReady: false };

describe('the "New service with S3 access" example template (dry run)', () => {
  let server: Parameters<typeof request>[0];
  let gitBaseDir: string;

  beforeAll(async () => {
    gitBaseDir = mkdtempSync(join(tmpdir(), 'aws-identity-template-'));
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        awsIdentityScaffolderModule,
        githubModule,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            ...scaffolderTestConfig({ gitPublishBaseDir: gitBaseDir }),
            // A GitHub integration, as a portal that publishes to GitHub has (never called: dry run).
            integrations: { github: [{ host: 'github.com', token: 'ghp_not-a-real-token' }] },
          },
        }),
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
          target: EAST,
          namespace: 'reports',
          arnResources: [{ resource: 'arn:aws:s3:::sandbox-reports', accessLevel: 'read' }],
          ...extra,
        },
        secrets: {},
        directoryContents: directoryContents(templateDir),
      });

  const messages = (body: { log?: Array<{ body?: { message?: string } }> }) =>
    (body.log ?? []).map(l => l.body?.message ?? '').join('\n');

  it('passes the owner picked in the form to the request, and says nothing was submitted', async () => {
    // IRSA, as the template's default was before the cluster's recommendation became it.
    const response = await dryRun('group:default/app-team', { binding: 'irsa' });
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
  /** The files the dry run rendered, by path. */
  const files = (body: { directoryContents?: Array<{ path: string; base64Content: string }> }) =>
    Object.fromEntries((body.directoryContents ?? []).map(f => [f.path, Buffer.from(f.base64Content, 'base64').toString('utf8')]));

  // AWS: with IRSA the service account carries eks.amazonaws.com/role-arn and the pod reads a
  // projected token (a non-root container needs fsGroup); with EKS Pod Identity an association
  // names the service account, which needs no annotation, and the agent serves credentials.
  const EAST_ROLE = 'arn:aws:iam::111111111111:role/fresh-api-s3';
  const WEST_ROLE = 'arn:aws:iam::222222222222:role/fresh-api-s3';
  const IRSA = {
    securityContext: { fsGroup: 65534, runAsNonRoot: true, runAsUser: 65534 },
    principal: 'sts:AssumeRoleWithWebIdentity',
    readme: 'through **IRSA**',
  };
  const POD_IDENTITY = {
    securityContext: { runAsNonRoot: true, runAsUser: 65534 },
    principal: 'pods.eks.amazonaws.com',
    readme: 'through **EKS Pod Identity**',
  };
  it.each([
    ['IRSA on sandbox-east', { target: EAST, binding: 'irsa' }, 'irsa', EAST_ROLE, IRSA, EAST_ROLE],
    ['Pod Identity on sandbox-east, as the cluster recommends', { target: EAST }, 'pod-identity', EAST_ROLE, POD_IDENTITY, undefined],
    ['Pod Identity on sandbox-west, chosen', { target: WEST, binding: 'pod-identity' }, 'pod-identity', WEST_ROLE, POD_IDENTITY, undefined],
  ])('plans %s, and the skeleton follows the binding', async (_name, extra, binding, roleArn, expected, annotation) => {
    const response = await dryRun('group:default/app-team', extra);
    expect({ status: response.status, log: messages(response.body) }).toEqual({
      status: 200,
      log: expect.stringContaining('Finished step Request the role'),
    });
    const text = (response.body.output?.text ?? []) as Array<{ title: string; content: string }>;
    expect(text[0].title).toMatch(new RegExp(`^Planned role ${roleArn} \\(${binding}, risk \\w+\\)$`));
    expect(text[0].content).toContain(expected.principal);
    const rendered = files(response.body);
    expect(yaml.parse(rendered['k8s/deployment.yaml']).spec.template.spec.securityContext).toEqual(expected.securityContext);
    const serviceAccount = yaml.parse(rendered['infra/aws-identity/kubernetes/serviceaccount.yaml']);
    expect(serviceAccount.metadata.annotations?.['eks.amazonaws.com/role-arn']).toBe(annotation);
    expect(rendered['README.md']).toContain(expected.readme);
  });

  it('refuses IRSA on a cluster whose issuer neither configuration nor EKS knows, naming the field', async () => {
    const response = await dryRun('group:default/app-team', { target: WEST, binding: 'irsa' });
    expect({ status: response.status, message: response.body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(/^clusters\[0\]\.issuer: the issuer of cluster "sandbox-west" is unknown/),
    });
  });

  // The picker's value travels through the browser: the directory decides account and region.
  it('refuses a picked cluster whose account was changed, naming the field', async () => {
    const response = await dryRun('group:default/app-team', { target: { ...EAST, accountId: '222222222222' } });
    expect({ status: response.status, message: response.body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(/^clusters\[0\]\.accountId: account "222222222222" differs from the account of cluster "sandbox-east"/),
    });
  });

  it('grants several resources in one request, each with its own access level', async () => {
    const response = await dryRun('group:default/app-team', {
      catalogResources: [],
      arnResources: [
        { resource: 'arn:aws:s3:::sandbox-reports', accessLevel: 'read-write' },
        { resource: 'arn:aws:sqs:us-east-1:111111111111:reports-jobs', accessLevel: 'read' },
      ],
    });
    expect(response.status).toBe(200);
    const text = (response.body.output?.text ?? []) as Array<{ title: string; content: string }>;
    const permission = JSON.parse(text[0].content.split('```json')[2].split('```')[0]);
    const resources = permission.Statement.flatMap((st: { Resource: string | string[] }) => [st.Resource].flat());
    expect(resources).toEqual(expect.arrayContaining(['arn:aws:s3:::sandbox-reports', 'arn:aws:sqs:us-east-1:111111111111:reports-jobs']));
    const actions = permission.Statement.flatMap((st: { Action: string | string[] }) => [st.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject', 'sqs:ReceiveMessage']));
    expect(actions).not.toContain('sqs:SendMessage');
  });

  // A dry run records no request, so it links none; a real run links it (test/e2e/template).
  it('links the repository and the approvals page', async () => {
    const response = await dryRun('group:default/app-team');
    expect(response.status).toBe(200);
    expect((response.body.output?.links ?? []).map((l: { title: string; url: string }) => [l.title, l.url])).toEqual([
      ['Repository', expect.stringMatching(/fresh-api/)],
      ['Approvals', '/aws-identity/requests'],
    ]);
  });
  it.each([
    ['repository', 'publishGithub', 'publishGithubPr', []],
    ['pull-request', 'publishGithubPr', 'publishGithub', [['Pull request', expect.any(String)]]],
  ])('publishes with GitHub (%s) instead of the portal\'s git server when the form says so', async (githubMode, runs, skipped, pullRequestLink) => {
    const response = await dryRun('group:default/app-team', {
      publishTo: 'github',
      repoUrl: 'github.com?owner=acme&repo=fresh-api',
      githubMode,
    });
    const log = messages(response.body);
    expect({ status: response.status, log }).toEqual({ status: 200, log: expect.stringContaining('Finished step Request the role') });
    // Exactly one publisher runs (GitHub's actions do not run in a dry run, and say so).
    expect(log).toContain('Skipping step publish because its if condition was false');
    expect(log).toContain(`Skipping step ${skipped} because its if condition was false`);
    expect(log).not.toContain(`Skipping step ${runs} because its if condition was false`);
    expect((response.body.output?.links ?? []).map((l: { title: string; url: string }) => [l.title, l.url])).toEqual([
      ['Repository', 'https://github.com/acme/fresh-api'],
      ...pullRequestLink,
      ['Approvals', '/aws-identity/requests'],
    ]);
  });
});
