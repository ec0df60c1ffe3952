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
import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CreateRoleRequestBody,
  CreateRoleRequestResponse,
  RoleRequestDirectory,
} from '@internal/plugin-aws-identity-common';

/**
 * The aws-identity backend as other backend plugins and modules call it.
 *
 * @public
 */
export interface AwsIdentityClient {
  /**
   * Records a role request (`POST /requests`). Idempotent by `body.idempotencyKey`: a known key
   * with the same input returns the recorded request (`created: false`). Throws a
   * `ResponseError` carrying the backend's error (400 naming the field, 403, 409, …).
   */
  createRequest(
    body: CreateRoleRequestBody,
    options: {
      /**
       * Whom the call acts for: the user's credentials (a scaffolder task's
       * `ctx.getInitiatorCredentials()`), so that the backend authorises that person and
       * records them as the requester. The backend refuses the scaffolder's own service
       * credentials, and a `requestedBy` that is not the user the call acts for.
       */
      credentials: BackstageCredentials;
    },
  ): Promise<CreateRoleRequestResponse>;

  /**
   * The accounts and clusters role requests may target, with each cluster's issuer as the
   * backend's planner takes it (configuration, else EKS) (`GET /request-directory`).
   */
  getRequestDirectory(options: { credentials: BackstageCredentials }): Promise<RoleRequestDirectory>;
}

/**
 * {@link AwsIdentityClient} over HTTP: finds the plugin through discovery and calls it with a
 * plugin-to-plugin token issued on behalf of the given credentials.
 *
 * @public
 */
export class DefaultAwsIdentityClient implements AwsIdentityClient {
  constructor(private readonly options: { discovery: DiscoveryService; auth: AuthService }) {}

  async createRequest(
    body: CreateRoleRequestBody,
    options: { credentials: BackstageCredentials },
  ): Promise<CreateRoleRequestResponse> {
    const baseUrl = await this.options.discovery.getBaseUrl('aws-identity');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'aws-identity',
    });
    const response = await fetch(`${baseUrl}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as CreateRoleRequestResponse;
  }

  async getRequestDirectory(options: { credentials: BackstageCredentials }): Promise<RoleRequestDirectory> {
    const baseUrl = await this.options.discovery.getBaseUrl('aws-identity');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'aws-identity',
    });
    const response = await fetch(`${baseUrl}/request-directory`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as RoleRequestDirectory;
  }
}

/**
 * The aws-identity backend client as a service, for backend modules:
 * `deps: { awsIdentity: awsIdentityClientServiceRef }`.
 *
 * @public
 */
export const awsIdentityClientServiceRef = createServiceRef<AwsIdentityClient>({
  id: 'aws-identity.client',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) => new DefaultAwsIdentityClient({ discovery, auth }),
    }),
});
