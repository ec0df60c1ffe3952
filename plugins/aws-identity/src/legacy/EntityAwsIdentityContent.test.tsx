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
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { FlatRoutes } from '@backstage/core-app-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Route } from 'react-router-dom';
import { roleRequest } from '../__testUtils__/requests';
import { verifiedResponse } from '../__testUtils__/responses';
import { entityWith, mockApi } from '../__testUtils__/testApi';
import { awsIdentityApiRef } from '../api/AwsIdentityApi';
import {
  awsIdentityLegacyPlugin,
  AwsIdentityRequestsPage,
  EntityAwsIdentityContent,
} from './plugin';

// A legacy (core-plugin-api) app, routed as App.tsx routes (FlatRoutes), that mounts the
// approvals page at a path of its own choosing and the tab at an entity page: the tab's request
// links must follow the app's routes.
function renderLegacyApp(options: { withRequestsPage: boolean }) {
  const api = mockApi(verifiedResponse, [
    roleRequest({ id: 'r1', state: 'pr-open' }),
  ]);
  return renderInTestApp(
    <TestApiProvider apis={[[awsIdentityApiRef, api]]}>
      <FlatRoutes>
        <Route
          path="/catalog/default/component/reports/aws-identity"
          element={
            <EntityProvider entity={entityWith('reports')}>
              <EntityAwsIdentityContent />
            </EntityProvider>
          }
        />
        {options.withRequestsPage && (
          <Route
            path="/platform/role-requests"
            element={<AwsIdentityRequestsPage />}
          />
        )}
      </FlatRoutes>
    </TestApiProvider>,
    {
      routeEntries: ['/catalog/default/component/reports/aws-identity'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(options.withRequestsPage
          ? {
              '/platform/role-requests':
                awsIdentityLegacyPlugin.routes.requests,
            }
          : {}),
      },
    },
  );
}

describe('EntityAwsIdentityContent in a legacy app', () => {
  it('links a pending request to its detail page where the app mounts the approvals page', async () => {
    const user = userEvent.setup();
    await renderLegacyApp({ withRequestsPage: true });

    const region = await screen.findByRole('region', {
      name: 'Pending requests',
    });
    const link = within(region).getByRole('link', {
      name: 'arn:aws:iam::111122223333:role/payments-reader',
    });
    expect(link).toHaveAttribute('href', '/platform/role-requests/r1');

    await user.click(link);
    expect(
      await screen.findByTestId('aws-identity-request-detail'),
    ).toBeInTheDocument();
  });

  it('lists pending requests without links when the app mounts no approvals page', async () => {
    await renderLegacyApp({ withRequestsPage: false });

    const region = await screen.findByRole('region', {
      name: 'Pending requests',
    });
    expect(region).toHaveTextContent(
      'arn:aws:iam::111122223333:role/payments-reader',
    );
    expect(within(region).queryAllByRole('link')).toEqual([]);
  });
});
