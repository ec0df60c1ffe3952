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


import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { IdentityRequest, requestOwner, requestSubject, RoleRequestTransition } from '@internal/plugin-aws-identity-common';

/**
 * Tells the people around a request that it moved: the requester and the owner of the
 * component, through Backstage notifications (one thread per request via its scope). The owner
 * is the catalog's when the component is in the catalog, else the one the requester declared.
 *
 * @public
 */
export class RequestNotifier {
  constructor(
    private readonly options: {
      notifications?: NotificationService;
      logger: LoggerService;
      /** Owner group of the request's component, when the catalog knows the component. */
      ownerOf?: (entityRef: string) => Promise<string | undefined>;
    },
  ) {}

  async transitioned(request: IdentityRequest, transition: RoleRequestTransition): Promise<void> {
    const { notifications, logger } = this.options;
    if (!notifications) return;
    try {
      const owner = requestOwner(request, await this.options.ownerOf?.(request.entityRef));
      const recipients = [request.requestedBy, ...(owner ? [owner] : [])];
      await notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          // The person who acted already knows.
          excludeEntityRef: transition.actor,
        },
        payload: {
          title: `AWS ${request.kind === 'migration' ? 'migration' : 'role'} request for ${request.entityRef} is ${transition.to}`,
          description: [
            `${requestSubject(request)}: ${transition.from ?? 'new'} → ${transition.to} by ${transition.actor}`,
            transition.reason ? `Reason: ${transition.reason}` : undefined,
            request.delivery ? `Change: ${request.delivery.url}` : undefined,
          ]
            .filter(Boolean)
            .join('\n'),
          link: `/aws-identity/requests/${request.id}`,
          // Drift is a change nobody approved: the owning team hears of it as loudly as of a failure.
          severity: ['rejected', 'failed', 'drifted'].includes(transition.to) ? 'high' : 'normal',
          topic: 'aws-identity-request',
          scope: `aws-identity-request:${request.id}`,
        },
      });
    } catch (error) {
      // A notification is a courtesy; the transition itself is already recorded and audited.
      logger.warn(`aws-identity: notifying about request ${request.id} failed: ${error}`);
    }
  }
}
