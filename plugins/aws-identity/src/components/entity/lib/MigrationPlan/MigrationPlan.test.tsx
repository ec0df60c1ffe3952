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
import { buildIdentityReport, emptyPodAggregate, IdentityReportInput } from '@internal/plugin-aws-identity-common';
import { reportsInputs } from '../../../../__testUtils__/scenarios';
import { MigrationSummary } from '../MigrationSummary/MigrationSummary';
import { MigrationPlan } from './MigrationPlan';

const [reports] = reportsInputs;

/** The sandbox's reports service account on an EKS cluster whose agent add-on is `agent`. */
function reportWith(agent: IdentityReportInput['cluster']['podIdentityAgent']) {
  return buildIdentityReport({
    ...reports,
    cluster: { ...reports.cluster, podIdentityAgent: agent, fargateProfiles: { state: 'known', profiles: [] } },
    pods: emptyPodAggregate({ podCount: 1, irsaEnvCount: 1, irsaVolumeCount: 1, hostNetworkPodCount: 0, fargatePodCount: 0, workloads: ['Deployment/reports'] }),
    podLabelSets: [{ app: 'reports' }],
  });
}

describe('MigrationPlan', () => {
  it('shows the readiness and the steps the engine decided, with the next step\'s commands', async () => {
    const report = reportWith({ state: 'installed', status: 'ACTIVE', version: 'v1.3.4-eksbuild.1' });
    await renderInTestApp(<MigrationPlan report={report} />);

    expect(screen.getByTestId('aws-identity-migration-status')).toHaveTextContent('Ready to migrate to EKS Pod Identity.');
    const readiness = screen.getByRole('list', { name: 'Readiness' });
    expect(within(readiness).getAllByRole('listitem')).toHaveLength(6);
    expect(screen.getByTestId('aws-identity-migration-readiness-pod-identity-agent')).toHaveTextContent(
      'EKS Pod Identity Agent add-on: Ready',
    );
    const steps = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(steps.map(s => s.getAttribute('data-state'))).toEqual(['next', 'pending', 'pending', 'pending', 'pending', 'pending']);
    expect(steps[0]).toHaveTextContent("1. Add the EKS Pod Identity statement to the role's trust policy: Next");
    expect(steps[5]).toHaveTextContent('(optional)');
    // Only the next step shows its commands.
    expect(within(steps[0]).getByText('Trust policy JSON: step 1')).toBeInTheDocument();
    expect(within(steps[1]).queryByText(/AWS CLI/)).toBeNull();
  });

  it('shows a refusal with its evidence and fix', async () => {
    const report = reportWith({ state: 'not-installed' });
    await renderInTestApp(<MigrationPlan report={report} />);
    const agent = screen.getByTestId('aws-identity-migration-readiness-pod-identity-agent');
    expect(agent).toHaveAttribute('data-state', 'blocked');
    expect(agent).toHaveTextContent('Fix: Install the add-on: aws eks create-addon --cluster-name sandbox-east --addon-name eks-pod-identity-agent');
    expect(screen.getByTestId('aws-identity-migration-step-create-association')).toHaveAttribute('data-state', 'blocked');
  });

  it('renders nothing for a service account without an IRSA annotation', async () => {
    const report = buildIdentityReport({ ...reports, serviceAccount: { ...reports.serviceAccount, annotations: {} } });
    await renderInTestApp(<MigrationPlan report={report} />);
    expect(screen.queryByTestId('aws-identity-migration')).toBeNull();
  });
});

describe('MigrationSummary', () => {
  it('counts the component\'s service accounts ready to migrate', async () => {
    const ready = reportWith({ state: 'installed', status: 'ACTIVE' });
    const blocked = reportWith({ state: 'not-installed' });
    await renderInTestApp(<MigrationSummary reports={[ready, ready, blocked]} />);
    expect(screen.getByTestId('aws-identity-migration-summary')).toHaveTextContent(
      '2 of 3 service accounts ready to migrate to EKS Pod Identity.',
    );
  });
});
