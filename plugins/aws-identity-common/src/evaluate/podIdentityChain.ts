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
import { parseRoleArn } from '../parse/identifiers';
import { parsePolicy } from '../policy/parsePolicy';
import { ParsedPolicy } from '../policy/types';
import { EvaluationRequest, evaluatePolicy } from './evaluatePolicy';
import {
  PodIdentityRequestInput,
  TrustDecision,
  evaluatePodIdentityTrust,
  podIdentitySessionTags,
} from './workloadRequests';

/**
 * One role assumption of an EKS Pod Identity chain: the association's role (assumed by
 * `pods.eks.amazonaws.com`) and, with a target role, the target (assumed by the first role's
 * session).
 *
 * @public
 */
export interface PodIdentityHop {
  step: 'association-role' | 'target-role';
  roleArn: string;
  /** True or false when decided; undefined when a role or policy needed is unknown. */
  allowed?: boolean;
  /** The trust evaluation of this hop, when the role's trust was known. */
  trust?: TrustDecision;
  /**
   * Target hop only: whether the association role's own permissions allow `sts:AssumeRole`
   * (and `sts:TagSession` with tags) on the target role; IAM requires both sides of a chain.
   */
  callerPermitted?: boolean;
  /** Why the hop fails or is undecided, one sentence. */
  reason?: string;
}

/**
 * The whole chain for one association, and which hop fails.
 *
 * @public
 */
export interface PodIdentityChain {
  hops: PodIdentityHop[];
  /** True when every hop is allowed; false when one is denied; undefined when undecided. */
  allowed?: boolean;
  /** Index in `hops` of the first denied hop. */
  failingHop?: number;
  /** The role whose permissions the pods get (the target role when there is one). */
  effectiveRoleArn: string;
  /** Whether EKS attaches session tags (false with `disableSessionTags`). */
  sessionTags: boolean;
}

function identityAllows(policies: readonly ParsedPolicy[], request: EvaluationRequest): boolean {
  let allowed = false;
  for (const policy of policies) {
    const result = evaluatePolicy(policy, request);
    if (result.decision === 'explicit-deny') return false;
    if (result.allowed) allowed = true;
  }
  return allowed;
}

/**
 * The role's permission policies that parse (a policy that does not parse grants nothing).
 *
 * @internal
 */
export function parsedPermissionPolicies(role: Role): ParsedPolicy[] {
  return (role.permissionPolicies ?? []).flatMap(p => {
    const parsed = parsePolicy(p.document);
    return parsed.ok ? [parsed.value] : [];
  });
}

/**
 * The session EKS Pod Identity opens with the association role, as the target role's trust sees
 * it: the assumed-role session ARN (IAM matches a role principal against its sessions) and the
 * principal tags it carries.
 */
function associationSession(roleArn: string, input: PodIdentityRequestInput) {
  const role = parseRoleArn(roleArn);
  if (!role.ok) return undefined;
  const { partition, accountId, name } = role.value;
  return {
    principal: {
      type: 'AWS' as const,
      // The session name is EKS's to choose; it only has to be a session of this role.
      id: `arn:${partition}:sts::${accountId}:assumed-role/${name}/eks-pod-identity`,
      accountId,
    },
    context: {
      'aws:PrincipalArn': roleArn,
      'aws:PrincipalAccount': accountId,
      'aws:PrincipalType': 'AssumedRole',
    },
    tags: podIdentitySessionTags(input),
  };
}

/**
 * Evaluates the chain EKS Pod Identity runs for an association (EKS User Guide, "Access AWS
 * resources using EKS Pod Identity target IAM roles"): first `pods.eks.amazonaws.com` assumes the
 * association's role (`sts:AssumeRole` and `sts:TagSession`, with the session tags unless they are
 * disabled); then, with a target role, that role's session assumes the target role — which needs
 * the target's trust to admit the session (with `sts:ExternalId` set to the association's external
 * id, and `sts:TagSession` for the transitive session tags) **and** the first role's permissions to
 * allow the call. A role that is not known leaves its hop undecided, never allowed.
 *
 * @public
 */
