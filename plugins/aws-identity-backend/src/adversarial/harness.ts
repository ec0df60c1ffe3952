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

/* eslint-disable @backstage/no-undeclared-imports -- test-only helper shared by the adversarial suites */
/*
 * The shared harness of the adversarial suites (`*.adversarial.test.ts`): the real aws-identity
 * plugin on a test backend — its real routes, request service, database store and git delivery
 * to a local bare repository — with sources faked at the extension points only, and the helpers
 * every refused attempt is checked with: the status, a reason that names the field, and no trace
 * (nothing stored, delivered or pushed).
 *
 * Other branches copy this file unchanged; its exported API only grows.
 */
import {
  BackstageCredentials,
  coreServices,
  createBackendModule,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  awsIdentityRequestApprovePermission,
  RoleRequest,
  RoleRequestDraft,
  RoleRequestState,
} from '@internal/plugin-aws-identity-common';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { awsIdentityPlugin } from '../plugin';
import { DatabaseRequestStore } from '../requests/DatabaseRequestStore';
import { RequestStore } from '../requests/RequestStore';
import { validRequest } from '../requests/__fixtures__';
import { createBareRemote } from '../testing/bareRemote';
import { FakeAwsSource, FakeClusterSource, fakeSourcesModule, irsaAnnotation } from '../testing/fakeSources';

/** Where the plugin is mounted on the test backend. */
export const API = '/api/aws-identity';

/** The OIDC issuer configured for the harness's `sandbox-east` cluster. */
export const EAST_ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST0000000000000000000000000000';

/**
 * The people of the harness. The permission policy lets everyone create and read requests;
 * only approvers may decide (`aws-identity.request.approve`).
 */
export const USERS = {
  /** May request and read, not approve. */
  requester: 'user:default/requester',
  /** Another requester, for "only the requester withdraws". */
  colleague: 'user:default/colleague',
  /** May approve (not their own requests: four eyes). */
  approver: 'user:default/approver',
  /** A second approver, for concurrent decisions. */
  secondApprover: 'user:default/second-approver',
} as const;

/**
 * The component migration requests are about: its workloads run in `sandbox-east` as
 * `orders/api` (IRSA-annotated, its role not in the inventory) and `orders/web` (no annotation).
 */
export const MIGRATION_ENTITY_REF = 'component:default/orders';
const MIGRATION_ENTITY = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'orders' } },
  spec: { type: 'service', owner: 'group:default/app-team', lifecycle: 'production' },
};
const MIGRATION_CLUSTER = {
  name: 'sandbox-east',
  accountId: '111111111111',
  region: 'us-east-1',
  serviceAccounts: [
    {
      namespace: 'orders',
      name: 'api',
      labels: { 'backstage.io/kubernetes-id': 'orders' },
      annotations: irsaAnnotation('arn:aws:iam::111111111111:role/orders-api'),
    },
    { namespace: 'orders', name: 'web', labels: { 'backstage.io/kubernetes-id': 'orders' } },
  ],
};

/** Entity refs of {@link USERS} allowed `aws-identity.request.approve`. */
const APPROVERS: readonly string[] = [USERS.approver, USERS.secondApprover];

/** The `Authorization` header of a signed-in user of the mock auth. */
export function asUser(userEntityRef: string): string {
  return mockCredentials.user.header(userEntityRef);
}

/** The `Authorization` header of the scaffolder calling with its own service credentials. */
export function asScaffolder(): string {
  return mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('plugin:scaffolder'),
    targetPluginId: 'aws-identity',
  });
}

/**
 * The `Authorization` header of the scaffolder acting on behalf of `userEntityRef` (the user
 * principal with the scaffolder as its `actor`, as the on-behalf-of token of the new backend
 * system presents it).
 */
export function asScaffolderFor(userEntityRef: string): string {
  return `Bearer ${mockCredentials.user.token(userEntityRef, { actor: { subject: 'plugin:scaffolder' } })}`;
}

/** The databases the adversarial suites run on: SQLite always, PostgreSQL when scripts/postgres.sh exported one. */
export function adversarialDatabaseIds(): TestDatabaseId[] {
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) ids.push('POSTGRES_15');
  if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES17_CONNECTION_STRING) ids.push('POSTGRES_17');
  return ids;
}

/**
 * The test databases of a suite file. Create once per file at module level (TestDatabases
 * registers its own `afterAll`); never from Docker.
 */
export function adversarialDatabases(): TestDatabases {
  return TestDatabases.create({ ids: adversarialDatabaseIds(), disableDocker: true });
}

/**
 * Declares `suite` once per adversarial database (`describe.each`; `%s` in `title` names the
 * database); the databases themselves are created here, once per suite file, as TestDatabases
 * requires. `useBackend()`, called in a describe block, starts a fresh backend on that database
 * before the block's tests and stops it after them; the object it returns is the backend by the
 * time the first test runs.
 */
