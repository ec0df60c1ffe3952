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


import { ROLE_REQUEST_STATES, RoleRequestState } from '../api/requests';
import { isOpenRequestState, REQUEST_TRANSITIONS, transitionProblem } from './lifecycle';

describe('role request lifecycle', () => {
  const happyPath: RoleRequestState[] = ['submitted', 'approved', 'pr-open', 'merged', 'live', 'verified'];

  it('walks the happy path one step at a time', () => {
    for (let i = 0; i + 1 < happyPath.length; i++) {
      expect(transitionProblem(happyPath[i], happyPath[i + 1])).toBeUndefined();
    }
  });

  it.each([
    ['submitted', 'pr-open'],
    ['submitted', 'verified'],
    ['approved', 'merged'],
    ['pr-open', 'live'],
    ['merged', 'verified'],
  ] as Array<[RoleRequestState, RoleRequestState]>)('refuses to skip from %s to %s', (from, to) => {
    expect(transitionProblem(from, to)).toMatch(`can become`);
  });

  it.each([
    ['approved', 'submitted'],
    ['pr-open', 'approved'],
    ['live', 'merged'],
  ] as Array<[RoleRequestState, RoleRequestState]>)('refuses to go back from %s to %s', (from, to) => {
    expect(transitionProblem(from, to)).toBeDefined();
  });

  it('allows withdrawing until the change has merged', () => {
    for (const state of ['submitted', 'approved', 'pr-open'] as RoleRequestState[]) {
      expect(transitionProblem(state, 'withdrawn')).toBeUndefined();
    }
    for (const state of ['merged', 'live', 'verified'] as RoleRequestState[]) {
      expect(transitionProblem(state, 'withdrawn')).toBeDefined();
    }
  });

  it('treats verified, rejected, failed, withdrawn, expired and superseded as final', () => {
    const final = ROLE_REQUEST_STATES.filter(s => !isOpenRequestState(s));
    expect(final.sort()).toEqual(['expired', 'failed', 'rejected', 'superseded', 'verified', 'withdrawn']);
    expect(transitionProblem('rejected', 'approved')).toMatch(/final/);
  });

  it('moves a verified request to drifted and back, and nowhere else', () => {
    expect(transitionProblem('verified', 'drifted')).toBeUndefined();
    expect(transitionProblem('drifted', 'verified')).toBeUndefined();
    expect(transitionProblem('verified', 'failed')).toBeDefined();
    expect(transitionProblem('drifted', 'withdrawn')).toBeDefined();
    // A drifted request needs attention; a verified one does not.
    expect(isOpenRequestState('drifted')).toBe(true);
  });

  it('names the same state as a no-op problem', () => {
    expect(transitionProblem('approved', 'approved')).toMatch(/already approved/);
  });

  it('covers every state', () => {
    expect(Object.keys(REQUEST_TRANSITIONS).sort()).toEqual([...ROLE_REQUEST_STATES].sort());
  });

  it('lets a verified or drifted request be superseded by its repair, and nothing after that', () => {
    expect(transitionProblem('verified', 'superseded')).toBeUndefined();
    expect(transitionProblem('drifted', 'superseded')).toBeUndefined();
    expect(transitionProblem('live', 'superseded')).toMatch(/not superseded/);
    expect(transitionProblem('superseded', 'verified')).toMatch(/final/);
    expect(transitionProblem('superseded', 'drifted')).toMatch(/final/);
  });
});
