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
import { RoleRequest } from '@internal/plugin-aws-identity-common';
import { renderRequestDetail } from '../../../../__testUtils__/requestDetail';
import { roleRequest } from '../../../../__testUtils__/requests';

/** The page as the backend answers jane, who may submit requests but not decide. */
const render = (request: RoleRequest) => renderRequestDetail(request, { user: 'user:default/jane', mayDecide: false });


const drifted = (repairs: RoleRequest['repairs']) =>
  roleRequest({
    id: 'req-drifted',
    state: 'drifted',
    verification: {
      checkedAt: '2026-12-01T10:00:00.000Z',
      drift: ['the live role has 1 permission statement(s) the plan does not'],
      fix: 'Restore: … Accept: …',
    },
    repairs,
  });

describe('repairing a drifted request on its page', () => {
  it('offers the repairs the backend allows, asks for the one pressed, and names the new request', async () => {
    const api = await render(drifted([{ repair: 'restore', allowed: true }, { repair: 'accept', allowed: true }]));
    const repairs = await screen.findByTestId('aws-identity-drift-repairs');
    expect(within(repairs).getByText(/puts the approved plan back/)).toBeInTheDocument();
    await userEvent.setup().click(within(repairs).getByRole('button', { name: 'Accept the live state as the plan' }));
    await waitFor(() => expect(api.repairDriftedRequest).toHaveBeenCalledWith('req-drifted', 'accept'));
    expect(await screen.findByTestId('aws-identity-drift-repair-made')).toHaveTextContent('Requested: request req-drifted-accept');
  });

  it('shows a repair the backend refuses disabled, with its reason, and nothing on a request that is not drifted', async () => {
    await render(
      drifted([
        { repair: 'restore', allowed: false, reason: 'request r2 already repairs this drift; decide or withdraw it first' },
        { repair: 'accept', allowed: false, reason: 'request r2 already repairs this drift; decide or withdraw it first' },
      ]),
    );
    const repairs = await screen.findByTestId('aws-identity-drift-repairs');
    expect(within(repairs).getByRole('button', { name: 'Restore the approved plan' })).toBeDisabled();
    expect(within(repairs).getAllByText(/request r2 already repairs this drift/)).toHaveLength(2);
  });

  it('says which drifted request a repair is for', async () => {
    await render(roleRequest({ id: 'req-restore', succeeds: { requestId: 'req-drifted', repair: 'restore' } }));
    expect(await screen.findByTestId('aws-identity-request-succeeds')).toHaveTextContent(
      'Restores the approved plan of request req-drifted, which drifted after it was verified',
    );
    expect(screen.queryByTestId('aws-identity-drift-repairs')).not.toBeInTheDocument();
  });
});
