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
import { IdentityReport } from '@internal/plugin-aws-identity-common';
import { CouldAlsoAssume } from './CouldAlsoAssume';

const BOUND = 'arn:aws:iam::111122223333:role/payments';
const NAMESPACE_WIDE = 'arn:aws:iam::111122223333:role/payments-shared';
const OLD = 'arn:aws:iam::111122223333:role/payments-v1';
const POD = 'arn:aws:iam::111122223333:role/pod-anything';

const report = (couldAlsoAssume?: IdentityReport['couldAlsoAssume']) =>
  ({ couldAlsoAssume }) as IdentityReport;

describe('CouldAlsoAssume', () => {
  it('lists every role the report says admits the service account, with how', async () => {
    await renderInTestApp(
      <CouldAlsoAssume
        report={report([
          { roleArn: BOUND, via: 'irsa', named: true, bound: true },
          { roleArn: NAMESPACE_WIDE, via: 'irsa', named: false, bound: false },
          { roleArn: OLD, via: 'irsa', named: true, bound: false },
          { roleArn: POD, via: 'pod-identity', bound: false },
        ])}
      />,
    );
    const section = screen.getByTestId('aws-identity-could-also-assume');
    const items = within(section).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveTextContent(`${BOUND}`);
    expect(items[0]).toHaveTextContent('via IRSA; bound: this service account uses it');
    expect(items[1]).toHaveTextContent('via IRSA; not bound: a pattern in its trust admits this service account');
    expect(items[2]).toHaveTextContent('via IRSA; not bound: its trust names this service account');
    expect(items[3]).toHaveTextContent('via Pod Identity; not bound: its trust accepts EKS Pod Identity');
  });

  it('says when no role besides the bound one admits the service account', async () => {
    await renderInTestApp(
      <CouldAlsoAssume report={report([{ roleArn: BOUND, via: 'irsa', named: true, bound: true }])} />,
    );
    expect(screen.getByText('No role besides the bound one admits this service account.')).toBeInTheDocument();
  });

  it('renders nothing when the report carries no list', async () => {
    await renderInTestApp(<CouldAlsoAssume report={report(undefined)} />);
    expect(screen.queryByTestId('aws-identity-could-also-assume')).not.toBeInTheDocument();
  });
});
