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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { FindingsFilter, LocatedFinding, OrgViews } from './OrgViews';

/**
 * The organisation's findings matching `filter`, as a caller may see them: a finding of a
 * service account that entities claim is shown when the caller may read one of them, naming
 * only those; one no entity claims is not the catalog's to hide. One batched catalog read with
 * the caller's credentials. `GET /findings` and the `list-findings` action both answer with it.
 */
export async function visibleFindings(
  options: { orgViews: OrgViews; visibility: CatalogVisibility },
  filter: FindingsFilter,
  credentials: BackstageCredentials,
): Promise<LocatedFinding[]> {
  const all = options.orgViews.findings(filter);
  const hidden = await options.visibility.hiddenFrom(credentials, all.flatMap(f => f.entityRefs));
  return all.flatMap(f => {
    const entityRefs = f.entityRefs.filter(ref => !hidden.has(ref));
    return f.entityRefs.length > 0 && entityRefs.length === 0 ? [] : [{ ...f, entityRefs }];
  });
}
