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
import { DEFAULT_TRUST_POLICY_QUOTA } from '../checks/trustChecks';
import {
  DEFAULT_IRSA_AUDIENCE,
  POD_IDENTITY_PRINCIPAL,
} from '../evaluate/workloadRequests';
import {
  ServiceAccountRef,
  normalizeIssuer,
  oidcProviderArn,
  serviceAccountSubject,
  validateAccountId,
  validateNamespace,
  validateServiceAccountName,
} from '../parse/identifiers';
import { ParseResult, fail, ok } from '../parse/result';
import { POLICY_SIZE_LIMITS } from '../checks/permissionChecks';
import { PolicyDocument, PolicyStatement } from '../policy/types';
import { validatePresetRequest } from './presets';

/**
 * The largest trust policy quota IAM grants on request.
 *
 * @public
 */
export const MAX_TRUST_POLICY_QUOTA = 4096;

/**
 * A generated policy with its size as IAM counts it.
 *
 * @public
 */
export interface GeneratedPolicy {
  document: PolicyDocument;
  /** Pretty-printed JSON (2 spaces), for pull requests. */
  text: string;
  /** Characters without whitespace: what IAM counts. */
  minifiedLength: number;
  /** The quota the size was measured against. */
  quota: number;
}

/**
 * A policy document with its text and its size as IAM counts it (characters without
 * whitespace), measured against `quota`: what every generated or planned policy carries.
 *
 * @internal
 */
export function measuredPolicy(document: PolicyDocument, quota: number): GeneratedPolicy {
  return {
    document,
    text: `${JSON.stringify(document, null, 2)}\n`,
    minifiedLength: JSON.stringify(document).length,
    quota,
  };
}

function sidOf(preset: string, n: number): string {
  const base = preset
    .split('-')
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${base}${n}`;
}

/**
 * Generates a least-privilege permission policy from (preset, resource ARN)
 * pairs. Fails, naming the bad input, on an unknown preset or a resource ARN
 * the preset does not accept (wildcards, wrong service, bad bucket name…).
 *
 * @public
 */
export function generatePermissionPolicy(
  grants: ReadonlyArray<{ preset: string; resource: string }>,
): ParseResult<GeneratedPolicy> {
  if (grants.length === 0)
    return fail('at least one (preset, resource) pair is required');
  const statements: PolicyStatement[] = [];
  const seen = new Set<string>();
  const counters = new Map<string, number>();
  for (const grant of grants) {
    const valid = validatePresetRequest(grant.preset, grant.resource);
    if (!valid.ok) return fail(valid.error);
    for (const statement of valid.value.preset.statements(
      valid.value.arn,
      grant.resource,
    )) {
      const key = JSON.stringify(statement);
      if (seen.has(key)) continue;
      seen.add(key);
      const n = (counters.get(grant.preset) ?? 0) + 1;
      counters.set(grant.preset, n);
      statements.push({ Sid: sidOf(grant.preset, n), ...statement });
    }
  }
  const generated = measuredPolicy(
    { Version: '2012-10-17', Statement: statements },
    POLICY_SIZE_LIMITS.managed,
  );
  if (generated.minifiedLength > POLICY_SIZE_LIMITS.managed) {
    return fail(
      `the policy would be ${generated.minifiedLength} characters, over the ${POLICY_SIZE_LIMITS.managed}-character managed policy limit; split the request`,
    );
  }
  return ok(generated);
}

/**
 * Input for {@link generateIrsaTrustPolicy}.
 *
 * @public
 */
export interface IrsaTrustPolicyInput {
  /** The role's account: OIDC providers are looked up there. */
  accountId: string;
  /** Cluster issuer URLs (or `host/path`). One statement per issuer. */
  issuers: string[];
  /** Service accounts trusted in every listed cluster. */
  serviceAccounts: ServiceAccountRef[];
  audience?: string;
  partition?: string;
  /** `AssumeRolePolicySizeQuota`; default 2,048, at most 4,096. */
  quota?: number;
}

/**
 * Generates an IRSA trust policy: one statement per cluster issuer (several
 * providers in one statement never match, IRSA-T08) with `StringEquals` on
 * `aud` and on `sub` listing the exact service accounts. Fails with a clear
 * message when the minified document exceeds the quota, rather than
 * producing a policy IAM will reject.
 *
 * @public
 */
export function generateIrsaTrustPolicy(
  input: IrsaTrustPolicyInput,
): ParseResult<GeneratedPolicy> {
  const account = validateAccountId(input.accountId);
  if (!account.ok) return fail(account.error);
  const quota = input.quota ?? DEFAULT_TRUST_POLICY_QUOTA;
  if (!Number.isInteger(quota) || quota < 1 || quota > MAX_TRUST_POLICY_QUOTA) {
    return fail(
      `quota must be an integer between 1 and ${MAX_TRUST_POLICY_QUOTA}`,
    );
  }
  if (input.issuers.length === 0)
    return fail('at least one issuer is required');
  if (input.serviceAccounts.length === 0)
    return fail('at least one service account is required');
  const subjects: string[] = [];
  for (const sa of input.serviceAccounts) {
    const ns = validateNamespace(sa.namespace);
    if (!ns.ok) return fail(ns.error);
    const name = validateServiceAccountName(sa.name);
    if (!name.ok) return fail(name.error);
    const subject = serviceAccountSubject(sa);
    if (!subjects.includes(subject)) subjects.push(subject);
  }
  const statements: PolicyStatement[] = [];
  const hostPaths: string[] = [];
  for (const issuer of input.issuers) {
    const normalized = normalizeIssuer(issuer);
    if (!normalized.ok) return fail(normalized.error);
    const hostPath = normalized.value.hostPath;
    if (hostPaths.includes(hostPath)) continue;
    hostPaths.push(hostPath);
    statements.push({
      Effect: 'Allow',
      Principal: {
        Federated: oidcProviderArn(account.value, hostPath, input.partition),
      },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${hostPath}:aud`]: input.audience ?? DEFAULT_IRSA_AUDIENCE,
          [`${hostPath}:sub`]: subjects.length === 1 ? subjects[0] : subjects,
        },
      },
    });
  }
  const generated = measuredPolicy(
    { Version: '2012-10-17', Statement: statements },
    quota,
  );
  if (generated.minifiedLength > quota) {
    return fail(
      `the trust policy would be ${generated.minifiedLength} characters, over the ${quota}-character trust policy quota (${hostPaths.length} issuer(s), ${subjects.length} service account(s)); split the role or raise the quota (max ${MAX_TRUST_POLICY_QUOTA})`,
    );
  }
  return ok(generated);
}

