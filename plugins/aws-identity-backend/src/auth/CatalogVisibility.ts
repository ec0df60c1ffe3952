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
import { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Enough of an entity to know it exists; the catalog applies its read permission either way. */
const EXISTENCE_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/**
 * Who may read what of aws-identity follows who may read the entity in the catalog: the
 * catalog decides, with the caller's own credentials (so `catalog.entity.read` and its
 * conditional decisions apply exactly as on the catalog's pages), and aws-identity keeps no
 * second list. Every check is one batched catalog call per response, never one per item.
 *
 * @internal
 */
export class CatalogVisibility {
  constructor(private readonly options: { catalog: CatalogService; auth: AuthService }) {}

  /**
   * The entity as the caller may read it; 404, like the catalog, when it is absent or hidden
   * from the caller (the two are indistinguishable on purpose).
   */
  async readableEntity(entityRef: string, credentials: BackstageCredentials): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return entity;
  }

  /**
   * Of `entityRefs`, those the catalog has but hides from the caller. A ref the catalog does
   * not have at all (a component a template is about to register) is not hidden: the catalog
   * has no rule about it. One call with the caller's credentials, and a second with the
   * plugin's own only for the refs the first did not return.
   */
  async hiddenFrom(credentials: BackstageCredentials, entityRefs: Iterable<string>): Promise<Set<string>> {
    const refs = [...new Set(entityRefs)];
    if (refs.length === 0) return new Set();
    const { catalog, auth } = this.options;
    const asCaller = await catalog.getEntitiesByRefs({ entityRefs: refs, fields: EXISTENCE_FIELDS }, { credentials });
    const unseen = refs.filter((_, i) => !asCaller.items[i]);
    if (unseen.length === 0) return new Set();
    const asPlugin = await catalog.getEntitiesByRefs(
      { entityRefs: unseen, fields: EXISTENCE_FIELDS },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return new Set(unseen.filter((_, i) => asPlugin.items[i]));
  }
}
