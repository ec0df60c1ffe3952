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

import { SignalApi } from '@backstage/plugin-signals-react';
import { act } from '@testing-library/react';

/**
 * The app's signal API at the plugin's boundary, as `@backstage/plugin-signals` provides it
 * (subscribe by channel, unsubscribe): what the backend publishes is handed to the
 * subscribers of its channel by `emit`.
 */
export class TestSignalApi implements SignalApi {
  private readonly subscribers = new Map<string, Set<(message: any) => void>>();

  subscribe(channel: string, onMessage: (message: any) => void) {
    const set = this.subscribers.get(channel) ?? new Set();
    set.add(onMessage);
    this.subscribers.set(channel, set);
    return { unsubscribe: () => set.delete(onMessage) };
  }

  /** The channels someone listens on now. */
  channels(): string[] {
    return [...this.subscribers].filter(([, s]) => s.size > 0).map(([c]) => c);
  }

  /** Delivers `message` on `channel`, as the signals backend does over its WebSocket. */
  emit(channel: string, message: object): void {
    act(() => {
      for (const onMessage of this.subscribers.get(channel) ?? [])
        onMessage({ ...message });
    });
  }
}
