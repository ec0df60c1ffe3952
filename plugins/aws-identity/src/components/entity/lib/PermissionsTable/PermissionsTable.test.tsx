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
import { reportsInputs } from '../../../../__testUtils__/scenarios';
import { PermissionsTable } from './PermissionsTable';

const [reports] = reportsInputs;

/** The reports role with one more inline policy. */
function reportWithPolicy(statements: object[]) {
  const role = reports.roles[0];
  return buildIdentityReport({
    ...reports,
    roles: [
      {
        ...role,
        permissionPolicies: [
          ...(role.permissionPolicies ?? []),
          {
            name: 'extra',
            kind: 'inline',
            document: { Version: '2012-10-17', Statement: statements },
          },
        ],
      },
    ],
  });
}

/** The action list item that shows an action. */
const actionItem = (action: string) =>
  screen.getByText(action, { selector: 'code' }).closest('li');

describe('PermissionsTable', () => {
  it('marks the actions the engine flagged as sensitive, and only those', async () => {
    // iam:PassRole on "*" lets the workload hand any role to a service: privilege escalation
    // (IRSA-P04); s3:ListAllMyBuckets on "*" is a list action the checks do not flag.
    const report = reportWithPolicy([
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    ]);
    expect(report.roles[0].flaggedActions?.map(f => f.findingId)).toContain(
      'IRSA-P04',
    );
    await renderInTestApp(<PermissionsTable report={report} />);

    expect(actionItem('iam:PassRole')).toHaveTextContent(
      'iam:PassRole (sensitive)',
    );
    expect(actionItem('s3:ListAllMyBuckets')).not.toHaveTextContent(
      'sensitive',
    );
    const iamRow = screen
      .getByText('iam', { selector: 'span' })
      .closest('[role="row"]');
    expect(
      within(iamRow as HTMLElement).getByText('sensitive'),
    ).toBeInTheDocument();
  });
});
