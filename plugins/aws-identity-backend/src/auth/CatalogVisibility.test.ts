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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogVisibility } from './CatalogVisibility';

/** A component as the catalog descriptor format has it, optionally with the relations the catalog derives. */
function component(namespace: string, name: string, spec: Record<string, unknown>, relations?: Entity['relations']): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace },
    spec: { type: 'service', lifecycle: 'production', ...spec },
    ...(relations ? { relations } : {}),
  };
}

const CALLER = mockCredentials.user('user:default/outsider');

/**
 * The in-memory catalog, answering the caller as a permission policy hiding `hidden` would
 * (the catalog returns nothing for an entity the caller may not read), and counting its reads.
 */
function visibility(entities: Entity[], hidden: string[] = []) {
  const catalog = catalogServiceMock({ entities });
  const reads: string[][] = [];
  const getEntitiesByRefs: typeof catalog.getEntitiesByRefs = async (request, options) => {
    reads.push([...request.entityRefs]);
    const { items } = await catalog.getEntitiesByRefs(request, options);
    // The catalog service is always called with credentials (`CatalogServiceRequestOptions`).
    if ((options as { credentials?: unknown } | undefined)?.credentials !== CALLER) return { items };
    return { items: items.map(e => (e && hidden.includes(stringifyEntityRef(e)) ? undefined : e)) };
  };
  const view = new CatalogVisibility({
    catalog: { ...catalog, getEntitiesByRefs } as typeof catalog,
    auth: mockServices.auth(),
  });
  return { view, reads };
}

describe('CatalogVisibility.view', () => {
  it("answers each readable entity's owner as an entity ref, read as the catalog reads spec.owner", async () => {
    const { view, reads } = visibility([
      // A bare name is a group in the entity's namespace; a full ref stays as it is.
      component('finance', 'ledger-api', { owner: 'ledger-team' }),
      component('default', 'reports-api', { owner: 'user:default/jane' }),
      // The catalog's ownedBy relation (derived from spec.owner on ingestion) is what it answers.
      component('default', 'orders-api', { owner: 'orders' }, [{ type: 'ownedBy', targetRef: 'group:sales/orders' }]),
      component('default', 'ownerless-api', {}),
    ]);
    const refs = [
      'component:finance/ledger-api',
      'component:default/reports-api',
      'component:default/orders-api',
      'component:default/ownerless-api',
    ];
    const { hidden, owners } = await view.view(CALLER, refs);
    expect(hidden.size).toBe(0);
    expect(Object.fromEntries(owners)).toEqual({
      'component:finance/ledger-api': 'group:finance/ledger-team',
      'component:default/reports-api': 'user:default/jane',
      'component:default/orders-api': 'group:sales/orders',
    });
    // One batched read, with the caller's credentials, when the caller sees every entity.
    expect(reads).toEqual([refs]);
  });

  it('tells no owner of an entity hidden from the caller, and tells hidden from absent with one more read', async () => {
    const { view, reads } = visibility(
      [component('default', 'reports-api', { owner: 'payments-team' }), component('default', 'ledger-api', { owner: 'ledger-team' })],
      ['component:default/reports-api'],
    );
    const { hidden, owners } = await view.view(CALLER, [
      'component:default/reports-api',
      'component:default/ledger-api',
      'component:default/fresh-api',
      'component:default/ledger-api',
    ]);
    expect([...hidden]).toEqual(['component:default/reports-api']);
    expect(Object.fromEntries(owners)).toEqual({ 'component:default/ledger-api': 'group:default/ledger-team' });
    expect(reads).toEqual([
      ['component:default/reports-api', 'component:default/ledger-api', 'component:default/fresh-api'],
      ['component:default/reports-api', 'component:default/fresh-api'],
    ]);
  });

  it('reads nothing for no entities', async () => {
    const { view, reads } = visibility([]);
    expect(await view.view(CALLER, [])).toEqual({ hidden: new Set(), owners: new Map() });
    expect(reads).toEqual([]);
  });
});
