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
  buildIdentityReport,
  emptyPodAggregate,
} from '@internal/plugin-aws-identity-common';
import { reportsInputs } from '../../../../__testUtils__/scenarios';
import { PodsSummary } from './PodsSummary';

/** The value next to a label of the pods' facts. */
function fact(label: string): string {
  const term = screen.getByText(label).closest('dt');
  return term?.nextElementSibling?.textContent ?? '';
}

const [reports] = reportsInputs;
const arn = reports.roles[0].arn;

describe('PodsSummary', () => {
  it('shows the pods the engine counted as needing a restart, with why', async () => {
    // Two pods created before the annotation: the webhook only mutates pods at creation, so
    // they run without the IRSA env until restarted (EKS User Guide).
    const report = buildIdentityReport({
      ...reports,
      pods: emptyPodAggregate({
        podCount: 3,
        irsaEnvCount: 1,
        irsaVolumeCount: 1,
        createdBeforeAnnotationCount: 2,
        roleArnsInEnv: [{ roleArn: arn, podCount: 1 }],
      }),
    });
    expect(report.podConditions?.notInjected).toBe(2);
    await renderInTestApp(<PodsSummary report={report} />);

    expect(fact('Running pods')).toBe('3');
    expect(fact('Needing a restart')).toBe(
      '2 of 3 pods lack the IRSA env or the aws-iam-token volume (2 created before the annotation).',
    );
    expect(fact('fsGroup (non-root containers)')).toBe('No problem found');
  });

  it('shows the non-root pods that cannot read the token before Kubernetes 1.19', async () => {
    const report = buildIdentityReport({
      ...reports,
      cluster: { ...reports.cluster, kubernetesVersion: '1.18' },
      pods: emptyPodAggregate({
        podCount: 2,
        irsaEnvCount: 2,
        irsaVolumeCount: 2,
        nonRootWithoutFsGroupCount: 1,
        roleArnsInEnv: [{ roleArn: arn, podCount: 2 }],
      }),
    });
    await renderInTestApp(<PodsSummary report={report} />);

    expect(fact('Needing a restart')).toBe(
      'None: every pod started after the current binding',
    );
    expect(fact('fsGroup (non-root containers)')).toMatch(
      /^1 pods run as non-root without fsGroup/,
    );
  });
});
