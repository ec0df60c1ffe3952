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
import { Alert, Button, Flex, Link, Text } from '@backstage/ui';
import {
  awsIdentityRequestCreatePermission,
  ClusterServiceAccountRef,
  IdentityRequest,
} from '@internal/plugin-aws-identity-common';
import { useState } from 'react';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { useBackendAction } from '../../../shared/backendAction/useBackendAction';
import { backendMessage } from '../../../shared/presentation/errors';
import { useRequestDetailLink } from '../../../shared/requestDetailLink/useRequestDetailLink';

/**
 * "Request migration": submits an IRSA → EKS Pod Identity migration request for one service
 * account, or for every IRSA-bound service account of the entity when none is given. Shown to
 * whoever may create requests (`aws-identity.request.create`, the permission `POST /requests`
 * enforces). The backend plans the migration from the live report and says why it refuses one
 * (not IRSA-bound, not ready: the failing readiness item); this button shows that answer as is.
 *
 * @public
 */
export function RequestMigrationButton(props: {
  entityRef: string;
  serviceAccount?: ClusterServiceAccountRef;
  /** Called with the recorded request, e.g. to refresh the pending requests. */
  onRequested?: (request: IdentityRequest) => void;
}) {
  const { entityRef, serviceAccount, onRequested } = props;
  const api = useApi(awsIdentityApiRef);
  const { allowed, loading: checking } = usePermission({ permission: awsIdentityRequestCreatePermission });
  const detailLink = useRequestDetailLink();
  const [requested, setRequested] = useState<IdentityRequest>();
  const { run: submit, busy, error } = useBackendAction(
    () => api.requestMigration({ entityRef, ...(serviceAccount ? { serviceAccounts: [serviceAccount] } : {}) }),
    ({ request }) => {
      setRequested(request);
      onRequested?.(request);
    },
  );
  if (checking || !allowed) return null;
  const what = serviceAccount ? `${serviceAccount.namespace}/${serviceAccount.name}` : 'all service accounts';
  const label = serviceAccount ? 'Request migration' : 'Request migration of all service accounts';
  return (
    <Flex direction="column" gap="2" data-testid="aws-identity-request-migration">
      {!requested && (
        <div>
          <Button
            variant="secondary"
            size="small"
            onPress={submit}
            isDisabled={busy}
            aria-label={`Request migration of ${what} to EKS Pod Identity`}
          >
            {busy ? 'Requesting…' : label}
          </Button>
        </div>
      )}
      {requested && (
        <Text variant="body-small" data-testid="aws-identity-migration-requested">
          Migration requested ({requested.state}); it needs another person's approval.{' '}
          {detailLink && (
            <Link href={detailLink(requested.id)} variant="body-small">
              View the request
            </Link>
          )}
        </Text>
      )}
      {error !== undefined && (
        <Alert status="danger" icon title="The migration could not be requested" description={backendMessage(error)} />
      )}
    </Flex>
  );
}
