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
  GetAccountAuthorizationDetailsCommandOutput,
  GetAccountSummaryCommand,
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ManagedPolicyDetail,
} from '@aws-sdk/client-iam';
import {
  OidcProvider,
  Role,
  RolePolicy,
} from '@internal/plugin-aws-identity-common';
import { AccountSnapshot } from '@internal/plugin-aws-identity-node';

/**
 * AWS-managed policy documents, shared by every account (they have the same ARN and document
 * everywhere) and fetched once per refresh interval instead of once per account and sync.
 *
 * @public
 */
export class AwsManagedPolicyCache {
  private readonly entries = new Map<
    string,
    { fetchedAt: number; document: Promise<unknown> }
  >();

  constructor(private readonly maxAgeMs: number = 24 * 60 * 60 * 1000) {}

  /** The default version's document of an AWS-managed policy. */
  get(iam: IAMClient, policyArn: string): Promise<unknown> {
    const cached = this.entries.get(policyArn);
    if (cached && Date.now() - cached.fetchedAt < this.maxAgeMs) {
      return cached.document;
    }
    const document = (async () => {
      const policy = await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }));
      const version = await iam.send(
        new GetPolicyVersionCommand({
          PolicyArn: policyArn,
          VersionId: policy.Policy?.DefaultVersionId ?? 'v1',
        }),
      );
      return version.PolicyVersion?.Document;
    })();
    // A failed fetch must not poison the cache for the next sync.
    document.catch(() => this.entries.delete(policyArn));
    this.entries.set(policyArn, { fetchedAt: Date.now(), document });
    return document;
  }
}

/**
 * OIDC provider details by ARN, kept between syncs: `ListOpenIDConnectProviders` returns ARNs
 * only, so known providers are described again only when their details are older than
 * `refreshAfterMs` (client IDs change rarely), keeping a steady-state sync at one list call.
 *
 * @public
 */
export class OidcProviderCache {
  private readonly byArn = new Map<string, { fetchedAt: number; clientIds: string[] }>();

  constructor(private readonly refreshAfterMs: number = 60 * 60 * 1000) {}

  async clientIds(iam: IAMClient, arn: string): Promise<string[]> {
    const cached = this.byArn.get(arn);
    if (cached && Date.now() - cached.fetchedAt < this.refreshAfterMs) return cached.clientIds;
    const provider = await iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
    );
    const clientIds = provider.ClientIDList ?? [];
    this.byArn.set(arn, { fetchedAt: Date.now(), clientIds });
    return clientIds;
  }

  /** Forgets providers that no longer exist. */
  retain(arns: Set<string>): void {
    for (const arn of this.byArn.keys()) if (!arns.has(arn)) this.byArn.delete(arn);
  }
}

const AWS_MANAGED_PREFIX = /^arn:aws[\w-]*:iam::aws:policy\//;
const GAAD_PAGE_SIZE = 1000;

/**
 * Reads one account's roles, local managed policies, OIDC providers and summary with as few
 * calls as IAM allows: `GetAccountAuthorizationDetails` pages of 1,000 (no per-role calls), one
 * `ListOpenIDConnectProviders`, one `GetOpenIDConnectProvider` per provider (there are few), one
 * `GetAccountSummary`, and `GetPolicyVersion` only for AWS-managed policies not yet cached.
 *
 * @public
 */