export function describeOnEachDatabase(
  title: string,
  suite: (useBackend: () => AdversarialBackend) => void,
): void {
  const databases = adversarialDatabases();
  // The title is each suite file's own literal, passed through.
  // eslint-disable-next-line jest/valid-title
  describe.each(adversarialDatabaseIds())(title, databaseId => {
    suite(() => {
      const backend = {} as AdversarialBackend;
      beforeAll(async () => {
        Object.assign(backend, await startAdversarialBackend(databases, databaseId));
      });
      afterAll(() => backend.stop?.());
      return backend;
    });
  });
}

/** A permission policy by person: approvers may approve, everyone may do everything else. */
function permissionsByUser(): PermissionsService {
  const decide = (name: string, credentials?: BackstageCredentials) => {
    if (name !== awsIdentityRequestApprovePermission.name) return AuthorizeResult.ALLOW;
    const principal = credentials?.principal as { type?: string; userEntityRef?: string } | undefined;
    return principal?.type === 'user' && APPROVERS.includes(principal.userEntityRef ?? '')
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  };
  return {
    authorize: async (requests, options) =>
      requests.map(r => ({ result: decide(r.permission.name, options?.credentials) })) as any,
    authorizeConditional: async (requests, options) =>
      requests.map(r => ({ result: decide(r.permission.name, options?.credentials) })) as any,
  } as PermissionsService;
}

/** A running backend under attack, and what a test needs to check that an attempt left no trace. */
export interface AdversarialBackend {
  /** The test backend's HTTP server; requests go to `${API}/…`. */
  server: Server;
  /** The database it runs on. */
  databaseId: TestDatabaseId;
  /** The plugin's request store, on the plugin's own database (read it, don't write). */
  store: RequestStore;
  /** Path of the bare git repository delivery pushes to. */
  remote: string;
  /** `POST ${API}${path}` as `user` (default {@link USERS.requester}). */
  post(path: string, body?: unknown, user?: string): request.Test;
  /** `GET ${API}${path}` as `user` (default {@link USERS.requester}). */
  get(path: string, user?: string): request.Test;
  /** Submits `draft` (default the valid request) as `user`; fails the test unless it is created. */
  submit(options?: { draft?: RoleRequestDraft; user?: string; idempotencyKey?: string }): Promise<RoleRequest>;
  /** Branches on the remote other than `main`. */
  pushedBranches(): string[];
  /** The full message of the newest commit on `branch` of the remote. */
  commitMessage(branch: string): string;
  /** Waits (at most 30 s) until the stored request is in `state`, and returns it. */
  waitForState(id: string, state: RoleRequestState): Promise<RoleRequest>;
  /**
   * Moves a stored request along `path` through the store's own atomic transitions, as the
   * workflow's passes do (actor `plugin:aws-identity`), for the states the harness's faked
   * sources cannot reach by themselves: a merged change, a live and verified role, a failure.
   * Only transitions the lifecycle allows are possible.
   */
  moveAlong(id: string, path: RoleRequestState[]): Promise<RoleRequest>;
  /** Fails unless the store holds no request at all. */
  expectNothingStored(): Promise<void>;
  /** Fails unless the store holds exactly `count` requests (what an earlier step created). */
  expectStoredCount(count: number): Promise<void>;
  /** Fails unless no request was ever delivered (none left `submitted`/`approved` towards a change). */
  expectNothingDelivered(): Promise<void>;
  /** Fails unless the remote has no branch but `main`. */
  expectNothingPushed(): void;
  /** Stops the backend and removes the remote. */
  stop(): Promise<void>;
}

/**
 * Starts the real plugin on `databaseId` (from {@link adversarialDatabases}): config with the
 * accounts 111111111111 and 222222222222, the EKS clusters `sandbox-east` (issuer
 * {@link EAST_ISSUER}) and `sandbox-west`, git delivery to a fresh bare repository, the
 * permission policy of {@link USERS}. The workflow's own pass runs at startup and after each
 * approval, as in production.
 */
