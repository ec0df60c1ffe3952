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

import { Alert, Flex, Text } from '@backstage/ui';
import { SourceStatus } from '@internal/plugin-aws-identity-common';
import { timeAgo } from '../../../shared/presentation/format';
import { Subsection } from '../../../shared/Subsection/Subsection';

function sourceName(status: SourceStatus): string {
  return status.source.kind === 'aws-account'
    ? `AWS account ${status.source.accountId}`
    : `Cluster ${status.source.cluster}`;
}

/**
 * How fresh the data behind the tab is; failed or stale sources with their error.
 *
 * @public
 */
export function SourceFreshness(props: {
  sources: SourceStatus[];
  dataAsOf?: string;
}) {
  const { sources, dataAsOf } = props;
  const problems = sources.filter(s => s.state !== 'ok');
  return (
    <Subsection level="h3" title="Data sources" testId="aws-identity-sources">
      <Text variant="body-small" color="secondary">
        {dataAsOf
          ? `Data as of ${timeAgo(dataAsOf)} (${dataAsOf}).`
          : 'No data read yet.'}{' '}
        {sources.length - problems.length} of {sources.length} sources up to
        date.
      </Text>
      {problems.map(s => (
        <Alert
          key={sourceName(s)}
          status={s.state === 'error' ? 'danger' : 'warning'}
          icon
          data-testid="aws-identity-source-problem"
          data-source-state={s.state}
          title={`${sourceName(s)}: ${
            s.state === 'error' ? 'cannot be read' : 'stale'
          }`}
          description={
            <Flex direction="column" gap="1">
              {s.error && <Text variant="body-small">{s.error}</Text>}
              <Text variant="body-small">
                Last successful read: {timeAgo(s.lastSuccessAt)}. Results that
                depend on this source may be out of date.
              </Text>
            </Flex>
          }
        />
      ))}
    </Subsection>
  );
}
