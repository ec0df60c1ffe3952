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

/**
 * An error message safe to show users: status code and reason, never request headers. Used by
 * every source for its status lines (Kubernetes client errors carry the API's `Status` body;
 * AWS SDK errors a message).
 */
export function describeError(error: unknown): string {
  const e = error as { code?: number; statusCode?: number; body?: unknown; message?: string };
  const code = e?.code ?? e?.statusCode;
  let reason: string | undefined;
  if (typeof e?.body === 'string') {
    try {
      reason = JSON.parse(e.body).message;
    } catch {
      reason = undefined;
    }
  } else if (e?.body && typeof e.body === 'object') {
    reason = (e.body as { message?: string }).message;
  }
  const base = reason ?? e?.message ?? String(error);
  // DOMException codes (e.g. 23 for a timeout) are not HTTP statuses.
  const isHttpStatus = typeof code === 'number' && code >= 100 && code < 600;
  const line = base.split('\n')[0];
  return isHttpStatus ? `HTTP ${code}: ${line}` : line;
}
