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
import { Role } from '../domain/types';
import { foreignRoleReason } from '../requests/roleIdentity';
import { Check } from './types';

/**
 * What the request checks read: the planned role, the entity it is for, and the role IAM already
 * has under the planned name in the planned account (matched by `roleNameKey`), if any.
 *
 * @public
 */
export interface RequestCheckContext {
  roleArn: string;
  entityRef: string;
  existingRole?: Pick<Role, 'arn' | 'tags'>;
}

/**
 * Catalogue id of the check that a planned role name is not already taken by a role this portal
 * did not create for the same entity.
 *
 * @public
 */
export const ROLE_NAME_TAKEN_CHECK_ID = 'IRSA-R01';

const requestR01: Check<RequestCheckContext> = {
  id: ROLE_NAME_TAKEN_CHECK_ID,
  category: 'request',
  title: 'Role name already taken by a role aws-identity did not create',
  severity: 'critical',
  failMode: 'open',
  explanation:
    'IAM role names are unique per account regardless of path and case. Infrastructure code that names an existing role (Crossplane external-name, ACK, Terraform import) adopts and rewrites it: its trust and permissions would change under whoever uses it today.',
  fix: 'Choose another role name, or have the owner of the existing role hand it over (tag it managed-by: aws-identity and aws-identity/entity: <entity>).',
  run(ctx) {
    if (!ctx.existingRole) return [];
    const reason = foreignRoleReason(ctx.existingRole, ctx.entityRef);
    return reason ? [{ subject: { kind: 'role', ref: ctx.existingRole.arn }, message: `${reason}.` }] : [];
  },
};

/**
 * The checks of a role request against what already exists (security.md: "which role it is").
 *
 * @public
 */
export const requestChecks: ReadonlyArray<Check<RequestCheckContext>> = [requestR01];
