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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { RoleRequest } from '@internal/plugin-aws-identity-common';
import {
  asSeenBy,
  planFor,
  roleRequest,
} from '../../../../__testUtils__/requests';
import { mockApi } from '../../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../../__testUtils__/responses';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { RequestActions } from './RequestActions';

/**
 * Renders the actions of `request` as the backend answers `user`: `mayDecide` is what the
 * permission framework says about them; `withoutActions` is an older backend that says nothing.
 */
async function render(options: {
  user: string;
  mayDecide?: boolean;
  withoutActions?: boolean;
  request?: RoleRequest;
}) {
  const request = options.request ?? roleRequest();
  const shown = options.withoutActions
    ? request
    : asSeenBy(request, {
        ref: options.user,
        mayDecide: options.mayDecide ?? true,
      });
  const api = mockApi(verifiedResponse, [shown]);
  await renderInTestApp(
    <>
      <RequestActions request={shown} onChanged={() => {}} />
      <p>rendered</p>
    </>,
    { apis: [[awsIdentityApiRef, api]] },
  );
  await screen.findByText('rendered');
  return { api };
}

const button = (name: string) => screen.queryByRole('button', { name });

describe('RequestActions', () => {
  it('offers approve and reject to a platform engineer', async () => {
    await render({ user: 'user:default/platform-lead' });
    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeInTheDocument();
    expect(
      screen.queryByTestId('aws-identity-decision-note'),
    ).not.toBeInTheDocument();
  });

  it('shows neither buttons nor a decision note when the backend did not say what the user may do', async () => {
    await render({ user: 'user:default/platform-lead', withoutActions: true });
    expect(
      await screen.findByRole('region', { name: 'Decision' }),
    ).toBeInTheDocument();
    expect(button('Approve')).not.toBeInTheDocument();
    expect(button('Reject')).not.toBeInTheDocument();
    expect(button('Withdraw')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('aws-identity-decision-note'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByTestId('aws-identity-actions-unknown'),
    ).toHaveTextContent(
      'The backend did not say what you may do with this request',
    );
  });

  it('tells users without the approve permission why, without buttons', async () => {
    await render({ user: 'user:default/someone', mayDecide: false });
    expect(
      await screen.findByTestId('aws-identity-decision-note'),
    ).toHaveTextContent('Missing permission aws-identity.request.approve');
    expect(button('Approve')).not.toBeInTheDocument();
    expect(button('Reject')).not.toBeInTheDocument();
    // Nothing else to do for someone else's request.
    expect(button('Withdraw')).not.toBeInTheDocument();
  });

  it('does not offer a decision on your own request, even with the permission', async () => {
    await render({ user: 'user:default/dev' });
    expect(
      await screen.findByTestId('aws-identity-decision-note'),
    ).toHaveTextContent('You cannot decide on your own role request');
    expect(button('Approve')).not.toBeInTheDocument();
    expect(button('Reject')).not.toBeInTheDocument();
    // The requester may still withdraw.
    expect(
      screen.getByRole('button', { name: 'Withdraw' }),
    ).toBeInTheDocument();
  });

  it('treats the submitting principal as the requester too', async () => {
    await render({
      user: 'user:default/lead',
      request: roleRequest({ submittedBy: 'user:default/lead' }),
    });
    expect(
      await screen.findByTestId('aws-identity-decision-note'),
    ).toHaveTextContent('You cannot decide on your own role request');
  });

  it('offers only reject for a plan with critical findings, and says why approve is not offered', async () => {
    await render({
      user: 'user:default/platform-lead',
      request: roleRequest({ plan: planFor({ risk: 'critical' }) }),
    });
    expect(
      await screen.findByTestId('aws-identity-decision-note'),
    ).toHaveTextContent('A plan with critical findings cannot be approved');
    expect(button('Approve')).not.toBeInTheDocument();
    expect(button('Reject')).toBeInTheDocument();
  });

  it('renders nothing once the request is decided, whoever looks', async () => {
    await render({
      user: 'user:default/platform-lead',
      request: roleRequest({ state: 'approved' }),
    });
    expect(
      screen.queryByRole('region', { name: 'Decision' }),
    ).not.toBeInTheDocument();
  });

  it.each([
    ['someone without the permission', 'user:default/someone', false],
    ['the requester', 'user:default/dev', false],
  ])(
    'explains nothing on a verified request to %s either',
    async (_who, user, mayDecide) => {
      await render({
        user,
        mayDecide,
        request: roleRequest({ state: 'verified' }),
      });
      expect(
        screen.queryByRole('region', { name: 'Decision' }),
      ).not.toBeInTheDocument();
    },
  );
});
