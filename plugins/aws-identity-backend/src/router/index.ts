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
import express from 'express';
import Router from 'express-promise-router';
import { createIdentityRouter, IdentityRouterOptions } from './createIdentityRouter';
import { createLiveProofRouter, LiveProofRouterOptions } from './createLiveProofRouter';
import { createRequestsRouter, RequestsRouterOptions } from './createRequestsRouter';
import { createRolesRouter, RolesRouterOptions } from './createRolesRouter';

export { createIdentityRouter } from './createIdentityRouter';
export type { IdentityRouterOptions } from './createIdentityRouter';
export { createRequestsRouter } from './createRequestsRouter';
export type { RequestsRouterOptions } from './createRequestsRouter';
export { createLiveProofRouter } from './createLiveProofRouter';
export type { LiveProofRouterOptions } from './createLiveProofRouter';
export { createRolesRouter } from './createRolesRouter';
export type { RolesRouterOptions } from './createRolesRouter';

/**
 * Every route of the plugin: the identity reads, the roles view, the role requests and the live proof.
 *
 * @internal
 */
export async function createRouter(
  options: IdentityRouterOptions & RequestsRouterOptions & RolesRouterOptions & LiveProofRouterOptions,
): Promise<express.Router> {
  const router = Router();
  // The request routes first: their body parser (256 kB, bounded nesting) must be the one that
  // reads a role request, not a parser of a router mounted before them.
  router.use(await createRequestsRouter(options));
  router.use(await createIdentityRouter(options));
  router.use(await createRolesRouter(options));
  router.use(await createLiveProofRouter(options));
  return router;
}
