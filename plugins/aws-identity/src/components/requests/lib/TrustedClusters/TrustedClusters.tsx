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

import { Flex, Text } from '@backstage/ui';
import { RolePlan } from '@internal/plugin-aws-identity-common';

/**
 * The clusters of a plan with, for IRSA, the issuer the role will trust and the IAM OIDC provider
 * it names, as the backend planned them (from the EKS inventory or configuration). Rendered as
 * given: which issuer a role trusts is never derived here.
 */
export function TrustedClusters(props: { plan: Pick<RolePlan, 'input' | 'oidcProviders'> }) {
  const { input, oidcProviders } = props.plan;
  if (input.clusters.length === 0) return <>—</>;
  return (
    <Flex direction="column" gap="1" data-testid="aws-identity-trusted-clusters">
      {input.clusters.map(cluster => {
        const provider = oidcProviders?.find(p => p.cluster === cluster.name);
        return (
          <Flex key={cluster.name} direction="column" gap="0">
            <Text variant="body-small">{cluster.name}</Text>
            {provider && (
              <>
                <Text variant="body-small" color="secondary">
                  issuer {provider.issuer}
                </Text>
                <Text variant="body-small" color="secondary">
                  trusts {provider.oidcProviderArn}
                </Text>
              </>
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}
