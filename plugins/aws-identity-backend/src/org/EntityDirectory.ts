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
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { WorkloadSelector } from '@internal/plugin-aws-identity-common';
import { workloadSelectorOf } from '../identity/workloadSelector';

/**
 * An entity that runs on Kubernetes, reduced to what org-wide views need.
 *
 * @public
 */
export interface DirectoryEntry {
  entityRef: string;
  /** `spec.owner` as an entity ref, when set. */
  owner?: string;
  selector: WorkloadSelector;
}

/**
 * The catalog entities that carry the Kubernetes plugin's annotations, refreshed in the
 * background so that org-wide views (findings by owner) can map service accounts to
 * components without a catalog call per request.
 *
 * @public
 */
export class EntityDirectory {
  private entries: DirectoryEntry[] = [];
  private byRef = new Map<string, DirectoryEntry>();
  private version = 0;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  /** Changes whenever the entry list does. */
  get currentVersion(): number {
    return this.version;
  }

  list(): readonly DirectoryEntry[] {
    return this.entries;
  }

  /** The entry of one entity, when it has Kubernetes annotations and was read already. */
  get(entityRef: string): DirectoryEntry | undefined {
    return this.byRef.get(entityRef);
  }

  /** Re-reads the entities from the catalog; keeps the last list if the catalog fails. */
  async refresh(): Promise<void> {
    try {
      const credentials = await this.auth.getOwnServiceCredentials();
      const { items } = await this.catalog.getEntities(
        {
          filter: [
            { 'metadata.annotations.backstage.io/kubernetes-id': CATALOG_FILTER_EXISTS },
            {
              'metadata.annotations.backstage.io/kubernetes-label-selector':
                CATALOG_FILTER_EXISTS,
            },
          ],
          fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.annotations', 'spec.owner'],
        },
        { credentials },
      );
      this.entries = items.map(toEntry);
      this.byRef = new Map(this.entries.map(e => [e.entityRef, e]));
      this.version += 1;
    } catch (error) {
      this.logger.warn(`aws-identity: reading entities from the catalog failed: ${error}`);
    }
  }
}

function toEntry(entity: Entity): DirectoryEntry {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  return {
    entityRef: stringifyEntityRef(entity),
    owner:
      typeof owner === 'string'
        ? stringifyEntityRef(
            parseEntityRef(owner, {
              defaultKind: 'group',
              defaultNamespace: entity.metadata.namespace ?? 'default',
            }),
          )
        : undefined,
    selector: workloadSelectorOf(entity),
  };
}
