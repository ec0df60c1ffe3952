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
import { Alert, Button, Flex, Text, TextAreaField } from '@backstage/ui';
import {
  awsIdentityRequestApprovePermission,
  REQUEST_TRANSITIONS,
  RoleRequest,
} from '@internal/plugin-aws-identity-common';
import { useState } from 'react';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { backendMessage } from '../../../shared/presentation/requests';
import { Subsection } from '../../../shared/Subsection/Subsection';

type Action = 'approve' | 'reject' | 'withdraw';

const DONE: Record<Action, string> = {
  approve: 'Request approved.',
  reject: 'Request rejected.',
  withdraw: 'Request withdrawn.',
};

/**
 * Approve (optional comment) and reject (reason required) for a submitted
 * request, and withdraw for its requester. Approve and reject are offered
 * only to users the permission policy allows `aws-identity.request.approve`,
 * and never on one's own request (four eyes); others see why instead. The
 * backend enforces both anyway: backend errors (missing permission, a
 * conflicting transition) are shown verbatim.
 *
 * @public
 */
export function RequestActions(props: {
  request: RoleRequest;
  /** The signed-in user's entity ref, when known. */
  currentUser?: string;
  /** Called after a successful action, to reload the request. */
  onChanged: () => void;
}) {
  const { request, currentUser, onChanged } = props;
  const api = useApi(awsIdentityApiRef);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [withdrawReason, setWithdrawReason] = useState('');
  const [busy, setBusy] = useState<Action>();
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const approval = usePermission({
    permission: awsIdentityRequestApprovePermission,
  });

  const canDecide = request.state === 'submitted';
  // The backend refuses whoever requested or submitted the request; say so up front.
  const ownRequest =
    currentUser !== undefined &&
    (currentUser === request.requestedBy ||
      currentUser === request.submittedBy);
  const canWithdraw =
    currentUser === request.requestedBy &&
    REQUEST_TRANSITIONS[request.state].includes('withdrawn');
  if (!canDecide && !canWithdraw) return null;

  const run = async (action: Action, call: () => Promise<unknown>) => {
    setBusy(action);
    setError(undefined);
    setDone(undefined);
    try {
      await call();
      setDone(DONE[action]);
      setComment('');
      setReason('');
      setWithdrawReason('');
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Subsection
      level="h3"
      title="Decision"
      testId="aws-identity-request-actions"
    >
      {error && (
        <Alert
          status="danger"
          icon
          role="alert"
          data-testid="aws-identity-action-error"
          title="The action failed"
          description={backendMessage(error)}
        />
      )}
      {done && <Alert status="success" icon role="status" title={done} />}
      {canDecide && ownRequest && (
        <Text variant="body-small" data-testid="aws-identity-decision-note">
          You cannot approve your own request: another platform engineer must
          decide on it.
        </Text>
      )}
      {canDecide && !ownRequest && !approval.loading && !approval.allowed && (
        <Text variant="body-small" data-testid="aws-identity-decision-note">
          Only the platform team can approve or reject role requests.
        </Text>
      )}
      {canDecide && !ownRequest && approval.allowed && (
        <Flex direction="column" gap="3">
          <TextAreaField
            label="Approval comment (optional)"
            value={comment}
            onChange={setComment}
          />
          <div>
            <Button
              variant="primary"
              isDisabled={busy !== undefined}
              onPress={() =>
                run('approve', () =>
                  api.approveRequest(request.id, comment.trim() || undefined),
                )
              }
            >
              Approve
            </Button>
          </div>
          <TextAreaField
            label="Rejection reason"
            isRequired
            value={reason}
            onChange={setReason}
          />
          <div>
            <Button
              variant="secondary"
              destructive
              isDisabled={busy !== undefined || reason.trim() === ''}
              onPress={() =>
                run('reject', () =>
                  api.rejectRequest(request.id, reason.trim()),
                )
              }
            >
              Reject
            </Button>
          </div>
        </Flex>
      )}
      {canWithdraw && (
        <Flex direction="column" gap="3">
          <TextAreaField
            label="Withdrawal reason (optional)"
            value={withdrawReason}
            onChange={setWithdrawReason}
          />
          <div>
            <Button
              variant="secondary"
              isDisabled={busy !== undefined}
              onPress={() =>
                run('withdraw', () =>
                  api.withdrawRequest(
                    request.id,
                    withdrawReason.trim() || undefined,
                  ),
                )
              }
            >
              Withdraw
            </Button>
          </div>
        </Flex>
      )}
    </Subsection>
  );
}
