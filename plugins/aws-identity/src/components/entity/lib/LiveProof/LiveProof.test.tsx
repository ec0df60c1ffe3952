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


import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { LiveProofResult } from '@internal/plugin-aws-identity-common';
import { mockApi } from '../../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../../__testUtils__/responses';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { LiveProof } from './LiveProof';

const report = verifiedResponse.serviceAccounts[0];

async function render(answer: () => Promise<LiveProofResult>) {
  const api = mockApi(verifiedResponse, []);
  api.proveLive.mockImplementation(answer);
  await renderInTestApp(<LiveProof entityRef="component:default/payments" report={report} />, {
    apis: [[awsIdentityApiRef, api]],
  });
  return { api };
}

describe('LiveProof', () => {
  it('proves nothing on a page view; the button asks the backend and shows its words', async () => {
    const { cluster, namespace, name } = report.serviceAccount;
    const message = `Proved live at 2026-03-01T10:00:00.000Z: the cluster's token was accepted for role ${report.binding.irsaRoleArn}.`;
    const { api } = await render(async () => ({
      target: { cluster, namespace, serviceAccount: name },
      via: 'irsa',
      outcome: 'proved',
      at: '2026-03-01T10:00:00.000Z',
      trigger: 'button',
      message,
    }));
    expect(api.proveLive).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Prove it live' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(api.proveLive).toHaveBeenCalledWith({ entityRef: 'component:default/payments', cluster, namespace, serviceAccount: name });
  });

  it("shows the backend's refusal (a limit, a missing permission) as it said it", async () => {
    await render(async () => {
      throw new Error('payments/payments-api on prod was proved 6 times in the last hour; try again in 60 s');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prove it live' }));
    expect(await screen.findByText(/proved 6 times in the last hour/)).toBeInTheDocument();
  });
});
