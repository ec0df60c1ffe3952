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
  LivePolicyRef,
  LiveRoleComparison,
  LiveRoleResponse,
  PolicyDocumentComparison,
  RolePlan,
  RoleRequestInput,
} from '../api/requests';
import { canonicalJsonLines } from '../diff/canonicalJson';
import { diffLines, LineDiff, summarizeLineDiff } from '../diff/lineDiff';
import { Cluster, Role, RolePolicy, SourceStatus } from '../domain/types';
import {
  canonicalPolicy,
  policyIdentity,
  statementIdentities,
} from '../policy/canonicalPolicy';
import { decodePolicyDocument, parsePolicy } from '../policy/parsePolicy';
import {
  admissionTargetOf,
  TrustAdmissionTarget,
  trustAdmissionDrift,
} from './liveTrustAdmission';
import { foreignRoleReason, roleTagLookup } from './roleIdentity';
import { roleTags } from '../render/types';

/**
 * How alike the planned permission policy and a live one must be (Dice
 * coefficient of their lines: 2 × unchanged ÷ all) to be shown as one
 * diff. Below it, a diff would mostly pair unrelated statements; the plan is
 * then shown as added and the live policy as not in the plan.
 */
const PAIRING_SIMILARITY = 0.5;

const KIND_NOUN: Record<RolePolicy['kind'], string> = {
  inline: 'inline policy',
  managed: 'managed policy',
  'aws-managed': 'AWS managed policy',
};

/** Preferred pairing when two live policies are equally alike: what the plan itself creates. */
const KIND_RANK: Record<RolePolicy['kind'], number> = {
  inline: 0,
  managed: 1,
  'aws-managed': 2,
};

type LiveDocument =
  | { ok: true; document: object; lines: string[] }
  | { ok: false; error: string };

/** The lines a document is shown and compared as: its canonical policy, as canonical JSON. */
function policyLines(document: unknown): string[] {
  return canonicalJsonLines(canonicalPolicy(document));
}

function readLive(document: unknown): LiveDocument {
  const decoded = decodePolicyDocument(document);
  if (!decoded.ok) return { ok: false, error: decoded.error };
  if (decoded.value === null || typeof decoded.value !== 'object') {
    return { ok: false, error: 'the document is not a JSON object' };
  }
  return {
    ok: true,
    document: decoded.value,
    lines: policyLines(decoded.value),
  };
}

function policyRef(policy: RolePolicy): LivePolicyRef {
  return policy.arn
    ? { name: policy.name, kind: policy.kind, arn: policy.arn }
    : { name: policy.name, kind: policy.kind };
}

