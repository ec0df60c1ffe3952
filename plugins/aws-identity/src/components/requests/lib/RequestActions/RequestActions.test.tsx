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

import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { usePermission } from '@backstage/plugin-permission-react';
import { awsIdentityRequestApprovePermission } from '@internal/plugin-aws-identity-common';
import { roleRequest } from '../../../../__testUtils__/requests';
import { mockApi } from '../../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../../__testUtils__/responses';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { RequestActions } from './RequestActions';

// usePermission caches decisions per permission for the whole test file (SWR), so each test
// states its decision here; RequestDetail.denied.test.tsx goes through the real permission API.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;

function render(options: {
  user: string;
  allowed?: boolean;
  loading?: boolean;
  request?: ReturnType<typeof roleRequest>;
}) {
  const request = options.request ?? roleRequest();
  const api = mockApi(verifiedResponse, [request]);
  usePermissionMock.mockReset();
  usePermissionMock.mockReturnValue({
    loading: options.loading ?? false,
    allowed: !options.loading && options.allowed !== false,
  });
  renderInTestApp(
    <RequestActions
      request={request}
      currentUser={options.user}
      onChanged={() => {}}
    />,
    {
      apis: [[awsIdentityApiRef, api]],
    },
  );
  return { api };
}

describe('RequestActions', () => {
  it('offers approve and reject to a platform engineer', async () => {
    render({ user: 'user:default/platform-lead' });
    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeInTheDocument();
    expect(
      screen.queryByTestId('aws-identity-decision-note'),
    ).not.toBeInTheDocument();
    expect(usePermissionMock).toHaveBeenCalledWith({
      permission: awsIdentityRequestApprovePermission,
    });
  });

  it('shows neither buttons nor a note while the decision is loading', async () => {
    render({ user: 'user:default/platform-lead', loading: true });
    expect(
      await screen.findByRole('region', { name: 'Decision' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('aws-identity-decision-note'),
    ).not.toBeInTheDocument();
  });

  it('tells users without the approve permission who decides, without buttons', async () => {
    render({ user: 'user:default/someone', allowed: false });
    expect(
      await screen.findByTestId('aws-identity-decision-note'),
    ).toHaveTextContent('Only the platform team can approve');
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
    // Nothing else to do for someone else's request.
    expect(
      screen.queryByRole('button', { name: 'Withdraw' }),
    ).not.toBeInTheDocument();
  });

  it('does not offer a decision on your own request, even with the permission', async () => {
    render({ user: 'user:default/dev' });
    expect(
      await screen.findByTestId('aws-identity-decision-note'),
    ).toHaveTextContent('You cannot approve your own request');
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
    // The requester may still withdraw.
    expect(
      screen.getByRole('button', { name: 'Withdraw' }),
    ).toBeInTheDocument();
  });

  it('treats the submitting principal as the requester too', async () => {
    render({
      user: 'user:default/lead',
      request: roleRequest({ submittedBy: 'user:default/lead' }),
    });
    expect(
      await screen.findByTestId('aws-identity-decision-note'),
    ).toHaveTextContent('You cannot approve your own request');
  });

  it('renders nothing once the request is decided, whoever looks', async () => {
    render({
      user: 'user:default/platform-lead',
      request: roleRequest({ state: 'approved' }),
    });
    // The hook runs on every render: once it ran, the component has rendered (to nothing).
    await waitFor(() => expect(usePermissionMock).toHaveBeenCalled());
    expect(
      screen.queryByRole('region', { name: 'Decision' }),
    ).not.toBeInTheDocument();
  });
});
