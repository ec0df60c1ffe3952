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
import { PodIdentityChain } from '../evaluate/podIdentityChain';
import { PodIdentityRequestInput } from '../evaluate/workloadRequests';
import { parsePolicy } from '../policy/parsePolicy';
import { ParsedPolicy, ParsedStatement } from '../policy/types';
import { estimatePackedSession, PACKED_SESSION_BUDGET } from './packedSessionSize';
import { Check, CheckHit } from './types';

/**
 * What the association-level Pod Identity checks read: one association, its evaluated chain and
 * the roles it names, as far as they were found.
 *
 * @public
 */
export interface PodIdentityAssociationCheckContext {
  association: PodIdentityAssociation;
  chain: PodIdentityChain;
  associationRole?: Role;
  targetRole?: Role;
  /**
   * The workload the association serves (cluster ARN and name, namespace, service account):
   * the values of the session tags EKS adds. Without it the size estimate (PID-10) is skipped.
   */
  request?: PodIdentityRequestInput;
}

/**
 * Share of the packed-size budget above which PID-10 warns.
 *
 * @public
 */
export const PACKED_SESSION_WARNING_RATIO = 0.9;

/**
 * EKS's limit on an association's session policy, in characters (CreatePodIdentityAssociation,
 * `policy`).
 *
 * @public
 */
export const MAX_SESSION_POLICY_LENGTH = 2048;

const subject = (ctx: PodIdentityAssociationCheckContext) => ({
  kind: 'association' as const,
  ref:
    ctx.association.associationId ??
    `${ctx.association.cluster}/${ctx.association.namespace}/${ctx.association.serviceAccount}`,
});

// The session tags EKS Pod Identity attaches, as policies read them (EKS User Guide, "List of
// session tags added by EKS Pod Identity").
const SESSION_TAG = /aws:principaltag\/(kubernetes-(namespace|service-account|pod-name|pod-uid)|eks-cluster-(arn|name))/i;

/** Statements that read a Pod Identity session tag, in a condition key or a policy variable. */
function tagReadingStatements(policy: ParsedPolicy): ParsedStatement[] {
  return policy.statements.filter(
    s =>
      s.conditions.some(c => SESSION_TAG.test(c.keyLower) || c.values.some(v => SESSION_TAG.test(v))) ||
      [...(s.resource ?? []), ...(s.notResource ?? [])].some(r => SESSION_TAG.test(r)),
  );
}

function parsedPermissions(role: Role | undefined): Array<{ name: string; policy: ParsedPolicy }> {
  return (role?.permissionPolicies ?? []).flatMap(p => {
    const parsed = parsePolicy(p.document);
    return parsed.ok ? [{ name: p.name, policy: parsed.value }] : [];
  });
}

const pid05: Check<PodIdentityAssociationCheckContext> = {
  id: 'PID-05',
  category: 'pod-identity',
  title: 'Session policy with session tags enabled',
  severity: 'high',
  failMode: 'closed',
  explanation:
    'EKS accepts an association session policy only with disableSessionTags set to true (the tags and the policy share the packed size STS allows); with tags enabled the association cannot be created or updated.',
  fix: 'Set disableSessionTags: true on the association, and replace any policy that relies on the kubernetes-* / eks-cluster-* tags.',
  run(ctx) {
    if (ctx.association.sessionPolicy === undefined || ctx.association.disableSessionTags) return [];
    return [
      {
        subject: subject(ctx),
        message: `The association of ${ctx.association.namespace}/${ctx.association.serviceAccount} has a session policy but session tags are not disabled; EKS rejects this combination.`,
      },
    ];
  },
};

const pid06: Check<PodIdentityAssociationCheckContext> = {
  id: 'PID-06',
  category: 'pod-identity',
  title: "Target role's trust does not pin the association role or its external id",
  severity: 'medium',
  failMode: 'open',
  explanation:
    "EKS passes the association's external id as sts:ExternalId when it assumes the target role; a target trust that admits a whole account, any principal, or omits the external-id condition lets other roles (or other associations of the same role) chain into it — the confused-deputy case the external id exists for.",
  fix: 'Trust the association role by ARN ("Principal": {"AWS": "<association role ARN>"}) with "StringEquals": {"sts:ExternalId": "<external id>"} on sts:AssumeRole.',
  run(ctx) {
    const targetArn = ctx.association.targetRoleArn;
    if (!targetArn || !ctx.targetRole) return [];
    const trust = parsePolicy(ctx.targetRole.trustPolicy);
    if (!trust.ok) return [];
    const hits: CheckHit[] = [];
    for (const s of trust.value.statements) {
      if (s.effect !== 'Allow') continue;
      const aws = s.principal?.byType.AWS ?? [];
      const assumes = (s.action ?? []).some(a => /^(sts:\*|sts:assumerole|\*)$/i.test(a));
      if (!assumes || !(s.principal?.any || aws.length > 0)) continue;
      const byRole = aws.some(p => p === ctx.association.roleArn);
      const pinsExternalId = s.conditions.some(
        c => c.keyLower === 'sts:externalid' && !c.negated && !c.ifExists && /^string(equals|like)$/i.test(c.operator.replace(/IfExists$/i, '')) &&
          (!ctx.association.externalId || c.values.includes(ctx.association.externalId)),
      );
      if (!byRole || !pinsExternalId) {
        hits.push({
          subject: { kind: 'statement', ref: targetArn, statementIndex: s.index },
          message: `Statement ${s.index} of ${targetArn}'s trust ${
            byRole ? 'names the association role' : 'admits more than the association role'
          }${pinsExternalId ? '' : ' without requiring its external id'}.`,
        });
      }
    }
    return hits;
  },
};

