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

import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useEffect, useMemo, useState } from 'react';

/** The owner group of an entity, as an entity ref. */
function ownerOf(entity: Entity): string | undefined {
  const owned = entity.relations?.find(r => r.type === 'ownedBy');
  if (owned) return owned.targetRef;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Owner group per entity ref, read from the catalog. Entities the catalog
 * does not know (or a portal without the catalog API) are simply missing,
 * and callers fall back to the requester.
 *
 * @public
 */
export function useRequestTeams(entityRefs: string[]): Map<string, string> {
  const holder = useApiHolder();
  const catalogApi = holder.get(catalogApiRef);
  const key = useMemo(
    () => Array.from(new Set(entityRefs)).sort().join(','),
    [entityRefs],
  );
  const [teams, setTeams] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    if (!catalogApi || !key) return undefined;
    let cancelled = false;
    const refs = key.split(',');
    catalogApi
      .getEntitiesByRefs({ entityRefs: refs })
      .then(({ items }) => {
        if (cancelled) return;
        const next = new Map<string, string>();
        items.forEach((entity, i) => {
          const owner = entity ? ownerOf(entity) : undefined;
          if (owner) next.set(refs[i], owner);
        });
        setTeams(next);
      })
      .catch(() => {
        // Teams are a convenience: without the catalog, filter by requester.
      });
    return () => {
      cancelled = true;
    };
  }, [catalogApi, key]);

  return teams;
}
