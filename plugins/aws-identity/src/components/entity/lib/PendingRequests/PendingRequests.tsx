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

import { Flex, Link, Text } from '@backstage/ui';
import { IdentityRequest, requestSubject } from '@internal/plugin-aws-identity-common';
import { requestStateColor } from '../../../shared/presentation/requests';
import { timeAgo } from '../../../shared/presentation/format';
import { DeliveryLink } from '../../../shared/DeliveryLink/DeliveryLink';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { useRequestDetailLink } from '../../../shared/requestDetailLink/useRequestDetailLink';

/**
 * Open role requests of the entity: state, role ARN (a link to the request's detail page when
 * the app mounts the approvals page), requester and the delivery link (pull request or branch)
 * once there is one. Shows nothing when there are none.
 *
 * @public
 */
export function PendingRequests(props: { requests: IdentityRequest[] }) {
  const { requests } = props;
  const detailLink = useRequestDetailLink();
  if (requests.length === 0) return null;
  return (
    <Subsection
      level="h3"
      title="Pending requests"
      testId="aws-identity-pending-requests"
    >
      <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
        {requests.map(r => (
          <li key={r.id} data-testid="aws-identity-pending-request">
            <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
              <Text variant="body-small" weight="bold">
                <StatusDot status={requestStateColor(r.state)} />
                {r.state}
              </Text>
              {detailLink ? (
                <Link
                  href={detailLink(r.id)}
                  variant="body-small"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {requestSubject(r)}
                </Link>
              ) : (
                <Text variant="body-small" style={{ overflowWrap: 'anywhere' }}>
                  {requestSubject(r)}
                </Text>
              )}
              <Text variant="body-small" color="secondary">
                requested by {r.requestedBy} {timeAgo(r.createdAt)}
              </Text>
              {r.delivery && <DeliveryLink delivery={r.delivery} />}
            </Flex>
          </li>
        ))}
      </ul>
    </Subsection>
  );
}
