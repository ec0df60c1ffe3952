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
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  awsIdentityRequestApprovePermission,
  awsIdentityRequestCreatePermission,
  awsIdentityRequestReadPermission,
  CreateRoleRequestResponse,
  describeLiveRole,
  IAC_FORMATS,
  IacFormat,
  ListRoleRequestsResponse,
  LiveRoleResponse,
  planRoleRequest,
  ROLE_REQUEST_STATES,
  RoleRequest,
  RoleRequestDirectory,
  RoleRequestState,
  Role,
  SourceStatus,
} from '@internal/plugin-aws-identity-common';
import express from 'express';
import Router from 'express-promise-router';
import { createHash } from 'node:crypto';
import { RequestStore } from './RequestStore';
import { readRequestDirectory } from './readRequestDirectory';
import { RequestNotifier } from './RequestNotifier';

/**
 * What `GET /requests/:id/live-role` reads from the inventory: in-memory
 * lookups, so the route never calls AWS.
 *
 * @public
 */
export interface LiveRoleLookup {
  /** The role as the latest inventory of its account has it. */
  role(arn: string): Role | undefined;
  /** Status of an AWS account source; `undefined` when aws-identity does not read the account. */
  accountStatus(accountId: string): SourceStatus | undefined;
}

/**
 * Dependencies of {@link createRequestsRouter}.
 *
 * @public
 */
export interface RequestsRouterOptions {
  store: RequestStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  auditor: AuditorService;
  /**
   * Where allowed accounts and clusters are read from (see
   * `readRequestDirectory`). Give either this or `directory`.
   */
  config?: Config;
  directory?: RoleRequestDirectory;
  /** Tells requesters and owners about transitions; optional. */
  notifier?: RequestNotifier;
  /** Called after a request was approved, to start its delivery without waiting for the schedule. */
  onApproved?: (request: RoleRequest) => void;
  /**
   * The live roles and account statuses of the inventory. Without it,
   * `GET /requests/:id/live-role` answers `unknown`.
   */
  liveRoles?: LiveRoleLookup;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:/@-]{1,200}$/;
const USER_REF = /^user:[a-z0-9][a-z0-9._-]{0,62}\/[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;
const REPO_URL = /^[a-z][a-z0-9+.-]{1,15}:\/\/[^\s"'<>`{}\\]{1,2000}$/;
const REQUEST_ID = /^[0-9a-f-]{36}$/;

function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
  return principal.type === 'user' ? principal.userEntityRef! : principal.subject ?? 'unknown';
}

/** Validates the envelope of `POST /requests`; the request itself is validated by the engine. */
/** An optional short text field of a JSON body; a wrong type or length is a 400 naming it. */
function optionalText(body: unknown, field: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > 2000) {
    throw new InputError(`${field}: must be text of at most 2,000 characters`);
  }
  return value.trim() || undefined;
}

function parseEnvelope(body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('body: must be a JSON object');
  }
  const { idempotencyKey, request, format, repoUrl, requestedBy } = body as Record<string, unknown>;
  if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InputError('idempotencyKey: 1–200 characters of letters, digits and ._:/@-');
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new InputError('request: must be an object');
  }
  if (format !== undefined && !(IAC_FORMATS as readonly unknown[]).includes(format)) {
    throw new InputError(`format: must be one of ${IAC_FORMATS.join(', ')}`);
  }
  if (repoUrl !== undefined && (typeof repoUrl !== 'string' || !REPO_URL.test(repoUrl))) {
    throw new InputError('repoUrl: must be a URL without whitespace, quotes or braces');
  }
  if (requestedBy !== undefined && (typeof requestedBy !== 'string' || !USER_REF.test(requestedBy))) {
    throw new InputError('requestedBy: must be a user entity ref such as user:default/jane');
  }
  return {
    idempotencyKey,
    request: request as Record<string, unknown>,
    format: format as IacFormat | undefined,
    repoUrl: repoUrl as string | undefined,
    requestedBy: requestedBy as string | undefined,
  };
}

/**
 * The role-request routes: `POST /requests` (create, idempotent by
 * `idempotencyKey`, every field re-validated and re-planned by the engine,
 * guarded by `aws-identity.request.create`), `GET /requests?entityRef=&state=`
 * and `GET /requests/:id` (guarded by `aws-identity.request.read`),
 * `GET /requests/:id/live-role` (the request's role in the latest inventory,
 * compared with the plan; same permission), and the decisions
 * `POST /requests/:id/approve|reject|withdraw`. Errors are
 * `@backstage/errors` types; the backend maps them to 400/401/403/404/409.
 *
 * @public
 */
