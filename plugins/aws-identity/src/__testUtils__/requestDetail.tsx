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

import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { IdentityRequest } from '@internal/plugin-aws-identity-common';
import { awsIdentityApiRef } from '../api/AwsIdentityApi';
import { RequestDetail } from '../components/requests/lib/RequestDetail/RequestDetail';
import { asSeenBy } from './requests';
import { verifiedResponse } from './responses';
import { mockApi } from './testApi';

/**
 * A request's page as the backend answers `user` (who may decide unless `mayDecide` is false,
 * and holds the create permission unless `mayCreate` is false); returns the mock API to assert
 * the calls on.
 */
export async function renderRequestDetail(
  request: IdentityRequest,
  options: { user?: string; mayDecide?: boolean; mayCreate?: boolean } = {},
) {
  const { user = 'user:default/platform-lead', mayDecide = true, mayCreate = true } = options;
  const api = mockApi(verifiedResponse, [asSeenBy(request, { ref: user, mayDecide })]);
  await renderInTestApp(
    <ReactRouterV6PageRouter>
      <RequestDetail id={request.id} />
    </ReactRouterV6PageRouter>,
    {
      apis: [
        [awsIdentityApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: mayCreate ? AuthorizeResult.ALLOW : AuthorizeResult.DENY })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}
