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
import { catalogOwnerOf } from '@internal/plugin-aws-identity-common';

/** Enough of an entity to know it exists; the catalog applies its read permission either way. */
const EXISTENCE_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** And what `catalogOwnerOf` reads: the `ownedBy` relation, else `spec.owner`. */
const OWNER_FIELDS = [...EXISTENCE_FIELDS, 'relations', 'spec.owner'];

/**
 * What the catalog shows a caller of some entities, from one batched read with the caller's
 * credentials.
 *
 * @internal
 */
export interface CatalogView {
  /** The refs the catalog has but hides from the caller (see {@link CatalogVisibility.hiddenFrom}). */
  hidden: ReadonlySet<string>;
  /**
   * The owner (`catalogOwnerOf`) of each entity the caller may read and that has one, keyed by
   * the ref as asked. Refs the catalog does not have, or whose entity names no owner, are absent.
   */
  owners: ReadonlyMap<string, string>;
}

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
    return (await this.read(credentials, entityRefs, EXISTENCE_FIELDS)).hidden;
  }

  /**
   * Of `entityRefs`, those hidden from the caller (as {@link CatalogVisibility.hiddenFrom}) and the
   * owner of each the caller may read, from the same batched read: the owner is the caller's
   * view of the catalog, so it never tells of an entity the caller may not see.
   */
  async view(credentials: BackstageCredentials, entityRefs: Iterable<string>): Promise<CatalogView> {
    const { hidden, seen } = await this.read(credentials, entityRefs, OWNER_FIELDS);
    const owners = new Map<string, string>();
    for (const [ref, entity] of seen) {
      const owner = catalogOwnerOf(entity);
      if (owner) owners.set(ref, owner);
    }
    return { hidden, owners };
  }

  /**
   * One read with the caller's credentials, and a second with the plugin's own only for the refs
   * the first did not return (to tell hidden from absent).
   */
  private async read(
    credentials: BackstageCredentials,
    entityRefs: Iterable<string>,
    fields: string[],
  ): Promise<{ hidden: Set<string>; seen: Map<string, Entity> }> {
    const refs = [...new Set(entityRefs)];
    const seen = new Map<string, Entity>();
    if (refs.length === 0) return { hidden: new Set(), seen };
    const { catalog, auth } = this.options;
    const asCaller = await catalog.getEntitiesByRefs({ entityRefs: refs, fields }, { credentials });
    refs.forEach((ref, i) => {
      const entity = asCaller.items[i];
      if (entity) seen.set(ref, entity);
    });
    const unseen = refs.filter(ref => !seen.has(ref));
    if (unseen.length === 0) return { hidden: new Set(), seen };
    const asPlugin = await catalog.getEntitiesByRefs(
      { entityRefs: unseen, fields: EXISTENCE_FIELDS },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return { hidden: new Set(unseen.filter((_, i) => asPlugin.items[i])), seen };
  }
}