export async function createRequestsRouter(options: RequestsRouterOptions): Promise<express.Router> {
  const { store, httpAuth, permissions, logger, auditor, notifier, onApproved, liveRoles } = options;

  const directory = options.directory ?? (options.config ? readRequestDirectory(options.config) : undefined);
  if (!directory) throw new Error('createRequestsRouter needs config or directory');
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  const authorize = async (req: express.Request, permission: BasicPermission) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError('Unauthorized');
    return credentials;
  };

  router.post('/requests', async (req, res) => {
    const credentials = await authorize(req, awsIdentityRequestCreatePermission);
    const event = await auditor.createEvent({ eventId: 'role-request-create', request: req });
    try {
      const envelope = parseEnvelope(req.body);
      const result = planRoleRequest(envelope.request, directory);
      if (!result.ok) throw new InputError(`request.${result.field}: ${result.error}`);
      const submittedBy = principalRef(credentials);
      // Only a backend service (the scaffolder) may say on whose behalf it acts.
      const requestedBy =
        credentials.principal.type === 'service' && envelope.requestedBy ? envelope.requestedBy : submittedBy;
      const payloadHash = createHash('sha256')
        .update(JSON.stringify([result.plan.input, envelope.format ?? null, envelope.repoUrl ?? null, requestedBy]))
        .digest('hex');
      const { request, created } = await store.create({
        idempotencyKey: envelope.idempotencyKey,
        payloadHash,
        plan: result.plan,
        requestedBy,
        submittedBy,
        format: envelope.format,
        repoUrl: envelope.repoUrl,
      });
      logger.info('Recorded role request', { requestId: request.id, created, roleArn: request.plan.roleArn });
      await event.success({ meta: { requestId: request.id, created, roleArn: request.plan.roleArn, risk: request.plan.risk } });
      const body: CreateRoleRequestResponse = { request, created };
      res.status(created ? 201 : 200).json(body);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/requests', async (req, res) => {
    await authorize(req, awsIdentityRequestReadPermission);
    const { entityRef, state } = req.query;
    if (entityRef !== undefined && (typeof entityRef !== 'string' || entityRef.length > 300)) {
      throw new InputError('entityRef: must be one entity ref');
    }
    if (state !== undefined && !(ROLE_REQUEST_STATES as readonly unknown[]).includes(state)) {
      throw new InputError(`state: must be one of ${ROLE_REQUEST_STATES.join(', ')}`);
    }
    const items = await store.list({
      entityRef: entityRef?.toLocaleLowerCase('en-US'),
      state: state as RoleRequestState | undefined,
    });
    const body: ListRoleRequestsResponse = { items };
    res.json(body);
  });

  /** Applies a decision by a signed-in user: audited, atomic, and announced. */
  const decide = async (
    req: express.Request,
    decision: {
      permission: BasicPermission;
      to: RoleRequestState;
      reason?: string;
      check: (request: RoleRequest, actor: string) => void;
    },
  ): Promise<RoleRequest> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [authorized] = await permissions.authorize([{ permission: decision.permission }], { credentials });
    const id = req.params.id;
    const event = await auditor.createEvent({
      eventId: `role-request-${decision.to}`,
      severityLevel: 'medium',
      request: req,
      meta: { requestId: id },
    });
    try {
      if (authorized.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(`Missing permission ${decision.permission.name}`);
      }
      const current = REQUEST_ID.test(id) ? await store.get(id) : undefined;
      if (!current) throw new NotFoundError(`role request ${JSON.stringify(id.slice(0, 64))} not found`);
      const actor = principalRef(credentials);
      decision.check(current, actor);
      const updated = await store.transition({
        id,
        from: current.state,
        to: decision.to,
        actor,
        reason: decision.reason,
      });
      await event.success({ meta: { requestId: id, from: current.state, to: decision.to, actor } });
      const transition = updated.transitions[updated.transitions.length - 1];
      await notifier?.transitioned(updated, transition);
      return updated;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  // Four eyes: whoever asked for the role (or submitted it for someone) cannot decide on it.
  const notOwnRequest = (request: RoleRequest, actor: string) => {
    if (actor === request.requestedBy || actor === request.submittedBy) {
      throw new NotAllowedError('You cannot decide on your own role request; another platform engineer must');
    }
  };

  router.post('/requests/:id/approve', async (req, res) => {
    const comment = optionalText(req.body, 'comment');
    const request = await decide(req, {
      permission: awsIdentityRequestApprovePermission,
      to: 'approved',
      reason: comment,
      check: (current, actor) => {
        notOwnRequest(current, actor);
        if (current.plan.risk === 'critical') {
          throw new NotAllowedError('A plan with critical findings cannot be approved; change the request');
        }
      },
    });
    onApproved?.(request);
    res.json(request);
  });

  router.post('/requests/:id/reject', async (req, res) => {
    const reason = optionalText(req.body, 'reason');
    if (!reason) throw new InputError('reason: a rejection needs a reason');
    res.json(
      await decide(req, {
        permission: awsIdentityRequestApprovePermission,
        to: 'rejected',
        reason,
        check: notOwnRequest,
      }),
    );
  });

  router.post('/requests/:id/withdraw', async (req, res) => {
    const reason = optionalText(req.body, 'reason');
    res.json(
      await decide(req, {
        permission: awsIdentityRequestReadPermission,
        to: 'withdrawn',
        reason,
        check: (current, actor) => {
          if (actor !== current.requestedBy) {
            throw new NotAllowedError('Only the requester can withdraw a role request');
          }
        },
      }),
    );
  });

  /** A request by id; a malformed id is as unknown as a missing one (404). */
  const findRequest = async (id: string): Promise<RoleRequest> => {
    const request = REQUEST_ID.test(id) ? await store.get(id) : undefined;
    if (!request) throw new NotFoundError(`role request ${JSON.stringify(id.slice(0, 64))} not found`);
    return request;
  };

  router.get('/requests/:id', async (req, res) => {
    await authorize(req, awsIdentityRequestReadPermission);
    res.json(await findRequest(req.params.id));
  });

  router.get('/requests/:id/live-role', async (req, res) => {
    await authorize(req, awsIdentityRequestReadPermission);
    const { plan } = await findRequest(req.params.id);
    const body: LiveRoleResponse = liveRoles
      ? describeLiveRole({
          plan,
          role: liveRoles.role(plan.roleArn),
          account: liveRoles.accountStatus(plan.input.accountId),
        })
      : { roleArn: plan.roleArn, status: 'unknown', reason: 'this backend has no inventory of live roles' };
    res.json(body);
  });

  return router;
}
