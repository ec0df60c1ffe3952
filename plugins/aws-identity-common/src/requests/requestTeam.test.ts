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
import { Entity } from '@backstage/catalog-model';
import { catalogOwnerOf, requestOwner, requestTeam } from './requestTeam';

describe('requestTeam', () => {
  const requestedBy = 'user:development/guest';

  it('takes the catalog owner when the component is in the catalog, over a declared owner', () => {
    const request = { owner: 'group:default/app-team', requestedBy };
    expect(requestTeam(request, 'group:default/payments-team')).toBe('group:default/payments-team');
    expect(requestOwner(request, 'group:default/payments-team')).toBe('group:default/payments-team');
  });

  it('takes the declared owner while the component is not in the catalog', () => {
    const request = { owner: 'group:default/app-team', requestedBy };
    expect(requestTeam(request, undefined)).toBe('group:default/app-team');
    expect(requestOwner(request, undefined)).toBe('group:default/app-team');
  });

  it('falls back to the requester without either', () => {
    expect(requestTeam({ requestedBy }, undefined)).toBe(requestedBy);
    expect(requestOwner({}, undefined)).toBeUndefined();
  });
});

describe('catalogOwnerOf', () => {
  const component = (spec: { owner?: string }, extra: Partial<Entity> = {}): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', namespace: 'finance' },
    spec,
    ...extra,
  });

  it('prefers the ownedBy relation the catalog resolved', () => {
    expect(
      catalogOwnerOf(
        component({ owner: 'someone-else' }, { relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }] }),
      ),
    ).toBe('group:default/payments-team');
  });

  it('reads spec.owner as the catalog does: a bare name is a group in the entity namespace', () => {
    expect(catalogOwnerOf(component({ owner: 'payments-team' }))).toBe('group:finance/payments-team');
    expect(catalogOwnerOf(component({ owner: 'user:default/jane' }))).toBe('user:default/jane');
  });

  it('has none without an owner', () => {
    expect(catalogOwnerOf(component({}))).toBeUndefined();
    expect(catalogOwnerOf(component({ owner: 'group:/x' }))).toBeUndefined();
  });
});
