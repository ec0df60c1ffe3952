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
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * The group that approves role requests unless `awsIdentity.approvers.groups` says otherwise.
 *
 * @public
 */
export const DEFAULT_APPROVER_GROUP = 'group:default/platform-team';

/** `group:<namespace>/<name>`: the form of the ownership refs a user's credentials carry. */
const GROUP_REF = /^group:[^\s:/]+\/[^\s:/]+$/;

/**
 * The groups whose members may decide on role requests (`awsIdentity.approvers.groups`). Each
 * must be a full group entity ref: the permission policy compares them with a user's ownership
 * refs, which are always full, so a bare name would silently let no one approve.
 *
 * @public
 */
export function readApproverGroups(config: Config): string[] {
  const groups = config.getOptionalStringArray('awsIdentity.approvers.groups') ?? [DEFAULT_APPROVER_GROUP];
  groups.forEach((group, i) => {
    if (!GROUP_REF.test(group)) {
      throw new InputError(
        `awsIdentity.approvers.groups[${i}]: "${group}" must be a full group entity ref such as ${DEFAULT_APPROVER_GROUP}`,
      );
    }
  });
  return groups;
}
