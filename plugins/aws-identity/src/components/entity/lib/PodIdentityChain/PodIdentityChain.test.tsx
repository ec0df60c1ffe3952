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
import { buildIdentityReport } from '@internal/plugin-aws-identity-common';
import { PodIdentityChain } from './PodIdentityChain';

// Built by the engine from a seed, as the backend would serve it: a Pod Identity association with a
// cross-account target role whose trust wants another external id (EKS User Guide, target roles).
const CLUSTER_ARN = 'arn:aws:eks:eu-west-1:111122223333:cluster/prod';
const FIRST = 'arn:aws:iam::111122223333:role/primary';
const TARGET = 'arn:aws:iam::444455556666:role/reports-reader';
const report = (externalId: string) =>
  buildIdentityReport({
    cluster: { name: 'prod', accountId: '111122223333', arn: CLUSTER_ARN, issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/X' },
    serviceAccount: { cluster: 'prod', namespace: 'reports', name: 'api', annotations: {} },
    roles: [
      {
        arn: FIRST,
        name: 'primary',
        accountId: '111122223333',
        trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] },
        permissionPolicies: [
          { name: 'chain', kind: 'inline', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: TARGET }] } },
        ],
      },
      {
        arn: TARGET,
        name: 'reports-reader',
        accountId: '444455556666',
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: FIRST }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'ext-1' } } },
            { Effect: 'Allow', Principal: { AWS: FIRST }, Action: 'sts:TagSession' },
          ],
        },
      },
    ],
    oidcProviders: [],
    podIdentityAssociations: [
      { cluster: 'prod', namespace: 'reports', serviceAccount: 'api', roleArn: FIRST, targetRoleArn: TARGET, externalId },
    ],
  });

describe('PodIdentityChain', () => {
  it('shows both hops, and marks the failing one', async () => {
    await renderInTestApp(<PodIdentityChain report={report('wrong')} />);
    const region = screen.getByRole('region', { name: /Pod Identity role chain/ });
    const hops = within(region).getAllByRole('listitem');
    expect(hops).toHaveLength(2);
    expect(hops[0]).toHaveTextContent(`Hop 1: Association role ${FIRST} (assumed by pods.eks.amazonaws.com) — allowed`);
    expect(hops[1]).toHaveTextContent(`Hop 2: Target role ${TARGET} (assumed by the association role) — denied (this hop fails)`);
    expect(hops[1]).toHaveAttribute('aria-current', 'step');
    expect(hops[1]).toHaveTextContent(/external id wrong/);
  });

  it('shows a working chain without a failing hop', async () => {
    await renderInTestApp(<PodIdentityChain report={report('ext-1')} />);
    const hops = screen.getAllByTestId('aws-identity-chain-hop');
    expect(hops.map(h => h.getAttribute('aria-current'))).toEqual([null, null]);
    expect(hops[1]).toHaveTextContent('— allowed');
  });
});
