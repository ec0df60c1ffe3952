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
import { RoleRequestTransition } from '@internal/plugin-aws-identity-common';
import { Subsection } from '../../../shared/Subsection/Subsection';

/**
 * Every state change of a request: who, when and why.
 *
 * @public
 */
export function TransitionsTimeline(props: {
  transitions: RoleRequestTransition[];
}) {
  return (
    <Subsection level="h3" title="History" testId="aws-identity-transitions">
      <ol style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
        {props.transitions.map((t, i) => (
          <li key={`${t.at}-${i}`} data-testid="aws-identity-transition">
            <Text variant="body-small">
              <strong>{t.from ? `${t.from} → ${t.to}` : t.to}</strong> by{' '}
              {t.actor},{' '}
              <time dateTime={t.at}>{new Date(t.at).toLocaleString()}</time>
              {t.reason ? `: ${t.reason}` : ''}
            </Text>
          </li>
        ))}
      </ol>
    </Subsection>
  );
}
