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
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  buildIdentityReport,
  Finding,
  IdentityReport,
} from '@internal/plugin-aws-identity-common';
import { reportsInputs } from '../../../../__testUtils__/scenarios';
import { requestsRouteRef } from '../../../../plugin';
import { FindingsList } from './FindingsList';

/** A finding with a one-snippet remediation, as the engine renders them. */
function finding(id: string, severity: Finding['severity']): Finding {
  return {
    id,
    severity,
    failMode: 'open',
    title: `${id} title`,
    subject: { kind: 'role', ref: 'arn:aws:iam::111111111111:role/r' },
    message: `${id} message`,
    fix: `${id} fix`,
    remediation: [{ label: 'AWS CLI', language: 'shell', code: `# ${id}` }],
  };
}

function reportWith(findings: Finding[]): IdentityReport {
  return { ...buildIdentityReport(reportsInputs[0]), findings };
}

const renderedIds = () =>
  screen.getAllByTestId('aws-identity-finding').map(
    e => e.getAttribute('data-finding-id'),
  );

/**
 * `reports` in sandbox-east with the EKS user guide's trust minus its `aud` condition: the
 * engine reports IRSA-T04, low while the provider accepts only `sts.amazonaws.com`.
 */
function withoutAudCondition(): IdentityReport {
  const input = reportsInputs[0];
  const trust = JSON.parse(JSON.stringify(input.roles[0].trustPolicy));
  const equals = trust.Statement[0].Condition.StringEquals;
  for (const key of Object.keys(equals)) {
    if (key.endsWith(':aud')) delete equals[key];
  }
  return buildIdentityReport({
    ...input,
    roles: [{ ...input.roles[0], trustPolicy: trust }],
  });
}

describe('FindingsList', () => {
  it('lists findings critical to info as the report orders them, under one heading per severity', async () => {
    const report = reportWith([
      finding('IRSA-T10', 'critical'),
      finding('IRSA-B05', 'high'),
      finding('IRSA-T11', 'high'),
      finding('IRSA-T04', 'medium'),
      finding('IRSA-B08', 'low'),
      finding('IRSA-B03', 'info'),
    ]);
    await renderInTestApp(<FindingsList report={report} />);

    expect(renderedIds()).toEqual([
      'IRSA-T10',
      'IRSA-B05',
      'IRSA-T11',
      'IRSA-T04',
      'IRSA-B08',
      'IRSA-B03',
    ]);
    expect(
      screen.getAllByRole('heading', { level: 5 }).map(h => h.textContent),
    ).toEqual([
      'Critical (1)',
      'High (2)',
      'Medium (1)',
      'Low (1)',
      'Info (1)',
    ]);
  });

  it('keeps the order within a severity the report gives, without re-sorting', async () => {
    await renderInTestApp(
      <FindingsList
        report={reportWith([
          finding('IRSA-T11', 'high'),
          finding('IRSA-B05', 'high'),
        ])}
      />,
    );
    expect(renderedIds()).toEqual(['IRSA-T11', 'IRSA-B05']);
  });

  it('shows the copyable fix of high and critical findings and collapses low, medium and info ones', async () => {
    await renderInTestApp(
      <FindingsList
        report={reportWith([
          finding('IRSA-T10', 'critical'),
          finding('IRSA-B05', 'high'),
          finding('IRSA-T04', 'medium'),
          finding('IRSA-B08', 'low'),
          finding('IRSA-B03', 'info'),
        ])}
      />,
    );

    for (const id of ['IRSA-T10', 'IRSA-B05']) {
      expect(
        screen.getByRole('button', { name: `Hide fix for ${id}` }),
      ).toHaveAttribute('aria-expanded', 'true');
      expect(
        screen.getByRole('region', { name: `AWS CLI for ${id}` }),
      ).toBeVisible();
    }
    for (const id of ['IRSA-T04', 'IRSA-B08', 'IRSA-B03']) {
      expect(
        screen.getByRole('button', { name: `Show fix for ${id}` }),
      ).toHaveAttribute('aria-expanded', 'false');
      expect(
        screen.queryByRole('region', { name: `AWS CLI for ${id}` }),
      ).not.toBeInTheDocument();
      // The fix in words stays visible.
      expect(screen.getByText(`${id} fix`)).toBeVisible();
    }
  });

  it('opens and closes one finding’s fix from the keyboard, leaving the others as they are', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <FindingsList
        report={reportWith([
          finding('IRSA-T04', 'medium'),
          finding('IRSA-B08', 'low'),
        ])}
      />,
    );

    const show = screen.getByRole('button', { name: 'Show fix for IRSA-T04' });
    expect(show).toHaveAttribute(
      'aria-controls',
      screen
        .getAllByTestId('aws-identity-finding')[0]
        .querySelector('[hidden]')?.id,
    );
    await user.tab();
    expect(show).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(show).toHaveAttribute('aria-expanded', 'true');
    expect(show).toHaveAccessibleName('Hide fix for IRSA-T04');
    expect(
      screen.getByRole('region', { name: 'AWS CLI for IRSA-T04' }),
    ).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Show fix for IRSA-B08' }),
    ).toHaveAttribute('aria-expanded', 'false');

    await user.keyboard(' ');
    expect(show).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByRole('region', { name: 'AWS CLI for IRSA-T04' }),
    ).not.toBeInTheDocument();
  });

  it('collapses the trust-policy fix of the low audience finding the engine reports', async () => {
    const user = userEvent.setup();
    const report = withoutAudCondition();
    expect(report.findings.map(f => [f.id, f.severity])).toEqual([
      ['IRSA-T04', 'low'],
    ]);
    await renderInTestApp(<FindingsList report={report} />);

    const item = screen.getByTestId('aws-identity-finding');
    expect(within(item).queryAllByRole('region')).toEqual([]);
    await user.click(
      within(item).getByRole('button', { name: 'Show fix for IRSA-T04' }),
    );
    expect(within(item).getAllByRole('region').length).toBeGreaterThan(0);
  });

  it('links a finding about a drifted request to that request, wherever the app mounts the approvals page', async () => {
    const drift = { ...finding('IRSA-R02', 'medium'), requestId: 'r-drifted', remediation: undefined };
    await renderInTestApp(<FindingsList report={reportWith([drift])} />, {
      mountedRoutes: { '/platform/role-requests': requestsRouteRef },
    });
    expect(screen.getByRole('link', { name: 'Open request r-drifted' })).toHaveAttribute(
      'href',
      '/platform/role-requests/r-drifted',
    );
  });
});
