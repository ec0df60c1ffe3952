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
import { ConflictError } from '@backstage/errors';
import {
  IacFormat,
  IdentityRequest,
  MigrationRequestPlan,
  RolePlan,
  RoleRequest,
  RoleRequestDelivery,
  RoleRequestRisk,
  RoleRequestState,
  RoleRequestVerification,
  transitionProblem,
} from '@internal/plugin-aws-identity-common';

/**
 * What the store needs to record a new request.

 */
interface NewRequestCommon {
  idempotencyKey: string;
  /** Hash of the normalised input; a reused key with another hash is a conflict. */
  payloadHash: string;
  requestedBy: string;
  submittedBy: string;
  format?: IacFormat;
  repoUrl?: string;
}

/**
 * A request to record: a role request with its plan, or a migration request with its plan.
 *
 * @public
 */
export type NewRoleRequest = NewRequestCommon &
  (
    | { kind?: 'role'; plan: RolePlan; succeeds?: RoleRequest['succeeds'] }
    | { kind: 'migration'; plan: MigrationRequestPlan }
  );

/**
 * Filters of {@link RequestStore.list}.
 *
 * @public
 */
export interface RoleRequestFilter {
  entityRef?: string;
  /** Any of these entities (with `entityRef`, both must hold). */
  entityRefs?: readonly string[];
  state?: RoleRequestState;
  /** Any of these states (with `state`, both must hold). */
  states?: readonly RoleRequestState[];
  /** Any of these plan risks. */
  risks?: readonly RoleRequestRisk[];
  /** None of these entities (the ones the caller may not see in the catalog). */
  excludeEntityRefs?: readonly string[];
  /** Only the requests that repair this (drifted) request. */
  succeeds?: string;
}

/**
 * The fields of a request its team is decided from: the entity (whose catalog owner wins), the
 * declared owner, and the requester.
 *
 * @public
 */
export type RoleRequestTeamSource = Pick<IdentityRequest, 'entityRef' | 'owner' | 'requestedBy'>;

/**
 * A page of {@link RequestStore.list}: `limit` requests after skipping `offset`, newest first.
 *
 * @public
 */
export interface RoleRequestPage {
  limit: number;
  offset: number;
}

/**
 * Where {@link RequestStore.listAfter} continues: after this request, oldest first.
 *
 * @public
 */
export interface RoleRequestCursor {
  createdAt: string;
  id: string;
}

/**
 * Persistence of role requests and their transitions.
 *
 * @public
 */
export interface RequestStore {
  /**
   * Records a request in state `submitted` with its first transition.
   * Idempotent by key: returns the existing request (`created: false`) when
   * the key is known with the same payload hash; throws `ConflictError` when
   * it is known with another.
   */
  create(request: NewRoleRequest): Promise<{ request: IdentityRequest; created: boolean }>;
  get(id: string): Promise<IdentityRequest | undefined>;
  /** Requests matching the filter, newest first: every one, or one page of them. */
  list(filter: RoleRequestFilter, page?: RoleRequestPage): Promise<IdentityRequest[]>;
  /** How many requests match the filter. */
  count(filter: RoleRequestFilter): Promise<number>;
  /**
   * What the teams of the requests matching the filter are decided from (`requestTeam`): the
   * distinct entity, declared owner and requester, without reading plans.
   */
  teamSources(filter: RoleRequestFilter): Promise<RoleRequestTeamSource[]>;
  /**
   * Up to `limit` requests matching the filter, oldest first, after `cursor`. Stable while
   * requests change state, so a pass that moves what it reads still sees every request once.
   */
  listAfter(filter: RoleRequestFilter, cursor: RoleRequestCursor | undefined, limit: number): Promise<IdentityRequest[]>;

  /**
   * Moves a request from `from` to `to` atomically: exactly one of several concurrent callers
   * succeeds; the others get a ConflictError naming the state the request is in.
   */
  transition(change: RequestTransition): Promise<IdentityRequest>;
  /** Records the tracker's latest comparison without changing the state. */
  setVerification(id: string, verification: RoleRequestVerification): Promise<void>;
  /**
   * Records where a migration request's follow-up change was delivered; false (and nothing
   * changed) when one was recorded before.
   */
  setFollowUp(id: string, followUp: RoleRequestDelivery): Promise<boolean>;
}

/**
 * One state change of a request.
 *
 * @public
 */
export interface RequestTransition {
  id: string;
  from: RoleRequestState;
  to: RoleRequestState;
  /** Entity ref of the user, or the plugin acting on its own (`plugin:aws-identity`). */
  actor: string;
  reason?: string;
  delivery?: RoleRequestDelivery;
  verification?: RoleRequestVerification;
}

/**
 * The error of a transition the lifecycle does not allow from the state the request is in
 * (HTTP 409), with the lifecycle's reason; `fallback` when the lifecycle allows it (another
 * caller moved the request first).
 *
 * @public
 */
export function transitionConflict(
  id: string,
  from: RoleRequestState,
  to: RoleRequestState,
  fallback?: string,
): ConflictError {
  return new ConflictError(`Cannot move request ${id} to ${to}: ${transitionProblem(from, to) ?? fallback}`);
}
