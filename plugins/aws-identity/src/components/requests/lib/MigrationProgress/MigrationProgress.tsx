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
import { MigrationRequest, MigrationStatus } from '@internal/plugin-aws-identity-common';
import { MigrationSteps } from '../../../shared/MigrationSteps/MigrationSteps';
import { PlainList } from '../../../shared/PlainList/PlainList';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';
import { Subsection } from '../../../shared/Subsection/Subsection';

const STATUS: Record<MigrationStatus, { label: string; dot: 'success' | 'warning' | 'danger' | 'info' }> = {
  ready: { label: 'nothing applied yet', dot: 'info' },
  'in-progress': { label: 'in progress', dot: 'info' },
  blocked: { label: 'blocked', dot: 'danger' },
  unknown: { label: 'unknown (not in the inventory)', dot: 'warning' },
  migrated: { label: 'migrated', dot: 'success' },
};

/**
 * Where each service account of a migration request stands, step by step, as the backend read
 * it from the live inventory (`progress`); before the backend answers with progress, the plan
 * recorded at submission.
 *
 * @public
 */
export function MigrationProgress(props: { request: MigrationRequest }) {
  const { request } = props;
  const targets =
    request.progress ??
    request.migration.targets.map(t => ({ serviceAccount: t.serviceAccount, status: t.plan.status, steps: t.plan.steps }));
  return (
    <Subsection level="h3" title="Migration progress" testId="aws-identity-migration-progress">
      <PlainList aria-label="Service accounts" gap="3">
        {targets.map(target => {
          const sa = target.serviceAccount;
          const name = `${sa.cluster}/${sa.namespace}/${sa.name}`;
          return (
            <li key={name} data-testid="aws-identity-migration-target" data-status={target.status}>
              <Flex direction="column" gap="2">
                <Text variant="body-small" weight="bold">
                  <StatusDot status={STATUS[target.status].dot} />
                  {name}: {STATUS[target.status].label}
                </Text>
                {target.steps.length > 0 && (
                  <MigrationSteps
                    steps={target.steps}
                    label={`Steps of ${name}`}
                    testIdPrefix="aws-identity-migration-progress-step"
                  />
                )}
              </Flex>
            </li>
          );
        })}
      </PlainList>
    </Subsection>
  );
}
