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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  RoleListItem,
  RoleListResponse,
} from '@internal/plugin-aws-identity-common';
import { mockApi } from '../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../__testUtils__/responses';
import { awsIdentityApiRef } from '../../../api/AwsIdentityApi';
import { RolesPage } from './RolesPage';

const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

// As the backend answers: it decided owner, breadth, usage and findings.
const bound: RoleListItem = {
  arn: 'arn:aws:iam::111122223333:role/payments',
  name: 'payments',
  accountId: '111122223333',
  owner: {
    source: 'binding',
    entityRefs: ['component:default/payments'],
    owners: ['group:default/payments-team'],
  },
  bindings: [
    {
      cluster: 'prod',
      namespace: 'payments',
      serviceAccount: 'api',
      via: 'irsa',
    },
  ],
  lastUsed: {
    at: new Date(Date.now() - 86_400_000).toISOString(),
    region: 'us-east-1',
  },
  usage: { used: true, idleDays: 1 },
  trust: { workload: ['irsa'], breadth: 'exact' },
  findings: [],
  findingCounts: counts,
  orphaned: false,
  risky: false,
};
const orphan: RoleListItem = {
  arn: 'arn:aws:iam::111122223333:role/leftover',
  name: 'leftover',
  accountId: '111122223333',
  bindings: [],
  usage: { used: false, idleDays: 300 },
  trust: { workload: ['irsa'], breadth: 'every-namespace' },
  findings: [
    {
      id: 'IRSA-T02a',
      severity: 'high',
      failMode: 'open',
      title: 'Trust admits every namespace',
      subject: { kind: 'role', ref: 'x' },
      message: 'm',
      fix: 'f',
    },
    {
      id: 'ROLE-U01',
      severity: 'low',
      failMode: 'open',
      title: 'Role unused for a long time',
      subject: { kind: 'role', ref: 'x' },
      message: 'm',
      fix: 'f',
    },
  ],
  findingCounts: { ...counts, high: 1, low: 1 },
  orphaned: true,
  risky: true,
};

function render(response: Partial<RoleListResponse> = {}) {
  const api = mockApi(verifiedResponse);
  api.listRoles.mockImplementation(async () => ({
    items: [bound, orphan],
    totalCount: 2,
    limit: 50,
    offset: 0,
    accounts: [
      {
        source: { kind: 'aws-account', accountId: '111122223333' },
        state: 'ok',
      },
      {
        source: { kind: 'aws-account', accountId: '444455556666' },
        state: 'error',
        error: 'AccessDenied',
      },
    ],
    ...response,
  }));
  api.exportRolesCsv.mockResolvedValue('arn\r\n');
  return {
    api,
    ...renderInTestApp(<RolesPage />, {
      apis: [[awsIdentityApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    }),
  };
}

describe('RolesPage', () => {
  it('renders what the backend decided: owner with a link to the tab, bindings, use, trust, findings', async () => {
    render();
    const rows = await screen.findAllByTestId('aws-identity-role-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]);
    expect(
      first.getByRole('link', { name: 'component:default/payments' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/aws-identity',
    );
    expect(first.getByText('from bound component')).toBeInTheDocument();
    expect(first.getByText('Exact service accounts')).toBeInTheDocument();
    expect(first.getByText(/prod\/payments\/api/)).toBeInTheDocument();
    const second = within(rows[1]);
    expect(second.getByText('Nobody (orphaned)')).toBeInTheDocument();
    expect(second.getByText('Never (300 days)')).toBeInTheDocument();
    expect(second.getByText('Every namespace')).toBeInTheDocument();
    expect(second.getByText('1 high')).toBeInTheDocument();
    expect(screen.getByText('Roles 1–2 of 2')).toBeInTheDocument();
  });

  it('says when a role never used was created today or a day ago, not "0 days"', async () => {
    render({
      items: [
        {
          ...orphan,
          arn: `${orphan.arn}-a`,
          usage: { used: false, idleDays: 0 },
        },
        {
          ...orphan,
          arn: `${orphan.arn}-b`,
          usage: { used: false, idleDays: 1 },
        },
        { ...orphan, arn: `${orphan.arn}-c`, usage: { used: false } },
      ],
      totalCount: 3,
    });
    const rows = await screen.findAllByTestId('aws-identity-role-row');
    expect(
      within(rows[0]).getByText('Never (created today)'),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('Never (1 day)')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('Never (creation date unknown)'),
    ).toBeInTheDocument();
  });

  it('says which account could not be read, never just fewer roles', async () => {
    render();
    const alert = await screen.findByTestId('aws-identity-roles-accounts');
    expect(alert).toHaveTextContent(
      '444455556666: read failed (AccessDenied); never read',
    );
  });

  it('asks the backend to filter, and starts again at the first page', async () => {
    const user = userEvent.setup();
    const { api } = render({ totalCount: 120 });
    await screen.findAllByTestId('aws-identity-role-row');
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listRoles).toHaveBeenLastCalledWith({ limit: 50, offset: 50 }),
    );
    await user.click(screen.getByRole('button', { name: /Ownership/ }));
    await user.click(
      await screen.findByRole('option', {
        name: 'Orphaned (no owner, no binding)',
      }),
    );
    await waitFor(() =>
      expect(api.listRoles).toHaveBeenLastCalledWith({
        orphaned: true,
        limit: 50,
        offset: 0,
      }),
    );
    await user.click(screen.getByRole('button', { name: /Unused for/ }));
    await user.click(await screen.findByRole('option', { name: '90+ days' }));
    await waitFor(() =>
      expect(api.listRoles).toHaveBeenLastCalledWith({
        orphaned: true,
        unusedDays: 90,
        limit: 50,
        offset: 0,
      }),
    );
    await user.click(screen.getByRole('button', { name: /Account/ }));
    await user.click(
      await screen.findByRole('option', { name: '444455556666' }),
    );
    await waitFor(() =>
      expect(api.listRoles).toHaveBeenLastCalledWith({
        orphaned: true,
        unusedDays: 90,
        accountIds: ['444455556666'],
        limit: 50,
        offset: 0,
      }),
    );
  });

  it('exports what the filters match as CSV through the API', async () => {
    const user = userEvent.setup();
    const createObjectURL = jest.fn(() => 'blob:roles');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const { api } = render();
    await screen.findAllByTestId('aws-identity-role-row');
    await user.click(
      screen.getByRole('button', { name: 'Export CSV (2 roles)' }),
    );
    await waitFor(() => expect(api.exportRolesCsv).toHaveBeenCalledWith({}));
    expect(click).toHaveBeenCalled();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:roles');
  });

  it('shows a failed load with the backend message', async () => {
    const failing = mockApi(verifiedResponse);
    failing.listRoles.mockRejectedValue(
      new Error('Missing permission aws-identity.roles.read'),
    );
    await renderInTestApp(<RolesPage />, {
      apis: [[awsIdentityApiRef, failing]],
    });
    expect(
      await screen.findByTestId('aws-identity-roles-error'),
    ).toHaveTextContent('Missing permission aws-identity.roles.read');
  });
});
