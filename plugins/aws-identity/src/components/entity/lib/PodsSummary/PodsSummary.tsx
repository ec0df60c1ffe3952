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
import {
  IdentityReport,
  PodConditions,
  SKIP_POD_IDENTITY_WEBHOOK_LABEL,
} from '@internal/plugin-aws-identity-common';
import { Facts } from '../../../shared/Facts/Facts';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';

/** The pods that need a restart (IRSA-B04), in words; undefined when none does. */
function restartText(c: PodConditions | undefined): string | undefined {
  if (!c) return undefined;
  const parts: string[] = [];
  if (c.notInjected > 0) {
    const causes = [
      c.createdBeforeAnnotation > 0 &&
        `${c.createdBeforeAnnotation} created before the annotation`,
      c.skipWebhookLabel > 0 &&
        `${c.skipWebhookLabel} labelled ${SKIP_POD_IDENTITY_WEBHOOK_LABEL}`,
    ].filter(Boolean);
    parts.push(
      `${c.notInjected} of ${
        c.podCount
      } pods lack the IRSA env or the aws-iam-token volume${
        causes.length > 0 ? ` (${causes.join(', ')})` : ''
      }`,
    );
  }
  for (const other of c.otherRoleArns) {
    parts.push(`${other.podCount} pods carry AWS_ROLE_ARN=${other.roleArn}`);
  }
  return parts.length > 0 ? `${parts.join('; ')}.` : undefined;
}

/** The pods that cannot read the token without fsGroup (IRSA-B11), in words. */
function fsGroupText(c: PodConditions | undefined): string | undefined {
  if (!c || c.tokenUnreadable === 0) return undefined;
  return `${c.tokenUnreadable} pods run as non-root without fsGroup and cannot read the token on this Kubernetes version.`;
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
  // The engine counted the pods by condition; this view only puts the counts into words.
  const restart = restartText(report.podConditions);
  const fsGroup = fsGroupText(report.podConditions);
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
