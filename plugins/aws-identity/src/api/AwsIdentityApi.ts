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
  SourcesResponse,
} from '@internal/plugin-aws-identity-common';

/**
 * A role request for an entity, as the request workflow will report it.
 *
 * @remarks
 * Provisional: the backend does not serve requests yet (issue 8). The shape
 * follows the request lifecycle in the architecture notes and will be
 * replaced by the type in `-common` once it exists.
 *
 * @public
 */
export interface PendingRoleRequest {
  id: string;
  /** Human title, e.g. "S3 read access for reports". */
  title: string;
  /** Lifecycle state, e.g. `submitted`, `approved`, `pr-open`, `merged`, `verified`. */
  status: string;
  /** Pull request carrying the infrastructure change, when one is open. */
  pullRequestUrl?: string;
  /** RFC 3339 time of submission. */
  createdAt?: string;
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
  /**
   * Open role requests for an entity. Resolves to `[]` until the backend
   * serves `GET /requests?entityRef=` (issue 8).
   */
  getPendingRequests(entityRef: string): Promise<PendingRoleRequest[]>;
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
