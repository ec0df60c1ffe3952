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

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { IdentityIndex } from '../index/IdentityIndex';
import { EntityDirectory } from '../index/EntityDirectory';
import { OrgViews } from '../index/orgViews';
import { createRouter } from '../router';

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: unknown[]; parameters?: unknown[] }>>;
  security?: unknown[];
}

const document = parse(
  readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'),
) as OpenApiDocument;

/** `GET /identity` style keys of the routes an express router serves. */
function routesOf(router: { stack: unknown[] }): string[] {
  const routes: string[] = [];
  for (const layer of router.stack as Array<{
    route?: { path: string; methods: Record<string, boolean> };
  }>) {
    if (!layer.route) continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      // Express paths (`/requests/:id`) in OpenAPI form (`/requests/{id}`).
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      if (enabled) routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes.sort();
}

describe('openapi.yaml', () => {
  it('documents exactly the routes the read router serves', async () => {
    const router = await createRouter({
      logger: mockServices.logger.mock(),
      httpAuth: mockServices.httpAuth.mock(),
      permissions: mockServices.permissions.mock(),
      catalog: catalogServiceMock(),
      // Handlers are not called here; the route table does not depend on the index.
      index: {} as IdentityIndex,
      orgViews: {} as OrgViews,
      directory: {} as EntityDirectory,
    });
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(method => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(documented).toEqual(routesOf(router as unknown as { stack: unknown[] }));
  });

  it('requires a Backstage token everywhere except /health', () => {
    expect(document.security).toEqual([{ backstageToken: [] }]);
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const operation of Object.values(operations)) {
        expect({ path, security: operation.security }).toEqual({
          path,
          security: path === '/health' ? [] : undefined,
        });
      }
    }
  });
});
