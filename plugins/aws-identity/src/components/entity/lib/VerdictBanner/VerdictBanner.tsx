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

import { Alert, Flex, Text } from '@backstage/ui';
import { Verdict } from '@internal/plugin-aws-identity-common';
import { presentVerdict } from '../../../shared/presentation/verdict';

/**
 * The verdict of one service account, in words, with the backend's reasons.
 *
 * @public
 */
export function VerdictBanner(props: { verdict: Verdict; reasons: string[] }) {
  const { verdict, reasons } = props;
  const p = presentVerdict(verdict);
  return (
    <Alert
      status={p.status}
      icon
      data-testid="aws-identity-verdict"
      data-verdict={verdict}
      title={
        <span>
          <strong style={{ textTransform: 'capitalize' }}>{p.label}</strong>
          {' — '}
          {p.headline}
        </span>
      }
      description={
        reasons.length > 0 ? (
          <Flex direction="column" gap="1">
            <Text variant="body-small" as="span">
              Why:
            </Text>
            <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
              {reasons.map(reason => (
                <li key={reason}>
                  <Text variant="body-small">{reason}</Text>
                </li>
              ))}
            </ul>
          </Flex>
        ) : undefined
      }
    />
  );
}
