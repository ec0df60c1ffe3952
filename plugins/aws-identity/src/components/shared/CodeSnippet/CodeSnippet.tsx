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
import { CSSProperties } from 'react';
import { CopyButton } from '../CopyButton/CopyButton';

/**
 * The look of a block of code (policies, Terraform, diffs): one place, so every block in the
 * plugin reads the same.
 *
 * @internal
 */
export const codeBlockStyle: CSSProperties = {
  margin: 0,
  padding: 'var(--bui-space-3)',
  overflowX: 'auto',
  background: 'var(--bui-bg-neutral-2)',
  border: '1px solid var(--bui-border-1)',
  borderRadius: 'var(--bui-radius-2)',
  fontFamily: 'var(--bui-font-monospace, monospace)',
  fontSize: '0.8125rem',
  lineHeight: 1.5,
  whiteSpace: 'pre',
};

/**
 * A labelled, copyable block of code (a command or a file fragment).
 *
 * @public
 */
export function CodeSnippet(props: { label: string; code: string }) {
  const { label, code } = props;
  return (
    <Flex direction="column" gap="1">
      <Flex align="center" justify="between">
        <Text variant="body-small" weight="bold">
          {label}
        </Text>
        <CopyButton text={code} what={label} />
      </Flex>
      {/* Focusable so keyboard users can scroll long lines (axe scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <pre style={codeBlockStyle} tabIndex={0} role="region" aria-label={label}>
        <code>{code}</code>
      </pre>
    </Flex>
  );
}
