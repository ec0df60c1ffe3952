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
import { MigrationStep, MigrationStepState } from '@internal/plugin-aws-identity-common';
import { CodeSnippet } from '../CodeSnippet/CodeSnippet';
import { PlainList } from '../PlainList/PlainList';
import { StatusDot } from '../StatusDot/StatusDot';

/** Words and dot colour per step state; the engine decided the state. */
const STEP: Record<MigrationStepState, { label: string; dot?: 'success' | 'warning' | 'danger' | 'info' }> = {
  done: { label: 'Done', dot: 'success' },
  next: { label: 'Next', dot: 'info' },
  pending: { label: 'Waiting for an earlier step' },
  blocked: { label: 'Blocked', dot: 'danger' },
};

/**
 * The ordered steps of an IRSA → EKS Pod Identity migration as the engine planned them: each
 * with its state, why, and the commands of the next step. Used by the tab's migration section
 * and by a migration request's progress.
 *
 * @public
 */
export function MigrationSteps(props: { steps: readonly MigrationStep[]; label?: string; testIdPrefix?: string }) {
  const prefix = props.testIdPrefix ?? 'aws-identity-migration-step';
  return (
    <PlainList as="ol" aria-label={props.label ?? 'Steps'} gap="3">
      {props.steps.map(step => (
        <li key={step.id} data-testid={`${prefix}-${step.id}`} data-state={step.state}>
          <Flex direction="column" gap="1">
            <Text variant="body-small" weight="bold">
              {STEP[step.state].dot && <StatusDot status={STEP[step.state].dot!} />}
              {step.order}. {step.title}
              {step.optional ? ' (optional)' : ''}: {STEP[step.state].label}
            </Text>
            {step.reason && (
              <Text variant="body-small" color="secondary">
                {step.reason}
              </Text>
            )}
            {step.state === 'next' &&
              step.remediation?.map(snippet => (
                <CodeSnippet key={snippet.label} label={`${snippet.label}: step ${step.order}`} code={snippet.code} />
              ))}
          </Flex>
        </li>
      ))}
    </PlainList>
  );
}
