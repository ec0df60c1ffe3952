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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { roleRequest } from '../../__testUtils__/requests';
import { mockApi } from '../../__testUtils__/testApi';
import { verifiedResponse } from '../../__testUtils__/responses';
import { awsIdentityApiRef } from '../../api';
import { RequestQueue } from './RequestQueue';

const requests = [
  roleRequest(),
  roleRequest({
    id: 'req-2',
    requestedBy: 'user:default/ops',
    plan: {
      ...roleRequest().plan,
      input: { ...roleRequest().plan.input, roleName: 'orders-writer' },
      risk: 'high',
    },
  }),
  roleRequest({
    id: 'req-3',
    state: 'verified',
    plan: {
      ...roleRequest().plan,
      input: { ...roleRequest().plan.input, roleName: 'old-role' },
    },
  }),
];

function render() {
  const api = mockApi(verifiedResponse, requests);
  return {
    api,
    ...renderInTestApp(<RequestQueue />, {
      apis: [[awsIdentityApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    }),
  };
}

describe('RequestQueue', () => {
  it('lists open requests by default with a link to each', async () => {
    render();
    const rows = await screen.findAllByTestId('aws-identity-request-row');
    expect(rows).toHaveLength(2);
    expect(
      screen.getByRole('link', { name: 'payments-reader' }),
    ).toHaveAttribute('href', expect.stringMatching(/req-1$/));
    expect(screen.getByText('orders-writer')).toBeInTheDocument();
    expect(screen.queryByText('old-role')).not.toBeInTheDocument();
    // Requester, and team (no catalog owner: falls back to the requester).
    expect(within(rows[0]).getAllByText('user:default/dev')).toHaveLength(2);
  });

  it('filters by risk and by team (the requester without a catalog owner)', async () => {
    const user = userEvent.setup();
    render();
    await screen.findAllByTestId('aws-identity-request-row');

    await user.click(screen.getByRole('button', { name: /Risk/ }));
    await user.click(await screen.findByRole('option', { name: 'high' }));
    expect(screen.getAllByTestId('aws-identity-request-row')).toHaveLength(1);
    expect(screen.getByText('orders-writer')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Team/ }));
    await user.click(
      await screen.findByRole('option', { name: 'user:default/dev' }),
    );
    expect(
      await screen.findByTestId('aws-identity-requests-empty'),
    ).toBeInTheDocument();
  });

  it('asks the backend for one state when a state is chosen', async () => {
    const user = userEvent.setup();
    const { api } = render();
    await screen.findAllByTestId('aws-identity-request-row');
    await user.click(screen.getByRole('button', { name: /State/ }));
    await user.click(await screen.findByRole('option', { name: 'verified' }));
    expect(api.listRequests).toHaveBeenLastCalledWith({ state: 'verified' });
    expect(await screen.findByText('old-role')).toBeInTheDocument();
  });
});