export async function startAdversarialBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<AdversarialBackend> {
  const root = mkdtempSync(join(tmpdir(), 'aws-identity-adversarial-'));
  const remote = createBareRemote(root);
  const knex = await databases.init(databaseId);
  let store: RequestStore | undefined;
  const storeProbe = createBackendModule({
    pluginId: 'aws-identity',
    moduleId: 'adversarial-store-probe',
    register(env) {
      env.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          store = await DatabaseRequestStore.create({ database });
        },
      });
    },
  });
  const config = {
    aws: { accounts: [{ accountId: '111111111111' }, { accountId: '222222222222' }] },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'sandbox-east',
              url: 'https://127.0.0.1:1',
              authProvider: 'aws',
              authMetadata: {
                'kubernetes.io/x-k8s-aws-id': 'sandbox-east',
                'aws-identity.io/account-id': '111111111111',
                'aws-identity.io/region': 'us-east-1',
              },
            },
            {
              name: 'sandbox-west',
              url: 'https://127.0.0.1:2',
              authProvider: 'aws',
              authMetadata: {
                'kubernetes.io/x-k8s-aws-id': 'sandbox-west',
                'aws-identity.io/account-id': '222222222222',
                'aws-identity.io/region': 'eu-west-1',
              },
            },
          ],
        },
      ],
    },
    awsIdentity: {
      clusters: [{ name: 'sandbox-east', issuer: EAST_ISSUER }],
      delivery: { type: 'git', remote, baseBranch: 'main' },
    },
  };
  const testBackend = await startTestBackend({
    features: [
      awsIdentityPlugin,
      fakeSourcesModule({
        aws: new FakeAwsSource(['111111111111', '222222222222']),
        clusters: new FakeClusterSource([MIGRATION_CLUSTER]),
      }),
      storeProbe,
      catalogServiceMock.factory({ entities: [MIGRATION_ENTITY] }),
      mockServices.rootConfig.factory({ data: config }),
      mockServices.database.factory({ knex }),
      // As in production: a call without a token is nobody (the mock's default would be a user).
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      createServiceFactory({ service: coreServices.permissions, deps: {}, factory: () => permissionsByUser() }),
    ],
  });
  const server = testBackend.server;
  const backend: AdversarialBackend = {
    server,
    databaseId,
    store: store!,
    remote,
    post: (path, body, user = USERS.requester) => {
      const call = request(server).post(`${API}${path}`).set('Authorization', asUser(user));
      return body === undefined ? call : call.send(body as object);
    },
    get: (path, user = USERS.requester) => request(server).get(`${API}${path}`).set('Authorization', asUser(user)),
    async submit(options = {}) {
      const res = await backend.post(
        '/requests',
        {
          idempotencyKey: options.idempotencyKey ?? `adversarial-${Math.random().toString(36).slice(2)}`,
          request: options.draft ?? validRequest,
        },
        options.user,
      );
      if (res.status !== 201) {
        throw new Error(`submitting the request failed: ${res.status} ${JSON.stringify(res.body)}`);
      }
      return res.body.request as RoleRequest;
    },
    pushedBranches() {
      return execFileSync('git', ['--git-dir', remote, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/'])
        .toString()
        .split('\n')
        .map(b => b.trim())
        .filter(b => b !== '' && b !== 'main');
    },
    commitMessage(branch) {
      return execFileSync('git', ['--git-dir', remote, 'log', '-1', '--format=%B', `refs/heads/${branch}`]).toString();
    },
    async waitForState(id, state) {
      const until = Date.now() + 30_000;
      for (;;) {
        const current = await backend.store.get(id);
        // The harness submits role requests only.
        if (current?.state === state) return current as RoleRequest;
        if (Date.now() > until) throw new Error(`request ${id} is ${current?.state}, not ${state}, after 30 s`);
        await new Promise(r => setTimeout(r, 200));
      }
    },
    async moveAlong(id, path) {
      let current = (await backend.store.get(id))!;
      for (const to of path) {
        current = await backend.store.transition({ id, from: current.state, to, actor: 'plugin:aws-identity', reason: `harness: ${to}` });
      }
      return current as RoleRequest;
    },
    async expectNothingStored() {
      expect(await backend.store.list({})).toEqual([]);
    },
    async expectStoredCount(count) {
      expect(await backend.store.list({})).toHaveLength(count);
    },
    async expectNothingDelivered() {
      const all = await backend.store.list({});
      expect(all.filter(r => r.delivery !== undefined).map(r => r.id)).toEqual([]);
      expect(
        all.filter(r => r.transitions.some(t => t.to === 'pr-open' || t.to === 'merged')).map(r => r.id),
      ).toEqual([]);
    },
    expectNothingPushed() {
      expect(backend.pushedBranches()).toEqual([]);
    },
    async stop() {
      await testBackend.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return backend;
}

/** What a refused call answered: the response's status and error message. */
export interface Refusal {
  status: number;
  message: string;
}

/**
 * Fails unless `res` is a refusal with `status` whose reason names `field` (the field's name,
 * or its path like `request.access[0].resource`, appears in the error message). Returns the
 * message for further checks.
 */
export function expectRefused(res: { status: number; body?: any; text?: string }, status: number, field: string): string {
  const message: string = res.body?.error?.message ?? res.text ?? '';
  expect({ status: res.status, namesField: message.includes(field), message }).toEqual({
    status,
    namesField: true,
    message,
  });
  return message;
}
