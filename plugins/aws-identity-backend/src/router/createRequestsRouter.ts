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
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  awsIdentityRequestApprovePermission,
  awsIdentityRequestCreatePermission,
  awsIdentityRequestReadPermission,
  CreateRoleRequestResponse,
  DRIFT_REPAIRS,
  hiddenCharacterProblem,
  ListRoleRequestsResponse,
  normalizeOwnerRef,
  ROLE_REQUEST_PAGE,
  ROLE_REQUEST_RISKS,
  RequestAction,
  ROLE_REQUEST_STATES,
  IdentityRequest,
  RoleRequestRisk,
  RoleRequestState,
  RoleRequestTargetList,
} from '@internal/plugin-aws-identity-common';
import express from 'express';
import Router from 'express-promise-router';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { requirePermission } from '../auth/requirePermission';
import { RequestListFilter, RequestReader, RequestReaderActor, RequestService } from '../requests/RequestService';
import { principalRef, submitterOf } from '../requests/requester';
import { submitAudited } from '../requests/submitAudited';
import { jsonBodyParser } from './jsonBodyParser';
import { boundedInteger, onlyQueryParameters, oneOrMoreOf, singleQueryValue } from './queryParameters';

/** The query parameters `GET /requests` understands. */
const LIST_PARAMETERS = ['entityRef', 'state', 'risk', 'team', 'limit', 'offset'];

/** The filters and page of `GET /requests`, validated: a 400 names the first bad parameter. */
function parseListQuery(query: express.Request['query']): {
  filter: RequestListFilter;
  page: { limit: number; offset: number };
} {
  onlyQueryParameters(query, 'GET /requests', LIST_PARAMETERS);
  const entityRef = singleQueryValue(query, 'entityRef');
  if (entityRef !== undefined && (entityRef.length === 0 || entityRef.length > 300)) {
    throw new InputError('entityRef: must be one entity ref');
  }
  const states = oneOrMoreOf<RoleRequestState>('state', singleQueryValue(query, 'state'), ROLE_REQUEST_STATES);
  const risks = oneOrMoreOf<RoleRequestRisk>('risk', singleQueryValue(query, 'risk'), ROLE_REQUEST_RISKS);
  const teamText = singleQueryValue(query, 'team');
  const team = teamText === undefined ? undefined : normalizeOwnerRef(teamText);
  if (team && !team.ok) throw new InputError(`team: ${team.error}`);
  const { defaultLimit, maxLimit, maxOffset } = ROLE_REQUEST_PAGE;
  return {
    filter: {
      ...(team ? { team: team.value } : {}),
      ...(entityRef !== undefined ? { entityRef: entityRef.toLocaleLowerCase('en-US') } : {}),
      ...(states ? { states } : {}),
      ...(risks ? { risks } : {}),
    },
    page: {
      limit: boundedInteger('limit', singleQueryValue(query, 'limit'), 1, maxLimit, defaultLimit),
      offset: boundedInteger('offset', singleQueryValue(query, 'offset'), 0, maxOffset, 0),
    },
  };
}

/**
 * Dependencies of {@link createRequestsRouter}.
 *
 * @internal
 */
export interface RequestsRouterOptions {
  requests: RequestService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** What the caller may read: the catalog's decision, with the caller's credentials. */
  visibility: CatalogVisibility;
}

/** An optional short text field of a JSON body; a wrong type or length is a 400 naming it. */
function optionalText(body: unknown, field: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > 2000) {
    throw new InputError(`${field}: must be text of at most 2,000 characters`);
  }
  const hidden = hiddenCharacterProblem(value);
  if (hidden) throw new InputError(`${field}: ${hidden}`);
  return value.trim() || undefined;
}

