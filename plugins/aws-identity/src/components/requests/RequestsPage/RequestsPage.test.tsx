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
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { roleRequest } from '../../../__testUtils__/requests';
import { mockApi } from '../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../__testUtils__/responses';
import { awsIdentityApiRef } from '../../../api/AwsIdentityApi';
import { RequestsPage } from './RequestsPage';

// The page mounted where the plugin mounts it, so that its React Router routes and the links
// relative to them resolve against the page's path, as in the app.
function renderAt(path: string) {
  return renderInTestApp(<RequestsPage />, {
    mountPath: '/aws-identity/requests',
    initialRouteEntries: [path],
    apis: [
      [awsIdentityApiRef, mockApi(verifiedResponse, [roleRequest()])],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('RequestsPage', () => {
  it('links a queued request to its detail, which links back to the queue', async () => {
    const user = userEvent.setup();
    renderAt('/aws-identity/requests');

    const link = await screen.findByRole('link', { name: 'payments-reader' });
    expect(link).toHaveAttribute('href', '/aws-identity/requests/req-1');
    await user.click(link);

    expect(
      await screen.findByTestId('aws-identity-request-detail'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /All role requests/ }),
    ).toHaveAttribute('href', '/aws-identity/requests');
  });

  it('opens a request from its own address', async () => {
    renderAt('/aws-identity/requests/req-1');
    expect(
      await screen.findByRole('heading', { name: 'payments-reader' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /All role requests/ }),
    ).toHaveAttribute('href', '/aws-identity/requests');
  });
});
