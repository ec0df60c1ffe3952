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
import { useIdentityTabHref } from '../../shared/identityTab/useIdentityTabHref';
import {
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  Flex,
  Link,
  Skeleton,
  Text,
} from '@backstage/ui';
import { useEntityIdentity } from '../useEntityIdentity';
import { presentVerdict } from '../../shared/presentation/verdict';
import { serviceAccountKey } from '../../shared/presentation/format';
import { FindingIdTag } from '../lib/FindingsList/FindingsList';
import { LoadError } from '../lib/LoadError/LoadError';
import { StatusDot } from '../../shared/StatusDot/StatusDot';
import { PlainList } from '../../shared/PlainList/PlainList';

/**
 * Overview card: the verdict of each service account and its top finding.
 *
 * @public
 */
export function AwsIdentityCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const identityTabHref = useIdentityTabHref();
  const { loading, error, value, retry } = useEntityIdentity(entityRef);
  const tabHref = identityTabHref(entityRef);

  return (
    <Card data-testid="aws-identity-card">
      <CardHeader>
        <Text as="h2" variant="title-small">
          AWS identity
        </Text>
      </CardHeader>
      <CardBody>
        {loading && !value && <Skeleton width="100%" height={48} />}
        {error && <LoadError error={error} onRetry={retry} />}
        {value && value.serviceAccounts.length === 0 && (
          <Text variant="body-small">
            Not deployed yet: no service account found.
          </Text>
        )}
        {value && value.serviceAccounts.length > 0 && (
          <PlainList gap="3">
            {value.serviceAccounts.map(report => {
              const p = presentVerdict(report.verdict);
              const top = report.findings[0];
              return (
                <li
                  key={serviceAccountKey(report.serviceAccount)}
                  data-testid={`aws-identity-card-sa-${serviceAccountKey(
                    report.serviceAccount,
                  )}`}
                  data-verdict={report.verdict}
                >
                  <Flex direction="column" gap="1">
                    <Text variant="body-small" color="secondary">
                      {report.serviceAccount.namespace}/
                      {report.serviceAccount.name} on{' '}
                      {report.serviceAccount.cluster}
                    </Text>
                    <Text variant="body-medium" weight="bold">
                      <StatusDot status={p.status} />
                      <span style={{ textTransform: 'capitalize' }}>
                        {p.label}
                      </span>
                    </Text>
                    <Text variant="body-small">{p.headline}</Text>
                    {top ? (
                      <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
                        <FindingIdTag id={top.id} />
                        <Text variant="body-small">{top.title}</Text>
                        {report.findings.length > 1 && (
                          <Text variant="body-small" color="secondary">
                            +{report.findings.length - 1} more
                          </Text>
                        )}
                      </Flex>
                    ) : (
                      <Text variant="body-small" color="secondary">
                        No findings.
                      </Text>
                    )}
                  </Flex>
                </li>
              );
            })}
          </PlainList>
        )}
      </CardBody>
      <CardFooter>
        <Link href={tabHref}>View the AWS identity tab</Link>
      </CardFooter>
    </Card>
  );
}
