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
import { Alert, Button, Flex, Text, TextAreaField } from '@backstage/ui';
import {
  RequestAction,
  RequestActionOption,
  IdentityRequest,
} from '@internal/plugin-aws-identity-common';
import { ReactNode, useState } from 'react';
import {
  AwsIdentityApi,
  awsIdentityApiRef,
} from '../../../../api/AwsIdentityApi';
import { backendMessage } from '../../../shared/presentation/errors';
import { Subsection } from '../../../shared/Subsection/Subsection';

const DONE: Record<RequestAction, string> = {
  approve: 'Request approved.',
  reject: 'Request rejected.',
  withdraw: 'Request withdrawn.',
};

/** How each action is asked for: the text field that goes with it and its button. */
const CONTROL: Record<
  RequestAction,
  {
    field: string;
    required: boolean;
    button: string;
    variant: 'primary' | 'secondary';
    destructive: boolean;
    /** Sends the action with the (trimmed) text of the field. */
    call: (api: AwsIdentityApi, id: string, text: string) => Promise<unknown>;
  }
> = {
  approve: {
    field: 'Approval comment (optional)',
    required: false,
    button: 'Approve',
    variant: 'primary',
    destructive: false,
    call: (api, id, text) => api.approveRequest(id, text || undefined),
  },
  reject: {
    field: 'Rejection reason',
    required: true,
    button: 'Reject',
    variant: 'secondary',
    destructive: true,
    call: (api, id, text) => api.rejectRequest(id, text),
  },
  withdraw: {
    field: 'Withdrawal reason (optional)',
    required: false,
    button: 'Withdraw',
    variant: 'secondary',
    destructive: false,
    call: (api, id, text) => api.withdrawRequest(id, text || undefined),
  },
};

const DECISIONS: RequestAction[] = ['approve', 'reject'];

function DecisionSection(props: { children: ReactNode }) {
  return (
    <Subsection
      level="h3"
      title="Decision"
      testId="aws-identity-request-actions"
    >
      {props.children}
    </Subsection>
  );
}

function ActionControl(props: {
  action: RequestAction;
  busy: boolean;
  onRun: (action: RequestAction, text: string) => void;
}) {
  const { action, busy, onRun } = props;
  const control = CONTROL[action];
  const [text, setText] = useState('');
  const trimmed = text.trim();
  return (
    <Flex direction="column" gap="3">
      <TextAreaField
        label={control.field}
        isRequired={control.required}
        value={text}
        onChange={setText}
      />
      <div>
        <Button
          variant={control.variant}
          destructive={control.destructive}
          isDisabled={busy || (control.required && trimmed === '')}
          onPress={() => onRun(action, trimmed)}
        >
          {control.button}
        </Button>
      </div>
    </Flex>
  );
}

/**
 * The actions the backend offers the signed-in user on a request
 * (`request.actions`): approve (optional comment), reject (reason required)
 * and withdraw, each shown only when the backend allows it. A decision the
 * backend refuses for this person (missing permission, their own request, a
 * critical plan) is replaced by the backend's reason; actions the request no
 * longer takes are not shown. Nothing is decided here: without `actions` (an
 * older backend) no control is offered. Errors of an action are shown
 * verbatim.
 *
 * @public
 */
export function RequestActions(props: {
  request: IdentityRequest;
  /** Called after a successful action, to reload the request. */
  onChanged: () => void;
}) {
  const { request, onChanged } = props;
  const api = useApi(awsIdentityApiRef);
  const [busy, setBusy] = useState<RequestAction>();
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<RequestAction>();
  // Remounts the controls after a success, which empties their text fields.
  const [completed, setCompleted] = useState(0);

  if (!request.actions) {
    return (
      <DecisionSection>
        <Text variant="body-small" data-testid="aws-identity-actions-unknown">
          The backend did not say what you may do with this request, so no
          decision can be taken here.
        </Text>
      </DecisionSection>
    );
  }

  // A `state` refusal means the request no longer takes the action: nothing to offer or explain.
  const offered = request.actions.filter(o => o.problem !== 'state');
  const allowed = offered.filter(o => o.allowed).map(o => o.action);
  const refusals = uniqueReasons(
    offered.filter(o => !o.allowed && DECISIONS.includes(o.action)),
  );
  if (allowed.length === 0 && refusals.length === 0 && !done && !error) {
    return null;
  }

  const run = async (action: RequestAction, text: string) => {
    setBusy(action);
    setError(undefined);
    setDone(undefined);
    try {
      await CONTROL[action].call(api, request.id, text);
      setDone(action);
      setCompleted(n => n + 1);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <DecisionSection>
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
      {done && <Alert status="success" icon role="status" title={DONE[done]} />}
      {refusals.map(reason => (
        <Text
          key={reason}
          variant="body-small"
          data-testid="aws-identity-decision-note"
        >
          {reason}
        </Text>
      ))}
      {allowed.length > 0 && (
        <Flex direction="column" gap="3">
          {allowed.map(action => (
            <ActionControl
              key={`${action}-${completed}`}
              action={action}
              busy={busy !== undefined}
              onRun={run}
            />
          ))}
        </Flex>
      )}
    </DecisionSection>
  );
}

function uniqueReasons(refused: RequestActionOption[]): string[] {
  return [
    ...new Set(
      refused.map(o => o.reason ?? `You cannot ${o.action} this request.`),
    ),
  ];
}
