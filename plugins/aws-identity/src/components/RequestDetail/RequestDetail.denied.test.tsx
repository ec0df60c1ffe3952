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

import { screen } from '@testing-library/react';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { roleRequest } from '../../__testUtils__/requests';
import { mockApi } from '../../__testUtils__/testApi';
import { verifiedResponse } from '../../__testUtils__/responses';
import { awsIdentityApiRef } from '../../api';
import { RequestDetail } from './RequestDetail';

// A file of its own: usePermission caches each decision for the whole file, so a DENY next to
// the ALLOW cases of RequestDetail.test.tsx would see their cached answer.
describe('RequestDetail without the approve permission', () => {
  it('asks the permission API and shows no approve or reject', async () => {
    const request = roleRequest();
    const authorize = jest.fn(() => AuthorizeResult.DENY);
    renderInTestApp(
      // Content of the approvals page, whose back link is relative to the page's routes: inside
      // the same React Router adapter the page declares.
      <ReactRouterV6PageRouter>
        <RequestDetail id={request.id} />
      </ReactRouterV6PageRouter>,
      {
        apis: [
          [awsIdentityApiRef, mockApi(verifiedResponse, [request])],
          [
            coreApis.identity,
            mockApis.identity({ userEntityRef: 'user:default/someone' }),
          ],
          mockApis.permission({ authorize }),
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText(/Only the platform team can approve/),
    ).toBeInTheDocument();
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'aws-identity.request.approve',
        }),
      }),
    );
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
  });
});
