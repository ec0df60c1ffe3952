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


// core-plugin-api's API refs resolve in both the new and the legacy frontend system, so the
// same component serves the default export and `./legacy`.
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { useEffect, useState } from 'react';

type BackendState = 'checking' | 'reachable' | 'unreachable';

/**
 * The AWS identity tab of an entity.
 *
 * @public
 */
export function AwsIdentityContent() {
  const { entity } = useEntity();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [backend, setBackend] = useState<BackendState>('checking');

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const baseUrl = await discoveryApi.getBaseUrl('aws-identity');
        const response = await fetchApi.fetch(`${baseUrl}/health`);
        if (!cancelled) setBackend(response.ok ? 'reachable' : 'unreachable');
      } catch {
        if (!cancelled) setBackend('unreachable');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [discoveryApi, fetchApi]);

  return (
    <Flex direction="column" gap="4">
      <Card>
        <CardHeader>
          <Text variant="title-small" as="h2">
            AWS identity of {stringifyEntityRef(entity)}
          </Text>
        </CardHeader>
        <CardBody>
          <Text as="p" aria-live="polite">
            {backend === 'checking' && 'Contacting the aws-identity backend…'}
            {backend === 'reachable' &&
              'The aws-identity backend is reachable. The inventory of roles and service accounts appears here once sources are configured.'}
            {backend === 'unreachable' &&
              'The aws-identity backend cannot be reached.'}
          </Text>
        </CardBody>
      </Card>
    </Flex>
  );
}
