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

import { Text } from '@backstage/ui';
import { IdentityReport } from '@internal/plugin-aws-identity-common';
import { Facts } from '../../../shared/Facts/Facts';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';

function findingMessage(
  report: IdentityReport,
  id: string,
): string | undefined {
  return report.findings.find(f => f.id === id)?.message;
}

/**
 * What the running pods of the service account actually use: injection,
 * restarts needed, static keys and fsGroup.
 *
 * @public
 */
export function PodsSummary(props: { report: IdentityReport }) {
  const { report } = props;
  const pods = report.effectiveIdentity.pods;
  if (report.effectiveIdentity.basis !== 'observed-pods' || !pods) {
    return (
      <Subsection title="Pods" testId="aws-identity-pods">
        <Text variant="body-small" color="secondary">
          No running pods observed for this service account.
        </Text>
      </Subsection>
    );
  }
  const total = pods.irsa + pods.podIdentity + pods.staticKeys + pods.nodeRole;
  const restart = findingMessage(report, 'IRSA-B04');
  const fsGroup = findingMessage(report, 'IRSA-B11');
  return (
    <Subsection title="Pods" testId="aws-identity-pods">
      <Facts
        items={[
          ['Running pods', String(total)],
          ['Injected with IRSA', String(pods.irsa)],
          ['Using Pod Identity', String(pods.podIdentity)],
          [
            'Static keys found',
            <Text key="keys" variant="body-small">
              {pods.staticKeys > 0 && <StatusDot status="danger" />}
              {pods.staticKeys > 0
                ? `${pods.staticKeys} pod(s) have AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY`
                : 'None'}
            </Text>,
          ],
          [
            "Falling back to the node's role",
            <Text key="node" variant="body-small">
              {pods.nodeRole > 0 && <StatusDot status="warning" />}
              {String(pods.nodeRole)}
            </Text>,
          ],
          [
            'Needing a restart',
            <Text key="restart" variant="body-small">
              {restart && <StatusDot status="danger" />}
              {restart ?? 'None: every pod started after the current binding'}
            </Text>,
          ],
          [
            'fsGroup (non-root containers)',
            <Text key="fsgroup" variant="body-small">
              {fsGroup && <StatusDot status="warning" />}
              {fsGroup ?? 'No problem found'}
            </Text>,
          ],
        ]}
      />
    </Subsection>
  );
}
