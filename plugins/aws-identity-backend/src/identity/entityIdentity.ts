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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityIdentityResponse } from '@internal/plugin-aws-identity-common';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { IdentityService } from './IdentityService';
import { workloadSelectorOf } from './workloadSelector';

/**
 * An entity ref in canonical form (`component:default/payments`; a bare name is a component in
 * the default namespace), or `undefined` when the text is not one. Callers word the error for
 * where the ref came from (a query parameter, an action's input field).
 */
export function canonicalEntityRef(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind: 'component' }));
  } catch {
    return undefined;
  }
}

/**
 * The identity of one entity as a caller may read it, in the two parts of
 * `EntityIdentityResponse`: everything but the reports, and the reports as the snapshot's
 * pre-serialised JSON (the HTTP route splices it into its answer; the `get-identity` action
 * parses it). One catalog read with the caller's credentials: an entity the caller may not read
 * in the catalog is as absent here as there (404), and its annotations give the selector. The
 * caller has already authorised `aws-identity.identity.read` for the entity.
 */
export async function readEntityIdentity(
  options: { identity: IdentityService; visibility: CatalogVisibility },
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<{ head: Omit<EntityIdentityResponse, 'serviceAccounts'>; serviceAccountsJson: string }> {
  const { identity, visibility } = options;
  const selector = workloadSelectorOf(await visibility.readableEntity(entityRef, credentials));
  const sources = identity.sources();
  const head: Omit<EntityIdentityResponse, 'serviceAccounts'> = {
    entityRef,
    selector,
    sources,
    dataAsOf: sources
      .map(s => s.lastSuccessAt)
      .filter((t): t is string => Boolean(t))
      .sort()[0],
  };
  return { head, serviceAccountsJson: identity.snapshot().reportsJson(selector) };
}
