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
import { IdentityReport } from '@internal/plugin-aws-identity-common';
import { MigrationSteps } from '../../../shared/MigrationSteps/MigrationSteps';
import { RequestMigrationButton } from '../RequestMigration/RequestMigration';
import { PlainList } from '../../../shared/PlainList/PlainList';
import { READINESS } from '../../../shared/presentation/readiness';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';
import { Subsection } from '../../../shared/Subsection/Subsection';

const STATUS: Record<
  NonNullable<IdentityReport['migration']>['status'],
  string
> = {
  ready: 'Ready to migrate to EKS Pod Identity.',
  'in-progress': 'Migration to EKS Pod Identity in progress.',
  blocked: 'Not ready: something below blocks the migration.',
  unknown: 'Readiness unknown: some facts could not be read.',
  migrated: 'Migrated: the pods use EKS Pod Identity.',
};

/**
 * "Migrate to Pod Identity" for one IRSA-bound service account: the engine's readiness items with
 * their evidence and fixes, and its ordered steps with their states and commands. Renders
 * nothing for a service account without a plan.
 *
 * @public
 */
export function MigrationPlan(props: {
  report: IdentityReport;
  /** The entity the tab shows; with it, a "Request migration" button is offered while the engine says the plan can be taken. */
  entityRef?: string;
}) {
  const plan = props.report.migration;
  if (!plan) return null;
  const requestable = plan.status === 'ready' || plan.status === 'in-progress';
  return (
    <Subsection title="Migrate to Pod Identity" testId="aws-identity-migration">
      <Text
        variant="body-small"
        data-testid="aws-identity-migration-status"
        data-status={plan.status}
      >
        {STATUS[plan.status]}
      </Text>
      <Text as="h5" variant="body-small" weight="bold">
        Readiness
      </Text>
      <PlainList aria-label="Readiness">
        {plan.readiness.map(item => (
          <li
            key={item.id}
            data-testid={`aws-identity-migration-readiness-${item.id}`}
            data-state={item.state}
          >
            <Flex direction="column" gap="1">
              <Text variant="body-small">
                <StatusDot status={READINESS[item.state].dot} />
                {item.title}: {READINESS[item.state].label}
              </Text>
              <Text variant="body-small" color="secondary">
                {item.evidence}
              </Text>
              {item.fix && item.state !== 'ready' && (
                <Text variant="body-small">Fix: {item.fix}</Text>
              )}
            </Flex>
          </li>
        ))}
      </PlainList>
      <Text as="h5" variant="body-small" weight="bold">
        Steps
      </Text>
      <MigrationSteps steps={plan.steps} />
      {props.entityRef && requestable && (
        <RequestMigrationButton
          entityRef={props.entityRef}
          serviceAccount={props.report.serviceAccount}
        />
      )}
    </Subsection>
  );
}
