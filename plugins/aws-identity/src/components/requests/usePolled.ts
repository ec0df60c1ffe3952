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

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Default refresh interval of the approvals page, in milliseconds.
 *
 * @public
 */
export const REQUESTS_POLL_INTERVAL_MS = 5000;

/**
 * State of a polled load.
 *
 * @public
 */
export interface PolledState<T> {
  /** True until the first answer (or error) arrived. */
  loading: boolean;
  value?: T;
  /** The last error; cleared by the next successful load. */
  error?: Error;
  /** Loads again now (e.g. after an action). */
  refresh: () => void;
}

/**
 * Runs `load` now, every `intervalMs` and on `refresh()`, keeping the last
 * value while a new load is under way. A new `key` starts over.
 *
 * @public
 */
export function usePolled<T>(
  key: string,
  load: () => Promise<T>,
  intervalMs: number = REQUESTS_POLL_INTERVAL_MS,
): PolledState<T> {
  const [state, setState] = useState<Omit<PolledState<T>, 'refresh'>>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    setState({ loading: true });
  }, [key]);

  useEffect(() => {
    let cancelled = false;
    loadRef.current().then(
      value => {
        if (!cancelled) setState({ loading: false, value });
      },
      error => {
        if (!cancelled) {
          setState(s => ({
            loading: false,
            value: s.value,
            error: error instanceof Error ? error : new Error(String(error)),
          }));
        }
      },
    );
    const timer =
      intervalMs > 0
        ? setTimeout(() => setTick(t => t + 1), intervalMs)
        : undefined;
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [key, tick, intervalMs]);

  const refresh = useCallback(() => setTick(t => t + 1), []);
  return { ...state, refresh };
}