/**
 * Generates an EKS Pod Identity trust policy: `pods.eks.amazonaws.com` with
 * `sts:AssumeRole` and `sts:TagSession`, pinned to the account and, when
 * given, to the clusters (cross-service confused deputy, PID-01).
 *
 * @public
 */
export function generatePodIdentityTrustPolicy(input: {
  accountId: string;
  clusterArns?: string[];
  quota?: number;
}): ParseResult<GeneratedPolicy> {
  const account = validateAccountId(input.accountId);
  if (!account.ok) return fail(account.error);
  const condition: NonNullable<PolicyStatement['Condition']> = {
    StringEquals: { 'aws:SourceAccount': account.value },
  };
  if (input.clusterArns && input.clusterArns.length > 0) {
    for (const arn of input.clusterArns) {
      if (
        !new RegExp(
          `^arn:aws[a-z-]*:eks:[a-z0-9-]+:${account.value}:cluster/[A-Za-z0-9][A-Za-z0-9_-]{0,99}$`,
        ).test(arn)
      ) {
        return fail(
          `cluster ARN "${arn.slice(
            0,
            120,
          )}" is not an EKS cluster ARN of account ${account.value}`,
        );
      }
    }
    condition.ArnEquals = {
      'aws:SourceArn':
        input.clusterArns.length === 1
          ? input.clusterArns[0]
          : input.clusterArns,
    };
  }
  const quota = input.quota ?? DEFAULT_TRUST_POLICY_QUOTA;
  return ok(
    measuredPolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: POD_IDENTITY_PRINCIPAL },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Condition: condition,
          },
        ],
      },
      quota,
    ),
  );
}

/**
 * The actions a role's session needs to chain into an EKS Pod Identity target role:
 * `sts:AssumeRole`, and `sts:TagSession` while EKS passes its session tags on (transitively).
 */
function chainActions(sessionTags: boolean): string[] {
  return sessionTags ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole'];
}

/**
 * Generates the trust policy an EKS Pod Identity target role needs (EKS User Guide, "Access AWS
 * resources using EKS Pod Identity target IAM roles"): the association role, by ARN, may assume
 * it — with `sts:ExternalId` pinned to the association's external id when it is known (EKS
 * generates it when the association is created), which keeps other associations of the same
 * role out (confused deputy, PID-06). Nothing a requester writes goes into it but the target
 * role's choice: the principal is the planned role.
 *
 * @public
 */
export function generateTargetRoleTrustPolicy(input: {
  associationRoleArn: string;
  externalId?: string;
  sessionTags: boolean;
  quota?: number;
}): GeneratedPolicy {
  return measuredPolicy(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EksPodIdentityAssociationRole',
          Effect: 'Allow',
          Principal: { AWS: input.associationRoleArn },
          Action: chainActions(input.sessionTags),
          ...(input.externalId
            ? { Condition: { StringEquals: { 'sts:ExternalId': input.externalId } } }
            : {}),
        },
      ],
    },
    input.quota ?? DEFAULT_TRUST_POLICY_QUOTA,
  );
}

/**
 * Generates the permission policy of an association role that chains into a target role: only
 * `sts:AssumeRole` (and `sts:TagSession` with session tags) on that one role. The pods get the
 * target role's session, so nothing else in this role's policies reaches them.
 *
 * @public
 */
export function generateAssumeTargetRolePolicy(input: {
  targetRoleArn: string;
  sessionTags: boolean;
}): GeneratedPolicy {
  return measuredPolicy(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AssumePodIdentityTargetRole',
          Effect: 'Allow',
          Action: chainActions(input.sessionTags),
          Resource: input.targetRoleArn,
        },
      ],
    },
    POLICY_SIZE_LIMITS.managed,
  );
}
