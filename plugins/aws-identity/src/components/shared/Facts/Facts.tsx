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
import { ReactNode } from 'react';

const listStyle = {
  display: 'grid',
  gridTemplateColumns: 'minmax(9rem, max-content) 1fr',
  columnGap: 'var(--bui-space-4)',
  rowGap: 'var(--bui-space-2)',
  margin: 0,
};

/**
 * A definition list of label/value pairs.
 *
 * @public
 */
export function Facts(props: { items: Array<[string, ReactNode]> }) {
  return (
    <dl style={listStyle}>
      {props.items.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>
            <Text variant="body-small" color="secondary">
              {label}
            </Text>
          </dt>
          <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
            {typeof value === 'string' ? (
              <Text variant="body-small">{value}</Text>
            ) : (
              value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