/** `inline policy payments-reader`, `AWS managed policy ReadOnlyAccess`. */
function describePolicy(policy: RolePolicy): string {
  return `${KIND_NOUN[policy.kind]} ${policy.name}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type ComparisonBase = Pick<
  PolicyDocumentComparison,
  'kind' | 'title' | 'inPlan' | 'livePolicy'
>;

/**
 * One document's comparison. `identical` is IAM's sense of the same (see canonicalPolicy): a
 * document whose lines differ only in statement ids is identical in effect, and says so.
 */
function compared(
  base: ComparisonBase,
  diff: LineDiff,
  identical: boolean,
): PolicyDocumentComparison {
  const unchangedLines = diff.added === 0 && diff.removed === 0;
  let summary = summarizeLineDiff(diff);
  if (identical && !unchangedLines)
    summary = 'identical in effect (only statement ids differ)';
  return {
    ...base,
    identical,
    summary,
    added: diff.added,
    removed: diff.removed,
    lines: diff.lines,
  };
}

function unreadable(
  base: ComparisonBase,
  error: string,
): PolicyDocumentComparison {
  return {
    ...base,
    identical: false,
    summary: `the live document cannot be compared: ${error}`,
    added: 0,
    removed: 0,
    lines: [],
    error,
  };
}

function similarity(diff: LineDiff): number {
  const unchanged = diff.lines.length - diff.added - diff.removed;
  const total = 2 * unchanged + diff.added + diff.removed;
  return total === 0 ? 1 : (2 * unchanged) / total;
}

/**
 * Differences between the planned and the live statements of one kind of document, in words.
 * Permission statements are compared over all live policies together: a role grants the union of
 * its policies, whichever policy holds a statement.
 */
function statementDrift(
  planned: Set<string>,
  live: Set<string>,
  words: {
    missing: (count: number) => string;
    extra: (count: number) => string;
  },
): string[] {
  const missing = [...planned].filter(s => !live.has(s)).length;
  const extra = [...live].filter(s => !planned.has(s)).length;
  return [
    ...(missing > 0 ? [words.missing(missing)] : []),
    ...(extra > 0 ? [words.extra(extra)] : []),
  ];
}

/**
 * The one comparison of planned policies with a live role, in IAM's terms. Both the request
 * workflow (verified or drift) and the request view (the diff) read it:
 * - `drift`: what differs, in words. The trust must admit the planned service account on every
 *   planned cluster (when an admission target is given) and hold the planned statements, no more;
 *   the live role's permission policies together must grant the planned statements, no more.
 *   Unreadable live documents are drift, never skipped.
 * - `documents`: per document a line diff over the canonical form, so neither key order, value
 *   order nor statement order shows as a difference. The planned permission policy is paired with
 *   the live policy most like it (inline, customer managed or AWS managed); every other live
 *   policy is listed by name as not in the plan.
 * - `identical`: no drift.
 * Never throws.
 *
 * @public
 */
export function compareWithLiveRole(
  planned: { trustPolicy: unknown; permissionPolicy: unknown },
  live: Pick<Role, 'trustPolicy' | 'permissionPolicies'>,
  admission?: TrustAdmissionTarget,
): LiveRoleComparison {
  const documents: PolicyDocumentComparison[] = [];
  const drift: string[] = [];

  const trustBase = {
    kind: 'trust-policy' as const,
    title: 'Trust policy',
    inPlan: true,
  };
  const liveTrust = readLive(live.trustPolicy);
  const parsedTrust = parsePolicy(live.trustPolicy);
  if (!liveTrust.ok) {
    documents.push(unreadable(trustBase, liveTrust.error));
  } else {
    documents.push(
      compared(
        trustBase,
        diffLines(liveTrust.lines, policyLines(planned.trustPolicy)),
        policyIdentity(liveTrust.document) ===
          policyIdentity(planned.trustPolicy),
      ),
    );
  }
  if (!parsedTrust.ok) {
    drift.push(`the live trust policy cannot be read: ${parsedTrust.error}`);
  } else {
    const notAdmitted = admission
      ? trustAdmissionDrift(parsedTrust.value, admission)
      : [];
    drift.push(...notAdmitted);
    // Where the trust does not admit the service account, that is the difference to fix; the
    // statement counts would only restate it.
    if (notAdmitted.length === 0 && !documents[0].identical) {
      const statements = statementDrift(
        statementIdentities(planned.trustPolicy),
        statementIdentities(liveTrust.ok ? liveTrust.document : undefined),
        {
          missing: n =>
            `${n} planned trust statement(s) are not in the live trust policy`,
          extra: n =>
            `the live trust policy has ${n} statement(s) the plan does not`,
        },
      );
      drift.push(
        ...(statements.length > 0
          ? statements
          : ['the live trust policy differs from the plan in Version or Id']),
      );
    }
  }

  const plannedPermission = policyLines(planned.permissionPolicy);
  const candidates = (live.permissionPolicies ?? []).map((policy, order) => {
    const document = readLive(policy.document);
    return {
      policy,
      order,
      document,
      diff: document.ok
        ? diffLines(document.lines, plannedPermission)
        : undefined,
    };
  });
  const paired = candidates
    .filter(c => c.diff && similarity(c.diff) >= PAIRING_SIMILARITY)
    .sort(
      (x, y) =>
        similarity(y.diff!) - similarity(x.diff!) ||
        KIND_RANK[x.policy.kind] - KIND_RANK[y.policy.kind] ||
        x.order - y.order,
    )[0];

  documents.push(
    paired && paired.document.ok
      ? compared(
          {
            kind: 'permission-policy',
            title: `Permission policy (live: ${describePolicy(paired.policy)})`,
            inPlan: true,
            livePolicy: policyRef(paired.policy),
          },
          paired.diff!,
          policyIdentity(paired.document.document) ===
            policyIdentity(planned.permissionPolicy),
        )
      : compared(
          {
            kind: 'permission-policy',
            title: 'Permission policy (no similar policy on the live role)',
            inPlan: true,
          },
          diffLines([], plannedPermission),
          false,
        ),
  );

  const liveStatements = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.document.ok) {
      for (const s of statementIdentities(candidate.document.document))
        liveStatements.add(s);
    } else {
      drift.push(
        `the live ${describePolicy(candidate.policy)} cannot be read: ${
          candidate.document.error
        }`,
      );
    }
    if (candidate === paired) continue;
    const base = {
      kind: 'permission-policy' as const,
      title: `${capitalized(
        describePolicy(candidate.policy),
      )} (on the live role, not in the plan)`,
      inPlan: false,
      livePolicy: policyRef(candidate.policy),
    };
    documents.push(
      candidate.document.ok
        ? compared(base, diffLines(candidate.document.lines, []), false)
        : unreadable(base, candidate.document.error),
    );
  }
  drift.push(
    ...statementDrift(
      statementIdentities(planned.permissionPolicy),
      liveStatements,
      {
        missing: n =>
          `${n} planned permission statement(s) are not on the live role`,
        extra: n =>
          `the live role has ${n} permission statement(s) the plan does not`,
      },
    ),
  );

  return {
    identical: drift.length === 0,
    summary: summaryOf(documents, drift),
    documents,
    drift,
  };
}

/** `identical`, the documents that differ and by how many lines, or the drift in words. */
function summaryOf(
  documents: PolicyDocumentComparison[],
  drift: string[],
): string {
  const differing = documents.filter(d => !d.identical);
  if (differing.length === 0)
    return drift.length === 0 ? 'identical' : drift.join('; ');
  const total = summarizeLineDiff({
    added: differing.reduce((sum, d) => sum + d.added, 0),
    removed: differing.reduce((sum, d) => sum + d.removed, 0),
  });
  const count = `${differing.length} of ${documents.length} ${
    documents.length === 1 ? 'document differs' : 'documents differ'
  }`;
  // A role can grant what the plan grants with its statements spread over other policies.
  return drift.length === 0
    ? `identical in effect; ${count}: ${total}`
    : `${count}: ${total}`;
}

/**
 * What the comparison reads of a plan: its documents, and who the role is for.
 *
 * @public
 */
export type ComparedPlan = Pick<
  RolePlan,
  'trustPolicy' | 'permissionPolicy'
> & {
  input: Pick<
    RoleRequestInput,
    'binding' | 'accountId' | 'namespace' | 'serviceAccount' | 'clusters' | 'entityRef'
  >;
};

/**
 * {@link compareWithLiveRole} for a plan: its documents, and its service account on its clusters
 * as the admission target, with issuers and cluster ARNs from the inventory's clusters when given.
 *
 * @public
 */
export function comparePlanWithLiveRole(
  plan: ComparedPlan,
  live: Pick<Role, 'trustPolicy' | 'permissionPolicies' | 'tags'>,
  inventoryClusters?: readonly Cluster[],
): LiveRoleComparison {
  const documents = compareWithLiveRole(
    {
      trustPolicy: plan.trustPolicy.document,
      permissionPolicy: plan.permissionPolicy.document,
    },
    live,
    admissionTargetOf(plan.input, inventoryClusters),
  );
  const tags = tagDrift(roleTags(plan), live.tags);
  if (tags.length === 0) return documents;
  const drift = [...documents.drift, ...tags];
  const summary = documents.summary === 'identical' ? tags.join('; ') : `${documents.summary}; ${tags.join('; ')}`;
  return { ...documents, identical: false, drift, summary };
}

/**
 * The planned tags the live role lacks or has with another value. IAM compares tag keys
 * case-insensitively and values exactly; tags the plan does not set are the role owner's own.
 * Nothing is concluded from a role whose tags were not read.
 */
function tagDrift(
  planned: Record<string, string>,
  live: Record<string, string> | undefined,
): string[] {
  if (!live) return [];
  const tag = roleTagLookup(live);
  return Object.entries(planned).flatMap(([key, value]) => {
    const actual = tag(key);
    if (actual === undefined) return [`the live role lacks the planned tag ${key}=${value}`];
    if (actual !== value) return [`the live role's tag ${key} is ${JSON.stringify(actual)}, not the planned ${JSON.stringify(value)}`];
    return [];
  });
}

