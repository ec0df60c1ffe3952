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
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read the AWS identity report of one catalog entity (its service accounts,
 * roles, findings). A resource permission so that policies can use catalog
 * conditions such as ownership.
 *
 * @public
 */
export const awsIdentityReadPermission = createPermission({
  name: 'aws-identity.identity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Read the organisation-wide findings list (every entity's findings).
 *
 * @public
 */
export const awsIdentityFindingsReadPermission = createPermission({
  name: 'aws-identity.findings.read',
  attributes: { action: 'read' },
});

/**
 * Submit a role request through the scaffolder.
 *
 * @public
 */
export const awsIdentityRequestCreatePermission = createPermission({
  name: 'aws-identity.request.create',
  attributes: { action: 'create' },
});

/**
 * Approve or reject a role request (platform team).
 *
 * @public
 */
export const awsIdentityRequestApprovePermission = createPermission({
  name: 'aws-identity.request.approve',
  attributes: { action: 'update' },
});

/**
 * Read role requests and their lifecycle.
 *
 * @public
 */
export const awsIdentityRequestReadPermission = createPermission({
  name: 'aws-identity.request.read',
  attributes: { action: 'read' },
});

/**
 * Read the organisation-wide roles view: every role of every read account with its owner,
 * bindings, last use and trust findings (`GET /roles`, the "AWS roles" page).
 *
 * @public
 */
export const awsIdentityRolesReadPermission = createPermission({
  name: 'aws-identity.roles.read',
  attributes: { action: 'read' },
});

/**
 * Proving a service account's role live: the backend asks the cluster for a short-lived token of
 * that service account and presents it to STS with a deny-all session policy. Checked against
 * the entity the service account belongs to.
 *
 * @public
 */
export const awsIdentityLiveProofPermission = createPermission({
  name: 'aws-identity.live-proof.run',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission of the aws-identity plugins, for
 * `permissionsRegistry.addPermissions`.
 *
 * @public
 */
export const awsIdentityPermissions = [
  awsIdentityReadPermission,
  awsIdentityFindingsReadPermission,
  awsIdentityRequestCreatePermission,
  awsIdentityRequestApprovePermission,
  awsIdentityRequestReadPermission,
  awsIdentityRolesReadPermission,
  awsIdentityLiveProofPermission,
];
