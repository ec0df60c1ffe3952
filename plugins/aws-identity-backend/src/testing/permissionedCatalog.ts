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
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';

/** The catalog's read permission, as `@backstage/plugin-catalog-common/alpha` declares it. */
const catalogEntityRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * The in-memory catalog of `catalogServiceMock`, answering reads as the catalog backend does:
 * an entity the permission framework denies `catalog.entity.read` on, for the credentials of
 * the call, is not returned. The decision comes from the backend's permissions service.
 */
export function permissionedCatalogFactory(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: { permissions: coreServices.permissions },
    factory: ({ permissions }) => {
      const readable = async (found: Array<Entity | null | undefined>, credentials: any) => {
        const present = found.filter((e): e is Entity => Boolean(e));
        const decisions = present.length
          ? await permissions.authorize(
              present.map(e => ({ permission: catalogEntityRead, resourceRef: stringifyEntityRef(e) })),
              { credentials },
            )
          : [];
        const allowed = new Set(present.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW));
        return found.map(e => (e && allowed.has(e) ? e : null));
      };
      return {
        ...catalog,
        getEntities: catalog.getEntities.bind(catalog),
        async getEntityByRef(ref: any, options: any) {
          const [entity] = await readable([await catalog.getEntityByRef(ref, options)], options.credentials);
          return entity ?? undefined;
        },
        async getEntitiesByRefs(request: any, options: any) {
          const { items } = await catalog.getEntitiesByRefs(request, options);
          return { items: await readable(items, options.credentials) };
        },
      } as any;
    },
  });
}

/**
 * Permissions that deny what `denies` says, for the calling user's entity ref, and allow
 * everything else.
 */
function permissionsDenying(denies: (request: { permission: { name: string }; resourceRef?: string }, user?: string) => boolean) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => ({
      authorize: async (requests: any[], { credentials }: any) =>
        requests.map(r => {
          const principal = credentials.principal as { userEntityRef?: string };
          return { result: denies(r, principal.userEntityRef) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
        }),
      authorizeConditional: async (requests: any[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    }) as any,
  });
}

/**
 * Permissions that deny `catalog.entity.read` of the given entity refs to `user`, and allow
 * everything else, as an organisation's policy hiding a team's entities would.
 */
export function hidingEntitiesFrom(user: string, hidden: string[]) {
  return permissionsDenying(
    (r, caller) => r.permission.name === catalogEntityRead.name && caller === user && hidden.includes(r.resourceRef ?? ''),
  );
}

/**
 * Permissions that deny the named permissions to `user`, and allow everything else, as an
 * organisation's policy keeping a reader from requesting roles would.
 */
export function denyingPermissionsTo(user: string, denied: string[]) {
  return permissionsDenying((r, caller) => caller === user && denied.includes(r.permission.name));
}
