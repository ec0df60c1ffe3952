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
  awsManagedPolicyArns,
  issuerHostPathOfProviderArn,
  oidcProviderFromArn,
  rolesFromAuthorizationDetails,
} from './authorizationDetails';

// Shapes from the IAM API reference: GetAccountAuthorizationDetails returns RoleDetailList
// (AssumeRolePolicyDocument and inline PolicyDocument URL-encoded, RFC 3986) and Policies with
// every version of each local managed policy, one of them IsDefaultVersion.
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] };
const v1 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const v2 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };

describe('rolesFromAuthorizationDetails', () => {
  const details = [
    {
      Arn: 'arn:aws:iam::111122223333:role/team/App',
      RoleName: 'App',
      Path: '/team/',
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
      RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: encodeURIComponent(JSON.stringify(v2)) }],
      AttachedManagedPolicies: [
        { PolicyArn: 'arn:aws:iam::111122223333:policy/local', PolicyName: 'local' },
        { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', PolicyName: 'ReadOnlyAccess' },
        { PolicyArn: 'arn:aws:iam::111122223333:policy/vanished', PolicyName: 'vanished' },
      ],
      PermissionsBoundary: { PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/boundary' },
      CreateDate: new Date('2026-02-01T10:00:00Z'),
      RoleLastUsed: { LastUsedDate: '2026-11-30T08:00:00Z', Region: 'eu-west-1' },
    },
    { RoleName: 'no-arn' },
  ];
  const local = new Map([
    [
      'arn:aws:iam::111122223333:policy/local',
      { Arn: 'arn:aws:iam::111122223333:policy/local', PolicyVersionList: [{ Document: v1, IsDefaultVersion: false }, { Document: v2, IsDefaultVersion: true }] },
    ],
  ]);

  it('maps a role with its inline, local managed (default version) and AWS-managed policies', () => {
    const [role, ...rest] = rolesFromAuthorizationDetails(details, { local, awsManaged: () => v1 });
    expect(rest).toEqual([]);
    expect(role).toMatchObject({
      arn: 'arn:aws:iam::111122223333:role/team/App',
      name: 'App',
      path: '/team/',
      accountId: '111122223333',
      permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/boundary',
      createDate: '2026-02-01T10:00:00.000Z',
      lastUsed: { at: '2026-11-30T08:00:00.000Z', region: 'eu-west-1' },
    });
    expect(role.permissionPolicies).toEqual([
      { name: 'inline', kind: 'inline', document: encodeURIComponent(JSON.stringify(v2)) },
      { name: 'local', arn: 'arn:aws:iam::111122223333:policy/local', kind: 'managed', document: v2 },
      { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', kind: 'aws-managed', document: v1 },
      // Neither local nor AWS-managed: no document rather than a guess.
      { name: 'vanished', arn: 'arn:aws:iam::111122223333:policy/vanished', kind: 'managed', document: undefined },
    ]);
  });

  it('lists the AWS-managed policies to fetch once, across partitions', () => {
    expect(
      awsManagedPolicyArns([
        ...details,
        { Arn: 'arn:aws-us-gov:iam::111122223333:role/x', RoleName: 'x', AttachedManagedPolicies: [{ PolicyArn: 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess' }, { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] },
      ]),
    ).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess']);
  });

  it('skips an unparseable date instead of inventing one', () => {
    const [role] = rolesFromAuthorizationDetails([{ Arn: 'arn:aws:iam::111122223333:role/r', RoleName: 'r', CreateDate: 'yesterday' }], { local: new Map() });
    expect(role.createDate).toBeUndefined();
  });
});

describe('OIDC provider ARNs', () => {
  it('take the issuer host/path from the ARN suffix, as IAM names providers', () => {
    const arn = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';
    expect(issuerHostPathOfProviderArn(arn)).toBe('oidc.eks.eu-west-1.amazonaws.com/id/ABC');
    expect(oidcProviderFromArn(arn, ['sts.amazonaws.com'])).toEqual({
      arn,
      accountId: '111122223333',
      issuerHostPath: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
      clientIds: ['sts.amazonaws.com'],
    });
    expect(oidcProviderFromArn('arn:aws:iam::111122223333:role/x', [])).toBeUndefined();
  });
});
