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
import { mockServices } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RoleRequest, RoleRequestTransition } from '@internal/plugin-aws-identity-common';
import { RequestNotifier } from './RequestNotifier';
import { plannedRequest, validRequest } from './__fixtures__';

/** A request for a component the catalog may or may not know, by the sandbox guest. */
function request(owner?: string): RoleRequest {
  return plannedRequest(
    {
      id: '0b6f2c1e-9d1a-4c51-8a7e-2f3b4c5d6e7f',
      idempotencyKey: 'task-1:request',
      requestedBy: 'user:development/guest',
      submittedBy: 'plugin:scaffolder',
      createdAt: '2026-11-25T10:00:00.000Z',
      updatedAt: '2026-11-25T10:01:00.000Z',
    },
    { ...validRequest, ...(owner ? { owner } : {}) },
  );
}

const approved: RoleRequestTransition = {
  from: 'submitted',
  to: 'approved',
  actor: 'user:default/platform-lead',
  at: '2026-11-25T10:01:00.000Z',
};

describe('RequestNotifier', () => {
  function notifier(catalogOwner: string | undefined) {
    const send = jest.fn<Promise<void>, Parameters<NotificationService['send']>>(async () => {});
    const ownerOf = jest.fn(async (_entityRef: string) => catalogOwner);
    const instance = new RequestNotifier({
      notifications: { send },
      logger: mockServices.logger.mock(),
      ownerOf,
    });
    const recipients = () => (send.mock.calls[0][0].recipients as { entityRef: string[] }).entityRef;
    return { instance, send, ownerOf, recipients };
  }

  it('tells the catalog owner when the component is in the catalog, not the declared one', async () => {
    const { instance, ownerOf, recipients } = notifier('group:default/payments-team');
    await instance.transitioned(request('group:default/app-team'), approved);
    expect(ownerOf).toHaveBeenCalledWith('component:default/reports-api');
    expect(recipients()).toEqual(['user:development/guest', 'group:default/payments-team']);
  });

  it('tells the declared owner while the component is not in the catalog', async () => {
    const { instance, recipients } = notifier(undefined);
    await instance.transitioned(request('app-team'), approved);
    expect(recipients()).toEqual(['user:development/guest', 'group:default/app-team']);
  });

  it('tells only the requester without a catalog or declared owner', async () => {
    const { instance, send, recipients } = notifier(undefined);
    await instance.transitioned(request(), approved);
    expect(recipients()).toEqual(['user:development/guest']);
    expect(send.mock.calls[0][0].recipients).toMatchObject({ excludeEntityRef: 'user:default/platform-lead' });
  });

  it('tells the owning team of drift after verification loudly, with the drift and a link to the request', async () => {
    const { instance, send, recipients } = notifier('group:default/payments-team');
    await instance.transitioned(request(), {
      from: 'verified',
      to: 'drifted',
      actor: 'plugin:aws-identity',
      reason: 'drift after verification: the live role has 1 permission statement(s) the plan does not',
      at: '2026-11-26T10:00:00.000Z',
    });
    expect(recipients()).toEqual(['user:development/guest', 'group:default/payments-team']);
    expect(send.mock.calls[0][0].payload).toMatchObject({
      title: 'AWS role request for component:default/reports-api is drifted',
      severity: 'high',
      link: '/aws-identity/requests/0b6f2c1e-9d1a-4c51-8a7e-2f3b4c5d6e7f',
      description: expect.stringContaining('Reason: drift after verification: the live role has 1 permission statement(s)'),
    });
  });
});
