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

import { useState } from 'react';

/**
 * One button's call to the backend: `run` calls `action` and hands its answer to `onDone`, with
 * `busy` while it runs and the backend's `error` (cleared by the next run) when it refused; the
 * view shows both. The one place a view's button decides what it shows while a call is out.
 *
 * @public
 */
export function useBackendAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  onDone?: (result: R) => void,
): { run: (...args: A) => Promise<void>; busy: boolean; error?: Error } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const run = async (...args: A) => {
    setBusy(true);
    setError(undefined);
    try {
      onDone?.(await action(...args));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}
