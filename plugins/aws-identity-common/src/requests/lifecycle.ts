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


import { RoleRequestState } from '../api/requests';

/**
 * The forward path of a role request and the side exits allowed from each state. There is no
 * way back except withdrawing, and no skipping: a request is only `verified` after the role was
 * seen live, only `live` after the change merged, only `pr-open` after approval.
 *
 * @public
 */
export const REQUEST_TRANSITIONS: Readonly<Record<RoleRequestState, readonly RoleRequestState[]>> = {
  submitted: ['approved', 'rejected', 'withdrawn', 'expired'],
  approved: ['pr-open', 'failed', 'withdrawn'],
  'pr-open': ['merged', 'failed', 'withdrawn'],
  merged: ['live', 'failed'],
  live: ['verified', 'failed'],
  // Verified is settled, not final: drift found by a later check moves it to drifted, and a
  // repair back. A request made to restore or accept the drift takes over once it is verified
  // itself: the one it repaired is then superseded.
  verified: ['drifted', 'superseded'],
  drifted: ['verified', 'superseded'],
  superseded: [],
  rejected: [],
  failed: [],
  withdrawn: [],
  expired: [],
};

/**
 * States that still need someone's attention: every state a request can leave except
 * `verified`, which it leaves only when drift is found (then `drifted` is open again).
 *
 * @public
 */
export function isOpenRequestState(state: RoleRequestState): boolean {
  return state !== 'verified' && REQUEST_TRANSITIONS[state].length > 0;
}

/**
 * Why a transition is not allowed, or `undefined` when it is.
 *
 * @public
 */
export function transitionProblem(
  from: RoleRequestState,
  to: RoleRequestState,
): string | undefined {
  if (from === to) return `the request is already ${from}`;
  const next = REQUEST_TRANSITIONS[from];
  if (next.length === 0) return `the request is ${from}, which is final`;
  if (!next.includes(to)) {
    return `a ${from} request can become ${next.join(', ')}, not ${to}`;
  }
  return undefined;
}
