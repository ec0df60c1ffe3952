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

import { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  awsIdentityLiveProofPermission,
  awsIdentityReadPermission,
  LiveProofResult,
  LiveProofTarget,
} from '@internal/plugin-aws-identity-common';
import express from 'express';
import Router from 'express-promise-router';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { requirePermission } from '../auth/requirePermission';
import { IdentityService } from '../identity/IdentityService';
import { canonicalEntityRef } from '../identity/entityIdentity';
import { workloadSelectorOf } from '../identity/workloadSelector';
import { LiveProofService, TooManyProofsError } from '../liveProof/LiveProofService';
import { principalRef } from '../requests/requester';
import { jsonBodyParser } from './jsonBodyParser';

/**
 * Dependencies of {@link createLiveProofRouter}.
 *
 * @internal
 */
export interface LiveProofRouterOptions {
  liveProof: LiveProofService;
  identity: IdentityService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  visibility: CatalogVisibility;
}

/** Kubernetes names: DNS labels / subdomains, at most 253 characters. */
const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** The body of `POST /live-proof`, validated: a 400 names the first bad field. */
function parseProofBody(body: unknown): { entityRef: string; target: LiveProofTarget } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('body: must be a JSON object with entityRef, cluster, namespace and serviceAccount');
  }
  const fields = body as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (!['entityRef', 'cluster', 'namespace', 'serviceAccount'].includes(name)) {
      throw new InputError(`${name.slice(0, 40)}: not a field of a live proof (entityRef, cluster, namespace, serviceAccount)`);
    }
  }
  const text = (name: string, max: number): string => {
    const value = fields[name];
    if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
      throw new InputError(`${name}: required, text of at most ${max} characters`);
    }
    return value;
  };
  const entityRef = canonicalEntityRef(text('entityRef', 300));
  if (!entityRef) throw new InputError('entityRef: not an entity reference');
  const cluster = text('cluster', 253);
  const namespace = text('namespace', 63);
  const serviceAccount = text('serviceAccount', 253);
  if (!KUBERNETES_NAME.test(namespace)) throw new InputError('namespace: not a Kubernetes namespace name');
  if (!KUBERNETES_NAME.test(serviceAccount)) throw new InputError('serviceAccount: not a Kubernetes service account name');
  return { entityRef, target: { cluster, namespace, serviceAccount } };
}

/**
 * The live-proof routes: `POST /live-proof` (one proof, for a user with
 * `aws-identity.live-proof.run` on the entity; rate-limited, audited as `live-proof`) and
 * `GET /live-proof?entityRef=` (the last results of the entity's service accounts, with
 * `aws-identity.identity.read`; no I/O, so a page view can show them). Both answer 404 while
 * `awsIdentity.liveProof.enabled` is off. A proof only runs for a service account of the
 * entity as the caller's catalog shows it.
 *
 * @internal
 */
export async function createLiveProofRouter(options: LiveProofRouterOptions): Promise<express.Router> {
  const { liveProof, identity, httpAuth, permissions, auditor, visibility } = options;
  const router = Router();
  router.use('/live-proof', (_req, _res, next) => {
    next(liveProof.enabled ? undefined : new NotFoundError('live proof is not enabled (awsIdentity.liveProof.enabled)'));
  });
  router.use('/live-proof', jsonBodyParser({ limit: '16kb', routes: 'the live-proof route' }));

  /** The entity's service accounts as the caller may see them. */
  const serviceAccountsOf = async (entityRef: string, credentials: Parameters<CatalogVisibility['readableEntity']>[1]) => {
    const selector = workloadSelectorOf(await visibility.readableEntity(entityRef, credentials));
    return identity.snapshot().serviceAccountsFor(selector);
  };

  router.post('/live-proof', async (req, res) => {
    const event = await auditor.createEvent({ eventId: 'live-proof', severityLevel: 'medium', request: req });
    try {
      // Who asks comes first: a caller without credentials gets 401, whatever the body.
      await httpAuth.credentials(req, { allow: ['user'] });
      const { entityRef, target } = parseProofBody(req.body);
      const { credentials } = await requirePermission({
        httpAuth,
        permissions,
        request: req,
        allow: ['user'],
        require: { permission: awsIdentityLiveProofPermission, resourceRef: entityRef },
      });
      const accounts = await serviceAccountsOf(entityRef, credentials);
      if (
        !accounts.some(
          sa => sa.cluster === target.cluster && sa.namespace === target.namespace && sa.name === target.serviceAccount,
        )
      ) {
        throw new NotFoundError(
          `serviceAccount: ${target.namespace}/${target.serviceAccount} on ${target.cluster} is not a service account of ${entityRef}`,
        );
      }
      const result: LiveProofResult = await liveProof.prove(target, 'button', principalRef(credentials));
      await event.success({
        meta: { entityRef, ...target, roleArn: result.roleArn ?? '', outcome: result.outcome },
      });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      if (error instanceof TooManyProofsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  });

  router.get('/live-proof', async (req, res) => {
    const raw = req.query.entityRef;
    const entityRef = typeof raw === 'string' ? canonicalEntityRef(raw) : undefined;
    if (!entityRef) throw new InputError('entityRef: required, one entity reference');
    const { credentials } = await requirePermission({
      httpAuth,
      permissions,
      request: req,
      require: { permission: awsIdentityReadPermission, resourceRef: entityRef },
    });
    const accounts = await serviceAccountsOf(entityRef, credentials);
    res.json({
      results: liveProof.lastResults(
        accounts.map(sa => ({ cluster: sa.cluster, namespace: sa.namespace, serviceAccount: sa.name })),
      ),
    });
  });

  return router;
}
