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
