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

import { backendUrl } from './browser';
import { signInToken } from './scaffolderRun';

/** Calls the portal's aws-identity backend as `token`'s user; the body is undefined when not JSON. */
export async function awsIdentityApi(
  path: string,
  token: string | undefined,
  init: RequestInit = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${backendUrl}/api/aws-identity${path}`, {
    ...init,
    headers: {
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
  return {
    status: response.status,
    body: (await response.json().catch(() => undefined)) as any,
  };
}

/**
 * Polls until `probe` returns a value, or fails naming what it waited for and the last error.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 120_000,
  intervalMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${
          last ? ` (last: ${last})` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

/**
 * Polls request `id` as `token`'s user (the guest by default) until `reached` holds for it; a
 * request that failed is reported as the error at once instead of waited on silently.
 */
export function eventuallyRequest(
  what: string,
  id: string,
  reached: (request: any) => boolean,
  timeoutMs = 120_000,
  token: () => Promise<string | undefined> = () => signInToken('guest'),
): Promise<any> {
  return eventually(
    what,
    async () => {
      const { body } = await awsIdentityApi(`/requests/${id}`, await token());
      if (body?.state === 'failed') {
        throw new Error(`the request failed: ${JSON.stringify(body.transitions.at(-1))}`);
      }
      return body && reached(body) ? body : undefined;
    },
    timeoutMs,
  );
}
