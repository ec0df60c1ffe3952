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
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { IdentityRequest, planRoleRequest, RoleRequest, RoleRequestDirectory, RoleRequestDraft } from '@internal/plugin-aws-identity-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { createRequestsRouter } from '../router/createRequestsRouter';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { RequestStore } from './RequestStore';
import { LiveIdentity, RequestService } from './RequestService';

/** Accounts and clusters of the sandbox topology, for request tests. */
export const testDirectory: RoleRequestDirectory = {
  accountIds: ['111111111111', '222222222222'],
  clusters: [
    {
      name: 'sandbox-east',
      accountId: '111111111111',
      region: 'us-east-1',
      eksClusterName: 'sandbox-east',
      issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST0000000000000000000000000000',
    },
    { name: 'sandbox-west', accountId: '222222222222', region: 'eu-west-1', eksClusterName: 'sandbox-west' },
  ],
};

/** A valid request body's `request`. */
export const validRequest: RoleRequestDraft = {
  entityRef: 'component:default/reports-api',
  roleName: 'reports-api-s3',
  clusters: ['sandbox-east'],
  namespace: 'reports',
  serviceAccount: 'reports-api',
  access: [{ resource: 'arn:aws:s3:::sandbox-reports', accessLevel: 'read-write' }],
};

/**
 * A stored request planned from `draft` (by default {@link validRequest}), approved, requested
 * and submitted by bob; `fields` replace any of it.
 */
export function plannedRequest(fields: Partial<RoleRequest> = {}, draft: RoleRequestDraft = validRequest): RoleRequest {
  const planned = planRoleRequest(draft, testDirectory);
  if (!planned.ok) throw new Error(planned.error);
  return {
    id: '00000000-0000-4000-8000-000000000001',
    idempotencyKey: 'k',
    state: 'approved',
    entityRef: planned.plan.input.entityRef,
    requestedBy: 'user:default/bob',
    submittedBy: 'user:default/bob',
    ...(planned.plan.input.owner ? { owner: planned.plan.input.owner } : {}),
    plan: planned.plan,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:05:00.000Z',
    transitions: [],
    ...fields,
  };
}

/** A planned request for {@link validRequest}, approved by alice with `comment` (if any). */
export function approvedRequest(comment: string | undefined): RoleRequest {
  return plannedRequest({
    transitions: [
      { from: null, to: 'submitted', actor: 'user:default/bob', at: '2026-12-01T10:00:00.000Z' },
      { from: 'submitted', to: 'approved', actor: 'user:default/alice', ...(comment ? { reason: comment } : {}), at: '2026-12-01T10:05:00.000Z' },
    ],
  });
}

/** An inventory that has read nothing: no roles, no clusters, no account statuses. */
export function emptyLiveIdentity(): LiveIdentity {
  return {
    role: () => undefined,
    clusters: () => [],
    accountStatus: () => undefined,
    refreshAccounts: async () => {},
    binding: () => ({ known: false }),
    entityReports: async () => undefined,
    serviceAccountReport: () => undefined,
  };
}

/**
 * A plugin serving only the request routes, over a real store on the test backend's database
 * and a request service targeting {@link testDirectory}.
 */
export function requestsTestPlugin(options: {
  onStore?: (store: RequestStore) => void;
  live?: LiveIdentity;
  onApproved?: (request: IdentityRequest) => void;
  /** What the service announces as changed (live updates). */
  onChanged?: (request: IdentityRequest) => void;
  /**
   * Visibility from the backend's catalog service (a test installs one); default an empty
   * catalog, in which nothing is hidden.
   */
  catalogService?: boolean;
}) {
  return createBackendPlugin({
    pluginId: 'aws-identity',
    register(env) {
      env.registerInit({
        deps: {
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          permissions: coreServices.permissions,
          logger: coreServices.logger,
          auditor: coreServices.auditor,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
        },
        async init({ database, httpRouter, httpAuth, permissions, logger, auditor, auth, catalog }) {
          const store = await DatabaseRequestStore.create({ database });
          options.onStore?.(store);
          const requests = new RequestService({
            store,
            directory: testDirectory,
            live: options.live ?? emptyLiveIdentity(),
            logger,
            onApproved: options.onApproved,
            onChanged: options.onChanged,
          });
          const visibility = new CatalogVisibility({
            catalog: options.catalogService ? catalog : catalogServiceMock(),
            auth,
          });
          httpRouter.use(await createRequestsRouter({ requests, httpAuth, permissions, auditor, visibility }));
        },
      });
    },
  });
}
