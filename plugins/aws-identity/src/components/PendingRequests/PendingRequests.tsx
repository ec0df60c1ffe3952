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
import { PendingRoleRequest } from '../../api';
import { timeAgo } from '../../presentation';
import { Subsection } from '../Subsection';

/**
 * Open role requests of the entity, with status and pull request links. Shows
 * nothing when there are none.
 *
 * @public
 */
export function PendingRequests(props: { requests: PendingRoleRequest[] }) {
  const { requests } = props;
  if (requests.length === 0) return null;
  return (
    <Subsection
      level="h3"
      title="Pending requests"
      testId="aws-identity-pending-requests"
    >
      <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
        {requests.map(r => (
          <li key={r.id}>
            <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
              <Text variant="body-small" weight="bold">
                {r.title}
              </Text>
              <Text variant="body-small">status: {r.status}</Text>
              {r.createdAt && (
                <Text variant="body-small" color="secondary">
                  submitted {timeAgo(r.createdAt)}
                </Text>
              )}
              {r.pullRequestUrl && (
                <Link
                  href={r.pullRequestUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  variant="body-small"
                >
                  Pull request
                </Link>
              )}
            </Flex>
          </li>
        ))}
      </ul>
    </Subsection>
  );
}
