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

import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityIdentityResponse,
  isOpenRequestState,
  ListRoleRequestsResponse,
  LiveProofResult,
  LiveProofTarget,
  LiveRoleResponse,
  CreateMigrationRequestBody,
  CreateRoleRequestResponse,
  DriftRepair,
  IdentityRequest,
  MigrationRequestInput,
  RoleListFilter,
  RoleListResponse,
  RoleRequestFacets,
  RoleRequestTarget,
  RoleRequestTargetList,
  SourcesResponse,
} from '@internal/plugin-aws-identity-common';
import {
  AwsIdentityApi,
  ListRolesOptions,
  ListRoleRequestsOptions,
  RoleRequestList,
} from './AwsIdentityApi';

/**
 * Default {@link AwsIdentityApi}: calls the aws-identity backend through the
 * discovery and fetch APIs, so the user's Backstage token is attached.
 *
 * @public
 */
export class AwsIdentityClient implements AwsIdentityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityIdentity(entityRef: string): Promise<EntityIdentityResponse> {
    return this.get<EntityIdentityResponse>(
      `/identity?entityRef=${encodeURIComponent(entityRef)}`,
    );
  }

  async getSources(): Promise<SourcesResponse> {
    return this.get<SourcesResponse>('/sources');
  }

  async listRoles(options: ListRolesOptions = {}): Promise<RoleListResponse> {
    const query = roleListQuery(options);
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.offset !== undefined)
      query.set('offset', String(options.offset));
    const qs = query.toString();
    return this.get<RoleListResponse>(`/roles${qs ? `?${qs}` : ''}`);
  }

  async exportRolesCsv(filter: RoleListFilter = {}): Promise<string> {
    const query = roleListQuery(filter);
    query.set('format', 'csv');
    const baseUrl = await this.discoveryApi.getBaseUrl('aws-identity');
    const response = await this.fetchApi.fetch(`${baseUrl}/roles?${query}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  async getPendingRequests(entityRef: string): Promise<IdentityRequest[]> {
    const { items } = await this.listRequests({ entityRef });
    return items.filter(r => isOpenRequestState(r.state));
  }

  async listRequests(
    options: ListRoleRequestsOptions = {},
  ): Promise<RoleRequestList> {
    const query = new URLSearchParams();
    if (options.entityRef) query.set('entityRef', options.entityRef);
    const states =
      typeof options.state === 'string' ? [options.state] : options.state;
    if (states && states.length > 0) query.set('state', states.join(','));
    if (options.risk) query.set('risk', options.risk);
    if (options.team) query.set('team', options.team);
    // The backend pages (newest first); read pages until every match is here. The first call
    // takes the backend's default page, so an older backend without paging answers it whole.
    const items: IdentityRequest[] = [];
    // The facets are over every match, the same on each page: the first page's are kept. An
    // older backend answers none.
    let facets: RoleRequestFacets | undefined;
    for (;;) {
      const page = new URLSearchParams(query);
      if (items.length > 0) page.set('offset', String(items.length));
      const qs = page.toString();
      const body = await this.get<ListRoleRequestsResponse>(
        `/requests${qs ? `?${qs}` : ''}`,
      );
      items.push(...body.items);
      facets ??= body.facets ?? { teams: [] };
      const total = body.totalCount ?? items.length;
      if (body.items.length === 0 || items.length >= total)
        return { items, facets };
    }
  }

  async getRequest(id: string): Promise<IdentityRequest> {
    return this.get<IdentityRequest>(`/requests/${encodeURIComponent(id)}`);
  }

  async listRequestTargets(): Promise<RoleRequestTarget[]> {
    return (await this.get<RoleRequestTargetList>('/request-targets')).items;
  }

  async getLiveRole(id: string): Promise<LiveRoleResponse> {
    return this.get<LiveRoleResponse>(
      `/requests/${encodeURIComponent(id)}/live-role`,
    );
  }

  async approveRequest(id: string, comment?: string): Promise<IdentityRequest> {
    return this.post(id, 'approve', comment ? { comment } : {});
  }

  async rejectRequest(id: string, reason: string): Promise<IdentityRequest> {
    return this.post(id, 'reject', { reason });
  }

  async withdrawRequest(id: string, reason?: string): Promise<IdentityRequest> {
    return this.post(id, 'withdraw', reason ? { reason } : {});
  }

  async proveLive(request: LiveProofTarget & { entityRef: string }): Promise<LiveProofResult> {
    const baseUrl = await this.discoveryApi.getBaseUrl('aws-identity');
    const response = await this.fetchApi.fetch(`${baseUrl}/live-proof`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as LiveProofResult;
  }

  async requestMigration(input: MigrationRequestInput): Promise<CreateRoleRequestResponse> {
    const body: CreateMigrationRequestBody = {
      kind: 'migration',
      // One key per click: a retry of the same call is the same request, a new click a new one.
      idempotencyKey: `migration:${globalThis.crypto.randomUUID()}`,
      request: input,
    };
    const baseUrl = await this.discoveryApi.getBaseUrl('aws-identity');
    const response = await this.fetchApi.fetch(`${baseUrl}/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as CreateRoleRequestResponse;
  }

  async removeMigrationAnnotation(id: string): Promise<IdentityRequest> {
    return this.post(id, 'remove-annotation', {});
  }

  async repairDriftedRequest(id: string, repair: DriftRepair): Promise<CreateRoleRequestResponse> {
    return this.post(id, repair, {});
  }

  private async post<T = IdentityRequest>(
    id: string,
    action: 'approve' | 'reject' | 'withdraw' | 'remove-annotation' | DriftRepair,
    body: Record<string, string>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('aws-identity');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/requests/${encodeURIComponent(id)}/${action}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('aws-identity');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** The filters of `GET /roles` as query parameters. */
function roleListQuery(filter: RoleListFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.orphaned !== undefined)
    query.set('orphaned', String(filter.orphaned));
  if (filter.risky !== undefined) query.set('risky', String(filter.risky));
  if (filter.unusedDays !== undefined)
    query.set('unusedDays', String(filter.unusedDays));
  if (filter.accountIds && filter.accountIds.length > 0)
    query.set('account', filter.accountIds.join(','));
  if (filter.owner) query.set('owner', filter.owner);
  if (filter.text) query.set('q', filter.text);
  return query;
}
