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
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { RoleRequest } from '@internal/plugin-aws-identity-common';
import { roleRequest } from '../../__testUtils__/requests';
import { mockApi, responseError } from '../../__testUtils__/testApi';
import { verifiedResponse } from '../../__testUtils__/responses';
import { AwsIdentityApi, awsIdentityApiRef } from '../../api';
import { RequestDetail } from './RequestDetail';

function render(
  request: RoleRequest = roleRequest(),
  user = 'user:default/platform-lead',
) {
  const api = mockApi(verifiedResponse, [request]);
  const view = (a: AwsIdentityApi) =>
    renderInTestApp(<RequestDetail id={request.id} />, {
      apis: [
        [awsIdentityApiRef, a],
        [identityApiRef, mockApis.identity({ userEntityRef: user })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
  return { api, render: () => view(api) };
}

describe('RequestDetail', () => {
  it('shows the plan, findings, facts, delivery, drift and history', async () => {
    const { render: r } = render(
      roleRequest({
        state: 'pr-open',
        delivery: {
          kind: 'github-pull-request',
          branch: 'aws-identity/req-1',
          url: 'https://github.com/acme/infra/pull/7',
          number: 7,
        },
        verification: {
          checkedAt: '2026-10-01T11:00:00Z',
          drift: ['trust policy: audience differs'],
        },
        transitions: [
          ...roleRequest().transitions,
          {
            from: 'submitted',
            to: 'approved',
            actor: 'user:default/platform-lead',
            reason: 'looks fine',
            at: '2026-10-01T10:30:00Z',
          },
        ],
      }),
    );
    await r();
    expect(
      await screen.findByRole('heading', { name: 'payments-reader' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: /Trust policy/ }),
    ).toHaveTextContent('sts:AssumeRoleWithWebIdentity');
    expect(
      screen.getByRole('region', { name: /Permission policy/ }),
    ).toHaveTextContent('s3:GetObject');
    expect(screen.getByText('Broad object access')).toBeInTheDocument();
    expect(screen.getByText('payments/payments-api')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'arn:aws:iam::111122223333:role/payments-reader' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments',
    );
    expect(
      screen.getByRole('link', { name: 'Pull request #7' }),
    ).toHaveAttribute('href', 'https://github.com/acme/infra/pull/7');
    expect(screen.getByText('trust policy: audience differs')).toBeInTheDocument();
    const history = screen.getByRole('region', { name: 'History' });
    expect(within(history).getAllByTestId('aws-identity-transition')).toHaveLength(2);
    expect(history).toHaveTextContent(
      'submitted → approved by user:default/platform-lead',
    );
    expect(history).toHaveTextContent('looks fine');
    // Not submitted: no approve or reject.
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('approves with a comment and reloads', async () => {
    const user = userEvent.setup();
    const { api, render: r } = render();
    await r();
    await user.type(
      await screen.findByRole('textbox', { name: /Approval comment/ }),
      'ok for reports',
    );
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.approveRequest).toHaveBeenCalledWith('req-1', 'ok for reports'),
    );
    expect(await screen.findByText('Request approved.')).toBeInTheDocument();
    await waitFor(() => expect(api.getRequest).toHaveBeenCalledTimes(2));
  });

  it('keeps Reject disabled until a reason is typed', async () => {
    const user = userEvent.setup();
    const { api, render: r } = render();
    await r();
    const reject = await screen.findByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    await user.type(
      screen.getByRole('textbox', { name: /Rejection reason/ }),
      '  ',
    );
    expect(reject).toBeDisabled();
    await user.type(
      screen.getByRole('textbox', { name: /Rejection reason/ }),
      'too broad',
    );
    expect(reject).toBeEnabled();
    await user.click(reject);
    await waitFor(() =>
      expect(api.rejectRequest).toHaveBeenCalledWith('req-1', 'too broad'),
    );
  });

  it('shows the four-eyes 403 verbatim', async () => {
    const user = userEvent.setup();
    const { api, render: r } = render(roleRequest(), 'user:default/dev');
    const message =
      'You cannot decide on your own role request; another platform engineer must approve it';
    api.approveRequest.mockRejectedValueOnce(await responseError(403, message));
    await r();
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(
      await screen.findByTestId('aws-identity-action-error'),
    ).toHaveTextContent(message);
  });

  it('shows a 409 conflict verbatim', async () => {
    const user = userEvent.setup();
    const { api, render: r } = render();
    const message = 'Conflict: a approved request can become pr-open, failed, withdrawn, not rejected';
    api.rejectRequest.mockRejectedValueOnce(await responseError(409, message));
    await r();
    await user.type(
      await screen.findByRole('textbox', { name: /Rejection reason/ }),
      'no',
    );
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(
      await screen.findByTestId('aws-identity-action-error'),
    ).toHaveTextContent(message);
  });

  it('lets the requester withdraw, and only the requester', async () => {
    const user = userEvent.setup();
    const { api, render: r } = render(roleRequest(), 'user:default/dev');
    await r();
    await user.type(
      await screen.findByRole('textbox', { name: /Withdrawal reason/ }),
      'not needed',
    );
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() =>
      expect(api.withdrawRequest).toHaveBeenCalledWith('req-1', 'not needed'),
    );
    expect(await screen.findByText('Request withdrawn.')).toBeInTheDocument();
  });

  it('offers no withdraw to someone else', async () => {
    const { render: r } = render();
    await r();
    await screen.findByRole('button', { name: 'Approve' });
    expect(screen.queryByRole('button', { name: 'Withdraw' })).not.toBeInTheDocument();
  });
});
