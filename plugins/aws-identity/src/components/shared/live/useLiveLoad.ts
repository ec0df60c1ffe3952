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

import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';
import { PolledState, usePolled } from '../../requests/usePolled';

/**
 * Loads `load` once, then again whenever the backend signals a change on `channel` (through
 * Backstage signals), or, in an app without the signal API, every `fallbackIntervalMs`:
 * polling is only the fallback. A signal says only that something changed; the new value is
 * re-read through the plugin's routes, which decide what the reader may see.
 *
 * `relevant` narrows the signals that reload (e.g. a detail page reloads only for its own
 * request on the queue's channel); every signal on the channel reloads when it is absent.
 *
 * @public
 */
export function useLiveLoad<T, TSignal extends object = object>(
  key: string,
  load: () => Promise<T>,
  options: {
    channel: string;
    fallbackIntervalMs: number;
    relevant?: (signal: TSignal) => boolean;
  },
): PolledState<T> & { live: boolean } {
  const { lastSignal, isSignalsAvailable } = useSignal(options.channel);
  const state = usePolled(
    key,
    load,
    isSignalsAvailable ? 0 : options.fallbackIntervalMs,
  );
  const { refresh } = state;
  // Read at signal time: callers pass an inline function, which must not re-run the effect.
  const relevantRef = useRef(options.relevant);
  relevantRef.current = options.relevant;
  useEffect(() => {
    // Each signal is a new object, so even a repeat of the same message reloads.
    if (!lastSignal) return;
    const relevant = relevantRef.current;
    if (relevant && !relevant(lastSignal as unknown as TSignal)) return;
    refresh();
  }, [lastSignal, refresh]);
  return { ...state, live: isSignalsAvailable };
}
