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
import { RoleRequestDirectory, RoleRequestDraft } from '@internal/plugin-aws-identity-common';

/** Accounts and clusters of the sandbox topology, for request tests. */
export const testDirectory: RoleRequestDirectory = {
  accountIds: ['111111111111', '222222222222'],
  clusters: [
    {
      name: 'sandbox-east',
      accountId: '111111111111',
      region: 'us-east-1',
      eksClusterName: 'sandbox-east',
      issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST0000000000000000000000000000',
    },
    { name: 'sandbox-west', accountId: '222222222222', region: 'eu-west-1', eksClusterName: 'sandbox-west' },
  ],
};

/** A valid request body's `request`. */
export const validRequest: RoleRequestDraft = {
  entityRef: 'component:default/reports-api',
  roleName: 'reports-api-s3',
  clusters: ['sandbox-east'],
  namespace: 'reports',
  serviceAccount: 'reports-api',
  access: [{ resource: 'arn:aws:s3:::sandbox-reports', accessLevel: 'read-write' }],
};
