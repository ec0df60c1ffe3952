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
import { AuditorService } from '@backstage/backend-plugin-api';
import { CreateRoleRequestResponse, requestKind, requestRisk } from '@internal/plugin-aws-identity-common';
import { RequestSubmitter } from './requester';
import { RequestService } from './RequestService';

/**
 * Submits a role request through the request service, recorded as the audit event
 * `role-request-create` (success with the request's id, role and risk; failure with the error,
 * which is rethrown). `POST /requests` passes its HTTP request, from which the auditor reads the
 * caller; the `create-request` action, which has no HTTP request of its own, passes the
 * submitter in `meta`.
 */
export async function submitAudited(
  options: {
    requests: RequestService;
    auditor: AuditorService;
    request?: Parameters<AuditorService['createEvent']>[0]['request'];
    meta?: Record<string, string>;
  },
  body: unknown,
  submitter: RequestSubmitter,
): Promise<CreateRoleRequestResponse> {
  const event = await options.auditor.createEvent({
    eventId: 'role-request-create',
    ...(options.request ? { request: options.request } : {}),
    ...(options.meta ? { meta: options.meta } : {}),
  });
  try {
    const { request, created } = await options.requests.submit(body, submitter);
    await event.success({
      meta: {
        requestId: request.id,
        created,
        kind: requestKind(request),
        ...(request.kind === 'migration'
          ? { serviceAccounts: request.migration.targets.map(t => `${t.serviceAccount.cluster}/${t.serviceAccount.namespace}/${t.serviceAccount.name}`).join(',') }
          : { roleArn: request.plan.roleArn }),
        risk: requestRisk(request),
      },
    });
    return { request, created };
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
