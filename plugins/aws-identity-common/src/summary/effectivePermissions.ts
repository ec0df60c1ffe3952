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
import { PodIdentityAssociation, Role } from '../domain/types';
import { parsedPermissionPolicies } from '../evaluate/podIdentityChain';
import {
  PodIdentityRequestInput,
  podIdentitySessionContext,
} from '../evaluate/workloadRequests';
import { parsePolicy } from '../policy/parsePolicy';
import { ParsedPolicy } from '../policy/types';
import {
  PermissionSummary,
  summarizePermissions,
} from './summarizePermissions';

/**
 * What the pods of one EKS Pod Identity association may do with the credentials EKS hands
 * them.
 *
 * @public
 */
export interface EffectivePermissions {
  associationRoleArn: string;
  /** The role whose session the pods get: the target role when there is one (the chain's last hop). */
  roleArn: string;
  /** Whether the session carries EKS's session tags (`false` with `disableSessionTags`). */
  sessionTags: boolean;
  /** Whether the association's session policy limits the session. */
  sessionPolicy: boolean;
  /** The summary; absent when the role or the session policy is not known. */
  summary?: PermissionSummary;
  /** Why there is no summary, one sentence. */
  unknownReason?: string;
}

/**
 * The permissions of an association's pods (EKS User Guide, "Access AWS resources using EKS
 * Pod Identity target IAM roles" and "session policies"; IAM User Guide, "Session policies"):
 * the policies of the chain's last role — the target role when there is one, whose session is
 * what the pods receive — intersected with the association's session policy, with policy
 * variables and conditions on the session tags resolved for the workload (or left unresolved
 * when the association disables the tags).
 *
 * @public
 */
export function summarizeAssociationPermissions(input: {
  association: PodIdentityAssociation;
  request: PodIdentityRequestInput;
  roles: ReadonlyMap<string, Role>;
}): EffectivePermissions {
  const { association, request, roles } = input;
  const roleArn = association.targetRoleArn ?? association.roleArn;
  const base = {
    associationRoleArn: association.roleArn,
    roleArn,
    sessionTags: !association.disableSessionTags,
    sessionPolicy: association.sessionPolicy !== undefined,
  };
  const role = roles.get(roleArn);
  if (!role)
    return {
      ...base,
      unknownReason: `Role ${roleArn} was not found, so its permissions are not known.`,
    };
  let sessionPolicy: ParsedPolicy | undefined;
  if (association.sessionPolicy !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(association.sessionPolicy);
    } catch (e) {
      return {
        ...base,
        unknownReason: `The association's session policy is not JSON: ${
          (e as Error).message
        }`,
      };
    }
    const parsed = parsePolicy(document);
    if (!parsed.ok)
      return {
        ...base,
        unknownReason: `The association's session policy does not parse: ${parsed.error}`,
      };
    sessionPolicy = parsed.value;
  }
  return {
    ...base,
    summary: summarizePermissions(parsedPermissionPolicies(role), {
      context: podIdentitySessionContext({
        ...request,
        disableSessionTags: association.disableSessionTags,
      }),
      sessionPolicy,
    }),
  };
}
