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

/**
 * A small coloured dot marking a status next to text. The status colours of
 * `@backstage/ui` do not reach text contrast on light backgrounds, so text
 * stays in the primary colour and the dot (non-text, decorative) carries the
 * colour; the words carry the meaning.
 *
 * @public
 */
export function StatusDot(props: {
  status: 'success' | 'danger' | 'warning' | 'info';
}) {
  return (
    <Text
      as="span"
      color={props.status}
      aria-hidden="true"
      data-status={props.status}
    >
      <svg
        width="10"
        height="10"
        viewBox="0 0 10 10"
        focusable="false"
        style={{ marginInlineEnd: 6 }}
      >
        <circle cx="5" cy="5" r="5" fill="currentColor" />
      </svg>
    </Text>
  );
}
