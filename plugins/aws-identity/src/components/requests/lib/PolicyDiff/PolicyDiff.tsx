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
import {
  collapseUnchanged,
  DiffLine,
  PolicyDocumentComparison,
} from '@internal/plugin-aws-identity-common';
import { CSSProperties } from 'react';
import { codeBlockStyle } from '../../../shared/CodeSnippet/CodeSnippet';

// Lines carry their own horizontal padding (for the +/- gutter), so the block pads only vertically.
const preStyle: CSSProperties = {
  ...codeBlockStyle,
  padding: 'var(--bui-space-2) 0',
};

const lineStyle: CSSProperties = {
  display: 'block',
  padding: '0 var(--bui-space-3)',
  textDecoration: 'none',
};

// Colour only backs up the +/- marker and the <ins>/<del> semantics; it never carries the meaning.
const LINE: Record<DiffLine['op'], { marker: string; style: CSSProperties }> = {
  added: {
    marker: '+',
    style: {
      ...lineStyle,
      background: 'var(--bui-positive-bg-subdued)',
      color: 'var(--bui-positive-fg-subdued)',
    },
  },
  removed: {
    marker: '-',
    style: {
      ...lineStyle,
      background: 'var(--bui-negative-bg-subdued)',
      color: 'var(--bui-negative-fg-subdued)',
    },
  },
  unchanged: { marker: ' ', style: lineStyle },
};

function Line(props: { line: DiffLine }) {
  const { op, text } = props.line;
  const { marker, style } = LINE[op];
  const content = `${marker} ${text}`;
  if (op === 'added') {
    return (
      <ins style={style} data-op={op}>
        {content}
      </ins>
    );
  }
  if (op === 'removed') {
    return (
      <del style={style} data-op={op}>
        {content}
      </del>
    );
  }
  return (
    <span style={style} data-op={op}>
      {content}
    </span>
  );
}

/**
 * One planned document against its live counterpart: title, summary and,
 * when they differ, a compact line diff (`+` lines only in the plan, `-`
 * lines only on the live role, unchanged stretches folded to a count).
 *
 * @public
 */
export function PolicyDiff(props: {
  document: PolicyDocumentComparison;
  /** Unchanged lines kept around each change; default 3. */
  context?: number;
}) {
  const { document, context = 3 } = props;
  const label = `${document.title}: ${document.summary}`;
  return (
    <Flex
      direction="column"
      gap="1"
      data-testid="aws-identity-live-diff-document"
    >
      <Text variant="body-small">
        <Text as="span" variant="body-small" weight="bold">
          {document.title}
        </Text>
        {`: ${document.summary}`}
      </Text>
      {!document.identical && document.lines.length > 0 && (
        // Focusable so keyboard users can scroll long lines (axe scrollable-region-focusable).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <pre style={preStyle} tabIndex={0} role="region" aria-label={label}>
          <code>
            {collapseUnchanged(document.lines, context).map((segment, i) =>
              segment.kind === 'collapsed' ? (
                <span
                  key={i}
                  style={{ ...lineStyle, color: 'var(--bui-fg-secondary)' }}
                  data-op="collapsed"
                >
                  {`  … ${segment.count} unchanged ${
                    segment.count === 1 ? 'line' : 'lines'
                  }`}
                </span>
              ) : (
                segment.lines.map((line, j) => (
                  <Line key={`${i}.${j}`} line={line} />
                ))
              ),
            )}
          </code>
        </pre>
      )}
    </Flex>
  );
}
