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

import { KindedRequest, requestRisk } from './requestKind';
import { RoleRequest } from '../api/requests';
import { REQUEST_TRANSITIONS } from './lifecycle';

/**
 * What a person can do to a role request.
 *
 * @public
 */
export type RequestAction = 'approve' | 'reject' | 'withdraw';

/**
 * The request actions, in the order a view offers them.
 *
 * @public
 */
export const REQUEST_ACTIONS: readonly RequestAction[] = [
  'approve',
  'reject',
  'withdraw',
];

/**
 * Who is acting: the entity ref of the person, and whether the permission framework lets
 * them decide on requests (`aws-identity.request.approve`).
 *
 * @public
 */
export interface RequestActor {
  ref: string;
  mayDecide: boolean;
}

/**
 * Why an action is not open to an actor. `permission`, `four-eyes`, `risk` and `not-requester`
 * are refusals (HTTP 403); `state` means the request is not in a state the action applies to
 * (HTTP 409).
 *
 * @public
 */
export interface RequestActionProblem {
  kind: 'permission' | 'four-eyes' | 'risk' | 'not-requester' | 'state';
  message: string;
}

/**
 * One action as offered to the current caller, with the reason when it is not open.
 *
 * @public
 */
export interface RequestActionOption {
  action: RequestAction;
  allowed: boolean;
  /** Why the action is not open; absent when it is. */
  reason?: string;
  /** The kind of refusal; absent when the action is open. */
  problem?: RequestActionProblem['kind'];
}

/**
 * What the request-action rules read of a request.
 *
 * @public
 */
export type DecidedRequest = Pick<
  RoleRequest,
  'state' | 'requestedBy' | 'submittedBy'
> & KindedRequest;

const TARGET: Record<RequestAction, RoleRequest['state']> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrawn',
};

/**
 * The one rule of who may do what to a request: decisions need the approve permission and are
 * never one's own (four eyes, against the person who asked and whoever submitted it for them),
 * a plan with a critical finding cannot be approved, and only the requester may withdraw.
 * Enforced by the backend's request service and shown by the frontend, from the same function.
 *
 * @public
 */
export function requestActionProblem(
  request: DecidedRequest,
  action: RequestAction,
  actor: RequestActor,
): RequestActionProblem | undefined {
  if (action === 'withdraw') {
    if (actor.ref !== request.requestedBy) {
      return {
        kind: 'not-requester',
        message: 'Only the requester can withdraw a role request',
      };
    }
  } else {
    if (!actor.mayDecide) {
      return {
        kind: 'permission',
        message: 'Missing permission aws-identity.request.approve',
      };
    }
    if (actor.ref === request.requestedBy || actor.ref === request.submittedBy) {
      return {
        kind: 'four-eyes',
        message:
          'You cannot decide on your own role request; another platform engineer must',
      };
    }
    if (action === 'approve' && requestRisk(request) === 'critical') {
      return {
        kind: 'risk',
        message:
          'A plan with critical findings cannot be approved; change the request',
      };
    }
  }
  return stateProblem(request, action);
}

/** The `state` refusal: the request's state has no transition the action leads to. */
function stateProblem(
  request: DecidedRequest,
  action: RequestAction,
): RequestActionProblem | undefined {
  if (!REQUEST_TRANSITIONS[request.state].includes(TARGET[action])) {
    return {
      kind: 'state',
      message: `the request is ${request.state}; it cannot be ${TARGET[action]}`,
    };
  }
  return undefined;
}

/**
 * Every action with whether the actor may take it now, for views that offer them. Whether an
 * action is allowed is exactly {@link requestActionProblem}'s answer; only the reason named
 * first differs: a view names the state first, because an action the request no longer takes
 * is closed whoever asks (a view hides it), while a person's refusal (permission, four eyes,
 * risk) is worth showing only while the request still takes the action.
 *
 * @public
 */
export function requestActionOptions(
  request: DecidedRequest,
  actor: RequestActor,
): RequestActionOption[] {
  return REQUEST_ACTIONS.map(action => {
    const problem =
      stateProblem(request, action) ?? requestActionProblem(request, action, actor);
    return problem
      ? { action, allowed: false, reason: problem.message, problem: problem.kind }
      : { action, allowed: true };
  });
}
