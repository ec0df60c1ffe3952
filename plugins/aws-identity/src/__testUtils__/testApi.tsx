import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityIdentityResponse } from '@internal/plugin-aws-identity-common';
import { AwsIdentityApi, awsIdentityApiRef, PendingRoleRequest } from '../api';

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

/** A mock API answering with a fixed response or error. */
export function mockApi(
  answer: EntityIdentityResponse | Error | Promise<never>,
  requests: PendingRoleRequest[] = [],
): jest.Mocked<AwsIdentityApi> {
  return {
    getEntityIdentity: jest.fn(async (_entityRef: string) => {
      if (answer instanceof Promise) return answer;
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    getSources: jest.fn(async () => ({ sources: [] })),
    getPendingRequests: jest.fn(async (_entityRef: string) => requests),
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
