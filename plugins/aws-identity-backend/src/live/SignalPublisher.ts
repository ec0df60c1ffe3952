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
import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';

/** A signal's message: any JSON object. */
type JsonObject = SignalPayload['message'];

/** How long a burst of signals on one channel is gathered into one, by default. */
export const DEFAULT_SIGNAL_WINDOW_MS = 1000;

/**
 * Publishes broadcast signals, at most one per channel and window: a burst (a request moving
 * through several states in one pass, a rolling deployment changing pods) reaches the browser
 * as one signal carrying the last message, so a tab re-reads once, not once per event. Without
 * a signals service it does nothing; a failed publish is logged, never thrown, because a live
 * update is a courtesy on top of data the routes serve anyway.
 *
 * @public
 */
export class SignalPublisher {
  private readonly pending = new Map<string, JsonObject>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly options: {
      signals?: SignalsService;
      logger: LoggerService;
      /** Signals on one channel within this many milliseconds are sent as one. */
      windowMs?: number;
    },
  ) {}

  /** Whether signals go anywhere: callers skip work whose only purpose is a signal. */
  get enabled(): boolean {
    return this.options.signals !== undefined;
  }

  /** Queues `message` on `channel`; a later message on the same channel in the window replaces it. */
  publish(channel: string, message: JsonObject): void {
    if (!this.options.signals) return;
    this.pending.set(channel, message);
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.options.windowMs ?? DEFAULT_SIGNAL_WINDOW_MS);
    // A pending signal never keeps the process alive.
    this.timer.unref?.();
  }

  /** Sends what is queued now (shutdown, tests). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending.clear();
    const { signals, logger } = this.options;
    if (!signals) return;
    await Promise.all(
      batch.map(async ([channel, message]) => {
        try {
          await signals.publish({ recipients: { type: 'broadcast' }, channel, message });
        } catch (error) {
          logger.warn(`aws-identity: publishing the live update on ${channel} failed: ${error}`);
        }
      }),
    );
  }

  /** Drops what is queued and stops the timer. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
