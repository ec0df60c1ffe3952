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

import { requestActionOptions, requestActionProblem } from './requestActions';

const request = {
  state: 'submitted' as const,
  requestedBy: 'user:default/dev',
  submittedBy: 'user:default/dev',
  plan: { risk: 'low' as const },
};
const approver = { ref: 'user:default/alice', mayDecide: true };

describe('requestActionProblem', () => {
  it('lets another approver approve or reject a submitted request', () => {
    expect(requestActionProblem(request, 'approve', approver)).toBeUndefined();
    expect(requestActionProblem(request, 'reject', approver)).toBeUndefined();
  });

  it('refuses a decision without the approve permission', () => {
    expect(requestActionProblem(request, 'approve', { ...approver, mayDecide: false })?.kind).toBe('permission');
  });

  it('four eyes: an approver cannot decide on their own request', () => {
    const own = { ref: 'user:default/dev', mayDecide: true };
    expect(requestActionProblem(request, 'approve', own)?.kind).toBe('four-eyes');
    expect(requestActionProblem(request, 'reject', own)?.kind).toBe('four-eyes');
  });

  it('four eyes: nor on one they submitted for someone else', () => {
    const submitted = { ...request, submittedBy: 'user:default/alice' };
    expect(requestActionProblem(submitted, 'approve', approver)?.kind).toBe('four-eyes');
  });

  it('a critical plan cannot be approved, but can be rejected', () => {
    const critical = { ...request, plan: { risk: 'critical' as const } };
    expect(requestActionProblem(critical, 'approve', approver)?.kind).toBe('risk');
    expect(requestActionProblem(critical, 'reject', approver)).toBeUndefined();
  });

  it('a decided request takes no further decision', () => {
    const approved = { ...request, state: 'approved' as const };
    expect(requestActionProblem(approved, 'approve', approver)?.kind).toBe('state');
    expect(requestActionProblem(approved, 'reject', approver)?.kind).toBe('state');
  });

  it('only the requester withdraws, and only while the request is open', () => {
    const dev = { ref: 'user:default/dev', mayDecide: false };
    expect(requestActionProblem(request, 'withdraw', dev)).toBeUndefined();
    expect(requestActionProblem(request, 'withdraw', approver)?.kind).toBe('not-requester');
    expect(requestActionProblem({ ...request, state: 'verified' }, 'withdraw', dev)?.kind).toBe('state');
  });
});

describe('requestActionOptions', () => {
  it('names the state first once the request takes no such action, whoever asks', () => {
    const verified = { ...request, state: 'verified' as const };
    const someone = { ref: 'user:default/someone', mayDecide: false };
    const requester = { ref: 'user:default/dev', mayDecide: false };
    for (const actor of [approver, someone, requester]) {
      expect(requestActionOptions(verified, actor).map(o => o.problem)).toEqual(['state', 'state', 'state']);
    }
    // Enforcement keeps its order: without the permission a decision is refused as such.
    expect(requestActionProblem(verified, 'approve', someone)?.kind).toBe('permission');
  });

  it('lists every action with the reason it is closed', () => {
    expect(requestActionOptions(request, approver)).toEqual([
      { action: 'approve', allowed: true },
      { action: 'reject', allowed: true },
      {
        action: 'withdraw',
        allowed: false,
        problem: 'not-requester',
        reason: 'Only the requester can withdraw a role request',
      },
    ]);
  });
});
