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

import { Flex, Text } from '@backstage/ui';
import { Finding } from '@internal/plugin-aws-identity-common';
import {
  failModeText,
  severityColor,
} from '../../../shared/presentation/verdict';
import { FindingIdTag } from '../../../entity/lib/FindingsList/FindingsList';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';
import { PlainList } from '../../../shared/PlainList/PlainList';
import { Subsection } from '../../../shared/Subsection/Subsection';

const itemStyle = {
  padding: 'var(--bui-space-3)',
  border: '1px solid var(--bui-border-1)',
  borderRadius: 'var(--bui-radius-2)',
};

/**
 * The findings of a role plan, in the engine's order (most severe first, see `bySeverity`).
 *
 * @public
 */
export function PlanFindings(props: { findings: Finding[] }) {
  const sorted = props.findings;
  return (
    <Subsection
      level="h3"
      title={`Findings (${sorted.length})`}
      testId="aws-identity-plan-findings"
    >
      {sorted.length === 0 && (
        <Text variant="body-small" color="secondary">
          No findings.
        </Text>
      )}
      <PlainList>
        {sorted.map((f, i) => (
          <li
            key={`${f.id}-${i}`}
            style={itemStyle}
            data-testid="aws-identity-finding"
          >
            <Flex direction="column" gap="1">
              <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
                <FindingIdTag id={f.id} />
                <Text variant="body-medium" weight="bold">
                  {f.title}
                </Text>
                <Text variant="body-small">
                  <StatusDot status={severityColor(f.severity)} />
                  {f.severity} · {failModeText(f.failMode)}
                </Text>
              </Flex>
              <Text variant="body-small">{f.message}</Text>
              <Text variant="body-small">
                <strong>How to fix: </strong>
                {f.fix}
              </Text>
            </Flex>
          </li>
        ))}
      </PlainList>
    </Subsection>
  );
}
