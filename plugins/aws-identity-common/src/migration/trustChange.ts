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

import { DEFAULT_TRUST_POLICY_QUOTA } from '../checks/trustChecks';
import { Cluster, Role } from '../domain/types';
import { generatePodIdentityTrustPolicy } from '../generate/generatePolicies';
import { decodePolicyDocument } from '../policy/parsePolicy';
import { PolicyDocument } from '../policy/types';
import { ParseResult, fail, ok } from '../parse/result';
import { MigrationOidcRemoval, MigrationTrustChange } from './types';

/**
 * Step 1's change: the role's trust policy with the EKS Pod Identity statement appended. The
 * statement is the one `generatePodIdentityTrustPolicy` writes for new roles (the scaffolder's
 * generator), pinned to the role's account and the cluster's ARN; the existing statements stay
 * exactly as they are, so IRSA keeps working while pods move over. Fails (naming why) when the
 * generator refuses, e.g. for a cluster of another account than the role.
 *
 * @public
 */
export function podIdentityTrustChange(
  role: Role,
  cluster: Pick<Cluster, 'arn'>,
  quota: number = DEFAULT_TRUST_POLICY_QUOTA,
): ParseResult<MigrationTrustChange> {
  const generated = generatePodIdentityTrustPolicy({
    accountId: role.accountId,
    clusterArns: cluster.arn ? [cluster.arn] : [],
    quota,
  });
  if (!generated.ok) return fail(generated.error);
  const generatedStatements = generated.value.document.Statement;
  const statement = Array.isArray(generatedStatements) ? generatedStatements[0] : generatedStatements;
  const current = decodePolicyDocument(role.trustPolicy);
  if (!current.ok) return fail(current.error);
  const document = current.value as PolicyDocument;
  const existing = Array.isArray(document.Statement)
    ? document.Statement
    : [document.Statement];
  const trustPolicy: PolicyDocument = { ...document, Statement: [...existing, statement] };
  return ok({
    roleArn: role.arn,
    roleName: role.name,
    statement,
    trustPolicy,
    // IAM counts the policy without whitespace against AssumeRolePolicySizeQuota.
    minifiedLength: JSON.stringify(trustPolicy).length,
    quota,
  });
}

/**
 * Step 6's change: the role's trust policy without the OIDC statements at `statementIndices`
 * (those only this service account relies on, as `oidcReliance` decided). Every other statement
 * stays exactly as it is, the EKS Pod Identity one included. Undefined when the policy does not
 * decode or nothing would be removed.
 * @public
 */
export function oidcStatementRemoval(role: Role, statementIndices: readonly number[]): MigrationOidcRemoval | undefined {
  if (statementIndices.length === 0) return undefined;
  const current = decodePolicyDocument(role.trustPolicy);
  if (!current.ok) return undefined;
  const document = current.value as PolicyDocument;
  const existing = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const kept = existing.filter((_statement, index) => !statementIndices.includes(index));
  // IAM refuses a trust policy without statements: the role would then trust nothing at all.
  if (kept.length === existing.length || kept.length === 0) return undefined;
  const trustPolicy: PolicyDocument = { ...document, Statement: kept };
  return {
    roleArn: role.arn,
    roleName: role.name,
    removedStatements: existing.length - kept.length,
    trustPolicy,
    minifiedLength: JSON.stringify(trustPolicy).length,
  };
}
