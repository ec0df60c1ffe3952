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
import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/*
 * The plugin's routes, one set for both frontend systems: the legacy plugin mounts them as they
 * are, the new frontend system's plugin converts them (`convertLegacyRouteRef`, which makes the
 * same objects usable by both). Components resolve them with `useRouteRef` of
 * `@backstage/core-plugin-api`, which works in both kinds of app, so a link follows wherever the
 * app mounts the approvals page.
 */

/**
 * Route of the approvals page (the role request queue).
 *
 * @public
 */
export const requestsRouteRef = createRouteRef({ id: 'aws-identity-requests' });

/**
 * Route of one role request's detail, under the approvals page.
 *
 * @public
 */
export const requestDetailRouteRef = createSubRouteRef({
  id: 'aws-identity-request',
  parent: requestsRouteRef,
  path: '/:id',
});

/**
 * Route of the AWS roles page (every role of every read account).
 *
 * @public
 */
export const rolesRouteRef = createRouteRef({ id: 'aws-identity-roles' });
