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

import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  CreateRoleRequestResponse,
  DriftRepair,
  IdentityRequest,
  MigrationRequestInput,
  EntityIdentityResponse,
  LiveProofResult,
  LiveProofTarget,
  LiveRoleResponse,
  RoleRequest,
} from '@internal/plugin-aws-identity-common';
import { AwsIdentityApi, awsIdentityApiRef } from '../api/AwsIdentityApi';

/** A component entity with the given annotations. */
export function entityWith(
  name: string,
  annotations: Record<string, string> = { 'backstage.io/kubernetes-id': name },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', owner: 'guests', lifecycle: 'experimental' },
  };
}

/**
 * A mock API answering with a fixed response or error. The live role of a
 * request is `absent` unless `liveRole` says otherwise.
 */
export function mockApi(
  answer: EntityIdentityResponse | Error | Promise<never>,
  requests: IdentityRequest[] = [],
  liveRole?: LiveRoleResponse | Error,
): jest.Mocked<AwsIdentityApi> {
  return {
    getEntityIdentity: jest.fn(async (_entityRef: string) => {
      if (answer instanceof Promise) return answer;
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    getSources: jest.fn(async () => ({ sources: [] })),
    listRoles: jest.fn(async () => ({ items: [], totalCount: 0, limit: 50, offset: 0, accounts: [] })),
    exportRolesCsv: jest.fn(async () => ''),
    getPendingRequests: jest.fn(async (_entityRef: string) => requests),
    // As the backend answers: the requests with the team it decided, and those teams as facets.
    listRequests: jest.fn(async () => ({
      items: requests,
      facets: {
        teams: [
          ...new Set(requests.flatMap(r => (r.team ? [r.team] : []))),
        ].sort(),
      },
    })),
    getRequest: jest.fn(async (id: string) => {
      const found = requests.find(r => r.id === id);
      if (!found) throw new Error(`no request ${id}`);
      return found;
    }),
    getLiveRole: jest.fn(async (id: string) => {
      if (liveRole instanceof Error) throw liveRole;
      return (
        liveRole ?? {
          roleArn: ((r?: IdentityRequest) => (r && r.kind !== 'migration' ? r.plan.roleArn : ''))(requests.find(r => r.id === id)),
          status: 'absent' as const,
          asOf: new Date().toISOString(),
        }
      );
    }),
    approveRequest: jest.fn(async (id: string, _comment?: string) => ({
      ...requests.find(r => r.id === id)!,
      state: 'approved' as const,
    })),
    rejectRequest: jest.fn(async (id: string, _reason: string) => ({
      ...requests.find(r => r.id === id)!,
      state: 'rejected' as const,
    })),
    withdrawRequest: jest.fn(async (id: string, _reason?: string) => ({
      ...requests.find(r => r.id === id)!,
      state: 'withdrawn' as const,
    })),
    proveLive: jest.fn(async (_request: LiveProofTarget & { entityRef: string }): Promise<LiveProofResult> => {
      throw new Error('live proof is not enabled (awsIdentity.liveProof.enabled)');
    }),
    removeMigrationAnnotation: jest.fn(async (id: string) => {
      const found = requests.find(r => r.id === id)!;
      return { ...found, annotationRemoval: undefined, followUp: { kind: 'git-branch' as const, branch: `aws-identity/request-${id}-remove-annotation`, url: `file:///remote#aws-identity/request-${id}-remove-annotation` } } as IdentityRequest;
    }),
    repairDriftedRequest: jest.fn(async (id: string, repair: DriftRepair): Promise<CreateRoleRequestResponse> => {
      const found = requests.find(r => r.id === id)!;
      return {
        created: true,
        request: { ...found, id: `${id}-${repair}`, state: 'submitted', succeeds: { requestId: id, repair } } as IdentityRequest,
      };
    }),
    requestMigration: jest.fn(async (_input: MigrationRequestInput): Promise<CreateRoleRequestResponse> => {
      throw new Error('requestMigration is not answered by this mock');
    }),
    listRequestTargets: jest.fn(async () => []),
  };
}

/** A `ResponseError` as `ResponseError.fromResponse` builds it for a backend error. */
export async function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: status === 403 ? 'NotAllowedError' : 'Error', message },
        request: { method: 'GET', url: '/identity' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: 'x',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/** Renders an element inside an entity page with the mock API. */
export function renderWithEntity(
  element: JSX.Element,
  entity: Entity,
  api: AwsIdentityApi,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    {
      apis: [[awsIdentityApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/**
 * Renders an element on the page of the component `response` is about (its
 * `backstage.io/kubernetes-id` is its name, as in the sandbox), the mock API answering with
 * `response` and `requests`.
 */
export function renderForResponse(
  element: JSX.Element,
  response: EntityIdentityResponse,
  requests: RoleRequest[] = [],
) {
  const api = mockApi(response, requests);
  renderWithEntity(
    element,
    entityWith(parseEntityRef(response.entityRef).name),
    api,
  );
  return api;
}
