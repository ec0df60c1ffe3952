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
  entitySignalChannel,
  EntitySignal,
  REQUEST_QUEUE_SIGNAL_CHANNEL,
  RequestQueueSignal,
  RoleRequest,
} from '@internal/plugin-aws-identity-common';
import { SignalPublisher } from './SignalPublisher';

/**
 * Announces that a request was recorded or changed state: on its entity's channel (the tab's
 * pending requests) and on the approval queue's. Only the request's id travels; the browser
 * re-reads the request through the routes, which decide what the reader may see of it.
 *
 * @public
 */
export function announceRequestChange(publisher: SignalPublisher, request: Pick<RoleRequest, 'id' | 'entityRef'>): void {
  const entitySignal: EntitySignal = { type: 'request', requestId: request.id };
  const queueSignal: RequestQueueSignal = { type: 'request', requestId: request.id };
  publisher.publish(entitySignalChannel(request.entityRef), entitySignal);
  publisher.publish(REQUEST_QUEUE_SIGNAL_CHANNEL, queueSignal);
}