const pid07: Check<PodIdentityAssociationCheckContext> = {
  id: 'PID-07',
  category: 'pod-identity',
  title: 'Pod Identity role chain is broken',
  severity: 'high',
  failMode: 'closed',
  explanation:
    'With a target role EKS assumes two roles in turn; if either hop is denied — the association role by pods.eks.amazonaws.com, or the target role by the association role (its trust and the first role\'s own permissions) — pods get no credentials.',
  fix: "Fix the failing hop: the association role's trust for pods.eks.amazonaws.com, the target role's trust for the association role (with the external id), or sts:AssumeRole/sts:TagSession on the target role in the association role's permissions.",
  run(ctx) {
    const { chain } = ctx;
    if (chain.failingHop === undefined || chain.hops.length < 2) return [];
    const hop = chain.hops[chain.failingHop];
    return [
      {
        subject: subject(ctx),
        message: `Hop ${chain.failingHop + 1} of 2 (${hop.step === 'target-role' ? 'target role' : 'association role'} ${hop.roleArn}) fails: ${hop.reason ?? 'denied'}`,
      },
    ];
  },
};

const pid08: Check<PodIdentityAssociationCheckContext> = {
  id: 'PID-08',
  category: 'pod-identity',
  title: 'Session tags disabled while a policy relies on them',
  severity: 'high',
  failMode: 'closed',
  explanation:
    'With disableSessionTags EKS attaches no kubernetes-* / eks-cluster-* tags, so a condition or ${aws:PrincipalTag/…} variable that reads them never matches: the statement grants nothing and the workload is denied.',
  fix: 'Re-enable session tags, or scope the policy without tags (e.g. fixed resource ARNs, or the association session policy).',
  run(ctx) {
    if (!ctx.association.disableSessionTags) return [];
    const effective = ctx.association.targetRoleArn ? ctx.targetRole : ctx.associationRole;
    const role = ctx.association.targetRoleArn ?? ctx.association.roleArn;
    return parsedPermissions(effective).flatMap(({ name, policy }) =>
      tagReadingStatements(policy)
        .filter(s => s.effect === 'Allow')
        .map(s => ({
          subject: { kind: 'statement' as const, ref: `${role}#${name}`, statementIndex: s.index },
          message: `${name} statement ${s.index} reads a Pod Identity session tag, but the association disables session tags: it grants nothing.`,
        })),
    );
  },
};

const pid09: Check<PodIdentityAssociationCheckContext> = {
  id: 'PID-09',
  category: 'pod-identity',
  title: 'Association session policy invalid or over the size limit',
  severity: 'high',
  failMode: 'closed',
  explanation: `EKS accepts an association session policy of at most ${MAX_SESSION_POLICY_LENGTH} characters that is a valid IAM policy; otherwise the association cannot be created or updated.`,
  fix: `Shorten the session policy below ${MAX_SESSION_POLICY_LENGTH} characters (wildcards for action families, fewer resources) and make it valid JSON.`,
  run(ctx) {
    const text = ctx.association.sessionPolicy;
    if (text === undefined) return [];
    const parsed = parsePolicy(text);
    const hits: CheckHit[] = [];
    if (!parsed.ok) hits.push({ subject: subject(ctx), message: `The session policy is not a valid policy: ${parsed.error}` });
    if (text.length > MAX_SESSION_POLICY_LENGTH)
      hits.push({ subject: subject(ctx), message: `The session policy has ${text.length} characters, over EKS's ${MAX_SESSION_POLICY_LENGTH}.` });
    return hits;
  },
};

const pid10: Check<PodIdentityAssociationCheckContext> = {
  id: 'PID-10',
  category: 'pod-identity',
  title: 'Packed session size near the STS limit',
  severity: 'medium',
  failMode: 'closed',
  explanation: `STS packs an assumed-role session's session policy and session tags — the six kubernetes-* / eks-cluster-* tags EKS Pod Identity adds, carried on as transitive tags into a target role's session — into one binary blob with its own limit, reported only as PackedPolicySize after the call; past 100% AssumeRole fails with PackedPolicyTooLarge and the pods get no credentials. The figure is an estimate from the plain text against the ${PACKED_SESSION_BUDGET} characters STS documents for session policies.`,
  fix: 'Shorten the session policy (action wildcards, fewer resources), or keep the session policy and the tags apart: one association with tags for ABAC, another role for the policy-limited workload.',
  run(ctx) {
    if (!ctx.request) return [];
    const estimate = estimatePackedSession(ctx.association, ctx.request);
    if (estimate.ratio < PACKED_SESSION_WARNING_RATIO) return [];
    const parts = [
      estimate.tagCount > 0 &&
        `${estimate.tagCount} session tags (${estimate.tagCharacters} characters of keys and values, pod name and UID at their maximum length${
          ctx.association.targetRoleArn ? ', transitive into the target role session' : ''
        })`,
      estimate.policyCharacters > 0 && `a ${estimate.policyCharacters}-character session policy (minified)`,
    ].filter(Boolean);
    return [
      {
        subject: subject(ctx),
        message: `Estimated packed session size about ${Math.round(estimate.ratio * 100)}% of the limit: ${parts.join(
          ' and ',
        )} against the ${PACKED_SESSION_BUDGET} characters STS documents. This is an estimate — STS limits the packed binary form, which it only reports as PackedPolicySize after the call.`,
      },
    ];
  },
};

/**
 * Checks of one Pod Identity association as a whole (chain, session policy, session tags).
 *
 * @public
 */
export const podIdentityAssociationChecks: ReadonlyArray<Check<PodIdentityAssociationCheckContext>> = [
  pid05,
  pid06,
  pid07,
  pid08,
  pid09,
  pid10,
];
