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
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  EntityAlreadyExistsException,
  IAMClient,
  ListAccessKeysCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { RoleSeed, SeedContext } from './types';

async function ignoreExists(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof EntityAlreadyExistsException)) throw e;
  }
}

/** Creates or updates a role with its trust, inline and managed policies (idempotent). */
export async function applyRole(
  iam: IAMClient,
  ctx: SeedContext,
  role: RoleSeed,
): Promise<void> {
  const trust = JSON.stringify(role.trust(ctx));
  try {
    await iam.send(
      new CreateRoleCommand({
        RoleName: role.name,
        Path: role.path ?? '/',
        Description: role.description,
        AssumeRolePolicyDocument: trust,
        Tags: [{ Key: 'aws-identity/sandbox', Value: 'true' }],
      }),
    );
  } catch (e) {
    if (!(e instanceof EntityAlreadyExistsException)) throw e;
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: role.name,
        PolicyDocument: trust,
      }),
    );
  }
  for (const p of role.inlinePolicies ?? []) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: role.name,
        PolicyName: p.name,
        PolicyDocument: JSON.stringify(p.document),
      }),
    );
  }
  for (const p of role.managedPolicies ?? []) {
    const arn = `arn:aws:iam::${role.accountId}:policy/${p.name}`;
    await ignoreExists(
      iam.send(
        new CreatePolicyCommand({
          PolicyName: p.name,
          PolicyDocument: JSON.stringify(p.document),
        }),
      ),
    );
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: role.name, PolicyArn: arn }),
    );
  }
}

/** Creates the IAM OIDC provider for an issuer URL (idempotent). */
export async function applyOidcProvider(
  iam: IAMClient,
  issuer: string,
): Promise<void> {
  await ignoreExists(
    iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: issuer,
        ClientIDList: ['sts.amazonaws.com'],
        // Root CA thumbprint EKS documents for its OIDC endpoints; not verified by moto or IAM.
        ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
      }),
    ),
  );
}

/** Read-only permissions the portal needs (what GAAD, OIDC and EKS reads require). */
const readerPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'iam:GetAccountAuthorizationDetails',
        'iam:GetAccountSummary',
        'iam:ListOpenIDConnectProviders',
        'iam:GetOpenIDConnectProvider',
        'iam:GetRole',
        'iam:ListRoles',
        'eks:DescribeCluster',
        'eks:ListClusters',
        'eks:ListPodIdentityAssociations',
        'eks:DescribePodIdentityAssociation',
      ],
      Resource: '*',
    },
  ],
};

/**
 * Creates IAM user `backstage-reader` with one access key. moto maps an IAM user's keys to that
 * user's account, so these static keys give the portal per-account access without headers.
 * Re-running replaces the key (secrets cannot be read back).
 */
export async function applyReaderUser(
  iam: IAMClient,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const UserName = 'backstage-reader';
  await ignoreExists(iam.send(new CreateUserCommand({ UserName })));
  await iam.send(
    new PutUserPolicyCommand({
      UserName,
      PolicyName: 'aws-identity-read',
      PolicyDocument: JSON.stringify(readerPolicy),
    }),
  );
  const existing = await iam.send(new ListAccessKeysCommand({ UserName }));
  for (const key of existing.AccessKeyMetadata ?? []) {
    await iam.send(
      new DeleteAccessKeyCommand({ UserName, AccessKeyId: key.AccessKeyId }),
    );
  }
  const { AccessKey } = await iam.send(
    new CreateAccessKeyCommand({ UserName }),
  );
  if (!AccessKey?.AccessKeyId || !AccessKey.SecretAccessKey)
    throw new Error('CreateAccessKey returned no key');
  return {
    accessKeyId: AccessKey.AccessKeyId,
    secretAccessKey: AccessKey.SecretAccessKey,
  };
}
