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

// Test helpers only: never exported from the package entry point. The request workflow of the
// sandbox tests, with the real scheduler: submit, approve by another person, delivery to the
// bare remote, the sandbox pipeline, and the tracker's verification. They may use the
// devDependencies (test backend, sandbox, supertest).
/* eslint-disable @backstage/no-undeclared-imports */

import { BackendFeature } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  applyInfrastructure,
  portalConfig,
  SandboxState,
} from '@internal/aws-identity-test';
import {
  IdentityRequest,
  RoleRequest,
  RoleRequestInput,
} from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { awsIdentityPlugin } from '../plugin';
import { catalogEntities } from './sandboxBackend';

/** The server of a backend started by {@link startRequestFlowBackend}, for supertest. */
export type RequestFlowServer = Parameters<typeof request>[0];

/**
 * A backend with the plugin and the real scheduler, so the request workflow runs on its own as
 * in a portal, with a short poll and sync so that a role edited in IAM reaches the index (and
 * the tracker's re-check) within seconds. `features` are added (or override the defaults).
 */
export async function startRequestFlowBackend(
  state: SandboxState,
  options: { features?: BackendFeature[] } = {},
): Promise<{ server: RequestFlowServer; stop: () => Promise<void> }> {
  const base = portalConfig(state);
  const backend = await startTestBackend({
    features: [
      awsIdentityPlugin,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          ...base,
          awsIdentity: {
            ...base.awsIdentity,
            requests: { pollSeconds: 1 },
            syncIntervalSeconds: 2,
          },
        } as any,
      }),
      catalogServiceMock.factory({
        entities: catalogEntities(state.catalogFiles),
      }),
      ...(options.features ?? []),
    ],
  });
  return { server: backend.server, stop: () => backend.stop() };
}

/** The `Authorization` header of a signed-in catalog user. */
export const asUser = (user: string) => mockCredentials.user.header(user);

/**
 * Reads request `id` as `reader` until `done` holds or `timeoutMs` passes; returns the last
 * read either way, so the caller's assertion shows what the request was.
 */
export async function waitForRequest<T extends IdentityRequest = RoleRequest>(
  server: RequestFlowServer,
  id: string,
  done: (request: T) => boolean,
  options: { reader: string; timeoutMs?: number },
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    const response = await request(server)
      .get(`/api/aws-identity/requests/${id}`)
      .set('Authorization', asUser(options.reader));
    if (done(response.body) || Date.now() > deadline) return response.body;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/**
 * Takes an already submitted request through the rest of the workflow: approved by `approver`,
 * delivered to the bare remote, merged and applied by the sandbox pipeline, then seen live and
 * verified by the tracker. Returns each step's outcome for the caller to assert on.
 */
export async function approveAndApply(
  server: RequestFlowServer,
  state: SandboxState,
  id: string,
  people: { approver: string; reader: string },
) {
  const approved = await request(server)
    .post(`/api/aws-identity/requests/${id}/approve`)
    .set('Authorization', asUser(people.approver))
    .send({ comment: 'reviewed' });
  const delivered = await waitForRequest(
    server,
    id,
    r => r.state === 'pr-open',
    { reader: people.reader },
  );
  const pipeline = await applyInfrastructure(state, { merge: true });
  const verified = await waitForRequest(
    server,
    id,
    r => r.state === 'verified',
    { reader: people.reader },
  );
  return { approved, delivered, pipeline, verified };
}

/** Submits a role request as `requester` (terraform, one idempotency key per test). */
export function submitRoleRequest(
  server: RequestFlowServer,
  requester: string,
  body: {
    idempotencyKey: string;
    request: RoleRequestInput | Record<string, unknown>;
  },
) {
  return request(server)
    .post('/api/aws-identity/requests')
    .set('Authorization', asUser(requester))
    .send({ format: 'terraform', ...body });
}
