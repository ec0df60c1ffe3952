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
import { IdentityReport, summarizeMigrations } from '@internal/plugin-aws-identity-common';
import { RequestMigrationButton } from '../RequestMigration/RequestMigration';

/**
 * The component-level migration line ("2 of 3 service accounts ready to migrate to EKS Pod
 * Identity"), counted by the engine over the plans of the component's IRSA-bound service
 * accounts. Renders nothing when none is bound with IRSA.
 *
 * @public
 */
export function MigrationSummary(props: {
  reports: IdentityReport[];
  /** The entity the tab shows; with it, the component-wide "Request migration" is offered. */
  entityRef?: string;
}) {
  const plans = props.reports.flatMap(r => (r.migration ? [r.migration] : []));
  if (plans.length === 0) return null;
  const summary = summarizeMigrations(plans);
  // Offered while some plan can be taken; the backend refuses (naming why) when one is not ready.
  const requestable = plans.some(p => p.status === 'ready' || p.status === 'in-progress');
  return (
    <Flex direction="column" gap="2">
      <Text variant="body-medium" data-testid="aws-identity-migration-summary">
        {summary.headline}
      </Text>
      {props.entityRef && requestable && plans.length > 1 && <RequestMigrationButton entityRef={props.entityRef} />}
    </Flex>
  );
}
