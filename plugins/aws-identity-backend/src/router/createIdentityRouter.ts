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
  awsIdentityFindingsReadPermission,
  awsIdentityReadPermission,
  Severity,
  SourcesResponse,
} from '@internal/plugin-aws-identity-common';
import express from 'express';
import Router from 'express-promise-router';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { requirePermission } from '../auth/requirePermission';
import { IdentityService } from '../identity/IdentityService';
import { canonicalEntityRef, readEntityIdentity } from '../identity/entityIdentity';
import { FindingsFilter, OrgViews } from '../org/OrgViews';
import { visibleFindings } from '../org/visibleFindings';

/**
 * Dependencies of the identity routes.
 *
 * @internal
 */
export interface IdentityRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  identity: IdentityService;
  orgViews: OrgViews;
  /** What the caller may read: the catalog's decision, with the caller's credentials. */
  visibility: CatalogVisibility;
}

/**
 * The read routes: `GET /health`, `/identity`, `/sources`, `/findings` and `/roles/orphans`.
 * They translate HTTP only: parse the query, authorise, read the identity service's in-memory
 * snapshot and throw `@backstage/errors` errors, which the backend maps to HTTP.
 *
 * @internal
 */
export async function createIdentityRouter(
  options: IdentityRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, identity, orgViews, visibility } = options;
  const router = Router();
  const authorize = async (
    request: express.Request,
    require: Parameters<typeof requirePermission>[0]['require'],
  ) => (await requirePermission({ httpAuth, permissions, request, require })).credentials;

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/identity', async (req, res) => {
    const entityRef = parseEntityRefParam(req.query.entityRef);
    const credentials = await authorize(req, { permission: awsIdentityReadPermission, resourceRef: entityRef });
    const { head, serviceAccountsJson } = await readEntityIdentity({ identity, visibility }, entityRef, credentials);
    // The reports arrive pre-serialised from the snapshot (see reportsJson); splice them in.
    const json = JSON.stringify(head);
    res.type('application/json').send(`${json.slice(0, -1)},"serviceAccounts":${serviceAccountsJson}}`);
  });

  router.get('/sources', async (req, res) => {
    await authorize(req, { permission: awsIdentityFindingsReadPermission });
    const body: SourcesResponse = { sources: identity.sources() };
    res.json(body);
  });

  router.get('/findings', async (req, res) => {
    const credentials = await authorize(req, { permission: awsIdentityFindingsReadPermission });
    res.json({ findings: await visibleFindings({ orgViews, visibility }, parseFindingsFilter(req.query), credentials) });
  });

  router.get('/roles/orphans', async (req, res) => {
    const credentials = await authorize(req, { permission: awsIdentityFindingsReadPermission });
    const report = orgViews.orphans();
    // Orphan roles belong to no entity; a dangling binding is the service account's, so it
    // follows the visibility of the entities that claim it, as findings do.
    const claims = report.danglingBindings.map(b => orgViews.entityRefsOf(b.serviceAccount));
    const hidden = await visibility.hiddenFrom(credentials, claims.flat());
    res.json({
      ...report,
      danglingBindings: report.danglingBindings.filter(
        (_, i) => claims[i].length === 0 || claims[i].some(ref => !hidden.has(ref)),
      ),
    });
  });

  return router;
}

const SEVERITY_VALUES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Parses `?severity=high,critical&checkId=…&owner=…&cluster=…&account=…`. */
function parseFindingsFilter(query: express.Request['query']): FindingsFilter {
  const list = (name: string): string[] | undefined => {
    const raw = query[name];
    if (raw === undefined) return undefined;
    const values = (Array.isArray(raw) ? raw : [raw])
      .flatMap(v => (typeof v === 'string' ? v.split(',') : []))
      .map(v => v.trim())
      .filter(Boolean);
    if (values.length === 0) {
      throw new InputError(`Query parameter ${name} must not be empty`);
    }
    return values;
  };
  const severity = list('severity');
  for (const value of severity ?? []) {
    if (!SEVERITY_VALUES.includes(value as Severity)) {
      throw new InputError(
        `Query parameter severity has an unknown value "${value}"; use ${SEVERITY_VALUES.join(', ')}`,
      );
    }
  }
  const account = list('account');
  for (const value of account ?? []) {
    if (!/^\d{12}$/.test(value)) {
      throw new InputError(`Query parameter account must be 12 digits, got "${value}"`);
    }
  }
  return {
    severity: severity as Severity[] | undefined,
    checkId: list('checkId'),
    owner: list('owner'),
    cluster: list('cluster'),
    account,
  };
}

/** Validates `?entityRef=` and returns it in canonical form. */
function parseEntityRefParam(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      'Query parameter entityRef is required, e.g. entityRef=component:default/payments',
    );
  }
  const entityRef = canonicalEntityRef(value);
  if (entityRef === undefined) {
    throw new InputError(`Query parameter entityRef is not an entity reference: ${value}`);
  }
  return entityRef;
}
