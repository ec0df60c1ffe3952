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
import {
  buildIdentityReport,
  summarizeAssociationPermissions,
} from '@internal/plugin-aws-identity-common';
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

  it("shows what a Pod Identity association's pods get: the target role's grants and the ABAC left unresolved", async () => {
    const report = reportWithPolicy([]);
    const target = {
      ...reports.roles[0],
      arn: 'arn:aws:iam::444455556666:role/archive',
      name: 'archive',
      accountId: '444455556666',
      permissionPolicies: [
        {
          name: 'archive',
          kind: 'inline' as const,
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::archive/*',
              },
              {
                Effect: 'Allow',
                Action: 's3:PutObject',
                Resource:
                  'arn:aws:s3:::archive/${aws:PrincipalTag/kubernetes-namespace}/*',
              },
            ],
          },
        },
      ],
    };
    const effective = summarizeAssociationPermissions({
      association: {
        cluster: 'prod',
        namespace: 'reports',
        serviceAccount: 'reports',
        roleArn: report.roles[0].arn,
        targetRoleArn: target.arn,
        disableSessionTags: true,
      },
      request: {
        accountId: '111122223333',
        namespace: 'reports',
        serviceAccount: 'reports',
      },
      roles: new Map([[target.arn, target]]),
    });
    await renderInTestApp(
      <PermissionsTable
        report={{
          ...report,
          roles: [{ ...report.roles[0], effectivePermissions: [effective] }],
        }}
      />,
    );
    expect(
      screen.getByText(/arn:aws:iam::444455556666:role\/archive \(target role/),
    ).toBeInTheDocument();
    expect(actionItem('s3:GetObject')).toBeInTheDocument();
    expect(screen.queryByText('s3:PutObject', { selector: 'code' })).toBeNull();
    expect(
      screen.getByTestId('aws-identity-permissions-left-out'),
    ).toHaveTextContent(
      '${aws:PrincipalTag/kubernetes-namespace} has no value',
    );
  });
});
