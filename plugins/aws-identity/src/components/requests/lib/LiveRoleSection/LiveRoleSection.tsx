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
import { Flex, Text } from '@backstage/ui';
import { LiveRoleResponse } from '@internal/plugin-aws-identity-common';
import { useCallback } from 'react';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { usePolled } from '../../usePolled';
import { backendMessage } from '../../../shared/presentation/errors';
import { timeAgo } from '../../../shared/presentation/format';
import { PolicyDiff } from '../PolicyDiff/PolicyDiff';
import { Subsection } from '../../../shared/Subsection/Subsection';

/**
 * The live role changes only when an account is read again (minutes), so it
 * is polled far less often than the request itself.
 */
const LIVE_ROLE_POLL_INTERVAL_MS = 30_000;

function asOfText(asOf: string | undefined): string {
  return asOf ? `IAM as read ${timeAgo(asOf)}` : 'IAM never read';
}

function Absent(props: { live: LiveRoleResponse }) {
  return (
    <Text variant="body-small">
      The role {props.live.roleArn} does not exist yet: approving this request
      creates it ({asOfText(props.live.asOf)}).
    </Text>
  );
}

function Unknown(props: { live: LiveRoleResponse }) {
  const { live } = props;
  return (
    <Flex direction="column" gap="1">
      <Text variant="body-small">
        The role's account could not be read, so it is not known whether{' '}
        {live.roleArn} exists or how it differs from the plan.
      </Text>
      {live.reason && (
        <Text variant="body-small" color="secondary">
          {live.reason}
        </Text>
      )}
      <Text variant="body-small" color="secondary">
        {live.asOf
          ? `The account was last read successfully ${timeAgo(live.asOf)}.`
          : 'The account has never been read successfully.'}
      </Text>
    </Flex>
  );
}

function Present(props: { live: LiveRoleResponse }) {
  const { live } = props;
  const comparison = live.comparison;
  return (
    <Flex direction="column" gap="2">
      {live.foreignReason && (
        <Text variant="body-small" color="danger" data-testid="aws-identity-foreign-role">
          {live.foreignReason}
        </Text>
      )}
      <Text variant="body-small">
        The role {live.liveRoleArn ?? live.roleArn} exists ({asOfText(live.asOf)}).{' '}
        {comparison?.identical
          ? 'Its policies are identical to the plan.'
          : `It differs from the plan: ${
              comparison?.summary ?? 'not compared'
            }.`}
      </Text>
      {live.reason && (
        <Text variant="body-small" color="secondary">
          {live.reason}
        </Text>
      )}
      {comparison && !comparison.identical && (
        <Text variant="body-small" color="secondary">
          Lines marked + are in the plan but not on the live role; lines marked
          - are on the live role but not in the plan.
        </Text>
      )}
      {comparison && (
        <Flex direction="column" gap="3" data-testid="aws-identity-live-diff">
          {comparison.documents.map(document => (
            <PolicyDiff
              key={`${document.kind}:${document.title}`}
              document={document}
            />
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/**
 * "Compared with the live role": whether the request's role exists and, when
 * it does, a per-document diff of the planned policies against it. When the
 * role's account cannot be read it says so and when it was last read; it
 * never claims the role is absent then.
 *
 * @public
 */
export function LiveRoleSection(props: { requestId: string }) {
  const { requestId } = props;
  const api = useApi(awsIdentityApiRef);
  const load = useCallback(() => api.getLiveRole(requestId), [api, requestId]);
  const { value: live, error } = usePolled(
    `live-role:${requestId}`,
    load,
    LIVE_ROLE_POLL_INTERVAL_MS,
  );

  return (
    <Subsection
      level="h3"
      title="Compared with the live role"
      testId="aws-identity-live-role"
    >
      {!live && !error && (
        <Text variant="body-small" color="secondary">
          Reading the live role…
        </Text>
      )}
      {!live && error && (
        <Text variant="body-small">
          The live role could not be compared: {backendMessage(error)}
        </Text>
      )}
      {live?.status === 'absent' && <Absent live={live} />}
      {live?.status === 'unknown' && <Unknown live={live} />}
      {live?.status === 'present' && <Present live={live} />}
    </Subsection>
  );
}
