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

import { ResponseError } from '@backstage/errors';

function asResponseError(error: Error): ResponseError | undefined {
  // A ResponseError from another copy of @backstage/errors fails instanceof; its name does not.
  return error instanceof ResponseError || error.name === 'ResponseError'
    ? (error as ResponseError)
    : undefined;
}

/**
 * The message a backend error carries, verbatim (e.g. the four-eyes 403 or
 * a 409 with the reason); the plain message for other errors.
 *
 * @public
 */
export function backendMessage(error: Error): string {
  return asResponseError(error)?.body?.error?.message ?? error.message;
}

/**
 * The HTTP status of a backend error, or `undefined` for other errors.
 *
 * @public
 */
export function backendStatus(error: Error): number | undefined {
  return asResponseError(error)?.statusCode;
}