/**
 * The live-role answer for a request: `present` with a comparison when the
 * inventory has the role, `absent` only when a current, complete read of the
 * role's account does not have it, and `unknown` otherwise (the account is
 * not read by aws-identity, its last read failed, it was never read, or its
 * last read is out of date and the role may have been created since).
 *
 * @public
 */
export function describeLiveRole(options: {
  plan: ComparedPlan &
    Pick<RolePlan, 'roleArn'> & { input: Pick<RoleRequestInput, 'entityRef'> };
  /**
   * The role as the latest inventory has it under the planned name in the planned account, if it
   * does: matched by `roleNameKey` (per account, whatever the path and case), never by exact ARN.
   */
  role?: Pick<Role, 'trustPolicy' | 'permissionPolicies'> & Partial<Pick<Role, 'arn' | 'tags'>>;
  /** Status of the role's account source; absent when aws-identity does not read that account. */
  account?: SourceStatus;
  /** The inventory's clusters, for the issuers and cluster ARNs the trust must admit. */
  clusters?: readonly Cluster[];
}): LiveRoleResponse {
  const { plan, role, account, clusters } = options;
  const roleArn = plan.roleArn;
  const accountId = plan.input.accountId;
  if (!account) {
    return {
      roleArn,
      status: 'unknown',
      reason: `account ${accountId} is not among the accounts aws-identity reads`,
    };
  }
  const asOf = account.lastSuccessAt;
  const at = asOf ? { asOf } : {};
  if (account.state === 'error' || !asOf) {
    // A last good snapshot may still hold the role, but the read that should confirm it failed:
    // say nothing rather than something that may no longer be true.
    const why =
      account.error ??
      (asOf ? 'its last read failed' : 'it has not been read yet');
    return {
      roleArn,
      status: 'unknown',
      reason: `account ${accountId} could not be read: ${why}`,
      ...at,
    };
  }
  if (role) {
    const comparison = comparePlanWithLiveRole(plan, role, clusters);
    const liveArn = role.arn ?? roleArn;
    const foreignReason = foreignRoleReason({ arn: liveArn, tags: role.tags }, plan.input.entityRef);
    const identity = {
      ...(liveArn !== roleArn ? { liveRoleArn: liveArn } : {}),
      ...(foreignReason ? { foreignReason } : {}),
    };
    return account.state === 'stale'
      ? {
          roleArn,
          status: 'present',
          reason: `account ${accountId} was last read at ${asOf}, longer ago than its refresh budget`,
          asOf,
          comparison,
          ...identity,
        }
      : { roleArn, status: 'present', asOf, comparison, ...identity };
  }
  if (account.state === 'stale') {
    return {
      roleArn,
      status: 'unknown',
      reason: `account ${accountId} was last read at ${asOf}, longer ago than its refresh budget; the role may exist by now`,
      asOf,
    };
  }
  return { roleArn, status: 'absent', asOf };
}