/**
 * The role-request routes: `POST /requests` (create, guarded by `aws-identity.request.create`),
 * `GET /request-targets` (the clusters requests may target, guarded by the same permission),
 * `GET /requests?entityRef=&state=&risk=&team=&limit=&offset=` (paged, newest first, with the
 * `facets` to filter by), `GET /requests/:id` and `GET /requests/:id/live-role`
 * (guarded by `aws-identity.request.read`), and the decisions
 * `POST /requests/:id/approve|reject` (`aws-identity.request.approve`, users only) and
 * `POST /requests/:id/withdraw` (`aws-identity.request.read`, users only); `POST
 * /requests/:id/restore|accept` (`aws-identity.request.create`, users only: a new request that
 * repairs a drifted one, 201, or 200 for the one already made). They translate HTTP
 * only: the request service decides; reads and decisions answer with what the caller may do
 * next (`actions`), from one permission check per response. Errors are `@backstage/errors`
 * types; the backend maps them to 400/401/403/404/409.
 *
 * @internal
 */
export async function createRequestsRouter(options: RequestsRouterOptions): Promise<express.Router> {
  const { requests, httpAuth, permissions, auditor, visibility } = options;
  const router = Router();
  // Scoped to the request routes, and mounted before any other parser of the plugin (see
  // createRouter): the first parser to run decides the limit.
  router.use('/requests', jsonBodyParser({ limit: '256kb', routes: 'the role-request routes' }));

  /**
   * Authorises `permission` and asks in the same call whether the caller may also decide on
   * requests and submit them, which is what the `actions` and `repairs` of a response depend on.
   */
  const authorizeActor = async (
    request: express.Request,
    permission: BasicPermission,
    allow?: Array<'user' | 'service'>,
  ): Promise<RequestReaderActor & { credentials: BackstageCredentials }> => {
    const probe = [awsIdentityRequestApprovePermission, awsIdentityRequestCreatePermission].filter(
      p => p.name !== permission.name,
    );
    const { credentials, probed } = await requirePermission({ httpAuth, permissions, request, allow, require: { permission }, probe });
    const holds = (p: BasicPermission) => p.name === permission.name || probed[probe.indexOf(p)] === true;
    return {
      ref: principalRef(credentials),
      mayDecide: holds(awsIdentityRequestApprovePermission),
      mayRequest: holds(awsIdentityRequestCreatePermission),
      credentials,
    };
  };

  router.post('/requests', async (req, res) => {
    const { credentials } = await requirePermission({
      httpAuth,
      permissions,
      request: req,
      require: { permission: awsIdentityRequestCreatePermission },
    });
    const body: CreateRoleRequestResponse = await submitAudited(
      { requests, auditor, request: req },
      req.body,
      submitterOf(credentials),
    );
    res.status(body.created ? 201 : 200).json(body);
  });

  // What requests may target, with every cluster's issuer as the planner will take it (config,
  // else EKS): the scaffolder plans against the same directory the backend submits against.
  router.get('/request-directory', async (req, res) => {
    // Reading what requests may target is a read: the scaffolder plans with it before any person
    // submits, and the person's create permission is checked on `POST /requests` itself.
    await requirePermission({
      httpAuth,
      permissions,
      request: req,
      require: { permission: awsIdentityRequestReadPermission },
    });
    res.json(requests.directory());
  });

  // The clusters the caller may request roles for, with account, region and Pod Identity
  // readiness: the scaffolder's cluster picker lists them for the person filling in the form,
  // so it asks for the permission that person needs to submit.
  router.get('/request-targets', async (req, res) => {
    await requirePermission({
      httpAuth,
      permissions,
      request: req,
      require: { permission: awsIdentityRequestCreatePermission },
    });
    onlyQueryParameters(req.query, 'GET /request-targets', []);
    const body: RoleRequestTargetList = { items: requests.targets() };
    res.json(body);
  });

  // A request is about its entity: it is shown to those who may read that entity in the
  // catalog, and under the owner the catalog shows them (one batched catalog read per response).
  const catalogOf = (credentials: BackstageCredentials): RequestReader['catalog'] => entityRefs =>
    visibility.view(credentials, entityRefs);

  /** The reader of a request route: the actor, and the catalog as their credentials see it. */
  const authorizeReader = async (req: express.Request): Promise<RequestReader> => {
    const { credentials, ...actor } = await authorizeActor(req, awsIdentityRequestReadPermission);
    return { ...actor, catalog: catalogOf(credentials) };
  };

  router.get('/requests', async (req, res) => {
    const reader = await authorizeReader(req);
    const { filter, page } = parseListQuery(req.query);
    const { items, totalCount, facets } = await requests.list(filter, page, reader);
    const body: ListRoleRequestsResponse = { items, totalCount, ...page, facets };
    res.json(body);
  });

  /** A decision by a signed-in user: audited, then applied by the request service. */
  const decide = async (
    req: express.Request,
    action: RequestAction,
    permission: BasicPermission,
    reason: string | undefined,
  ): Promise<IdentityRequest> => {
    const id = req.params.id;
    const to = { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' }[action];
    const event = await auditor.createEvent({
      eventId: `role-request-${to}`,
      severityLevel: 'medium',
      request: req,
      meta: { requestId: id },
    });
    try {
      const { credentials: _credentials, ...actor } = await authorizeActor(req, permission, ['user']);
      const updated = await requests.decide({ id, action, actor, reason });
      const transition = updated.transitions[updated.transitions.length - 1];
      await event.success({ meta: { requestId: id, from: transition.from, to: transition.to, actor: actor.ref } });
      return updated;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  router.post('/requests/:id/approve', async (req, res) => {
    const comment = optionalText(req.body, 'comment');
    res.json(await decide(req, 'approve', awsIdentityRequestApprovePermission, comment));
  });

  router.post('/requests/:id/reject', async (req, res) => {
    const reason = optionalText(req.body, 'reason');
    res.json(await decide(req, 'reject', awsIdentityRequestApprovePermission, reason));
  });

  router.post('/requests/:id/withdraw', async (req, res) => {
    const reason = optionalText(req.body, 'reason');
    res.json(await decide(req, 'withdraw', awsIdentityRequestReadPermission, reason));
  });

  // The follow-up of a verified migration: opening a change is creating, so it takes the create
  // permission (users only, as decisions), and it is audited like a submission.
  router.post('/requests/:id/remove-annotation', async (req, res) => {
    const id = req.params.id;
    const event = await auditor.createEvent({
      eventId: 'migration-request-remove-annotation',
      severityLevel: 'medium',
      request: req,
      meta: { requestId: id },
    });
    try {
      const { credentials, ...actor } = await authorizeActor(req, awsIdentityRequestCreatePermission, ['user']);
      const updated = await requests.removeAnnotation(id, { ...actor, catalog: catalogOf(credentials) });
      await event.success({
        meta: { requestId: id, actor: actor.ref, ...(updated.kind === 'migration' && updated.followUp ? { url: updated.followUp.url } : {}) },
      });
      res.json(updated);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  // Restore or accept the drift of a verified request: a new request (audited like a submission,
  // users only), decided like any other.
  for (const repair of DRIFT_REPAIRS) {
    router.post(`/requests/:id/${repair}`, async (req, res) => {
      const id = req.params.id;
      const event = await auditor.createEvent({
        eventId: `role-request-${repair}`,
        severityLevel: 'medium',
        request: req,
        meta: { requestId: id },
      });
      try {
        const { credentials, ...actor } = await authorizeActor(req, awsIdentityRequestCreatePermission, ['user']);
        const body = await requests.repair({ id, repair }, { ...actor, catalog: catalogOf(credentials) });
        await event.success({ meta: { requestId: id, repairedBy: body.request.id, created: body.created, actor: actor.ref } });
        res.status(body.created ? 201 : 200).json(body);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    });
  }

  router.get('/requests/:id', async (req, res) => {
    res.json(await requests.get(req.params.id, await authorizeReader(req)));
  });

  router.get('/requests/:id/live-role', async (req, res) => {
    const { credentials } = await requirePermission({
      httpAuth,
      permissions,
      request: req,
      require: { permission: awsIdentityRequestReadPermission },
    });
    res.json(await requests.liveRole(req.params.id, { catalog: catalogOf(credentials) }));
  });

  return router;
}
