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
import { CreateRoleCommand, DeleteRoleCommand } from '@aws-sdk/client-iam';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ACCOUNT_A, iamClient, Sandbox, useSandbox } from '@internal/aws-identity-test';
import { RoleRequest } from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { eventually, SandboxBackend, sourceOf, startSandboxBackend } from './testing/sandboxBackend';

jest.setTimeout(600_000);

const DEVELOPER = 'user:default/bob';
const PLATFORM = 'user:default/alice';

/**
 * Which role a request is for, against IAM as moto serves it: role names are unique per account
 * regardless of path and case, so a role created outside the portal under the planned name in
 * another case and with a path is the same role, and makes the plan critical (IRSA-R01).
 */
describe('a role name IAM already has, against the sandbox', () => {
  let sandbox: Sandbox;
  let backend: SandboxBackend;
  const created: string[] = [];
  const iam = () => iamClient({ endpoint: sandbox.state.aws.endpoint, accountId: ACCOUNT_A });
  const as = (user: string) => mockCredentials.user.header(user);

  beforeAll(async () => {
    sandbox = await useSandbox();
    backend = await startSandboxBackend({ state: sandbox.state });
  });

  afterAll(async () => {
    for (const name of created) await iam().send(new DeleteRoleCommand({ RoleName: name })).catch(() => {});
    await backend?.stop();
    await sandbox?.stop();
  });

  const draft = (roleName: string) => ({
    entityRef: 'component:default/sdc',
    roleName,
    clusters: ['sandbox-east'],
    namespace: 'ns1',
    serviceAccount: 'sdc',
    access: [{ resource: 'arn:aws:s3:::sandbox-data-collector', accessLevel: 'read' }],
  });
  const submit = (key: string, roleName: string) =>
    request(backend.server).post('/api/aws-identity/requests').set('Authorization', as(DEVELOPER)).send({ idempotencyKey: key, request: draft(roleName) });

  async function createRole(name: string, path: string, tags: Array<{ Key: string; Value: string }> = []) {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const role = await iam().send(
      new CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: JSON.stringify(trust), Tags: tags }),
    );
    created.push(name);
    return role.Role!.Arn!;
  }

  /** Reads IAM again and waits until account A's read after `since` is in. */
  async function resync(since: string) {
    await backend.syncAws();
    const sources = await eventually(
      async () => (await request(backend.server).get('/api/aws-identity/sources').set('Authorization', as(DEVELOPER))).body,
      body => (sourceOf(body.sources, { accountId: ACCOUNT_A })?.lastSuccessAt ?? '') > since,
    );
    expect(sourceOf(sources.sources, { accountId: ACCOUNT_A })).toMatchObject({ state: 'ok' });
  }

  it('makes a submitted plan critical and not approvable once a role with its name in another case and with a path exists', async () => {
    await resync('');
    const submitted = await submit('ownership:later', 'ownership-probe');
    expect(submitted.status).toBe(201);
    const id = submitted.body.request.id;
    expect(submitted.body.request.plan.risk).not.toBe('critical');

    const since = new Date().toISOString();
    const arn = await createRole('Ownership-Probe', '/k8s-main/');
    expect(arn).toBe(`arn:aws:iam::${ACCOUNT_A}:role/k8s-main/Ownership-Probe`);
    await resync(since);

    const seen: RoleRequest = (await request(backend.server).get(`/api/aws-identity/requests/${id}`).set('Authorization', as(PLATFORM))).body;
    expect(seen.plan.risk).toBe('critical');
    expect(seen.plan.findings[0]).toMatchObject({ id: 'IRSA-R01', severity: 'critical', subject: { kind: 'role', ref: arn } });
    expect(seen.actions?.find(a => a.action === 'approve')).toMatchObject({ allowed: false, problem: 'risk' });

    const approve = await request(backend.server).post(`/api/aws-identity/requests/${id}/approve`).set('Authorization', as(PLATFORM)).send({});
    expect(approve.status).toBe(403);
    expect(approve.body.error.message).toContain('critical');

    const live = await request(backend.server).get(`/api/aws-identity/requests/${id}/live-role`).set('Authorization', as(PLATFORM));
    expect(live.body).toMatchObject({
      roleArn: `arn:aws:iam::${ACCOUNT_A}:role/ownership-probe`,
      status: 'present',
      liveRoleArn: arn,
      foreignReason: expect.stringContaining('not created by aws-identity'),
    });

    // Asked for now, the name is refused outright.
    const again = await submit('ownership:again', 'OWNERSHIP-PROBE');
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/^request\.roleName: .*IRSA-R01/);
  });

  it("plans over the portal's own role, recognised by the tags IAM returns for it", async () => {
    const since = new Date().toISOString();
    await createRole('owned-probe', '/', [
      { Key: 'managed-by', Value: 'aws-identity' },
      { Key: 'aws-identity/entity', Value: 'component:default/sdc' },
    ]);
    await createRole('other-owner-probe', '/', [
      { Key: 'managed-by', Value: 'aws-identity' },
      { Key: 'aws-identity/entity', Value: 'component:default/someone-else' },
    ]);
    await resync(since);
    const own = await submit('ownership:own', 'Owned-Probe');
    expect(own.status).toBe(201);
    expect(own.body.request.plan.findings.map((f: { id: string }) => f.id)).not.toContain('IRSA-R01');
    const other = await submit('ownership:other', 'other-owner-probe');
    expect(other.status).toBe(400);
    expect(other.body.error.message).toContain('component:default/someone-else');
  });
});