export function evaluatePodIdentityChain(input: {
  association: PodIdentityAssociation;
  request: PodIdentityRequestInput;
  roles: ReadonlyMap<string, Role>;
}): PodIdentityChain {
  const { association, request, roles } = input;
  const sessionTags = !association.disableSessionTags;
  const hops: PodIdentityHop[] = [];

  const first = roles.get(association.roleArn);
  const firstHop: PodIdentityHop = { step: 'association-role', roleArn: association.roleArn };
  if (!first) {
    firstHop.reason = `Role ${association.roleArn} was not found.`;
  } else {
    const trust = parsePolicy(first.trustPolicy);
    if (!trust.ok) {
      firstHop.allowed = false;
      firstHop.reason = `The trust policy of ${association.roleArn} does not parse: ${trust.error}`;
    } else {
      firstHop.trust = evaluatePodIdentityTrust(trust.value, request);
      firstHop.allowed = firstHop.trust.allowed;
      if (!firstHop.allowed)
        firstHop.reason = `The trust of ${association.roleArn} does not let EKS Pod Identity assume it: ${firstHop.trust.explanation}`;
    }
  }
  hops.push(firstHop);

  if (association.targetRoleArn) {
    const targetArn = association.targetRoleArn;
    const hop: PodIdentityHop = { step: 'target-role', roleArn: targetArn };
    const session = associationSession(association.roleArn, request);
    const target = roles.get(targetArn);
    const actions = sessionTags ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole'];
    if (!session) {
      hop.allowed = false;
      hop.reason = `${association.roleArn} is not a role ARN.`;
    } else {
      if (first) {
        const policies = parsedPermissionPolicies(first);
        hop.callerPermitted = actions.every(action =>
          identityAllows(policies, {
            principal: session.principal,
            action,
            resource: targetArn,
            context: session.context,
          }),
        );
      }
      if (target) {
        const trust = parsePolicy(target.trustPolicy);
        if (!trust.ok) {
          hop.allowed = false;
          hop.reason = `The trust policy of ${targetArn} does not parse: ${trust.error}`;
        } else {
          const context: Record<string, string | string[]> = { ...session.context };
          if (association.externalId) context['sts:ExternalId'] = association.externalId;
          if (sessionTags) {
            // Session tags of a chained role are transitive: STS sees them again on this call.
            context['aws:TagKeys'] = Object.keys(session.tags);
            for (const [key, value] of Object.entries(session.tags)) {
              context[`aws:RequestTag/${key}`] = value;
              context[`aws:PrincipalTag/${key}`] = value;
            }
          }
          const evaluations = actions.map(action =>
            Object.assign(evaluatePolicy(trust.value, { principal: session.principal, action, context }), { action }),
          );
          const allowed = evaluations.every(e => e.allowed);
          hop.trust = {
            allowed,
            evaluations,
            get deciding() {
              return evaluations.flatMap(e => e.deciding);
            },
            get explanation() {
              return evaluations.map(e => `${e.action}: ${e.explanation}`).join(' ');
            },
          };
          if (!allowed) {
            hop.allowed = false;
            hop.reason = `The trust of ${targetArn} does not admit a session of ${association.roleArn}${
              association.externalId ? ` with external id ${association.externalId}` : ''
            }: ${hop.trust.explanation}`;
          }
        }
      } else {
        hop.reason = `Target role ${targetArn} was not found (it may be in an account that is not read).`;
      }
      if (hop.callerPermitted === false) {
        hop.allowed = false;
        hop.reason ??= `The permissions of ${association.roleArn} do not allow ${actions.join(' and ')} on ${targetArn}.`;
      } else if (hop.allowed === undefined && hop.trust?.allowed && hop.callerPermitted) {
        hop.allowed = true;
      }
    }
    hops.push(hop);
  }

  const failingHop = hops.findIndex(h => h.allowed === false);
  let allowed: boolean | undefined;
  if (failingHop >= 0) allowed = false;
  else if (hops.every(h => h.allowed === true)) allowed = true;
  return {
    hops,
    allowed,
    ...(failingHop >= 0 ? { failingHop } : {}),
    effectiveRoleArn: association.targetRoleArn ?? association.roleArn,
    sessionTags,
  };
}
