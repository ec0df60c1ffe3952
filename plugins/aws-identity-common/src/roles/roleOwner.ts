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
import { MANAGED_BY_TAG, OWNING_ENTITY_TAG_KEY, roleTagLookup } from '../requests/roleIdentity';

/**
 * Where a role's owner was read from, strongest evidence first: the catalog components whose
 * service accounts are bound to it, the entity a portal request created it for (the ownership
 * tags every role this portal renders carries), or the role's own `owner` tag.
 *
 * @public
 */
export type RoleOwnerSource = 'binding' | 'request' | 'tag';

/**
 * Who owns an IAM role, and from what evidence ({@link decideRoleOwner}).
 *
 * @public
 */
export interface RoleOwner {
  source: RoleOwnerSource;
  /** Catalog entities: the bound components, or the entity the request was for. Empty for `tag`. */
  entityRefs: string[];
  /** The owners of those entities as the catalog names them, or the `owner` tag's value. */
  owners: string[];
}

/**
 * The tag key a role's owner is commonly written under (compared case-insensitively, as IAM does).
 *
 * @public
 */
export const OWNER_TAG_KEY = 'owner';

/**
 * Decides a role's owner. A binding is the strongest evidence (the workload runs with the role
 * now); then the request that created it, as the role's ownership tags record it
 * (`managed-by: aws-identity` with `aws-identity/entity`); then an `owner` tag anyone may have
 * written. `undefined` when none applies: the role is nobody's.
 *
 * @public
 */
export function decideRoleOwner(input: {
  /** Catalog entities whose service accounts are bound to the role, with their owners. */
  boundEntities: ReadonlyArray<{ entityRef: string; owner?: string }>;
  /** The role's IAM tags (keys compared case-insensitively, values exactly). */
  tags?: Readonly<Record<string, string>>;
}): RoleOwner | undefined {
  if (input.boundEntities.length > 0) {
    return {
      source: 'binding',
      entityRefs: unique(input.boundEntities.map(e => e.entityRef)),
      owners: unique(input.boundEntities.flatMap(e => (e.owner ? [e.owner] : []))),
    };
  }
  const tag = roleTagLookup(input.tags);
  const entity = tag(OWNING_ENTITY_TAG_KEY)?.trim();
  if (tag(MANAGED_BY_TAG.key) === MANAGED_BY_TAG.value && entity) {
    return { source: 'request', entityRefs: [entity], owners: [] };
  }
  const owner = tag(OWNER_TAG_KEY)?.trim();
  if (owner) return { source: 'tag', entityRefs: [], owners: [owner] };
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
