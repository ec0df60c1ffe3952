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
import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  awsIdentityRolesReadPermission,
  filterRoleList,
  ROLE_LIST_PAGE,
  RoleListFilter,
  RoleListItem,
  RoleListResponse,
  roleListCsv,
  SourceStatus,
} from '@internal/plugin-aws-identity-common';
import express from 'express';
import Router from 'express-promise-router';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { requirePermission } from '../auth/requirePermission';
import { IdentityService } from '../identity/IdentityService';
import { RolesView } from '../org/RolesView';
import { boundedInteger, onlyQueryParameters, oneOrMoreOf, singleQueryValue } from './queryParameters';

/**
 * Dependencies of {@link createRolesRouter}.
 *
 * @internal
 */
export interface RolesRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  identity: IdentityService;
  rolesView: RolesView;
  /** What the caller may read: the catalog's decision, with the caller's credentials. */
  visibility: CatalogVisibility;
}

/** The query parameters `GET /roles` understands. */
const ROLE_LIST_PARAMETERS = ['orphaned', 'unusedDays', 'risky', 'account', 'owner', 'q', 'limit', 'offset', 'format'];
const BOOLEANS = ['true', 'false'] as const;
const FORMATS = ['json', 'csv'] as const;

function booleanParameter(query: express.Request['query'], name: string): boolean | undefined {
  const values = oneOrMoreOf(name, singleQueryValue(query, name), BOOLEANS);
  if (values && values.length > 1) throw new InputError(`${name}: must be true or false, not both`);
  return values ? values[0] === 'true' : undefined;
}

function textParameter(query: express.Request['query'], name: string, maxLength: number): string | undefined {
  const text = singleQueryValue(query, name)?.trim();
  if (text === undefined || text === '') return undefined;
  if (text.length > maxLength) throw new InputError(`${name}: must be at most ${maxLength} characters`);
  return text;
}

/** The filters, page and format of `GET /roles`, validated: a 400 names the first bad parameter. */
function parseRolesQuery(query: express.Request['query']): {
  filter: RoleListFilter;
  page: { limit: number; offset: number };
  format?: 'json' | 'csv';
} {
  onlyQueryParameters(query, 'GET /roles', ROLE_LIST_PARAMETERS);
  const accountText = singleQueryValue(query, 'account');
  const accountIds = accountText === undefined ? undefined : [...new Set(accountText.split(','))];
  for (const id of accountIds ?? []) {
    if (!/^\d{12}$/.test(id)) throw new InputError(`account: ${JSON.stringify(id.slice(0, 40))} is not a 12-digit account id`);
  }
  const unusedText = singleQueryValue(query, 'unusedDays');
  const orphaned = booleanParameter(query, 'orphaned');
  const risky = booleanParameter(query, 'risky');
  const owner = textParameter(query, 'owner', 300);
  const text = textParameter(query, 'q', 200);
  const format = oneOrMoreOf('format', singleQueryValue(query, 'format'), FORMATS);
  if (format && format.length > 1) throw new InputError('format: give one of json, csv');
  const { defaultLimit, maxLimit, maxOffset } = ROLE_LIST_PAGE;
  return {
    filter: {
      ...(orphaned !== undefined ? { orphaned } : {}),
      ...(risky !== undefined ? { risky } : {}),
      ...(unusedText !== undefined ? { unusedDays: boundedInteger('unusedDays', unusedText, 1, 100_000, 0) } : {}),
      ...(accountIds ? { accountIds } : {}),
      ...(owner ? { owner } : {}),
      ...(text ? { text } : {}),
    },
    page: {
      limit: boundedInteger('limit', singleQueryValue(query, 'limit'), 1, maxLimit, defaultLimit),
      offset: boundedInteger('offset', singleQueryValue(query, 'offset'), 0, maxOffset, 0),
    },
    ...(format ? { format: format[0] } : {}),
  };
}

/**
 * Removes the entities the caller may not read from the owners of the roles shown: the role is
 * IAM's and stays listed, but which component it serves is the catalog's to tell.
 */
async function withVisibleOwners(
  items: RoleListItem[],
  visibility: CatalogVisibility,
  credentials: Parameters<CatalogVisibility['hiddenFrom']>[0],
): Promise<RoleListItem[]> {
  const hidden = await visibility.hiddenFrom(credentials, items.flatMap(item => item.owner?.entityRefs ?? []));
  if (hidden.size === 0) return items;
  return items.map(item => {
    const owner = item.owner;
    if (!owner || !owner.entityRefs.some(ref => hidden.has(ref))) return item;
    const entityRefs = owner.entityRefs.filter(ref => !hidden.has(ref));
    // The owners of a binding are those entities' owners: with an entity hidden, which owner is
    // whose cannot be told apart, so none of them is shown.
    return { ...item, owner: { ...owner, entityRefs, owners: owner.source === 'binding' ? [] : owner.owners } };
  });
}

/**
 * `GET /roles?orphaned=&unusedDays=&risky=&account=&owner=&q=&limit=&offset=&format=`: every
 * role of every read account with its owner, bindings, last use, trust breadth and findings,
 * served from the index, paged, by account then name. `format=csv` (or `Accept: text/csv`)
 * exports every matching role instead of a page. Permission `aws-identity.roles.read`.
 *
 * @internal
 */
export async function createRolesRouter(options: RolesRouterOptions): Promise<express.Router> {
  const { httpAuth, permissions, identity, rolesView, visibility } = options;
  const router = Router();

  router.get('/roles', async (req, res) => {
    const { credentials } = await requirePermission({
      httpAuth,
      permissions,
      request: req,
      require: { permission: awsIdentityRolesReadPermission },
    });
    const { filter, page, format } = parseRolesQuery(req.query);
    const matching = filterRoleList(rolesView.list(), filter);
    const csv = format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (csv) {
      const rows = await withVisibleOwners(matching, visibility, credentials);
      res
        .type('text/csv; charset=utf-8')
        .attachment('aws-roles.csv')
        .send(roleListCsv(rows));
      return;
    }
    const accounts: SourceStatus[] = identity.sources().filter(s => s.source.kind === 'aws-account');
    const body: RoleListResponse = {
      items: await withVisibleOwners(matching.slice(page.offset, page.offset + page.limit), visibility, credentials),
      totalCount: matching.length,
      limit: page.limit,
      offset: page.offset,
      accounts,
    };
    res.json(body);
  });

  return router;
}
