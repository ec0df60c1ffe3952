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

// Test helpers only: never exported from the package entry point, so they may use the
// devDependencies (supertest, the test backend's mock credentials).
/* eslint-disable @backstage/no-undeclared-imports */

import { mockCredentials } from '@backstage/backend-test-utils';
import { EntityIdentityResponse } from '@internal/plugin-aws-identity-common';
import { V1Pod } from '@kubernetes/client-node';
import { Server } from 'node:http';
import request from 'supertest';

/**
 * One service account of a seeded entity, as `GET /identity` reports it.
 *
 * @public
 */
export interface WatchedServiceAccount {
  entityRef: string;
  cluster: string;
  namespace: string;
  serviceAccount: string;
}

/**
 * A pod of `serviceAccount` with a static access key id in its env (AWS's documented example
 * id): each one raises the report's `pods.staticKeys` by one, so a test sees the pod arrive.
 *
 * @public
 */
export function staticKeyPod(name: string, serviceAccount: string): V1Pod {
  return {
    metadata: { name, labels: { app: 'watched' } },
    spec: {
      serviceAccountName: serviceAccount,
      containers: [
        {
          name: 'app',
          image: 'public.ecr.aws/docker/library/busybox:stable',
          env: [{ name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' }],
        },
      ],
    },
  };
}

/**
 * The `GET /identity` answer for the entity of `target`, and the number of its service
 * account's pods with static keys (undefined while the report lacks the service account).
 *
 * @public
 */
export async function readStaticKeyPods(
  server: Server,
  target: WatchedServiceAccount,
): Promise<{ body: EntityIdentityResponse; staticKeys: number | undefined }> {
  const response = await request(server)
    .get('/api/aws-identity/identity')
    .query({ entityRef: target.entityRef })
    .set('Authorization', mockCredentials.user.header());
  if (response.status !== 200) {
    throw new Error(
      `GET /identity for ${target.entityRef}: HTTP ${response.status} ${response.text}`,
    );
  }
  const body = response.body as EntityIdentityResponse;
  const report = body.serviceAccounts.find(
    r =>
      r.serviceAccount.cluster === target.cluster &&
      r.serviceAccount.namespace === target.namespace &&
      r.serviceAccount.name === target.serviceAccount,
  );
  return { body, staticKeys: report?.effectiveIdentity.pods?.staticKeys };
}
