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
import { RouteFunc, useRouteRef } from '@backstage/core-plugin-api';
import { requestDetailRouteRef } from '../../../routes';

/**
 * The path of a role request's detail page wherever the app mounts the approvals page, in
 * either frontend system; `undefined` when the app does not mount it.
 *
 * @remarks
 * `useRouteRef` of `@backstage/core-plugin-api` resolves the route in new-frontend-system apps
 * and legacy apps alike, and throws when the route is mounted nowhere. An app may well show the
 * tab without the approvals page, so that is caught: the requests are then listed without links.
 * The hook calls the same hooks on every render, whether or not it throws.
 *
 * @public
 */
export function useRequestDetailLink(): ((id: string) => string) | undefined {
  let detail: RouteFunc<{ id: string }>;
  try {
    // Not conditional: useRouteRef runs all of its hooks before it throws for an unmounted route.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    detail = useRouteRef(requestDetailRouteRef);
  } catch {
    return undefined;
  }
  return id => detail({ id });
}
