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
import { Alert, Button, Flex, Text } from '@backstage/ui';
import { DriftRepair, IdentityRequest, RoleRequest } from '@internal/plugin-aws-identity-common';
import { useState } from 'react';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { backendMessage } from '../../../shared/presentation/errors';
import { useBackendAction } from '../../../shared/backendAction/useBackendAction';
import { RequestLink } from '../../../shared/requestDetailLink/RequestLink';

const LABEL: Record<DriftRepair, { idle: string; busy: string; says: string }> = {
  restore: {
    idle: 'Restore the approved plan',
    busy: 'Requesting the restore…',
    says: 'a new request, approved like any other, whose change puts the approved plan back',
  },
  accept: {
    idle: 'Accept the live state as the plan',
    busy: 'Requesting the acceptance…',
    says: 'a new request whose plan is the live role, also approved, whose change records it in code',
  },
};

/**
 * What can be done about a drifted role request, as the backend offered it (`repairs`): a button
 * per repair it allows, the reason for one it does not, and, once asked for, a link to the new
 * request. Nothing when the request is not drifted.
 *
 * @public
 */
export function DriftRepairs(props: { request: RoleRequest; onChanged?: () => void }) {
  const { request, onChanged } = props;
  const api = useApi(awsIdentityApiRef);
  const [pressed, setPressed] = useState<DriftRepair>();
  const [made, setMade] = useState<IdentityRequest>();
  const { run, busy, error } = useBackendAction(
    (repair: DriftRepair) => {
      setPressed(repair);
      return api.repairDriftedRequest(request.id, repair);
    },
    answer => {
      setMade(answer.request);
      onChanged?.();
    },
  );
  const repairs = request.repairs ?? [];
  if (repairs.length === 0) return null;
  return (
    <Flex direction="column" gap="2" data-testid="aws-identity-drift-repairs">
      {repairs.map(option => (
        <Flex key={option.repair} gap="2" align="center" style={{ flexWrap: 'wrap' }}>
          <Button
            // Only an allowed restore is the page's primary action; a refused one must not look pressable.
            variant={option.repair === 'restore' && option.allowed ? 'primary' : 'secondary'}
            size="small"
            onPress={() => run(option.repair)}
            isDisabled={!option.allowed || busy}
          >
            {busy && pressed === option.repair ? LABEL[option.repair].busy : LABEL[option.repair].idle}
          </Button>
          <Text variant="body-small" color="secondary">
            {option.allowed ? LABEL[option.repair].says : option.reason}
          </Text>
        </Flex>
      ))}
      {made && (
        <Text variant="body-small" data-testid="aws-identity-drift-repair-made">
          Requested:{' '}
          <RequestLink id={made.id}>request {made.id}</RequestLink>; it
          waits for a platform engineer's decision.
        </Text>
      )}
      {error && (
        <Alert status="danger" icon title="The repair could not be requested" description={backendMessage(error)} />
      )}
    </Flex>
  );
}
