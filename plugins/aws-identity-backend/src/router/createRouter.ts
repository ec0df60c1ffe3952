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
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  awsIdentityFindingsReadPermission,
  awsIdentityReadPermission,
  EntityIdentityResponse,
  SourcesResponse,
} from '@internal/plugin-aws-identity-common';
import express from 'express';
import Router from 'express-promise-router';
import { IdentityIndex } from '../index/IdentityIndex';
import { workloadSelectorOf } from '../index/workloadSelector';

/**
 * Dependencies of the aws-identity HTTP router.
 *
 * @internal
 */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  index: IdentityIndex;
}

/**
 * Builds the aws-identity HTTP router. It stays thin: handlers parse input, authorize, read the
 * in-memory index and throw `@backstage/errors` errors, which the backend maps to HTTP.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, index } = options;
  const router = Router();
  router.use(express.json());

  const authorize = async (
    req: express.Request,
    permission: BasicPermission | ResourcePermission<'catalog-entity'>,
    resourceRef?: string,
  ) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission<'catalog-entity'>, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/identity', async (req, res) => {
    const entityRef = parseEntityRefParam(req.query.entityRef);
    const credentials = await authorize(req, awsIdentityReadPermission, entityRef);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const selector = workloadSelectorOf(entity);
    const serviceAccounts = index
      .serviceAccountsFor(selector)
      .map(serviceAccount => index.report(serviceAccount));
    const sources = index.sources();
    const body: EntityIdentityResponse = {
      entityRef,
      selector,
      serviceAccounts,
      sources,
      dataAsOf: sources
        .map(s => s.lastSuccessAt)
        .filter((t): t is string => Boolean(t))
        .sort()[0],
    };
    res.json(body);
  });

  router.get('/sources', async (req, res) => {
    await authorize(req, awsIdentityFindingsReadPermission);
    const body: SourcesResponse = { sources: index.sources() };
    res.json(body);
  });

  return router;
}

/** Validates `?entityRef=` and returns it in canonical form. */
function parseEntityRefParam(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      'Query parameter entityRef is required, e.g. entityRef=component:default/payments',
    );
  }
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind: 'component' }));
  } catch (error) {
    throw new InputError(`Query parameter entityRef is not an entity reference: ${value}`);
  }
}
