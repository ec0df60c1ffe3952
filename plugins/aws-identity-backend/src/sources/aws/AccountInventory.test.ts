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
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
} from '@aws-sdk/client-iam';
import { AwsManagedPolicyCache, OidcProviderCache, readAccount } from './AccountInventory';

const ACCOUNT = '111111111111';
const TRUST = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [] }));
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC`;

/** An IAM client faked at its boundary: `send` answers by command, and records the calls. */
function fakeIam() {
  const calls: string[] = [];
  const send = jest.fn(async (command: unknown) => {
    calls.push((command as object).constructor.name);
    if (command instanceof GetAccountAuthorizationDetailsCommand) {
      const marker = command.input.Marker;
      expect(command.input).toMatchObject({ Filter: ['Role', 'LocalManagedPolicy'], MaxItems: 1000 });
      if (!marker) {
        return {
          RoleDetailList: [
            {
              Arn: `arn:aws:iam::${ACCOUNT}:role/a`,
              RoleName: 'a',
              Path: '/',
              AssumeRolePolicyDocument: TRUST,
              RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: '{}' }],
              AttachedManagedPolicies: [{ PolicyArn: READ_ONLY, PolicyName: 'ReadOnlyAccess' }],
              RoleLastUsed: { LastUsedDate: new Date('2026-11-20T08:00:00Z'), Region: 'us-east-1' },
            },
          ],
          IsTruncated: true,
          Marker: 'page-2',
        };
      }
      return {
        RoleDetailList: [
          {
            Arn: `arn:aws:iam::${ACCOUNT}:role/b`,
            RoleName: 'b',
            AssumeRolePolicyDocument: TRUST,
            AttachedManagedPolicies: [{ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/local`, PolicyName: 'local' }],
          },
        ],
        Policies: [
          {
            Arn: `arn:aws:iam::${ACCOUNT}:policy/local`,
            PolicyName: 'local',
            PolicyVersionList: [
              { VersionId: 'v1', IsDefaultVersion: false, Document: 'old' },
              { VersionId: 'v2', IsDefaultVersion: true, Document: 'current' },
            ],
          },
        ],
        IsTruncated: false,
      };
    }
    if (command instanceof GetPolicyCommand) return { Policy: { DefaultVersionId: 'v7' } };
    if (command instanceof GetPolicyVersionCommand) {
      expect(command.input.VersionId).toBe('v7');
      return { PolicyVersion: { Document: 'aws-managed' } };
    }
    if (command instanceof ListOpenIDConnectProvidersCommand) {
      return { OpenIDConnectProviderList: [{ Arn: PROVIDER }] };
    }
    if (command instanceof GetOpenIDConnectProviderCommand) {
      return { ClientIDList: ['sts.amazonaws.com'] };
    }
    if (command instanceof GetAccountSummaryCommand) return { SummaryMap: { Roles: 2, RolesQuota: 1000 } };
    throw new Error(`unexpected ${calls.at(-1)}`);
  });
  return { iam: { send } as unknown as IAMClient, calls };
}

describe('readAccount', () => {
  it('reads roles by GetAccountAuthorizationDetails pages, never per role', async () => {
    const { iam, calls } = fakeIam();

    const snapshot = await readAccount({
      accountId: ACCOUNT,
      iam,
      awsManagedPolicies: new AwsManagedPolicyCache(),
      oidcProviders: new OidcProviderCache(),
    });

    expect(snapshot.roles.map(r => r.name)).toEqual(['a', 'b']);
    expect(snapshot.roles[0]).toMatchObject({
      accountId: ACCOUNT,
      trustPolicy: TRUST,
      lastUsed: { at: '2026-11-20T08:00:00.000Z', region: 'us-east-1' },
      permissionPolicies: [
        { name: 'inline', kind: 'inline', document: '{}' },
        { name: 'ReadOnlyAccess', arn: READ_ONLY, kind: 'aws-managed', document: 'aws-managed' },
      ],
    });
    // The local policy comes from GAAD's default version, not from another call.
    expect(snapshot.roles[1].permissionPolicies).toEqual([
      { name: 'local', arn: `arn:aws:iam::${ACCOUNT}:policy/local`, kind: 'managed', document: 'current' },
    ]);
    expect(snapshot.oidcProviders).toEqual([
      {
        arn: PROVIDER,
        accountId: ACCOUNT,
        issuerHostPath: 'oidc.eks.us-east-1.amazonaws.com/id/ABC',
        clientIds: ['sts.amazonaws.com'],
      },
    ]);
    expect(snapshot.summary).toEqual({ Roles: 2, RolesQuota: 1000 });
    expect(calls.filter(c => c === 'GetAccountAuthorizationDetailsCommand')).toHaveLength(2);
    expect(calls).not.toContain('GetRoleCommand');
  });

  it('reuses AWS-managed policy documents and provider details on the next sync', async () => {
    const awsManagedPolicies = new AwsManagedPolicyCache();
    const oidcProviders = new OidcProviderCache();
    const first = fakeIam();
    await readAccount({ accountId: ACCOUNT, iam: first.iam, awsManagedPolicies, oidcProviders });
    const second = fakeIam();
    await readAccount({ accountId: ACCOUNT, iam: second.iam, awsManagedPolicies, oidcProviders });

    expect(second.calls.sort()).toEqual([
      'GetAccountAuthorizationDetailsCommand',
      'GetAccountAuthorizationDetailsCommand',
      'GetAccountSummaryCommand',
      'ListOpenIDConnectProvidersCommand',
    ]);
  });

  it('does not cache a failed AWS-managed policy fetch', async () => {
    const cache = new AwsManagedPolicyCache();
    const failing = { send: jest.fn().mockRejectedValueOnce(new Error('Throttling')) } as unknown as IAMClient;
    await expect(cache.get(failing, READ_ONLY)).rejects.toThrow('Throttling');
    const { iam } = fakeIam();
    await expect(cache.get(iam, READ_ONLY)).resolves.toBe('aws-managed');
  });
});
