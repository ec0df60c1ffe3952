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
  DEFAULT_IRSA_AUDIENCE,
  ManagedPolicyDetailLike,
  OidcProvider,
  Role,
  RoleDetailLike,
  oidcProviderFromArn,
  rolesFromAuthorizationDetails,
} from '@internal/plugin-aws-identity-common';
import { UsageError } from '../args';

/** The IAM state an offline check evaluates against. */
export interface IamDocuments {
  roles: Role[];
  oidcProviders: OidcProvider[];
  /** False when no input listed OIDC providers: then their absence is unknown, not a finding. */
  oidcProvidersKnown: boolean;
  /** Providers listed without client IDs, assumed to accept only `sts.amazonaws.com`. */
  assumedClientIds: string[];
  /** Accounts whose complete role list was given (a `GetAccountAuthorizationDetails` dump). */
  completeAccounts: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads IAM documents as the AWS CLI prints them, any number of files, each one of:
 * - `aws iam get-account-authorization-details` (`RoleDetailList`, `Policies`): roles with their
 *   inline and local managed policies; the account's role list counts as complete;
 * - `aws iam get-role` (`{ "Role": … }`), or a list of such roles: the trust policy only;
 * - `aws iam list-open-id-connect-providers` (`OpenIDConnectProviderList`), where an entry may
 *   carry `ClientIDList` from `get-open-id-connect-provider`.
 * Several kinds may be merged in one object.
 */
export function readIamDocuments(files: Array<{ name: string; text: string }>): IamDocuments {
  const details: RoleDetailLike[] = [];
  const local = new Map<string, ManagedPolicyDetailLike>();
  const providers = new Map<string, OidcProvider>();
  const assumedClientIds: string[] = [];
  let providersListed = false;
  const completeAccounts = new Set<string>();
  for (const { name, text } of files) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UsageError(`--iam: ${name.slice(0, 120)} is not valid JSON`);
    }
    const objects = Array.isArray(value) ? value : [value];
    let understood = false;
    for (const object of objects) {
      if (!isObject(object)) continue;
      if (Array.isArray(object.RoleDetailList)) {
        understood = true;
        const listed = object.RoleDetailList.filter(isObject) as RoleDetailLike[];
        details.push(...listed);
        // A dump lists every role of its account; an empty one names no account to trust.
        for (const role of rolesFromAuthorizationDetails(listed, { local: new Map() })) completeAccounts.add(role.accountId);
        for (const policy of Array.isArray(object.Policies) ? object.Policies.filter(isObject) : []) {
          const detail = policy as ManagedPolicyDetailLike;
          if (typeof detail.Arn === 'string') local.set(detail.Arn, detail);
        }
      }
      if (isObject(object.Role)) {
        understood = true;
        details.push(object.Role as RoleDetailLike);
      } else if (typeof object.Arn === 'string' && typeof object.RoleName === 'string') {
        understood = true;
        details.push(object as RoleDetailLike);
      }
      if (Array.isArray(object.OpenIDConnectProviderList)) {
        understood = providersListed = true;
        for (const entry of object.OpenIDConnectProviderList.filter(isObject)) {
          if (typeof entry.Arn !== 'string') continue;
          const listed = Array.isArray(entry.ClientIDList)
            ? entry.ClientIDList.filter((c): c is string => typeof c === 'string')
            : undefined;
          if (!listed) assumedClientIds.push(entry.Arn);
          const provider = oidcProviderFromArn(entry.Arn, listed ?? [DEFAULT_IRSA_AUDIENCE]);
          if (provider) providers.set(provider.arn, provider);
        }
      }
    }
    if (!understood) {
      throw new UsageError(
        `--iam: ${name.slice(0, 120)} holds no RoleDetailList, Role or OpenIDConnectProviderList (aws iam get-account-authorization-details / get-role / list-open-id-connect-providers output)`,
      );
    }
  }
  const roles = rolesFromAuthorizationDetails(details, { local });
  const unique = new Map(roles.map(r => [r.arn, r]));
  return {
    roles: [...unique.values()],
    oidcProviders: [...providers.values()],
    oidcProvidersKnown: providersListed,
    assumedClientIds,
    completeAccounts: [...completeAccounts],
  };
}
