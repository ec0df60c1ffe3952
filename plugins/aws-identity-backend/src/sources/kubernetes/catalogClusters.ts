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
import { existsSync, readFileSync } from 'node:fs';
import { IN_CLUSTER_TOKEN_PATH, readCatalogClusters } from './clusterConfig';
import { ClusterRegistry } from './ClusterRegistry';

/**
 * Adds the clusters registered in the catalog (`Resource` of type `kubernetes-cluster`), as the
 * Kubernetes plugin's `catalog` locator does. Retries until the catalog answers, since both
 * plugins start together.
 *
 * @public
 */
export async function addCatalogClusters(options: {
  catalog: CatalogService;
  auth: AuthService;
  registry: ClusterRegistry;
  logger: LoggerService;
  retryMs?: number;
}): Promise<void> {
  const { catalog, auth, registry, logger } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      const { items } = await catalog.getEntities(
        { filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' } },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      const token = existsSync(IN_CLUSTER_TOKEN_PATH)
        ? readFileSync(IN_CLUSTER_TOKEN_PATH, 'utf8').trim()
        : undefined;
      const { clusters, unsupported } = readCatalogClusters(items, token);
      for (const { name, reason } of unsupported) {
        logger.warn(`aws-identity: catalog cluster ${name} is skipped: ${reason}`);
      }
      for (const cluster of clusters) await registry.add(cluster);
      return;
    } catch (error) {
      const delay = Math.min(60_000, (options.retryMs ?? 2_000) * attempt);
      logger.warn(
        `aws-identity: reading clusters from the catalog failed (attempt ${attempt}), retrying in ${delay} ms: ${error}`,
      );
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  }
}
