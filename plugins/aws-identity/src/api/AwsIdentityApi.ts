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

import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  EntityIdentityResponse,
  LiveProofResult,
  LiveProofTarget,
  LiveRoleResponse,
  CreateRoleRequestResponse,
  DriftRepair,
  IdentityRequest,
  MigrationRequestInput,
  RoleRequestFacets,
  RoleRequestRisk,
  RoleListFilter,
  RoleListResponse,
  RoleRequestState,
  RoleRequestTarget,
  SourcesResponse,
} from '@internal/plugin-aws-identity-common';

/**
 * Filters and page of {@link AwsIdentityApi.listRoles}: the backend filters, orders and pages.
 *
 * @public
 */
export interface ListRolesOptions extends RoleListFilter {
  limit?: number;
  offset?: number;
}

/**
 * Filters of {@link AwsIdentityApi.listRequests}.
 *
 * @public
 */
export interface ListRoleRequestsOptions {
  /** Only requests in this state, or in any of these states. */
  state?: RoleRequestState | readonly RoleRequestState[];
  /** Only requests whose plan has this risk. */
  risk?: RoleRequestRisk;
  /** Only requests for this entity, e.g. `component:default/payments`. */
  entityRef?: string;
  /**
   * Only requests listed under this team (one of the `facets.teams` the backend answered):
   * the backend decides each request's team, and matches by the same rule.
   */
  team?: string;
}

/**
 * Answer of {@link AwsIdentityApi.listRequests}: every matching request, and the values the
 * list can be narrowed by next, both as the backend decided them for the signed-in user.
 *
 * @public
 */
export interface RoleRequestList {
  /** Every matching request, newest first; each carries its `team`. */
  items: IdentityRequest[];
  /** The teams of the requests matching the other filters (the `team` filter aside). */
  facets: RoleRequestFacets;
}

/**
 * Client of the aws-identity backend.
 *
 * @public
 */
export interface AwsIdentityApi {
  /** The AWS identity of an entity's workloads: one report per service account. */
  getEntityIdentity(entityRef: string): Promise<EntityIdentityResponse>;
  /** Health of every AWS account and cluster source. */
  getSources(): Promise<SourcesResponse>;
  /** One page of the roles view (every role of every read account), filtered by the backend. */
  listRoles(options?: ListRolesOptions): Promise<RoleListResponse>;
  /** Every role matching the filters as CSV, as the backend exports it. */
  exportRolesCsv(filter?: RoleListFilter): Promise<string>;
  /** Open role requests of an entity (states that can still change). */
  getPendingRequests(entityRef: string): Promise<IdentityRequest[]>;
  /** Role requests, optionally filtered by state, risk, entity and team, with the teams to filter by. */
  listRequests(options?: ListRoleRequestsOptions): Promise<RoleRequestList>;
  /**
   * One role request, with what the signed-in user may do to it now
   * (`actions`, decided by the backend; absent from an older backend).
   */
  getRequest(id: string): Promise<IdentityRequest>;
  /**
   * The request's role as the latest inventory shows it, compared with the
   * plan; `unknown` (never `absent`) when its account could not be read.
   */
  getLiveRole(id: string): Promise<LiveRoleResponse>;
  /**
   * Approves a request. Offer it when the request's `actions` allow
   * `approve`; the backend refuses it otherwise (403 or 409, with the reason).
   */
  approveRequest(id: string, comment?: string): Promise<IdentityRequest>;
  /** Rejects a request (when `actions` allow `reject`); the reason is required. */
  rejectRequest(id: string, reason: string): Promise<IdentityRequest>;
  /** Withdraws a request (when `actions` allow `withdraw`). */
  withdrawRequest(id: string, reason?: string): Promise<IdentityRequest>;
  /**
   * Requests the IRSA → EKS Pod Identity migration of an entity's service accounts (all its
   * IRSA-bound ones when none are named). The backend plans it from the live report and refuses
   * it (400 naming the field) when a service account is unknown, not IRSA-bound or not ready.
   */
  requestMigration(input: MigrationRequestInput): Promise<CreateRoleRequestResponse>;
  /**
   * Opens the follow-up change of a verified migration request (removing the IRSA annotation).
   * Offer it when the request's `annotationRemoval` is present; the backend refuses it (409)
   * otherwise.
   */
  removeMigrationAnnotation(id: string): Promise<IdentityRequest>;
  /**
   * Asks for a repair of a drifted role request (`POST /requests/:id/restore|accept`): a new
   * request by the caller, decided like any other. Offer it when the request's `repairs` allow
   * it; the backend refuses it (403 or 409, with the reason) otherwise.
   */
  repairDriftedRequest(id: string, repair: DriftRepair): Promise<CreateRoleRequestResponse>;
  /**
   * Proves a service account's role live (`POST /live-proof`): the backend decides what can be
   * proved and answers with the result; rejects with the backend's error (403, 404 when live
   * proof is not enabled, 429 over a limit).
   */
  proveLive(request: LiveProofTarget & { entityRef: string }): Promise<LiveProofResult>;
  /**
   * The clusters the signed-in user may request roles for, with account, region and EKS Pod
   * Identity readiness, as the backend's request directory holds them (the cluster picker).
   */
  listRequestTargets(): Promise<RoleRequestTarget[]>;
}

/**
 * API reference for {@link AwsIdentityApi}.
 *
 * @public
 */
export const awsIdentityApiRef = createApiRef<AwsIdentityApi>().with({
  id: 'plugin.aws-identity.client',
  pluginId: 'aws-identity',
});
