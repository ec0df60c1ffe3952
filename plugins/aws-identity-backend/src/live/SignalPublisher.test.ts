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
import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import { announceRequestChange } from './requestSignals';
import { SignalPublisher } from './SignalPublisher';

/** The signals service at the boundary: records what the plugin would hand to signals-backend. */
function recordingSignals(fail?: string): SignalsService & { sent: SignalPayload[] } {
  const sent: SignalPayload[] = [];
  return {
    sent,
    async publish(signal) {
      if (fail && signal.channel === fail) throw new Error('events bus down');
      sent.push(signal as SignalPayload);
    },
  };
}

describe('SignalPublisher', () => {
  afterEach(() => jest.useRealTimers());

  it('broadcasts one signal per channel and window, carrying the last message', async () => {
    jest.useFakeTimers();
    const signals = recordingSignals();
    const publisher = new SignalPublisher({ signals, logger: mockServices.logger.mock(), windowMs: 500 });
    publisher.publish('aws-identity:requests', { type: 'request', requestId: 'r-1' });
    publisher.publish('aws-identity:requests', { type: 'request', requestId: 'r-2' });
    publisher.publish('aws-identity:entity:component:default/payments', { type: 'request', requestId: 'r-2' });
    expect(signals.sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(500);
    expect(signals.sent).toEqual([
      { recipients: { type: 'broadcast' }, channel: 'aws-identity:requests', message: { type: 'request', requestId: 'r-2' } },
      {
        recipients: { type: 'broadcast' },
        channel: 'aws-identity:entity:component:default/payments',
        message: { type: 'request', requestId: 'r-2' },
      },
    ]);
    // The next burst opens a new window.
    publisher.publish('aws-identity:requests', { type: 'request', requestId: 'r-3' });
    await jest.advanceTimersByTimeAsync(500);
    expect(signals.sent).toHaveLength(3);
  });

  it('logs a failed publish and still sends the other channels', async () => {
    const logger = mockServices.logger.mock();
    const signals = recordingSignals('aws-identity:requests');
    const publisher = new SignalPublisher({ signals, logger });
    publisher.publish('aws-identity:requests', { type: 'request', requestId: 'r-1' });
    publisher.publish('aws-identity:entity:component:default/a', { type: 'request', requestId: 'r-1' });
    await expect(publisher.flush()).resolves.toBeUndefined();
    expect(signals.sent.map(s => s.channel)).toEqual(['aws-identity:entity:component:default/a']);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('events bus down'));
  });

  it('does nothing without a signals service', async () => {
    const publisher = new SignalPublisher({ logger: mockServices.logger.mock() });
    expect(publisher.enabled).toBe(false);
    publisher.publish('aws-identity:requests', { type: 'request', requestId: 'r-1' });
    await expect(publisher.flush()).resolves.toBeUndefined();
  });

  it('drops queued signals on stop', async () => {
    const signals = recordingSignals();
    const publisher = new SignalPublisher({ signals, logger: mockServices.logger.mock() });
    publisher.publish('aws-identity:requests', { type: 'request', requestId: 'r-1' });
    publisher.stop();
    await publisher.flush();
    expect(signals.sent).toEqual([]);
  });
});

describe('announceRequestChange', () => {
  it("signals the request's id on its entity's channel and on the queue's, nothing else", async () => {
    const signals = recordingSignals();
    const publisher = new SignalPublisher({ signals, logger: mockServices.logger.mock() });
    announceRequestChange(publisher, { id: 'r-9', entityRef: 'Component:default/Payments' });
    await publisher.flush();
    expect(signals.sent).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'aws-identity:entity:component:default/payments',
        message: { type: 'request', requestId: 'r-9' },
      },
      { recipients: { type: 'broadcast' }, channel: 'aws-identity:requests', message: { type: 'request', requestId: 'r-9' } },
    ]);
  });
});
