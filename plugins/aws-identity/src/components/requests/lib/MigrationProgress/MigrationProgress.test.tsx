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
import { renderRequestDetail as render } from '../../../../__testUtils__/requestDetail';
import { migrationRequest, paymentsMigrationPlan } from '../../../../__testUtils__/requests';
import { migrationProgressLines } from './MigrationProgress';

describe('a migration request on the approvals page', () => {
  it('shows the engine plan step by step, the service account and the decisions the backend offers', async () => {
    await render(migrationRequest());
    expect(await screen.findByRole('heading', { name: 'Migrate component:default/payments to EKS Pod Identity' })).toBeInTheDocument();
    expect(screen.getByText(/dev\/payments\/payments-api \(arn:aws:iam::111122223333:role\/payments-reader\)/)).toBeInTheDocument();
    const steps = screen.getByRole('list', { name: 'Steps of dev/payments/payments-api' });
    const items = within(steps).getAllByRole('listitem');
    expect(items.map(i => i.getAttribute('data-state'))).toEqual(['next', 'pending', 'pending', 'pending', 'pending', 'pending']);
    expect(items[0]).toHaveTextContent("1. Add the EKS Pod Identity statement to the role's trust policy: Next");
    // Another person may approve: the backend's actions say so.
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(screen.queryByTestId('aws-identity-annotation-removal')).not.toBeInTheDocument();
  });

  it('offers the annotation removal once verified, and opens the change', async () => {
    const plan = paymentsMigrationPlan('migrated');
    const serviceAccount = { cluster: 'dev', namespace: 'payments', name: 'payments-api' };
    const verified = migrationRequest({
      state: 'verified',
      progress: [{ serviceAccount, status: plan.status, steps: plan.steps }],
      annotationRemoval: { serviceAccounts: [serviceAccount] },
    });
    const api = await render(verified);
    const offer = await screen.findByTestId('aws-identity-annotation-removal');
    expect(offer).toHaveTextContent('The pods of payments/payments-api use EKS Pod Identity');
    expect(within(screen.getByRole('list', { name: 'Steps of dev/payments/payments-api' })).getAllByRole('listitem').map(i => i.getAttribute('data-state'))).toEqual([
      'done',
      'done',
      'done',
      'done',
      'next',
      'pending',
    ]);
    await userEvent.setup().click(within(offer).getByRole('button', { name: 'Open the change removing the IRSA annotation' }));
    await waitFor(() => expect(api.removeMigrationAnnotation).toHaveBeenCalledWith('mig-1'));
  });

  it('sums the progress up per service account for the queue', () => {
    expect(migrationProgressLines(migrationRequest())).toEqual([
      "payments/payments-api: step 1 next: Add the EKS Pod Identity statement to the role's trust policy",
    ]);
  });
});
