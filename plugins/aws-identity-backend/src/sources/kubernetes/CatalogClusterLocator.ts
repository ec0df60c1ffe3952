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
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AwsIdentityClusterLocator,
  IN_CLUSTER_TOKEN_PATH,
  readCatalogClusters,
} from '@internal/plugin-aws-identity-node';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Finds the clusters registered in the catalog (`Resource` of type `kubernetes-cluster`), as
 * the Kubernetes plugin's `catalog` locator does, but only those whose API server host is in
 * `allowedHosts` (`readCatalogClusters` decides, and says why for the others); TLS-skip and
 * assume-role annotations are ignored, logged once per cluster.
 *
 * @public
 */
export class CatalogClusterLocator implements AwsIdentityClusterLocator {
  readonly name = 'the catalog';
  /** Clusters whose ignored settings were logged already, with what was logged. */
  private readonly warned = new Map<string, string>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      /** `awsIdentity.catalogClusters.allowedApiServerHosts`. */
      allowedHosts: readonly string[];
      logger: LoggerService;
    },
  ) {}

  async getClusters() {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' } },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const inClusterToken = existsSync(IN_CLUSTER_TOKEN_PATH)
      ? readFileSync(IN_CLUSTER_TOKEN_PATH, 'utf8').trim()
      : undefined;
    const { clusters, unsupported, ignored } = readCatalogClusters(items, {
      inClusterToken,
      allowedHosts: this.options.allowedHosts,
    });
    for (const { name, settings } of ignored) {
      const said = settings.join(', ');
      if (this.warned.get(name) === said) continue;
      this.warned.set(name, said);
      this.options.logger.warn(
        `aws-identity: catalog cluster ${name}: ignoring ${said}; these settings are taken from config only, never from the catalog`,
      );
    }
    return { clusters, unsupported };
  }
}
