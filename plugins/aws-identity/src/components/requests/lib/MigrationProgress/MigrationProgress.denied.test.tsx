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
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { MigrationRequest } from '@internal/plugin-aws-identity-common';
import { asSeenBy, migrationRequest } from '../../../../__testUtils__/requests';
import { mockApi } from '../../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../../__testUtils__/responses';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { RequestDetail } from '../RequestDetail/RequestDetail';

/** The detail of a migration request as the backend answers `user`, who may create requests unless `mayCreate` is false. */
async function render(request: MigrationRequest, user = 'user:default/platform-lead', mayCreate = true) {
  const api = mockApi(verifiedResponse, [asSeenBy(request, { ref: user, mayDecide: true })]);
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

// A file of its own: usePermission keeps its answer per permission for the life of the module
// (SWR's cache), so a denial next to the allowed cases would see their answer.
describe('a verified migration request seen without the create permission', () => {
  it('hides the annotation-removal button from whoever may not create requests', async () => {
    const serviceAccount = { cluster: 'dev', namespace: 'payments', name: 'payments-api' };
    await render(migrationRequest({ state: 'verified', annotationRemoval: { serviceAccounts: [serviceAccount] } }), 'user:default/viewer', false);
    expect(await screen.findByTestId('aws-identity-annotation-removal')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /removing the IRSA annotation/ })).not.toBeInTheDocument();
  });

});
