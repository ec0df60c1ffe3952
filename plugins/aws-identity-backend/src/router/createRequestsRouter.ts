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
  ListRoleRequestsResponse,
  RequestAction,
  RequestActor,
  ROLE_REQUEST_STATES,
  RoleRequest,
  RoleRequestState,
  freeTextProblem,
} from '@internal/plugin-aws-identity-common';
import express from 'express';
import Router from 'express-promise-router';
import { requirePermission } from '../auth/requirePermission';
import { RequestService } from '../requests/RequestService';

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
}

/** The entity ref of a user, or the subject of a service (`plugin:scaffolder`). */
function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
  return principal.type === 'user' ? principal.userEntityRef! : principal.subject ?? 'unknown';
}

/** An optional short text field of a JSON body; a wrong type or length is a 400 naming it. */
function optionalText(body: unknown, field: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > 2000) {
    throw new InputError(`${field}: must be text of at most 2,000 characters`);
  }
  const problem = freeTextProblem(value);
  if (problem) throw new InputError(`${field}: ${problem}`);
  return value.trim() || undefined;
}

/**
 * The role-request routes: `POST /requests` (create, guarded by `aws-identity.request.create`),
 * `GET /requests?entityRef=&state=`, `GET /requests/:id` and `GET /requests/:id/live-role`
 * (guarded by `aws-identity.request.read`), and the decisions
 * `POST /requests/:id/approve|reject` (`aws-identity.request.approve`, users only) and
 * `POST /requests/:id/withdraw` (`aws-identity.request.read`, users only). They translate HTTP
 * only: the request service decides; reads and decisions answer with what the caller may do
 * next (`actions`), from one permission check per response. Errors are `@backstage/errors`
 * types; the backend maps them to 400/401/403/404/409.
 *
 * @internal
 */
export async function createRequestsRouter(options: RequestsRouterOptions): Promise<express.Router> {
  const { requests, httpAuth, permissions, auditor } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  /**
   * Authorises `permission` and asks in the same call whether the caller may also decide on
   * requests, which is what the `actions` of a response depend on.
   */
  const authorizeActor = async (
    request: express.Request,
    permission: BasicPermission,
    allow?: Array<'user' | 'service'>,
  ): Promise<RequestActor> => {
    if (permission.name === awsIdentityRequestApprovePermission.name) {
      const { credentials } = await requirePermission({ httpAuth, permissions, request, allow, require: { permission } });
      return { ref: principalRef(credentials), mayDecide: true };
    }
    const { credentials, probed } = await requirePermission({
      httpAuth,
      permissions,
      request,
      allow,
      require: { permission },
      probe: [awsIdentityRequestApprovePermission],
    });
    return { ref: principalRef(credentials), mayDecide: probed[0] };
  };

  router.post('/requests', async (req, res) => {
    const { credentials } = await requirePermission({
      httpAuth,
      permissions,
      request: req,
      require: { permission: awsIdentityRequestCreatePermission },
    });
    const event = await auditor.createEvent({ eventId: 'role-request-create', request: req });
    try {
      const { request, created } = await requests.submit(req.body, {
        ref: principalRef(credentials),
        kind: credentials.principal.type === 'service' ? 'service' : 'user',
      });
      await event.success({
        meta: { requestId: request.id, created, roleArn: request.plan.roleArn, risk: request.plan.risk },
      });
      const body: CreateRoleRequestResponse = { request, created };
      res.status(created ? 201 : 200).json(body);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/requests', async (req, res) => {
    const actor = await authorizeActor(req, awsIdentityRequestReadPermission);
    const { entityRef, state } = req.query;
    if (entityRef !== undefined && (typeof entityRef !== 'string' || entityRef.length > 300)) {
      throw new InputError('entityRef: must be one entity ref');
    }
    if (state !== undefined && !(ROLE_REQUEST_STATES as readonly unknown[]).includes(state)) {
      throw new InputError(`state: must be one of ${ROLE_REQUEST_STATES.join(', ')}`);
    }
    const items = await requests.list(
      { entityRef: entityRef?.toLocaleLowerCase('en-US'), state: state as RoleRequestState | undefined },
      actor,
    );
    const body: ListRoleRequestsResponse = { items };
    res.json(body);
  });

  /** A decision by a signed-in user: audited, then applied by the request service. */
  const decide = async (
    req: express.Request,
    action: RequestAction,
    permission: BasicPermission,
    reason: string | undefined,
  ): Promise<RoleRequest> => {
    const id = req.params.id;
    const to = { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' }[action];
    const event = await auditor.createEvent({
      eventId: `role-request-${to}`,
      severityLevel: 'medium',
      request: req,
      meta: { requestId: id },
    });
    try {
      const actor = await authorizeActor(req, permission, ['user']);
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

  router.get('/requests/:id', async (req, res) => {
    const actor = await authorizeActor(req, awsIdentityRequestReadPermission);
    res.json(await requests.get(req.params.id, actor));
  });

  router.get('/requests/:id/live-role', async (req, res) => {
    await requirePermission({
      httpAuth,
      permissions,
      request: req,
      require: { permission: awsIdentityRequestReadPermission },
    });
    res.json(await requests.liveRole(req.params.id));
  });

  return router;
}
