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
import { OidcProvider, Role, RolePolicy } from '../domain/types';
import { accountOfArn } from './identifiers';

/**
 * One role of IAM's `GetAccountAuthorizationDetails` (`RoleDetailList`), as the SDK returns it
 * and the AWS CLI prints it. Only the fields the engine reads.
 *
 * @public
 */
export interface RoleDetailLike {
  Arn?: string;
  RoleName?: string;
  Path?: string;
  AssumeRolePolicyDocument?: unknown;
  RolePolicyList?: Array<{ PolicyName?: string; PolicyDocument?: unknown }>;
  AttachedManagedPolicies?: Array<{ PolicyArn?: string; PolicyName?: string }>;
  PermissionsBoundary?: { PermissionsBoundaryArn?: string };
  CreateDate?: Date | string;
  RoleLastUsed?: { LastUsedDate?: Date | string; Region?: string };
  Tags?: Array<{ Key?: string; Value?: string }>;
}

/**
 * A managed policy of `GetAccountAuthorizationDetails` (`Policies`).
 *
 * @public
 */
export interface ManagedPolicyDetailLike {
  Arn?: string;
  PolicyName?: string;
  PolicyVersionList?: Array<{ Document?: unknown; IsDefaultVersion?: boolean }>;
}

/**
 * Where the documents of attached managed policies come from: the local managed policies of the
 * same dump, then `awsManaged` for AWS-managed ones (not in a `LocalManagedPolicy` dump).
 *
 * @public
 */
export interface ManagedPolicyLookup {
  local: ReadonlyMap<string, ManagedPolicyDetailLike>;
  /** The document of an AWS-managed policy, when known. */
  awsManaged?: (arn: string) => unknown;
}

const AWS_MANAGED_PREFIX = /^arn:aws[\w-]*:iam::aws:policy\//;

function isoDate(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * ARNs of the AWS-managed policies attached to these roles, so that a reader can fetch their
 * documents once before mapping (they are the same in every account).
 *
 * @public
 */
export function awsManagedPolicyArns(details: readonly RoleDetailLike[]): string[] {
  const arns = new Set<string>();
  for (const detail of details) {
    for (const attached of detail.AttachedManagedPolicies ?? []) {
      if (attached.PolicyArn && AWS_MANAGED_PREFIX.test(attached.PolicyArn)) arns.add(attached.PolicyArn);
    }
  }
  return [...arns];
}

function managedPolicy(arn: string, name: string | undefined, lookup: ManagedPolicyLookup): RolePolicy {
  const local = lookup.local.get(arn);
  if (local) {
    const current = local.PolicyVersionList?.find(v => v.IsDefaultVersion);
    return { name: name ?? local.PolicyName ?? arn, arn, kind: 'managed', document: current?.Document };
  }
  if (AWS_MANAGED_PREFIX.test(arn)) {
    return { name: name ?? arn, arn, kind: 'aws-managed', document: lookup.awsManaged?.(arn) };
  }
  // A customer-managed policy from another account cannot be attached to a role, so this is a
  // policy that vanished between pages (or is missing from the dump): no document rather than a guess.
  return { name: name ?? arn, arn, kind: 'managed', document: undefined };
}

/**
 * Maps `GetAccountAuthorizationDetails` role details to the engine's roles: inline policies, attached
 * managed policies with their default version, boundary, creation and last use. Details without an
 * ARN or name are skipped; the account is the ARN's unless given.
 *
 * @public
 */
export function rolesFromAuthorizationDetails(
  details: readonly RoleDetailLike[],
  lookup: ManagedPolicyLookup,
  accountId?: string,
): Role[] {
  const roles: Role[] = [];
  for (const detail of details) {
    if (!detail.Arn || !detail.RoleName) continue;
    const account = accountId ?? accountOfArn(detail.Arn);
    if (!account) continue;
    const policies: RolePolicy[] = (detail.RolePolicyList ?? []).map(p => ({
      name: p.PolicyName ?? '',
      kind: 'inline',
      document: p.PolicyDocument,
    }));
    for (const attached of detail.AttachedManagedPolicies ?? []) {
      if (attached.PolicyArn) policies.push(managedPolicy(attached.PolicyArn, attached.PolicyName, lookup));
    }
    const lastUsedAt = isoDate(detail.RoleLastUsed?.LastUsedDate);
    const createDate = isoDate(detail.CreateDate);
    roles.push({
      arn: detail.Arn,
      name: detail.RoleName,
      accountId: account,
      path: detail.Path,
      trustPolicy: detail.AssumeRolePolicyDocument,
      permissionPolicies: policies,
      permissionsBoundaryArn: detail.PermissionsBoundary?.PermissionsBoundaryArn,
      // GetAccountAuthorizationDetails returns each role's tags (RoleDetail.Tags): what tells a
      // role this portal created (managed-by: aws-identity) from one it would adopt.
      tags: Object.fromEntries(
        (detail.Tags ?? []).filter(t => t.Key !== undefined).map(t => [t.Key!, t.Value ?? '']),
      ),
      ...(createDate ? { createDate } : {}),
      ...(lastUsedAt ? { lastUsed: { at: lastUsedAt, region: detail.RoleLastUsed?.Region } } : {}),
    });
  }
  return roles;
}

/**
 * The issuer `host/path` of an IAM OIDC provider ARN (`arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH`),
 * or `undefined` when the ARN is not one.
 *
 * @public
 */
export function issuerHostPathOfProviderArn(arn: string): string | undefined {
  const hostPath = arn.split(':oidc-provider/')[1];
  return hostPath ? hostPath : undefined;
}

/**
 * An OIDC provider from its ARN and client IDs (`ListOpenIDConnectProviders` +
 * `GetOpenIDConnectProvider`), or `undefined` when the ARN is not a provider's.
 *
 * @public
 */
export function oidcProviderFromArn(arn: string, clientIds: readonly string[]): OidcProvider | undefined {
  const accountId = accountOfArn(arn);
  const issuerHostPath = issuerHostPathOfProviderArn(arn);
  if (!accountId || !issuerHostPath) return undefined;
  return { arn, accountId, issuerHostPath, clientIds: [...clientIds] };
}
