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
  compareWithLiveRole,
  LiveRoleResponse,
  RoleRequest,
} from '@internal/plugin-aws-identity-common';
import { asSeenBy, roleRequest } from '../../../../__testUtils__/requests';
import { mockApi, responseError } from '../../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../../__testUtils__/responses';
import {
  AwsIdentityApi,
  awsIdentityApiRef,
} from '../../../../api/AwsIdentityApi';
import { RequestDetail } from './RequestDetail';

/**
 * Renders the detail of `request` as the backend answers `user`, who may decide on requests
 * unless `mayDecide` is false.
 */
function render(
  request: RoleRequest = roleRequest(),
  user = 'user:default/platform-lead',
  liveRole?: LiveRoleResponse | Error,
  mayDecide = true,
) {
  const api = mockApi(
    verifiedResponse,
    [asSeenBy(request, { ref: user, mayDecide })],
    liveRole,
  );
  const view = (a: AwsIdentityApi) =>
    renderInTestApp(
      // Content of the approvals page, whose back link is relative to the page's routes: inside
      // the same React Router adapter the page declares.
      <ReactRouterV6PageRouter>
        <RequestDetail id={request.id} />
      </ReactRouterV6PageRouter>,
      {
        apis: [[awsIdentityApiRef, a]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
  return { api, render: () => view(api) };
}

/** Types `text` into the field named `field` and presses `button`, as a person would. */
async function fillAndPress(field: RegExp, text: string, button: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByRole('textbox', { name: field }), text);
  await user.click(screen.getByRole('button', { name: button }));
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
      screen.getByRole('link', {
        name: 'arn:aws:iam::111122223333:role/payments-reader',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments',
    );
    expect(
      screen.getByRole('link', { name: 'Pull request #7' }),
    ).toHaveAttribute('href', 'https://github.com/acme/infra/pull/7');
    expect(
      screen.getByText('trust policy: audience differs'),
    ).toBeInTheDocument();
    const history = screen.getByRole('region', { name: 'History' });
    expect(
      within(history).getAllByTestId('aws-identity-transition'),
    ).toHaveLength(2);
    expect(history).toHaveTextContent(
      'submitted → approved by user:default/platform-lead',
    );
    expect(history).toHaveTextContent('looks fine');
    // Not submitted: no approve or reject.
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('shows next to each cluster the issuer and the OIDC provider ARN the backend planned', async () => {
    const base = roleRequest();
    const request = roleRequest({
      plan: {
        ...base.plan,
        oidcProviders: [
          {
            cluster: 'dev',
            issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
            oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
          },
        ],
      },
    });
    await render(request).render();
    const clusters = await screen.findByTestId('aws-identity-trusted-clusters');
    expect(clusters).toHaveTextContent('dev');
    expect(clusters).toHaveTextContent('issuer https://oidc.eks.eu-west-1.amazonaws.com/id/ABC');
    expect(clusters).toHaveTextContent(
      'trusts arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    );
  });

  it('shows the owner the requester declared, and no such fact without one', async () => {
    const { render: withOwner } = render(
      roleRequest({ owner: 'group:default/app-team' }),
    );
    const { unmount } = await withOwner();
    expect(await screen.findByText('Owner (declared)')).toBeInTheDocument();
    expect(screen.getByText('group:default/app-team')).toBeInTheDocument();
    unmount();

    const { render: withoutOwner } = render(roleRequest());
    await withoutOwner();
    await screen.findByRole('heading', { name: 'payments-reader' });
    expect(screen.queryByText('Owner (declared)')).not.toBeInTheDocument();
  });

  it('approves with a comment and reloads', async () => {
    const { api, render: r } = render();
    await r();
    await fillAndPress(/Approval comment/, 'ok for reports', 'Approve');
    await waitFor(() =>
      expect(api.approveRequest).toHaveBeenCalledWith(
        'req-1',
        'ok for reports',
      ),
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

  it('shows a 403 verbatim', async () => {
    const user = userEvent.setup();
    const { api, render: r } = render(roleRequest(), 'user:default/other-lead');
    const message = 'Missing permission aws-identity.request.approve';
    api.approveRequest.mockRejectedValueOnce(await responseError(403, message));
    await r();
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(
      await screen.findByTestId('aws-identity-action-error'),
    ).toHaveTextContent(message);
  });

  it('shows a 409 conflict verbatim', async () => {
    const { api, render: r } = render();
    const message =
      'Conflict: a approved request can become pr-open, failed, withdrawn, not rejected';
    api.rejectRequest.mockRejectedValueOnce(await responseError(409, message));
    await r();
    await fillAndPress(/Rejection reason/, 'no', 'Reject');
    expect(
      await screen.findByTestId('aws-identity-action-error'),
    ).toHaveTextContent(message);
  });

  it('lets the requester withdraw, and only the requester', async () => {
    const { api, render: r } = render(roleRequest(), 'user:default/dev');
    await r();
    await fillAndPress(/Withdrawal reason/, 'not needed', 'Withdraw');
    await waitFor(() =>
      expect(api.withdrawRequest).toHaveBeenCalledWith('req-1', 'not needed'),
    );
    expect(await screen.findByText('Request withdrawn.')).toBeInTheDocument();
  });

  it('offers no withdraw to someone else', async () => {
    const { render: r } = render();
    await r();
    await screen.findByRole('button', { name: 'Approve' });
    expect(
      screen.queryByRole('button', { name: 'Withdraw' }),
    ).not.toBeInTheDocument();
  });

  describe('compared with the live role', () => {
    const ROLE_ARN = 'arn:aws:iam::111122223333:role/payments-reader';
    const liveSection = async () =>
      screen.findByRole('region', { name: 'Compared with the live role' });

    it('says the role does not exist yet and will be created', async () => {
      const { api, render: r } = render(roleRequest(), undefined, {
        roleArn: ROLE_ARN,
        status: 'absent',
        asOf: new Date(Date.now() - 5 * 60_000).toISOString(),
      });
      await r();
      const section = await liveSection();
      await waitFor(() =>
        expect(section).toHaveTextContent(
          `The role ${ROLE_ARN} does not exist yet: approving this request creates it (IAM as read 5 minutes ago)`,
        ),
      );
      expect(api.getLiveRole).toHaveBeenCalledWith('req-1');
      expect(
        screen.queryByTestId('aws-identity-live-diff'),
      ).not.toBeInTheDocument();
    });

    it('says why an existing role with the planned name is not this portal\'s, with its live ARN', async () => {
      const liveArn = 'arn:aws:iam::111122223333:role/team/Payments-Reader';
      const { render: r } = render(roleRequest(), undefined, {
        roleArn: ROLE_ARN,
        status: 'present',
        asOf: new Date().toISOString(),
        liveRoleArn: liveArn,
        foreignReason: `${liveArn} already exists and was not created by aws-identity (no tag managed-by: aws-identity); approving would adopt and rewrite it`,
        comparison: { identical: false, summary: 'differs', documents: [], drift: ['differs'] },
      });
      await r();
      const section = await liveSection();
      await waitFor(() =>
        expect(within(section).getByTestId('aws-identity-foreign-role')).toHaveTextContent(
          'was not created by aws-identity',
        ),
      );
      expect(section).toHaveTextContent(`The role ${liveArn} exists`);
    });

    it('says the account could not be read and when it was last read, never that the role is absent', async () => {
      const { render: r } = render(roleRequest(), undefined, {
        roleArn: ROLE_ARN,
        status: 'unknown',
        reason:
          'account 111122223333 could not be read: reading IAM failed: AccessDenied',
        asOf: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      });
      await r();
      const section = await liveSection();
      await waitFor(() =>
        expect(section).toHaveTextContent(
          "The role's account could not be read",
        ),
      );
      expect(section).toHaveTextContent('reading IAM failed: AccessDenied');
      expect(section).toHaveTextContent(
        'The account was last read successfully 3 hours ago.',
      );
      expect(section).not.toHaveTextContent('does not exist');
    });

    it('shows a compact diff per document, marked with + and - as well as colour', async () => {
      const request = roleRequest();
      const { trustPolicy, permissionPolicy } = request.plan;
      const liveTrust = {
        ...trustPolicy.document,
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRoleWithWebIdentity',
            Principal: {
              Federated: 'arn:aws:iam::111122223333:oidc-provider/y',
            },
          },
        ],
      };
      const comparison = compareWithLiveRole(
        {
          trustPolicy: trustPolicy.document,
          permissionPolicy: permissionPolicy.document,
        },
        {
          trustPolicy: liveTrust,
          permissionPolicies: [
            {
              name: 'payments-reader',
              kind: 'inline',
              document: permissionPolicy.document,
            },
            {
              name: 'AmazonSQSFullAccess',
              kind: 'aws-managed',
              arn: 'arn:aws:iam::aws:policy/AmazonSQSFullAccess',
              document: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
                ],
              },
            },
          ],
        },
      );
      const { render: r } = render(request, undefined, {
        roleArn: ROLE_ARN,
        status: 'present',
        asOf: new Date().toISOString(),
        comparison,
      });
      await r();
      const diff = await screen.findByTestId('aws-identity-live-diff');
      expect(await liveSection()).toHaveTextContent(
        `The role ${ROLE_ARN} exists (IAM as read just now). It differs from the plan: 2 of 3 documents differ`,
      );
      const documents = within(diff).getAllByTestId(
        'aws-identity-live-diff-document',
      );
      expect(documents.map(d => d.textContent?.split('\n')[0])).toHaveLength(3);
      expect(documents[0]).toHaveTextContent(
        'Trust policy: 1 line added, 1 removed',
      );
      expect(documents[1]).toHaveTextContent(
        'Permission policy (live: inline policy payments-reader): identical',
      );
      // An identical document shows no lines at all.
      expect(
        within(documents[1]).queryByRole('region'),
      ).not.toBeInTheDocument();

      const trust = within(documents[0]).getByRole('region', {
        name: 'Trust policy: 1 line added, 1 removed',
      });
      const removed = trust.querySelector('del');
      const added = trust.querySelector('ins');
      expect(removed).toHaveTextContent(
        '- "Federated": "arn:aws:iam::111122223333:oidc-provider/y"',
      );
      expect(added).toHaveTextContent(
        '+ "Federated": "arn:aws:iam::111122223333:oidc-provider/x"',
      );
      // Unchanged lines far from the change are folded into a count.
      expect(trust.querySelector('[data-op="collapsed"]')).toHaveTextContent(
        /… \d+ unchanged lines/,
      );

      expect(documents[2]).toHaveTextContent(
        'AWS managed policy AmazonSQSFullAccess (on the live role, not in the plan)',
      );
      expect(
        within(documents[2]).getByRole('region').querySelectorAll('ins'),
      ).toHaveLength(0);
      expect(within(documents[2]).getByRole('region')).toHaveTextContent(
        '- "Action": "sqs:*"',
      );
    });

    it('says so when the comparison fails, and still shows the request', async () => {
      const { render: r } = render(
        roleRequest(),
        undefined,
        new Error('backend down'),
      );
      await r();
      const section = await liveSection();
      await waitFor(() =>
        expect(section).toHaveTextContent(
          'The live role could not be compared: backend down',
        ),
      );
      expect(
        screen.getByRole('heading', { name: 'payments-reader' }),
      ).toBeInTheDocument();
    });
  });

  describe('decisions follow what the backend says the user may do', () => {
    it.each([
      [
        'tells the requester they cannot approve their own request',
        'user:default/dev',
        true,
        /You cannot decide on your own role request/,
      ],
      [
        'shows no approve or reject without the approve permission, with the reason',
        'user:default/someone',
        false,
        /Missing permission aws-identity.request.approve/,
      ],
    ])('%s', async (_title, user, mayDecide, reason) => {
      const { render: r } = render(roleRequest(), user, undefined, mayDecide);
      await r();
      expect(await screen.findByText(reason)).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Approve' }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Reject' }),
      ).not.toBeInTheDocument();
    });
  });
});
