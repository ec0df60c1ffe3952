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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { roleRequest } from '../../../../__testUtils__/requests';
import { requestsRouteRef } from '../../../../plugin';
import { PendingRequests } from './PendingRequests';

const requests = [
  roleRequest({ id: 'r1', state: 'pr-open' }),
  roleRequest({ id: 'r2', state: 'approved' }),
];

describe('PendingRequests in a new-frontend-system app', () => {
  it('links each request to its detail page, wherever the app mounts the approvals page', async () => {
    // Not the page's default path: the link must come from the route, not from a literal.
    await renderInTestApp(<PendingRequests requests={requests} />, {
      mountedRoutes: { '/platform/role-requests': requestsRouteRef },
    });

    const region = screen.getByRole('region', { name: 'Pending requests' });
    const links = within(region).getAllByRole('link', {
      name: 'arn:aws:iam::111122223333:role/payments-reader',
    });
    expect(links.map(l => l.getAttribute('href'))).toEqual([
      '/platform/role-requests/r1',
      '/platform/role-requests/r2',
    ]);
  });

  it('lists the requests without links when the app mounts no approvals page', async () => {
    await renderInTestApp(<PendingRequests requests={requests} />);

    const region = screen.getByRole('region', { name: 'Pending requests' });
    expect(within(region).queryAllByRole('link')).toEqual([]);
    expect(
      within(region).getAllByText(
        'arn:aws:iam::111122223333:role/payments-reader',
      ),
    ).toHaveLength(2);
  });
});
