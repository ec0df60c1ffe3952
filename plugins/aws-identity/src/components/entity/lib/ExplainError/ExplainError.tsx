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
  IdentityReport,
  explainStsError,
} from '@internal/plugin-aws-identity-common';
import { useId, useMemo, useState } from 'react';
import { CodeSnippet } from '../../../shared/CodeSnippet/CodeSnippet';

/**
 * "Why is my pod denied?": the user pastes an STS or SDK error and sees what it means for this
 * service account. The engine (`explainStsError`) decides; this view only renders its answer.
 *
 * @public
 */
export function ExplainError(props: { report: IdentityReport }) {
  const { report } = props;
  const inputId = useId();
  const [text, setText] = useState('');
  const explanation = useMemo(
    () => (text.trim() ? explainStsError(text, report) : undefined),
    [text, report],
  );
  return (
    <details data-testid="aws-identity-explain-error">
      <summary>Why is my pod denied?</summary>
      <Flex direction="column" gap="2">
        <label htmlFor={inputId}>
          <Text variant="body-small">
            Paste the error your pod logged (STS or AWS SDK)
          </Text>
        </label>
        <textarea
          id={inputId}
          rows={4}
          value={text}
          onChange={e => setText(e.target.value)}
        />
        {explanation && (
          <div role="status" aria-live="polite">
            <Text as="p" variant="body-small" weight="bold">
              {explanation.error.code ? `${explanation.error.code}: ` : ''}
              {explanation.meaning}
            </Text>
            {explanation.roleArn && (
              <Text as="p" variant="body-small">
                Role: {explanation.roleArn}
              </Text>
            )}
            {explanation.causes.length > 0 && (
              <>
                <Text as="p" variant="body-small">
                  For this service account:
                </Text>
                <ul>
                  {explanation.causes.map(c => (
                    <li key={c.text}>
                      <Text variant="body-small">{c.text}</Text>
                      {c.remediation?.map(s => (
                        <CodeSnippet
                          key={s.label}
                          label={`${s.label}${
                            c.findingId ? ` for ${c.findingId}` : ''
                          }`}
                          code={s.code}
                        />
                      ))}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {explanation.nextSteps.length > 0 && (
              <>
                <Text as="p" variant="body-small">
                  Next steps:
                </Text>
                <ol>
                  {explanation.nextSteps.map(s => (
                    <li key={s}>
                      <Text variant="body-small">{s}</Text>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </div>
        )}
      </Flex>
    </details>
  );
}
