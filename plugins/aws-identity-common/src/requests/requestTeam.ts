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
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { RoleRequest } from '../api/requests';

/**
 * The owner of a catalog entity as an entity ref: its `ownedBy` relation, or
 * else its `spec.owner` read as the catalog reads it (a bare name is a group
 * in the entity's namespace). `undefined` when it has neither.
 *
 * @public
 */
export function catalogOwnerOf(entity: Entity): string | undefined {
  const owned = entity.relations?.find(r => r.type === 'ownedBy');
  if (owned) return owned.targetRef;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The owner group (or user) of a request's component: the owner the catalog
 * has for it when the component is in the catalog (the catalog is the source
 * of truth, also after an ownership change), otherwise the owner the
 * requester declared, otherwise nobody. Owner notifications go here.
 *
 * @param catalogOwner - The component's owner as an entity ref, when the catalog knows the component.
 * @public
 */
export function requestOwner(
  request: Pick<RoleRequest, 'owner'>,
  catalogOwner: string | undefined,
): string | undefined {
  return catalogOwner || request.owner || undefined;
}

/**
 * The team a request is listed and filtered under in the approvals queue:
 * its {@link requestOwner}, or the requester when no owner is known (a
 * component not in the catalog yet, requested without a declared owner).
 *
 * @param catalogOwner - The component's owner as an entity ref, when the catalog knows the component.
 * @public
 */
export function requestTeam(
  request: Pick<RoleRequest, 'owner' | 'requestedBy'>,
  catalogOwner: string | undefined,
): string {
  return requestOwner(request, catalogOwner) ?? request.requestedBy;
}
