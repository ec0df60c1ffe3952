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

import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogOwnerOf } from '@internal/plugin-aws-identity-common';
import { useEffect, useMemo, useState } from 'react';

/**
 * Owner group per entity ref, read from the catalog. Entities the catalog
 * does not know (or a portal without the catalog API) are simply missing,
 * and callers fall back to the declared owner, then the requester
 * (`requestTeam`).
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
          const owner = entity ? catalogOwnerOf(entity) : undefined;
          if (owner) next.set(refs[i], owner);
        });
        setTeams(next);
      })
      .catch(() => {
        // Teams are a convenience: without the catalog, filter by declared owner or requester.
      });
    return () => {
      cancelled = true;
    };
  }, [catalogApi, key]);

  return teams;
}
