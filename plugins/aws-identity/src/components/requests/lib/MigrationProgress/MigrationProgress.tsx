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

import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import {
  awsIdentityRequestCreatePermission,
  MigrationRequest,
  MigrationStatus,
} from '@internal/plugin-aws-identity-common';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { useBackendAction } from '../../../shared/backendAction/useBackendAction';
import { DeliveryLink } from '../../../shared/DeliveryLink/DeliveryLink';
import { backendMessage } from '../../../shared/presentation/errors';
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
 * Where a migration request stands in one line per service account, from the backend's live
 * progress: the first step not done and its state (`step 3 next: Restart the pods`), or the
 * status when no step is open. For list rows.
 *
 * @public
 */
export function migrationProgressLines(request: MigrationRequest): string[] {
  return (request.progress ?? []).map(target => {
    const sa = target.serviceAccount;
    const open = target.steps.find(s => s.state !== 'done' && !s.optional);
    const where = open ? `step ${open.order} ${open.state}: ${open.title}` : STATUS[target.status].label;
    return `${sa.namespace}/${sa.name}: ${where}`;
  });
}

/**
 * Where each service account of a migration request stands, step by step, as the backend read
 * it from the live inventory (`progress`); before the backend answers with progress, the plan
 * recorded at submission.
 *
 * @public
 */
export function MigrationProgress(props: { request: MigrationRequest; onChanged?: () => void }) {
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
      <AnnotationRemoval request={request} onChanged={props.onChanged} />
    </Subsection>
  );
}

/**
 * The last step the request offers once its pods are verified on EKS Pod Identity: a follow-up
 * change removing the IRSA annotation (and the OIDC trust statements only it relied on). Shown
 * when the backend offers it (`annotationRemoval`) to whoever may create requests; afterwards,
 * the delivered change.
 */
function AnnotationRemoval(props: { request: MigrationRequest; onChanged?: () => void }) {
  const { request, onChanged } = props;
  const api = useApi(awsIdentityApiRef);
  const { allowed } = usePermission({ permission: awsIdentityRequestCreatePermission });
  const { run, busy, error } = useBackendAction(() => api.removeMigrationAnnotation(request.id), () => onChanged?.());
  if (request.followUp) {
    return (
      <Text variant="body-small" data-testid="aws-identity-annotation-removal-delivered">
        Annotation removal: <DeliveryLink delivery={request.followUp} />
      </Text>
    );
  }
  const offered = request.annotationRemoval?.serviceAccounts ?? [];
  if (offered.length === 0) return null;
  const names = offered.map(sa => `${sa.namespace}/${sa.name}`).join(', ');
  return (
    <Flex direction="column" gap="2" data-testid="aws-identity-annotation-removal">
      <Text variant="body-small">
        The pods of {names} use EKS Pod Identity: the eks.amazonaws.com/role-arn annotation can go
        now, and the OIDC trust statement where no other subject relies on it.
      </Text>
      {allowed && (
        <div>
          <Button variant="secondary" size="small" onPress={run} isDisabled={busy}>
            {busy ? 'Opening the change…' : 'Open the change removing the IRSA annotation'}
          </Button>
        </div>
      )}
      {error && <Alert status="danger" icon title="The change could not be opened" description={backendMessage(error)} />}
    </Flex>
  );
}
