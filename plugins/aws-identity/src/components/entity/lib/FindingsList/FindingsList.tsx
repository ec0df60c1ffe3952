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

import { Badge, Flex, Text } from '@backstage/ui';
import {
  Finding,
  IdentityReport,
  SEVERITIES,
} from '@internal/plugin-aws-identity-common';
import {
  failModeText,
  severityColor,
} from '../../../shared/presentation/verdict';
import { CodeSnippet } from '../../../shared/CodeSnippet/CodeSnippet';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';

const findingStyle = {
  padding: 'var(--bui-space-3)',
  border: '1px solid var(--bui-border-1)',
  borderRadius: 'var(--bui-radius-2)',
};

/**
 * The visible id tag of a finding (also what the e2e reads).
 *
 * @public
 */
export function FindingIdTag(props: { id: string }) {
  return (
    <Badge
      size="small"
      data-finding-id={props.id}
      data-testid="aws-identity-finding-id"
    >
      {props.id}
    </Badge>
  );
}

function FindingItem(props: { finding: Finding }) {
  const { finding } = props;
  return (
    <li
      style={findingStyle}
      data-testid="aws-identity-finding"
      data-finding-id={finding.id}
    >
      <Flex direction="column" gap="2">
        <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
          <FindingIdTag id={finding.id} />
          <Text
            as="h6"
            variant="body-medium"
            weight="bold"
            style={{ margin: 0 }}
          >
            {finding.title}
          </Text>
          <Text variant="body-small">
            <StatusDot status={severityColor(finding.severity)} />
            {finding.severity} · {failModeText(finding.failMode)}
          </Text>
        </Flex>
        <Text variant="body-small">{finding.message}</Text>
        <Text variant="body-small">
          <strong>How to fix: </strong>
          {finding.fix}
        </Text>
        {(finding.remediation ?? []).map(s => (
          <CodeSnippet
            key={s.label}
            label={`${s.label} for ${finding.id}`}
            code={s.code}
          />
        ))}
      </Flex>
    </li>
  );
}

/**
 * Findings grouped by severity, most severe first, each with fix and the copyable remediation
 * the engine rendered for it.
 *
 * @public
 */
export function FindingsList(props: { report: IdentityReport }) {
  const { report } = props;
  const groups = SEVERITIES.map(severity => ({
    severity,
    findings: report.findings.filter(f => f.severity === severity),
  })).filter(g => g.findings.length > 0);
  return (
    <Subsection
      title={`Findings (${report.findings.length})`}
      testId="aws-identity-findings"
    >
      {groups.length === 0 && (
        <Text variant="body-small" color="secondary">
          No findings.
        </Text>
      )}
      {groups.map(group => (
        <Flex direction="column" gap="2" key={group.severity}>
          <Text
            as="h5"
            variant="body-medium"
            weight="bold"
            style={{ margin: 0 }}
          >
            <StatusDot status={severityColor(group.severity)} />
            {group.severity.charAt(0).toUpperCase()}
            {group.severity.slice(1)} ({group.findings.length})
          </Text>
          <ul
            style={{
              listStyle: 'none',
              margin: 0,
              padding: 0,
              display: 'grid',
              gap: 'var(--bui-space-2)',
            }}
          >
            {group.findings.map((finding, i) => (
              <FindingItem key={`${finding.id}-${i}`} finding={finding} />
            ))}
          </ul>
        </Flex>
      ))}
    </Subsection>
  );
}
