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

import { Badge, Button, Flex, Text } from '@backstage/ui';
import { Finding, IdentityReport } from '@internal/plugin-aws-identity-common';
import { useId, useState } from 'react';
import {
  failModeText,
  remediationOpenByDefault,
  severityColor,
} from '../../../shared/presentation/verdict';
import { CodeSnippet } from '../../../shared/CodeSnippet/CodeSnippet';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';
import { RequestLink } from '../../../shared/requestDetailLink/RequestLink';

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

/** What tells one finding from another: the fields the engine de-duplicates on. */
function findingKey(f: Finding): string {
  return `${f.id}|${f.subject.kind}|${f.subject.ref}|${
    f.subject.statementIndex ?? ''
  }|${f.message}`;
}

/**
 * The copyable remediation of one finding behind a disclosure button, open or collapsed by
 * severity at first and then as the user leaves it.
 */
function Remediation(props: { finding: Finding }) {
  const { finding } = props;
  const panelId = useId();
  const [open, setOpen] = useState(() =>
    remediationOpenByDefault(finding.severity),
  );
  const snippets = finding.remediation ?? [];
  if (snippets.length === 0) return null;
  return (
    <Flex direction="column" gap="2">
      <div>
        <Button
          variant="tertiary"
          size="small"
          aria-expanded={open}
          aria-controls={panelId}
          onPress={() => setOpen(o => !o)}
        >
          {open ? 'Hide' : 'Show'} fix for {finding.id}
        </Button>
      </div>
      <div id={panelId} hidden={!open}>
        <Flex direction="column" gap="2">
          {snippets.map(s => (
            <CodeSnippet
              key={s.label}
              label={`${s.label} for ${finding.id}`}
              code={s.code}
            />
          ))}
        </Flex>
      </div>
    </Flex>
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
        {/* A finding about a recorded request links to its page, where the backend offers the fixes. */}
        {finding.requestId && (
          <Text variant="body-small">
            <RequestLink
              id={finding.requestId}
              unlinked={`Request ${finding.requestId}`}
              testId="aws-identity-finding-request"
            >
              Open request {finding.requestId}
            </RequestLink>
          </Text>
        )}
        <Remediation finding={finding} />
      </Flex>
    </li>
  );
}

/**
 * Consecutive findings of one severity. The engine orders the report's findings (most severe
 * first, then by id); grouping runs rather than re-sorting keeps exactly that order.
 */
function severityRuns(
  findings: Finding[],
): { severity: Finding['severity']; findings: Finding[] }[] {
  const runs: { severity: Finding['severity']; findings: Finding[] }[] = [];
  for (const finding of findings) {
    const last = runs[runs.length - 1];
    if (last && last.severity === finding.severity) last.findings.push(finding);
    else runs.push({ severity: finding.severity, findings: [finding] });
  }
  return runs;
}

/**
 * The report's findings in the engine's order (most severe first), under a heading per
 * severity, each with its fix and the copyable remediation the engine rendered for it — open
 * for high and critical findings, collapsed for the others.
 *
 * @public
 */
export function FindingsList(props: { report: IdentityReport }) {
  const { report } = props;
  const groups = severityRuns(report.findings);
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
      {groups.map((group, index) => (
        <Flex direction="column" gap="2" key={`${group.severity}-${index}`}>
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
            {group.findings.map(finding => (
              <FindingItem key={findingKey(finding)} finding={finding} />
            ))}
          </ul>
        </Flex>
      ))}
    </Subsection>
  );
}
