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
import {
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
  UntagRoleCommand,
} from '@aws-sdk/client-iam';
import {
  APPLIED_POLICY_NAME,
  iamClient,
  Sandbox,
  useSandbox,
} from '@internal/aws-identity-test';
import {
  awsIdentityRequestCreatePermission,
  EntityIdentityResponse,
  PolicyDocument,
  PolicyStatement,
  RoleRequest,
  VERIFIED_DRIFT_CHECK_ID,
} from '@internal/plugin-aws-identity-common';
import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { denyingPermissionsTo } from './testing/permissionedCatalog';
import {
  approveAndApply,
  asUser,
  RequestFlowServer,
  startRequestFlowBackend,
  submitRoleRequest,
  waitForRequest,
} from './testing/requestFlow';
import { eventually } from './testing/sandboxBackend';

jest.setTimeout(900_000);

const DEVELOPER = 'user:default/bob';
const PLATFORM = 'user:default/alice';
/** A signed-in reader the permission policy does not let request roles. */
const VIEWER = 'user:default/viewer';
const ENTITY = 'component:default/sdc';

/** A statement nobody requested, added to the role's policy by hand (console, CLI). */
const BY_HAND: PolicyStatement = {
  Sid: 'ByHand',
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::sandbox-reports/*',
};

/** The drift lines the tracker records for the two hand-made changes (`compareWithPlan`). */
const EXTRA_STATEMENT =
  'the live role has 1 permission statement(s) the plan does not';
const MISSING_TAG =
  'the live role lacks the planned tag managed-by=aws-identity';

describe('drift after verified, restored and accepted, against the sandbox', () => {
  let sandbox: Sandbox;
  let server: RequestFlowServer;
  let stopBackend: () => Promise<void>;
  let iam: IAMClient;

  beforeAll(async () => {
    sandbox = await useSandbox();
    const backend = await startRequestFlowBackend(sandbox.state, {
      features: [
        denyingPermissionsTo(VIEWER, [awsIdentityRequestCreatePermission.name]),
      ],
    });
    server = backend.server;
    stopBackend = backend.stop;
  });

  afterAll(async () => {
    iam?.destroy();
    await stopBackend?.();
    await sandbox?.stop();
  });

  const read = (id: string, reader = DEVELOPER) =>
    request(server)
      .get(`/api/aws-identity/requests/${id}`)
      .set('Authorization', asUser(reader));
  const repair = (id: string, kind: 'restore' | 'accept', user = DEVELOPER) =>
    request(server)
      .post(`/api/aws-identity/requests/${id}/${kind}`)
      .set('Authorization', asUser(user));
  const waitFor = (id: string, state: RoleRequest['state']) =>
    waitForRequest(server, id, r => r.state === state, { reader: DEVELOPER });

  /** The IRSA-R02 findings on ns1/sdc's report on sandbox-east, as the entity tab reads them. */
  async function driftFindings() {
    const response = await request(server)
      .get(`/api/aws-identity/identity?entityRef=${encodeURIComponent(ENTITY)}`)
      .set('Authorization', asUser(DEVELOPER));
    const body = response.body as EntityIdentityResponse;
    const report = (body.serviceAccounts ?? []).find(
      r =>
        r.serviceAccount.cluster === 'sandbox-east' &&
        r.serviceAccount.namespace === 'ns1' &&
        r.serviceAccount.name === 'sdc',
    );
    return (report?.findings ?? []).filter(
      f => f.id === VERIFIED_DRIFT_CHECK_ID,
    );
  }

  /** The role's managed inline policy, as the sandbox pipeline applies it. */
  async function appliedPolicy(roleName: string): Promise<PolicyDocument> {
    const { PolicyDocument: text } = await iam.send(
      new GetRolePolicyCommand({
        RoleName: roleName,
        PolicyName: APPLIED_POLICY_NAME,
      }),
    );
    return JSON.parse(decodeURIComponent(text!));
  }

  /** Someone adds {@link BY_HAND} to the applied policy outside the workflow. */
  async function addStatementByHand(roleName: string): Promise<void> {
    const document = await appliedPolicy(roleName);
    const statements = Array.isArray(document.Statement)
      ? document.Statement
      : [document.Statement];
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: APPLIED_POLICY_NAME,
        PolicyDocument: JSON.stringify({
          ...document,
          Statement: [...statements, BY_HAND],
        }),
      }),
    );
  }

  const hasByHand = (document: PolicyDocument) =>
    (Array.isArray(document.Statement)
      ? document.Statement
      : [document.Statement]
    ).some(s => s.Sid === BY_HAND.Sid);

  /** The branches of the run's bare infrastructure remote. */
  const remoteBranches = () =>
    execFileSync(
      'git',
      ['for-each-ref', '--format=%(refname:short)', 'refs/heads/'],
      { cwd: sandbox.state.infraRepository! },
    )
      .toString()
      .split('\n')
      .filter(Boolean);

  let original: RoleRequest;
  let roleName: string;

  it('takes a role request to verified, and refuses to repair it while it has not drifted', async () => {
    const submitted = await submitRoleRequest(server, DEVELOPER, {
      idempotencyKey: 'drift-repair-test:request',
      request: {
        entityRef: ENTITY,
        roleName: 'sdc-drift-s3',
        clusters: ['sandbox-east'],
        namespace: 'ns1',
        serviceAccount: 'sdc',
        access: [
          {
            resource: 'arn:aws:s3:::sandbox-data-collector',
            accessLevel: 'read-write',
          },
        ],
      },
    });
    expect(submitted.status).toBe(201);
    const { approved, verified } = await approveAndApply(
      server,
      sandbox.state,
      submitted.body.request.id,
      {
        approver: PLATFORM,
        reader: DEVELOPER,
      },
    );
    expect(approved.status).toBe(200);
    expect(verified.state).toBe('verified');
    original = verified;
    roleName = verified.plan.roleArn.split('/').pop()!;
    iam = iamClient({
      endpoint: sandbox.state.aws.endpoint,
      accountId: verified.plan.input.accountId,
    });

    const early = await repair(original.id, 'restore');
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(
      `Cannot restore request ${original.id}: the request is verified; only a drifted request can be restored`,
    );
    expect((await read(original.id)).body.repairs).toBeUndefined();
  });

  it('moves to drifted when a statement is added by hand, shows IRSA-R02 on the tab within seconds, and offers the repairs', async () => {
    await addStatementByHand(roleName);
    const drifted = await waitFor(original.id, 'drifted');
    expect(drifted.state).toBe('drifted');
    expect(drifted.verification?.drift).toEqual([EXTRA_STATEMENT]);
    expect(drifted.verification?.fix).toMatch(/^Restore: /);

    const shownAt = Date.now();
    const findings = await eventually(
      driftFindings,
      found => found.length > 0,
      15_000,
    );
    expect(Date.now() - shownAt).toBeLessThan(15_000);
    expect(findings).toEqual([
      expect.objectContaining({
        id: VERIFIED_DRIFT_CHECK_ID,
        requestId: original.id,
        subject: { kind: 'role', ref: original.plan.roleArn },
        message: expect.stringContaining(drifted.verification!.drift[0]),
      }),
    ]);

    expect((await read(original.id)).body.repairs).toEqual([
      { repair: 'restore', allowed: true },
      { repair: 'accept', allowed: true },
    ]);
    expect((await read(original.id, VIEWER)).body.repairs).toEqual([
      {
        repair: 'restore',
        allowed: false,
        reason: 'Missing permission aws-identity.request.create',
      },
      {
        repair: 'accept',
        allowed: false,
        reason: 'Missing permission aws-identity.request.create',
      },
    ]);
  });

  it('refuses a repair without permission (403) and without credentials (401)', async () => {
    expect((await repair(original.id, 'restore', VIEWER)).status).toBe(403);
    const anonymous = await request(server)
      .post(`/api/aws-identity/requests/${original.id}/restore`)
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    expect((await read(original.id)).body.repairs).toEqual([
      { repair: 'restore', allowed: true },
      { repair: 'accept', allowed: true },
    ]);
  });

  let restore: RoleRequest;

  it('restores the approved plan: a new request decided with four eyes, delivered, applied, verified; the original is superseded', async () => {
    const created = await repair(original.id, 'restore');
    expect(created.status).toBe(201);
    expect(created.body.request).toMatchObject({
      state: 'submitted',
      requestedBy: DEVELOPER,
      succeeds: { requestId: original.id, repair: 'restore' },
    });
    expect(created.body.request.plan.permissionPolicy.document).toEqual(
      original.plan.permissionPolicy.document,
    );
    const id: string = created.body.request.id;

    // One repair at a time: the other kind waits for this one.
    const second = await repair(original.id, 'accept');
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(
      `request ${id} already repairs this drift`,
    );

    // Four eyes: the person who asked for the restore may not approve it.
    const own = await request(server)
      .post(`/api/aws-identity/requests/${id}/approve`)
      .set('Authorization', asUser(DEVELOPER))
      .send({});
    expect(own.status).toBe(403);

    const { approved, delivered, pipeline, verified } = await approveAndApply(
      server,
      sandbox.state,
      id,
      {
        approver: PLATFORM,
        reader: DEVELOPER,
      },
    );
    expect(approved.status).toBe(200);
    expect(delivered.delivery).toMatchObject({
      kind: 'git-branch',
      branch: `aws-identity/request-${id}`,
    });
    expect(remoteBranches()).toContain(`aws-identity/request-${id}`);
    expect(pipeline.merged).toEqual([`aws-identity/request-${id}`]);
    expect(pipeline.applied).toContain(original.plan.roleArn);
    expect(verified.state).toBe('verified');
    restore = verified;

    const superseded = await waitFor(original.id, 'superseded');
    expect(superseded.state).toBe('superseded');
    expect(
      superseded.transitions[superseded.transitions.length - 1].reason,
    ).toBe(
      `superseded by request ${id}, which restored the plan and is verified`,
    );
    expect(
      await eventually(driftFindings, found => found.length === 0, 15_000),
    ).toEqual([]);
    expect(hasByHand(await appliedPolicy(roleName))).toBe(false);
  });

  it('moves the restore to drifted when the managed-by tag is removed, and accepts a statement added by hand as the plan', async () => {
    await iam.send(
      new UntagRoleCommand({ RoleName: roleName, TagKeys: ['managed-by'] }),
    );
    const untagged = await waitFor(restore.id, 'drifted');
    expect(untagged.state).toBe('drifted');
    expect(untagged.verification?.drift).toEqual([MISSING_TAG]);
    expect(
      await eventually(
        driftFindings,
        found => found.some(f => f.requestId === restore.id),
        15_000,
      ),
    ).toEqual([expect.objectContaining({ requestId: restore.id })]);

    await addStatementByHand(roleName);
    const both = await waitForRequest(
      server,
      restore.id,
      r => (r.verification?.drift.length ?? 0) === 2,
      { reader: DEVELOPER },
    );
    expect(both.verification?.drift).toEqual([EXTRA_STATEMENT, MISSING_TAG]);

    const accepted = await repair(restore.id, 'accept');
    expect(accepted.status).toBe(201);
    const accept: RoleRequest = accepted.body.request;
    expect(accept.succeeds).toEqual({
      requestId: restore.id,
      repair: 'accept',
    });
    expect(accept.plan.permissionPolicy.document.Statement).toEqual(
      expect.arrayContaining([BY_HAND]),
    );
    expect(accept.plan.trustPolicy.document).toEqual(
      restore.plan.trustPolicy.document,
    );
    // Judged as any plan: the approver sees what the live statements grant.
    expect(Array.isArray(accept.plan.findings)).toBe(true);
    expect(accept.plan.risk).toBeDefined();

    const { approved, pipeline, verified } = await approveAndApply(
      server,
      sandbox.state,
      accept.id,
      {
        approver: PLATFORM,
        reader: DEVELOPER,
      },
    );
    expect(approved.status).toBe(200);
    expect(pipeline.merged).toEqual([`aws-identity/request-${accept.id}`]);
    expect(verified.state).toBe('verified');

    const superseded = await waitFor(restore.id, 'superseded');
    expect(
      superseded.transitions[superseded.transitions.length - 1].reason,
    ).toBe(
      `superseded by request ${accept.id}, which accepted the live state as the plan and is verified`,
    );
    expect(hasByHand(await appliedPolicy(roleName))).toBe(true);
    expect(
      await eventually(driftFindings, found => found.length === 0, 15_000),
    ).toEqual([]);
  });
});
