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

import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { buildIdentityReport, emptyPodAggregate, IdentityReportInput } from '@internal/plugin-aws-identity-common';
import { mockApi } from '../../../../__testUtils__/testApi';
import { verifiedResponse } from '../../../../__testUtils__/responses';
import { reportsInputs } from '../../../../__testUtils__/scenarios';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { MigrationPlan } from '../MigrationPlan/MigrationPlan';

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

// A file of its own: usePermission keeps its answer per permission for the life of the module
// (SWR's cache), so a denial next to the allowed cases would see their answer.
describe('Request migration without the create permission', () => {
  it('is not offered without the create permission', async () => {
    await render(<MigrationPlan report={reportWith(READY)} entityRef={ENTITY} />, false);
    expect(await screen.findByTestId('aws-identity-migration-status')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Request migration/ })).not.toBeInTheDocument();
  });

});
