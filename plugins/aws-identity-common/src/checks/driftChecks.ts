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
import { migrationDriftFix } from '../requests/migrationDrift';
import { Check } from './types';

/**
 * A role request that was verified and has drifted since: what the live role or binding no
 * longer has of the approved plan, as the request tracker recorded it on its last re-check.
 *
 * @public
 */
export interface DriftedRequest {
  /** The request's id; its page offers the restore and accept requests. */
  requestId: string;
  roleArn: string;
  /** The differences, in words (the request's `verification.drift`). */
  drift: readonly string[];
  /** RFC 3339 time the drift was found (the transition to `drifted`). */
  since?: string;
  /** `migration`: an IRSA → EKS Pod Identity migration request; absent: a role request. */
  kind?: 'role' | 'migration';
}

/**
 * What the drift checks read: the drifted requests whose planned service account this is.
 *
 * @public
 */
export interface DriftCheckContext {
  driftedRequests: readonly DriftedRequest[];
}

/**
 * Catalogue id of the finding that a verified role request no longer matches the live role or
 * binding.
 *
 * @public
 */
export const VERIFIED_DRIFT_CHECK_ID = 'IRSA-R02';

const requestR02: Check<DriftCheckContext> = {
  id: VERIFIED_DRIFT_CHECK_ID,
  category: 'request',
  title: 'Role changed after its request was approved and verified',
  // Drift is a change nobody approved: whether it widens or breaks access, the trust, permission
  // and binding checks of the same report judge on their own; this one says it was not reviewed.
  severity: 'medium',
  failMode: 'open',
  explanation:
    'The role and binding were approved as a request, delivered as code and verified live. A change made since outside that workflow (console, CLI, another pipeline) was never reviewed, and the next apply of the code silently reverts it.',
  fix: "On the request's page: Restore (a new request, approved like any other, whose change, a pull request or a branch, puts the approved plan back) or Accept (a new request whose plan is the live state, approved and recorded as the plan).",
  run(ctx) {
    return ctx.driftedRequests.map(request => ({
      subject: { kind: 'role' as const, ref: request.roleArn },
      message: `${request.kind === 'migration' ? 'Migration request' : 'Request'} ${request.requestId} was verified, then drifted${request.since ? ` (found ${minuteOf(request.since)})` : ''}: ${request.drift.join('; ')}.`,
      requestId: request.requestId,
      // A migration is repaired by applying its code again, not by a new request.
      ...(request.kind === 'migration' ? { fix: migrationDriftFix() } : {}),
    }));
  },
};

/** An RFC 3339 time to the minute, as people read it: `2026-12-03 07:45 UTC`. */
function minuteOf(time: string): string {
  const parsed = new Date(time);
  return Number.isNaN(parsed.getTime()) ? time : `${parsed.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The checks of verified requests against what runs now.
 *
 * @public
 */
export const driftChecks: ReadonlyArray<Check<DriftCheckContext>> = [requestR02];
