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
  SourcesResponse,
} from '@internal/plugin-aws-identity-common';
import { AwsIdentityApi, PendingRoleRequest } from './AwsIdentityApi';

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

  async getPendingRequests(_entityRef: string): Promise<PendingRoleRequest[]> {
    // Seam for issue 8: the backend has no `/requests?entityRef=` route yet.
    // Calling it would only produce a 404 in every browser console.
    return [];
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
