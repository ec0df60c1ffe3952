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

import { CustomErrorBase, InputError } from '@backstage/errors';
import { jsonShapeProblem } from '@internal/plugin-aws-identity-common';
import express from 'express';

/** A body larger than the route's limit: HTTP 413. */
class PayloadTooLargeError extends CustomErrorBase {
  statusCode = 413;
}

/**
 * The JSON body parser of the plugin's write routes: at most `limit`, nesting at most
 * `MAX_JSON_DEPTH` levels and no prototype keys (each a 400 naming where), and body-parser's
 * own failures turned into errors that name the body instead of a stack's words.
 *
 * @internal
 */
export function jsonBodyParser(options: {
  limit: string;
  /** The routes, for the 413's message ("the role-request routes"). */
  routes: string;
}): express.RequestHandler {
  const json = express.json({ limit: options.limit });
  return (req, res, next) =>
    json(req, res, (error?: unknown) => {
      if (error) {
        const { type, message } = error as { type?: string; message?: string };
        if (type === 'entity.too.large') {
          next(new PayloadTooLargeError(`body: larger than the ${options.limit} limit of ${options.routes}`));
        } else if (type === 'entity.parse.failed') {
          next(new InputError(`body: not valid JSON (${message})`));
        } else {
          next(new InputError(`body: ${message ?? 'could not be read'}`));
        }
        return;
      }
      const problem = jsonShapeProblem(req.body);
      next(problem ? new InputError(`${problem.path}: ${problem.error}`) : undefined);
    });
}
