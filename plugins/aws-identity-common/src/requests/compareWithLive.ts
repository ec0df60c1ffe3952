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
} from '../api/requests';
import { canonicalJsonLines } from '../diff/canonicalJson';
import { diffLines, LineDiff, summarizeLineDiff } from '../diff/lineDiff';
import { Role, RolePolicy, SourceStatus } from '../domain/types';
import { decodePolicyDocument } from '../policy/parsePolicy';

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

type LiveLines = { ok: true; lines: string[] } | { ok: false; error: string };

function liveLines(document: unknown): LiveLines {
  const decoded = decodePolicyDocument(document);
  if (!decoded.ok) return { ok: false, error: decoded.error };
  if (decoded.value === null || typeof decoded.value !== 'object') {
    return { ok: false, error: 'the document is not a JSON object' };
  }
  return { ok: true, lines: canonicalJsonLines(decoded.value) };
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

function compared(
  base: Pick<
    PolicyDocumentComparison,
    'kind' | 'title' | 'inPlan' | 'livePolicy'
  >,
  diff: LineDiff,
): PolicyDocumentComparison {
  const identical = diff.added === 0 && diff.removed === 0;
  return {
    ...base,
    identical,
    summary: summarizeLineDiff(diff),
    added: diff.added,
    removed: diff.removed,
    lines: diff.lines,
  };
}

function unreadable(
  base: Pick<
    PolicyDocumentComparison,
    'kind' | 'title' | 'inPlan' | 'livePolicy'
  >,
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
 * Compares the planned trust and permission policies with a live role's
 * documents, line by line over canonical JSON (so key order never shows as
 * drift). The planned permission policy is paired with the live permission
 * policy most like it (inline, customer managed or AWS managed); every other
 * live policy is listed by name as not in the plan. Never throws: a live
 * document that is not readable JSON is reported as such.
 *
 * @public
 */
export function compareWithLiveRole(
  planned: { trustPolicy: unknown; permissionPolicy: unknown },
  live: Pick<Role, 'trustPolicy' | 'permissionPolicies'>,
): LiveRoleComparison {
  const documents: PolicyDocumentComparison[] = [];

  const trustBase = {
    kind: 'trust-policy' as const,
    title: 'Trust policy',
    inPlan: true,
  };
  const liveTrust = liveLines(live.trustPolicy);
  documents.push(
    liveTrust.ok
      ? compared(
          trustBase,
          diffLines(liveTrust.lines, canonicalJsonLines(planned.trustPolicy)),
        )
      : unreadable(trustBase, liveTrust.error),
  );

  const plannedPermission = canonicalJsonLines(planned.permissionPolicy);
  const candidates = (live.permissionPolicies ?? []).map((policy, order) => {
    const lines = liveLines(policy.document);
    return {
      policy,
      order,
      lines,
      diff: lines.ok ? diffLines(lines.lines, plannedPermission) : undefined,
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
    paired
      ? compared(
          {
            kind: 'permission-policy',
            title: `Permission policy (live: ${describePolicy(paired.policy)})`,
            inPlan: true,
            livePolicy: policyRef(paired.policy),
          },
          paired.diff!,
        )
      : compared(
          {
            kind: 'permission-policy',
            title: 'Permission policy (no similar policy on the live role)',
            inPlan: true,
          },
          diffLines([], plannedPermission),
        ),
  );

  for (const candidate of candidates) {
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
      candidate.lines.ok
        ? compared(base, diffLines(candidate.lines.lines, []))
        : unreadable(base, candidate.lines.error),
    );
  }

  const differing = documents.filter(d => !d.identical);
  if (differing.length === 0)
    return { identical: true, summary: 'identical', documents };
  const total = summarizeLineDiff({
    added: differing.reduce((sum, d) => sum + d.added, 0),
    removed: differing.reduce((sum, d) => sum + d.removed, 0),
  });
  const count = `${differing.length} of ${documents.length} ${
    documents.length === 1 ? 'document differs' : 'documents differ'
  }`;
  return { identical: false, summary: `${count}: ${total}`, documents };
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
  plan: Pick<RolePlan, 'roleArn' | 'trustPolicy' | 'permissionPolicy'> & {
    input: Pick<RolePlan['input'], 'accountId'>;
  };
  /** The role as the latest inventory has it, if it does. */
  role?: Pick<Role, 'trustPolicy' | 'permissionPolicies'>;
  /** Status of the role's account source; absent when aws-identity does not read that account. */
  account?: SourceStatus;
}): LiveRoleResponse {
  const { plan, role, account } = options;
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
    const comparison = compareWithLiveRole(
      {
        trustPolicy: plan.trustPolicy.document,
        permissionPolicy: plan.permissionPolicy.document,
      },
      role,
    );
    return account.state === 'stale'
      ? {
          roleArn,
          status: 'present',
          reason: `account ${accountId} was last read at ${asOf}, longer ago than its refresh budget`,
          asOf,
          comparison,
        }
      : { roleArn, status: 'present', asOf, comparison };
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
