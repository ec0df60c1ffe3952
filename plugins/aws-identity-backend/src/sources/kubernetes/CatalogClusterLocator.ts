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
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AwsIdentityClusterLocator,
  IN_CLUSTER_TOKEN_PATH,
  readCatalogClusters,
} from '@internal/plugin-aws-identity-node';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Finds the clusters registered in the catalog (`Resource` of type `kubernetes-cluster`), as
 * the Kubernetes plugin's `catalog` locator does.
 *
 * @public
 */
export class CatalogClusterLocator implements AwsIdentityClusterLocator {
  readonly name = 'the catalog';

  constructor(private readonly options: { catalog: CatalogService; auth: AuthService }) {}

  async getClusters() {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' } },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const token = existsSync(IN_CLUSTER_TOKEN_PATH)
      ? readFileSync(IN_CLUSTER_TOKEN_PATH, 'utf8').trim()
      : undefined;
    return readCatalogClusters(items, token);
  }
}
