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


import { GetRoleCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { iamClient, Sandbox, useSandbox } from '@internal/aws-identity-test';
import { RoleRequest } from '@internal/plugin-aws-identity-common';
import {
  approveAndApply,
  RequestFlowServer,
  startRequestFlowBackend,
  submitRoleRequest,
  waitForRequest,
} from './testing/requestFlow';

jest.setTimeout(600_000);

const DEVELOPER = 'user:default/bob';
const PLATFORM = 'user:default/alice';

describe('a role request from submission to verified, against the sandbox', () => {
  let sandbox: Sandbox;
  let server: RequestFlowServer;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await useSandbox();
    const backend = await startRequestFlowBackend(sandbox.state);
    server = backend.server;
    stopBackend = backend.stop;
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  /** The request the first case takes to verified, for the drift case. */
  let verifiedRequest: RoleRequest | undefined;

  const waitForState = (id: string, state: RoleRequest['state']) =>
    waitForRequest(server, id, r => r.state === state, { reader: DEVELOPER });

  it('is delivered after approval, applied by the pipeline, then seen live and verified', async () => {
    const submitted = await submitRoleRequest(server, DEVELOPER, {
      idempotencyKey: 'flow-test:request',
      request: {
        entityRef: 'component:default/sdc',
        roleName: 'sdc-flow-s3',
        clusters: ['sandbox-east'],
        namespace: 'ns1',
        serviceAccount: 'sdc',
        access: [{ resource: 'arn:aws:s3:::sandbox-data-collector', accessLevel: 'read-write' }],
      },
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.request.id;

    const { approved, delivered, pipeline, verified } = await approveAndApply(server, sandbox.state, id, {
      approver: PLATFORM,
      reader: DEVELOPER,
    });
    expect(approved.status).toBe(200);
    expect(delivered.state).toBe('pr-open');
    expect(delivered.delivery).toMatchObject({ kind: 'git-branch', branch: `aws-identity/request-${id}` });
    expect(pipeline.merged).toEqual([`aws-identity/request-${id}`]);
    expect(pipeline.applied).toContain(submitted.body.request.plan.roleArn);

    expect(verified.state).toBe('verified');
    expect(verified.verification?.drift).toEqual([]);
    expect(verified.transitions.map(t => t.to)).toEqual([
      'submitted',
      'approved',
      'pr-open',
      'merged',
      'live',
      'verified',
    ]);
    verifiedRequest = verified;
  });

  it('moves the verified request to drifted when its trust is edited in IAM, and back to verified when restored', async () => {
    expect(verifiedRequest).toBeDefined();
    const { id, plan } = verifiedRequest!;
    const iam = iamClient({ endpoint: sandbox.state.aws.endpoint, accountId: plan.input.accountId });
    const roleName = plan.roleArn.split('/').pop()!;
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    const planned = decodeURIComponent(Role!.AssumeRolePolicyDocument!);
    // Someone widens the trust by hand to EC2: the planned service account is no longer admitted.
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: roleName,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const drifted = await waitForState(id, 'drifted');
    expect(drifted.state).toBe('drifted');
    expect(drifted.verification?.drift).toEqual([
      expect.stringMatching(/^the live trust policy does not admit ns1\/sdc on sandbox-east/),
    ]);
    expect(drifted.verification?.fix).toMatch(/^Restore: /);

    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: planned }));
    const repaired = await waitForState(id, 'verified');
    expect(repaired.state).toBe('verified');
    expect(repaired.transitions.map(t => t.to).slice(-3)).toEqual(['verified', 'drifted', 'verified']);
  });
});
