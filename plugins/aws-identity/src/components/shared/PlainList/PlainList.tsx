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

import { ReactNode } from 'react';

/**
 * A list without bullets or indent whose items stand apart by a gap: the card's service
 * accounts, a plan's findings, the statements of a trust policy.
 *
 * @public
 */
export function PlainList(props: {
  children: ReactNode;
  /** `ol` when the order means something (statement indexes). */
  as?: 'ul' | 'ol';
  /** Space between items, a `@backstage/ui` space step. */
  gap?: '2' | '3';
  'aria-label'?: string;
}) {
  const { children, as: List = 'ul', gap = '2' } = props;
  return (
    <List
      aria-label={props['aria-label']}
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        display: 'grid',
        gap: `var(--bui-space-${gap})`,
      }}
    >
      {children}
    </List>
  );
}
