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
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { actionOptions, validInput, WEST_ISSUER } from '../__testUtils__/fixtures';
import { createAwsIdentityRolePlanAction } from './awsIdentityRolePlan';

describe('aws-identity:role:plan', () => {
  const action = createAwsIdentityRolePlanAction(actionOptions());

  it('outputs the policies, findings, sizes and risk', async () => {
    const ctx = createMockActionContext({ input: validInput as any });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('roleArn', 'arn:aws:iam::111111111111:role/reports-api-s3');
    expect(ctx.output).toHaveBeenCalledWith('risk', 'none');
    const trust = JSON.parse((ctx.output as jest.Mock).mock.calls.find(c => c[0] === 'trustPolicy')[1]);
    expect(trust.Statement[0].Condition.StringEquals).toEqual({
      'oidc.eks.us-east-1.amazonaws.com/id/5C54DDF35ER19312844C7333374CC09D:aud': 'sts.amazonaws.com',
      'oidc.eks.us-east-1.amazonaws.com/id/5C54DDF35ER19312844C7333374CC09D:sub': 'system:serviceaccount:reports:reports-api',
    });
    const permission = JSON.parse((ctx.output as jest.Mock).mock.calls.find(c => c[0] === 'permissionPolicy')[1]);
    expect(permission.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['S3Read1', 'S3Read2', 'S3Write1', 'S3Write2']);
    expect(ctx.output).toHaveBeenCalledWith('trustPolicySize', expect.stringMatching(/^\d+\/2048$/));
  });

  /** IRSA in sandbox-west, whose issuer only the template supplies, reading a catalog Resource. */
  const westLedgerInput = {
    ...validInput,
    accountId: '222222222222',
    binding: 'irsa',
    clusters: [{ name: 'sandbox-west', issuer: WEST_ISSUER }],
    access: [{ resource: 'resource:default/sandbox-ledger', preset: 's3-read' }],
  };

  // This test used to pin the bug of issue 13: an issuer the template supplied was trusted for a
  // cluster configuration has no issuer for. The issuer is now only ever the directory's.
  it('resolves a catalog Resource to its ARN, with the issuer the directory knows for the cluster', async () => {
    const options = actionOptions();
    options.directory = {
      ...options.directory,
      clusters: options.directory.clusters.map(c => (c.name === 'sandbox-west' ? { ...c, issuer: WEST_ISSUER } : c)),
    };
    const ctx = createMockActionContext({
      input: westLedgerInput as any,
    });
    await createAwsIdentityRolePlanAction(options).handler(ctx);
    const permission = (ctx.output as jest.Mock).mock.calls.find(c => c[0] === 'permissionPolicy')[1];
    expect(permission).toContain('arn:aws:s3:::sandbox-ledger/*');
  });

  it('refuses an issuer the template supplies for a cluster whose issuer is unknown, naming the field', async () => {
    const ctx = createMockActionContext({
      input: westLedgerInput as any,
    });
    await expect(action.handler(ctx)).rejects.toThrow(/^clusters\[0\]\.issuer: .*unknown/);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it("plans with the issuer the backend's directory has (EKS), and falls back to configuration when it cannot be read", async () => {
    const westInput = {
      ...validInput,
      accountId: '222222222222',
      binding: 'irsa',
      clusters: ['sandbox-west'],
      access: [{ resource: 'resource:default/sandbox-ledger', preset: 's3-read' }],
    } as any;
    const options = actionOptions();
    const fromBackend = createAwsIdentityRolePlanAction({
      ...options,
      inventoryDirectory: async () => ({
        ...options.directory,
        clusters: options.directory.clusters.map(c => (c.name === 'sandbox-west' ? { ...c, issuer: WEST_ISSUER } : c)),
      }),
    });
    const ctx = createMockActionContext({ input: westInput });
    await fromBackend.handler(ctx);
    const trust = JSON.parse((ctx.output as jest.Mock).mock.calls.find(c => c[0] === 'trustPolicy')[1]);
    expect(trust.Statement[0].Principal.Federated).toBe(
      `arn:aws:iam::222222222222:oidc-provider/${WEST_ISSUER.replace(/^https:\/\//, '')}`,
    );

    const unreachable = createAwsIdentityRolePlanAction({
      ...options,
      inventoryDirectory: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    const failed = createMockActionContext({ input: westInput });
    await expect(unreachable.handler(failed)).rejects.toThrow(/^clusters\[0\]\.issuer: .*unknown/);
  });

  it('rejects a catalog Resource without an ARN, naming the field', async () => {
    const ctx = createMockActionContext({
      input: { ...validInput, access: [{ resource: 'resource:default/no-arn', accessLevel: 'read' }] } as any,
    });
    await expect(action.handler(ctx)).rejects.toThrow(/^access\[0\]\.resource: /);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('runs in dry-run unchanged (read-only)', async () => {
    const ctx = { ...createMockActionContext({ input: validInput as any }), isDryRun: true };
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('risk', 'none');
  });
});
