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
import { uploaderInput } from '../../../../__testUtils__/scenarios';
import { TrustEvaluation } from './TrustEvaluation';

/** The text under "Who else this trust admits" of one role's evaluation. */
function whoElse(roleArn: string): string {
  const role = screen.getByText(new RegExp(`^Role ${roleArn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
  const evaluation = role.closest('[data-testid="aws-identity-trust"]') as HTMLElement;
  const heading = within(evaluation).getByText('Who else this trust admits');
  return heading.parentElement?.textContent?.replace('Who else this trust admits', '') ?? '';
}

describe('TrustEvaluation', () => {
  // `uploader` is bound both ways: an IRSA trust naming exactly its subject, and the EKS User
  // Guide's Pod Identity trust (pods.eks.amazonaws.com, aws:SourceAccount), which names no
  // service account at all.
  const report = buildIdentityReport(uploaderInput);
  const irsa = report.roles.find(r => r.via === 'irsa')!;
  const pod = report.roles.find(r => r.via === 'pod-identity')!;

  it('says an exact IRSA trust admits nobody else when no check widened it', async () => {
    expect(irsa.alsoAdmits).toEqual([]);
    await renderInTestApp(<TrustEvaluation report={report} />);
    expect(whoElse(irsa.arn)).toBe('The checks found no other service account, namespace or audience this trust admits.');
  });

  it('does not claim nobody else for a Pod Identity trust: the associations decide who gets the role', async () => {
    expect(pod.alsoAdmits).toEqual([]);
    await renderInTestApp(<TrustEvaluation report={report} />);
    expect(whoElse(pod.arn)).toContain('An EKS Pod Identity trust names no service account');
    expect(whoElse(pod.arn)).toContain('decided by the associations');
    expect(whoElse(pod.arn)).not.toContain('no other service account');
  });
});
