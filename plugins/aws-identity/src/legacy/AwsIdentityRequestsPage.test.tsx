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
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Route, Routes } from 'react-router-dom';
import { roleRequest } from '../__testUtils__/requests';
import { mockApi } from '../__testUtils__/testApi';
import { verifiedResponse } from '../__testUtils__/responses';
import { awsIdentityApiRef } from '../api/AwsIdentityApi';
import { awsIdentityLegacyPlugin, AwsIdentityRequestsPage } from './plugin';

// A legacy (core-plugin-api) app: it routes with React Router itself and mounts the page the
// way the page's TSDoc says, under `/aws-identity/requests`.
function renderAt(path: string) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[awsIdentityApiRef, mockApi(verifiedResponse, [roleRequest()])]]}
    >
      <Routes>
        <Route
          path="/aws-identity/requests/*"
          element={<AwsIdentityRequestsPage />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/aws-identity/requests': awsIdentityLegacyPlugin.routes.requests,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('AwsIdentityRequestsPage in a legacy app', () => {
  it('links a queued request to its detail, which links back to the queue', async () => {
    const user = userEvent.setup();
    await renderAt('/aws-identity/requests');

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
});
