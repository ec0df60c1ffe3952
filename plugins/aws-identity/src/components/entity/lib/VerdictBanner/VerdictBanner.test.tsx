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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  brokenResponse,
  notConfiguredResponse,
  riskyResponse,
  verifiedResponse,
} from '../../../../__testUtils__/responses';
import { VerdictBanner } from './VerdictBanner';

const first = (r: typeof verifiedResponse) => r.serviceAccounts[0];

function renderBanner(report: ReturnType<typeof first>) {
  return renderInTestApp(
    <VerdictBanner
      verdict={report.verdict}
      reasons={report.verdictReasons}
      nextStep={report.nextStep}
    />,
  );
}

describe('VerdictBanner', () => {
  it('names what gets the pods their role when the binding is broken', async () => {
    // notifier: the annotated role does not exist (IRSA-B02).
    const report = first(brokenResponse);
    await renderBanner(report);

    const step = screen.getByTestId('aws-identity-next-step');
    expect(step).toHaveAttribute('data-finding-id', 'IRSA-B02');
    expect(step).toHaveTextContent(
      'Next step, to get your pods their role: Create the role, or add this service account to its trust policy',
    );
    expect(step).toHaveTextContent(
      '(IRSA-B02: Annotated role cannot be assumed by this service account)',
    );
    // The reasons stay, after the step.
    expect(screen.getByText('Why:')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Role arn:aws:iam::111111111111:role/mc-role-does-not-exist does not exist.',
      ),
    ).toBeInTheDocument();
  });

  it('names the fix of the most severe finding when the binding works but is risky', async () => {
    // report-generator: the trust has no sub condition (IRSA-T01, critical).
    const report = first(riskyResponse);
    await renderBanner(report);

    const step = screen.getByTestId('aws-identity-next-step');
    expect(step).toHaveAttribute('data-finding-id', 'IRSA-T01');
    expect(step).toHaveTextContent(/^Next step: /);
    expect(step).toHaveTextContent(report.findings[0].fix);
  });

  it('words a risky verdict for findings that widen access and for ones that deny part of it', async () => {
    // Risky covers a trust that admits others (IRSA-T01 here) and high fail-closed findings
    // such as PID-08 (an ABAC policy that grants nothing with session tags disabled).
    await renderBanner(first(riskyResponse));
    expect(screen.getByTestId('aws-identity-verdict')).toHaveTextContent(
      'It works, but a serious problem needs attention: someone else could use this access, or part of what the pods need is denied (see why).',
    );
  });

  it('names the most severe finding of a service account without a binding', async () => {
    // edgedelta: static keys in the pods' environment (IRSA-B05, high).
    await renderBanner(first(notConfiguredResponse));
    expect(screen.getByTestId('aws-identity-next-step')).toHaveAttribute(
      'data-finding-id',
      'IRSA-B05',
    );
  });

  it('names no next step for a verified binding', async () => {
    await renderBanner(first(verifiedResponse));
    expect(screen.getByTestId('aws-identity-verdict')).toHaveAttribute(
      'data-verdict',
      'verified',
    );
    expect(
      screen.queryByTestId('aws-identity-next-step'),
    ).not.toBeInTheDocument();
  });
});
