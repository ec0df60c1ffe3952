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
import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';

/**
 * The one authorisation step of every aws-identity route: reads the caller's credentials,
 * asks the permission framework once, and throws `NotAllowedError('Missing permission <name>')`
 * on a deny. Further permissions in `probe` are decided in the same call, without being
 * required, for responses that say what else the caller may do.
 */
export async function requirePermission(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  request: Request;
  /** The permission the route requires, with `resourceRef` for a resource permission. */
  require: AuthorizePermissionRequest;
  /** Principal types allowed to call the route. Default users and backend services. */
  allow?: Array<'user' | 'service'>;
  probe?: BasicPermission[];
}): Promise<{ credentials: BackstageCredentials<any>; probed: boolean[] }> {
  const credentials = await options.httpAuth.credentials(options.request, {
    allow: options.allow ?? ['user', 'service'],
  });
  const { probed } = await requireCredentialsPermission({ ...options, credentials });
  return { credentials, probed };
}

/**
 * {@link requirePermission} for a caller whose credentials are already known (an action of the
 * Actions Registry receives them instead of an HTTP request): one call to the permission
 * framework, `NotAllowedError('Missing permission <name>')` on a deny, and the `probe` decisions.
 */
export async function requireCredentialsPermission(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  require: AuthorizePermissionRequest;
  probe?: BasicPermission[];
}): Promise<{ probed: boolean[] }> {
  const probes = options.probe ?? [];
  const [decision, ...probed] = await options.permissions.authorize(
    [options.require, ...probes.map(permission => ({ permission }))],
    { credentials: options.credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Missing permission ${options.require.permission.name}`);
  }
  return { probed: probed.map(p => p.result === AuthorizeResult.ALLOW) };
}
