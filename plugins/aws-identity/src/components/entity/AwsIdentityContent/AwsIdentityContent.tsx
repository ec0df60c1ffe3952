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

import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, Flex, Skeleton, Text } from '@backstage/ui';
import { IdentityReport } from '@internal/plugin-aws-identity-common';
import { expectedIdentityOf } from '../../../filters';
import { useEntityIdentity } from '../useEntityIdentity';
import { presentVerdict } from '../../shared/presentation/verdict';
import { serviceAccountKey } from '../../shared/presentation/format';
import { LoadError } from '../lib/LoadError/LoadError';
import { MigrationSummary } from '../lib/MigrationSummary/MigrationSummary';
import { NotDeployed } from '../lib/NotDeployed/NotDeployed';
import { PendingRequests } from '../lib/PendingRequests/PendingRequests';
import { ServiceAccountSection } from '../lib/ServiceAccountSection/ServiceAccountSection';
import { SourceFreshness } from '../lib/SourceFreshness/SourceFreshness';

function Loading() {
  return (
    <Flex
      direction="column"
      gap="3"
      aria-busy="true"
      data-testid="aws-identity-loading"
    >
      <Text variant="body-medium" role="status">
        Loading the AWS identity…
      </Text>
      <Skeleton width="100%" height={48} />
      <Skeleton width="100%" height={160} />
    </Flex>
  );
}

function summary(reports: IdentityReport[]): string {
  const counts = new Map<string, number>();
  for (const r of reports) {
    const label = presentVerdict(r.verdict).label;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const parts = [...counts.entries()].map(([label, n]) => `${n} ${label}`);
  return `${reports.length} service account${
    reports.length === 1 ? '' : 's'
  }: ${parts.join(', ')}.`;
}

/**
 * The AWS identity tab of an entity: one section per service account its
 * workloads run as, with verdict, bound identity, trust, findings,
 * permissions and pods; plus source freshness and pending requests.
 *
 * @public
 */
export function AwsIdentityContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const expected = expectedIdentityOf(entity);
  const { loading, error, value, requests, retry } =
    useEntityIdentity(entityRef);

  return (
    <Flex direction="column" gap="4" data-testid="aws-identity-tab">
      <Text as="h2" variant="title-medium">
        AWS identity
      </Text>
      {loading && !value && <Loading />}
      {error && <LoadError error={error} onRetry={retry} />}
      {value && (
        <>
          <Text variant="body-medium" aria-live="polite">
            {value.serviceAccounts.length > 0
              ? summary(value.serviceAccounts)
              : 'No service account found for this component.'}
          </Text>
          <MigrationSummary reports={value.serviceAccounts} entityRef={entityRef} />
          <Card>
            <CardBody>
              <Flex direction="column" gap="3">
                <SourceFreshness
                  sources={value.sources}
                  dataAsOf={value.dataAsOf}
                />
                <PendingRequests requests={requests} />
              </Flex>
            </CardBody>
          </Card>
          {value.serviceAccounts.length === 0 && (
            <NotDeployed selector={value.selector} expected={expected} />
          )}
          {value.serviceAccounts.map(report => (
            <ServiceAccountSection
              key={serviceAccountKey(report.serviceAccount)}
              report={report}
              entityRef={entityRef}
              selector={value.selector}
              expected={expected}
            />
          ))}
        </>
      )}
    </Flex>
  );
}
