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
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { buildIdentityReport, emptyPodAggregate, IdentityReportInput } from '@internal/plugin-aws-identity-common';
import { migrationRequest } from '../../../../__testUtils__/requests';
import { mockApi, responseError } from '../../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../../__testUtils__/responses';
import { reportsInputs } from '../../../../__testUtils__/scenarios';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { MigrationPlan } from '../MigrationPlan/MigrationPlan';
import { MigrationSummary } from '../MigrationSummary/MigrationSummary';

const [reports] = reportsInputs;
const ENTITY = 'component:default/reports';

function reportWith(agent: IdentityReportInput['cluster']['podIdentityAgent'], name = reports.serviceAccount.name) {
  return buildIdentityReport({
    ...reports,
    serviceAccount: { ...reports.serviceAccount, name },
    cluster: { ...reports.cluster, podIdentityAgent: agent, fargateProfiles: { state: 'known', profiles: [] } },
    pods: emptyPodAggregate({ podCount: 1, irsaEnvCount: 1, irsaVolumeCount: 1, hostNetworkPodCount: 0, fargatePodCount: 0, workloads: ['Deployment/reports'] }),
    podLabelSets: [{ app: 'reports' }],
  });
}
const READY = { state: 'installed' as const, status: 'ACTIVE', version: 'v1.3.4-eksbuild.1' };

async function render(element: JSX.Element, allow = true) {
  const api = mockApi(verifiedResponse);
  await renderInTestApp(element, {
    apis: [
      [awsIdentityApiRef, api],
      [permissionApiRef, mockApis.permission({ authorize: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY })],
    ],
  });
  return api;
}

describe('Request migration', () => {
  it('requests the migration of one service account from its section, by keyboard', async () => {
    const report = reportWith(READY);
    const element = <MigrationPlan report={report} entityRef={ENTITY} />;
    const api = mockApi(verifiedResponse);
    api.requestMigration.mockResolvedValue({ request: migrationRequest(), created: true });
    await renderInTestApp(element, {
      apis: [
        [awsIdentityApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: AuthorizeResult.ALLOW })],
      ],
    });
    const { namespace, name, cluster } = report.serviceAccount;
    const button = await screen.findByRole('button', { name: `Request migration of ${namespace}/${name} to EKS Pod Identity` });
    button.focus();
    await userEvent.setup().keyboard('{Enter}');
    await waitFor(() =>
      expect(api.requestMigration).toHaveBeenCalledWith({ entityRef: ENTITY, serviceAccounts: [{ cluster, namespace, name }] }),
    );
    expect(await screen.findByTestId('aws-identity-migration-requested')).toHaveTextContent(
      "Migration requested (submitted); it needs another person's approval.",
    );
  });

  it("shows the backend's refusal as it is", async () => {
    const api = mockApi(verifiedResponse);
    api.requestMigration.mockRejectedValue(
      await responseError(400, 'request.serviceAccounts[0]: "sandbox-east/reports/reports" is not ready to migrate: EKS Pod Identity Agent add-on is blocked'),
    );
    await renderInTestApp(<MigrationPlan report={reportWith(READY)} entityRef={ENTITY} />, {
      apis: [
        [awsIdentityApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: AuthorizeResult.ALLOW })],
      ],
    });
    await userEvent.setup().click(await screen.findByRole('button', { name: /Request migration of/ }));
    expect(await screen.findByText(/is not ready to migrate: EKS Pod Identity Agent add-on is blocked/)).toBeInTheDocument();
  });

  it('is not offered for a plan the engine says is blocked', async () => {
    await render(<MigrationPlan report={reportWith({ state: 'not-installed' })} entityRef={ENTITY} />);
    expect(await screen.findByTestId('aws-identity-migration-status')).toHaveTextContent('Not ready');
    expect(screen.queryByRole('button', { name: /Request migration/ })).not.toBeInTheDocument();
  });

  it('requests all service accounts of the component from the summary', async () => {
    const api = await render(<MigrationSummary reports={[reportWith(READY), reportWith(READY, 'worker')]} entityRef={ENTITY} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Request migration of all service accounts to EKS Pod Identity' }));
    await waitFor(() => expect(api.requestMigration).toHaveBeenCalledWith({ entityRef: ENTITY }));
  });
});
