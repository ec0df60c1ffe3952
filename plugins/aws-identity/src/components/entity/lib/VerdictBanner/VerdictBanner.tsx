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
import { NextStep, Verdict } from '@internal/plugin-aws-identity-common';
import { presentVerdict } from '../../../shared/presentation/verdict';

/** Why this step comes first, in the words of someone who needs the pods working. */
const NEXT_STEP_LEAD: Record<NextStep['reason'], string> = {
  'breaks-binding': 'Next step, to get your pods their role:',
  'most-severe': 'Next step:',
};

/**
 * The verdict of one service account, in words, with the single most important next step and
 * the backend's reasons. The engine decides both the verdict and the next step.
 *
 * @public
 */
export function VerdictBanner(props: {
  verdict: Verdict;
  reasons: string[];
  /** The report's `nextStep`; none for a verified binding. */
  nextStep?: NextStep;
}) {
  const { verdict, reasons, nextStep } = props;
  const p = presentVerdict(verdict);
  const hasBody = reasons.length > 0 || nextStep;
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
        hasBody ? (
          <Flex direction="column" gap="2">
            {nextStep && (
              <Text
                as="p"
                variant="body-medium"
                style={{ margin: 0 }}
                data-testid="aws-identity-next-step"
                data-finding-id={nextStep.findingId}
              >
                <strong>{NEXT_STEP_LEAD[nextStep.reason]}</strong>{' '}
                {nextStep.fix}{' '}
                {/* Primary colour: the secondary one lacks text contrast on the banner's background. */}
                <Text as="span" variant="body-small">
                  ({nextStep.findingId}: {nextStep.title})
                </Text>
              </Text>
            )}
            {reasons.length > 0 && (
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
            )}
          </Flex>
        ) : undefined
      }
    />
  );
}
