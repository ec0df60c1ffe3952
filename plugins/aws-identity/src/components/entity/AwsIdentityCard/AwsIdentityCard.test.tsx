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
import {
  riskyResponse,
  verifiedResponse,
} from '../../../__testUtils__/responses';
import {
  entityWith,
  mockApi,
  renderForResponse,
  renderWithEntity,
  responseError,
} from '../../../__testUtils__/testApi';
import { AwsIdentityCard } from './AwsIdentityCard';

describe('AwsIdentityCard', () => {
  it('shows the verdict and the top finding', async () => {
    renderForResponse(<AwsIdentityCard />, riskyResponse);
    const item = await screen.findByTestId(
      'aws-identity-card-sa-sandbox-east/mc-missing-sub/report-generator',
    );
    expect(item).toHaveAttribute('data-verdict', 'risky');
    expect(within(item).getByText('risky')).toBeInTheDocument();
    expect(within(item).getByText('IRSA-T01')).toBeInTheDocument();
    expect(
      within(item).getByText(
        'Trust policy has no service account (sub) condition',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'View the AWS identity tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/report-generator/aws-identity',
    );
  });

  it('says there are no findings when verified', async () => {
    renderForResponse(<AwsIdentityCard />, verifiedResponse);
    expect(await screen.findAllByText('No findings.')).toHaveLength(2);
  });

  it('shows permission denied', async () => {
    renderWithEntity(
      <AwsIdentityCard />,
      entityWith('reports'),
      mockApi(await responseError(403, 'Missing permission')),
    );
    expect(
      await screen.findByTestId('aws-identity-permission-denied'),
    ).toBeInTheDocument();
  });
});
