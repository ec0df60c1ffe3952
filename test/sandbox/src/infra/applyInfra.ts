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
  CreateRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { parseRoleArn } from '@internal/plugin-aws-identity-common';
import { iamClient } from '../aws/clients';
import { SandboxState } from '../state';
import { AppliedMigrations, applyMigrations } from './applyMigration';
import { mergeRequestBranches, readPlannedRoles } from './infraRepository';
import { readDeliveredMigrations } from './migrationFiles';

/** The inline policy name the sandbox pipeline gives a role's permissions. */
export const APPLIED_POLICY_NAME = 'aws-identity';

/**
 * The sandbox's stand-in for the platform's infrastructure pipeline: optionally merges the
 * delivered request branches (as reviewers would), then creates or updates, in the AWS
 * emulator, every role the rendered files on `main` describe, then every delivered IRSA → EKS
 * Pod Identity migration and its annotation-removal follow-up ({@link applyMigrations}).
 * Idempotent.
 */
export async function applyInfrastructure(
  state: SandboxState,
  options: { merge?: boolean; log?: (line: string) => void } = {},
): Promise<{ merged: string[]; applied: string[]; migrations: AppliedMigrations }> {
  if (!state.infraRepository) throw new Error('this sandbox has no infrastructure repository');
  const log = options.log ?? (() => {});
  const merged = options.merge ? mergeRequestBranches(state.infraRepository) : [];
  for (const branch of merged) log(`merged ${branch}`);

  const applied: string[] = [];
  for (const role of readPlannedRoles(state.infraRepository)) {
    const arn = parseRoleArn(role.roleArn);
    if (!arn.ok) throw new Error(`planned role in the infrastructure repository: ${arn.error}`);
    const { accountId, path, name: roleName } = arn.value;
    const iam = iamClient({ endpoint: state.aws.endpoint, accountId });
    const trust = JSON.stringify(role.trustPolicy);
    const exists = await iam
      .send(new GetRoleCommand({ RoleName: roleName }))
      .then(() => true)
      .catch(error => {
        if (error instanceof NoSuchEntityException || (error as Error).name === 'NoSuchEntity') return false;
        throw error;
      });
    if (exists) {
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: trust }));
    } else {
      await iam.send(
        new CreateRoleCommand({ RoleName: roleName, Path: path, AssumeRolePolicyDocument: trust }),
      );
    }
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: APPLIED_POLICY_NAME,
        PolicyDocument: JSON.stringify(role.permissionPolicy),
      }),
    );
    // As Terraform, ACK and Crossplane apply the rendered tags: the portal knows its own roles by them.
    // As the rendered Terraform's exclusive resources do: a policy put or attached outside the
    // code goes on the next apply, so applying again puts the plan back whole.
    const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
    for (const name of inline.PolicyNames ?? []) {
      if (name !== APPLIED_POLICY_NAME) await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
    }
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
    for (const policy of attached.AttachedPolicies ?? []) {
      await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.PolicyArn }));
    }
    const tags = Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value }));
    if (tags.length > 0) await iam.send(new TagRoleCommand({ RoleName: roleName, Tags: tags }));
    applied.push(role.roleArn);
    log(`${exists ? 'updated' : 'created'} ${role.roleArn}`);
  }
  const migrations = await applyMigrations(state, readDeliveredMigrations(state.infraRepository), log);
  return { merged, applied, migrations };
}