export async function readAccount(options: {
  accountId: string;
  iam: IAMClient;
  awsManagedPolicies: AwsManagedPolicyCache;
  /** Provider details of this account from earlier syncs. */
  oidcProviders?: OidcProviderCache;
}): Promise<AccountSnapshot> {
  const { accountId, iam, awsManagedPolicies } = options;

  const roleDetails: NonNullable<
    GetAccountAuthorizationDetailsCommandOutput['RoleDetailList']
  > = [];
  const localPolicies = new Map<string, ManagedPolicyDetail>();
  let marker: string | undefined;
  do {
    const page = await iam.send(
      new GetAccountAuthorizationDetailsCommand({
        Filter: ['Role', 'LocalManagedPolicy'],
        MaxItems: GAAD_PAGE_SIZE,
        Marker: marker,
      }),
    );
    roleDetails.push(...(page.RoleDetailList ?? []));
    for (const policy of page.Policies ?? []) {
      if (policy.Arn) localPolicies.set(policy.Arn, policy);
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);

  const roles: Role[] = [];
  for (const detail of roleDetails) {
    if (!detail.Arn || !detail.RoleName) continue;
    const policies: RolePolicy[] = (detail.RolePolicyList ?? []).map(p => ({
      name: p.PolicyName ?? '',
      kind: 'inline',
      document: p.PolicyDocument,
    }));
    for (const attached of detail.AttachedManagedPolicies ?? []) {
      if (!attached.PolicyArn) continue;
      policies.push(
        await managedPolicy(attached.PolicyArn, attached.PolicyName, {
          iam,
          localPolicies,
          awsManagedPolicies,
        }),
      );
    }
    roles.push({
      arn: detail.Arn,
      name: detail.RoleName,
      accountId,
      path: detail.Path,
      trustPolicy: detail.AssumeRolePolicyDocument,
      permissionPolicies: policies,
      permissionsBoundaryArn: detail.PermissionsBoundary?.PermissionsBoundaryArn,
      // GetAccountAuthorizationDetails returns each role's tags (RoleDetail.Tags): what tells a
      // role this portal created (managed-by: aws-identity) from one it would adopt.
      tags: Object.fromEntries(
        (detail.Tags ?? []).filter(t => t.Key !== undefined).map(t => [t.Key!, t.Value ?? '']),
      ),
      createDate: detail.CreateDate?.toISOString(),
      ...(detail.RoleLastUsed?.LastUsedDate
        ? {
            lastUsed: {
              at: detail.RoleLastUsed.LastUsedDate.toISOString(),
              region: detail.RoleLastUsed.Region,
            },
          }
        : {}),
    });
  }

  const oidcProviders = await readOidcProviders(
    accountId,
    iam,
    options.oidcProviders ?? new OidcProviderCache(0),
  );
  const summary = await iam.send(new GetAccountSummaryCommand({}));

  return {
    accountId,
    roles,
    oidcProviders,
    summary: { ...(summary.SummaryMap ?? {}) } as Record<string, number>,
    readAt: new Date().toISOString(),
  };
}

async function managedPolicy(
  arn: string,
  name: string | undefined,
  sources: {
    iam: IAMClient;
    localPolicies: Map<string, ManagedPolicyDetail>;
    awsManagedPolicies: AwsManagedPolicyCache;
  },
): Promise<RolePolicy> {
  const local = sources.localPolicies.get(arn);
  if (local) {
    const current = local.PolicyVersionList?.find(v => v.IsDefaultVersion);
    return {
      name: name ?? local.PolicyName ?? arn,
      arn,
      kind: 'managed',
      document: current?.Document,
    };
  }
  if (AWS_MANAGED_PREFIX.test(arn)) {
    // GAAD's LocalManagedPolicy filter leaves AWS-managed documents out on purpose: they are
    // the same in every account, so they come from the shared cache.
    const document = await sources.awsManagedPolicies.get(sources.iam, arn);
    return { name: name ?? arn, arn, kind: 'aws-managed', document };
  }
  // A customer-managed policy from another account cannot be attached to a role, so this is a
  // policy that vanished between pages: report it with no document rather than guess.
  return { name: name ?? arn, arn, kind: 'managed', document: undefined };
}

async function readOidcProviders(
  accountId: string,
  iam: IAMClient,
  cache: OidcProviderCache,
): Promise<OidcProvider[]> {
  const list = await iam.send(new ListOpenIDConnectProvidersCommand({}));
  const providers: OidcProvider[] = [];
  const arns = new Set<string>();
  for (const entry of list.OpenIDConnectProviderList ?? []) {
    if (!entry.Arn) continue;
    arns.add(entry.Arn);
    providers.push({
      arn: entry.Arn,
      accountId,
      issuerHostPath: entry.Arn.split(':oidc-provider/')[1] ?? '',
      clientIds: await cache.clientIds(iam, entry.Arn),
    });
  }
  cache.retain(arns);
  return providers;
}
