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

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  isOpenRequestState,
  ROLE_REQUEST_STATES,
} from '@internal/plugin-aws-identity-common';
import { planFor, roleRequest } from '../../../../__testUtils__/requests';
import { mockApi } from '../../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../../__testUtils__/responses';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { RequestQueue } from './RequestQueue';

/** The states of the queue's default "Open" filter, as it asks the backend for them. */
const OPEN_STATES = ROLE_REQUEST_STATES.filter(isOpenRequestState);

// Each with the team the backend decided: no catalog owner and nothing declared, so the requester.
const requests = [
  roleRequest({ team: 'user:default/dev' }),
  roleRequest({
    id: 'req-2',
    requestedBy: 'user:default/ops',
    team: 'user:default/ops',
    plan: planFor({ roleName: 'orders-writer', risk: 'high' }),
  }),
  roleRequest({
    id: 'req-3',
    state: 'verified',
    team: 'user:default/dev',
    plan: planFor({ roleName: 'old-role' }),
  }),
];

function render() {
  const api = mockApi(verifiedResponse, requests);
  return {
    api,
    ...renderInTestApp(pageContent(<RequestQueue />), {
      apis: [[awsIdentityApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    }),
  };
}

/**
 * One request per way the backend resolves a team: a component in the catalog (its owner,
 * `payments-team`, wins over the declared one), a new component with a declared owner, and one
 * with neither (the requester).
 */
const teamRequests = [
  roleRequest({
    id: 'in-catalog',
    owner: 'group:default/app-team',
    team: 'group:default/payments-team',
  }),
  roleRequest({
    id: 'declared',
    entityRef: 'component:default/fresh-api',
    owner: 'group:default/app-team',
    requestedBy: 'user:development/guest',
    team: 'group:default/app-team',
    plan: planFor({ roleName: 'fresh-api-s3' }),
  }),
  roleRequest({
    id: 'undeclared',
    entityRef: 'component:default/other-api',
    requestedBy: 'user:development/guest',
    team: 'user:development/guest',
    plan: planFor({ roleName: 'other-api-s3' }),
  }),
];

function renderTeams() {
  const api = mockApi(verifiedResponse, teamRequests);
  return {
    api,
    ...renderInTestApp(pageContent(<RequestQueue />), {
      apis: [[awsIdentityApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    }),
  };
}

/** Team cell (5th column) of the row whose role link is `roleName`. */
function teamOfRow(roleName: string) {
  const row = screen
    .getAllByTestId('aws-identity-request-row')
    .find(r => within(r).queryByRole('link', { name: roleName }));
  return row?.querySelectorAll('td')[4]?.textContent;
}

// The queue is content of the approvals page, whose links are relative to the page's routes:
// render it inside the same React Router adapter the page declares.
function pageContent(element: JSX.Element) {
  return <ReactRouterV6PageRouter>{element}</ReactRouterV6PageRouter>;
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

  it('asks the backend for the chosen team and offers the teams it answered', async () => {
    const user = userEvent.setup();
    const { api } = render();
    await screen.findAllByTestId('aws-identity-request-row');
    await user.click(screen.getByRole('button', { name: /Team/ }));
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toEqual(['All teams', 'user:default/dev', 'user:default/ops']);
    await user.click(screen.getByRole('option', { name: 'user:default/ops' }));
    expect(api.listRequests).toHaveBeenLastCalledWith({
      state: OPEN_STATES,
      team: 'user:default/ops',
    });
    expect(
      await screen.findByRole('link', { name: 'orders-writer' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'payments-reader' }),
    ).not.toBeInTheDocument();
  });

  describe('Team column and filter', () => {
    it('shows the catalog owner, else the declared owner, else the requester', async () => {
      renderTeams();
      await screen.findAllByTestId('aws-identity-request-row');
      // The team the backend decided, shown as it is.
      await waitFor(() =>
        expect(teamOfRow('payments-reader')).toBe(
          'group:default/payments-team',
        ),
      );
      expect(teamOfRow('fresh-api-s3')).toBe('group:default/app-team');
      expect(teamOfRow('other-api-s3')).toBe('user:development/guest');
    });

    it('filters by the resolved team: a declared owner only counts while the catalog has none', async () => {
      const user = userEvent.setup();
      renderTeams();
      await screen.findAllByTestId('aws-identity-request-row');
      await waitFor(() =>
        expect(teamOfRow('payments-reader')).toBe(
          'group:default/payments-team',
        ),
      );

      await user.click(screen.getByRole('button', { name: /Team/ }));
      expect(
        (await screen.findAllByRole('option')).map(o => o.textContent),
      ).toEqual([
        'All teams',
        'group:default/app-team',
        'group:default/payments-team',
        'user:development/guest',
      ]);
      await user.click(
        screen.getByRole('option', { name: 'group:default/app-team' }),
      );
      const rows = screen.getAllByTestId('aws-identity-request-row');
      expect(rows).toHaveLength(1);
      expect(
        within(rows[0]).getByRole('link', { name: 'fresh-api-s3' }),
      ).toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: /Team/ }));
      await user.click(
        await screen.findByRole('option', {
          name: 'group:default/payments-team',
        }),
      );
      expect(screen.getAllByTestId('aws-identity-request-row')).toHaveLength(1);
      expect(
        screen.getByRole('link', { name: 'payments-reader' }),
      ).toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: /Team/ }));
      await user.click(
        await screen.findByRole('option', { name: 'user:development/guest' }),
      );
      expect(screen.getAllByTestId('aws-identity-request-row')).toHaveLength(1);
      expect(
        screen.getByRole('link', { name: 'other-api-s3' }),
      ).toBeInTheDocument();
    });
  });
});
