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

// Test and benchmark helpers only: never exported from the package entry point, so they may
// use the devDependencies (test backend, sandbox, yaml).
/* eslint-disable @backstage/no-undeclared-imports */

import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { portalConfig, SandboxState } from '@internal/aws-identity-test';
import { SourceStatus } from '@internal/plugin-aws-identity-common';
import { readFileSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { awsIdentityPlugin } from '../plugin';
import { AWS_IDENTITY_TASKS } from '../service/AwsIdentityInitializer';

/**
 * The sandbox's portal configuration as a mutable plain object (see `portalConfig`), so a test
 * can break one account or cluster before starting a backend with it.
 *
 * @public
 */
export type SandboxPortalConfig = ReturnType<typeof portalConfig>;

/**
 * One configured cluster of {@link SandboxPortalConfig}.
 *
 * @public
 */
export interface SandboxClusterConfig {
  name: string;
  url: string;
  authProvider: string;
  serviceAccountToken?: string;
  caFile?: string;
  authMetadata?: Record<string, string | undefined>;
}

/** The plugin's scheduled IAM/EKS sync. */
const AWS_SYNC_TASK = AWS_IDENTITY_TASKS.awsSync;

type RootConfigData = NonNullable<
  NonNullable<Parameters<typeof mockServices.rootConfig.factory>[0]>['data']
>;

/**
 * The sandbox's catalog files, following `Location` entities as the catalog would.
 *
 * @public
 */
export function catalogEntities(files: string[]): Entity[] {
  return files.flatMap(file => {
    const entities = parseAllDocuments(readFileSync(file, 'utf8'))
      .map(doc => doc.toJS() as Entity)
      .filter(entity => entity?.kind);
    return entities.flatMap(entity => {
      if (entity.kind !== 'Location') return [entity];
      const spec = entity.spec as { target?: string; targets?: string[] };
      const targets = [
        ...(spec.targets ?? []),
        ...(spec.target ? [spec.target] : []),
      ];
      return catalogEntities(
        targets.map(target => resolve(dirname(file), target)),
      );
    });
  });
}

/**
 * A backend started against the sandbox.
 *
 * @public
 */
export interface SandboxBackend {
  /** The HTTP server, for supertest. */
  server: Server;
  /** `http://127.0.0.1:<port>` of the server. */
  baseUrl: string;
  /** Runs one scheduled IAM/EKS sync now and waits for it (the test scheduler never fires). */
  syncAws(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the aws-identity plugin in a test backend configured for the sandbox, with the
 * sandbox's catalog (or the given entities) behind a mock catalog service.
 *
 * @public
 */
export async function startSandboxBackend(options: {
  state: SandboxState;
  /** Edits the portal configuration before the backend starts. */
  configure?: (config: SandboxPortalConfig) => void;
  /** Extra `awsIdentity` settings merged over the sandbox's. */
  awsIdentity?: Record<string, string | number | boolean | string[]>;
  /** Catalog entities; the sandbox's catalog files by default. */
  entities?: Entity[];
}): Promise<SandboxBackend> {
  const config = structuredClone(portalConfig(options.state));
  options.configure?.(config);
  const data = {
    ...config,
    awsIdentity: { ...config.awsIdentity, ...options.awsIdentity },
  } as unknown as RootConfigData;
  // The test scheduler never fires on its own; keep a handle to trigger the sync.
  let scheduler: SchedulerService | undefined;
  const backend = await startTestBackend({
    features: [
      awsIdentityPlugin,
      createServiceFactory({
        service: coreServices.scheduler,
        deps: { lifecycle: coreServices.lifecycle },
        factory: ({ lifecycle }) => {
          const created = mockServices.scheduler();
          scheduler ??= created;
          // As the real scheduler would: the first IAM/EKS sync starts with the backend, and
          // startup does not wait for it.
          lifecycle.addStartupHook(() => {
            void created.triggerTask(AWS_SYNC_TASK).catch(() => {});
          });
          return created;
        },
      }),
      mockServices.rootConfig.factory({ data }),
      catalogServiceMock.factory({
        entities:
          options.entities ?? catalogEntities(options.state.catalogFiles),
      }),
    ],
  });
  const server = backend.server as unknown as Server;
  return {
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    syncAws: () => scheduler!.triggerTask(AWS_SYNC_TASK),
    stop: () => backend.stop(),
  };
}

/**
 * Polls `read` until `ready` holds or `timeoutMs` passes, then returns the last value (the
 * caller's assertions then show what was last seen).
 *
 * @public
 */
export async function eventually<T>(
  read: () => Promise<T>,
  ready: (value: T) => boolean,
  timeoutMs = 60_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ready(value) || Date.now() > deadline) return value;
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

/**
 * The status of one source in a `/sources` or `/identity` answer.
 *
 * @public
 */
export function sourceOf(
  sources: SourceStatus[] | undefined,
  key: { accountId: string } | { cluster: string },
): SourceStatus | undefined {
  return (sources ?? []).find(s =>
    'accountId' in key
      ? s.source.kind === 'aws-account' && s.source.accountId === key.accountId
      : s.source.kind === 'cluster' && s.source.cluster === key.cluster,
  );
}
