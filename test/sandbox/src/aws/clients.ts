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

import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';

/** Static credentials (any value works for moto; the account comes from the header). */
export const SANDBOX_CREDENTIALS = {
  accessKeyId: 'sandbox',
  secretAccessKey: 'sandbox',
} as const;

/** Minimal view of an SDK v3 client, enough to add a middleware. */
interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: any,
      options: { step: 'build'; name: string; override?: boolean },
    ): void;
  };
}

/**
 * Routes every call of `client` to `accountId` in moto via the `x-moto-account-id` header
 * (moto's documented multi-account switch in server mode).
 */
export function routeToAccount<T extends MiddlewareClient>(
  client: T,
  accountId: string,
): T {
  client.middlewareStack.add(
    (next: (args: any) => Promise<unknown>) => async (args: any) => {
      if (
        args.request &&
        typeof args.request === 'object' &&
        'headers' in args.request
      ) {
        args.request.headers['x-moto-account-id'] = accountId;
      }
      return next(args);
    },
    { step: 'build', name: 'sandboxMotoAccount', override: true },
  );
  return client;
}

/** Options shared by the client factories. */
export interface SandboxClientOptions {
  /** The recording proxy URL (`state.aws.endpoint`). */
  endpoint: string;
  accountId: string;
  region?: string;
  /** SDK retry attempts; tests of throttling set this explicitly. */
  maxAttempts?: number;
}

function base(opts: SandboxClientOptions) {
  return {
    endpoint: opts.endpoint,
    region: opts.region ?? 'us-east-1',
    credentials: SANDBOX_CREDENTIALS,
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
  };
}

/** IAM client for one sandbox account. */
export function iamClient(opts: SandboxClientOptions): IAMClient {
  return routeToAccount(new IAMClient(base(opts)), opts.accountId);
}

/** STS client for one sandbox account. */
export function stsClient(opts: SandboxClientOptions): STSClient {
  return routeToAccount(new STSClient(base(opts)), opts.accountId);
}

/** EKS client for one sandbox account. */
export function eksClient(opts: SandboxClientOptions): EKSClient {
  return routeToAccount(new EKSClient(base(opts)), opts.accountId);
}
