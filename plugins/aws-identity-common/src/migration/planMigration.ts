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
import { evaluatePodIdentityTrust } from '../evaluate/workloadRequests';
import { eksClusterNameOfArn } from '../parse/identifiers';
import { MigrationInput } from './migrationInput';
import { assessMigrationReadiness } from './readiness';
import { oidcReliance, planMigrationSteps } from './steps';
import { oidcStatementRemoval, podIdentityTrustChange } from './trustChange';
import { MigrationAssociation, MigrationPlan, MigrationStatus } from './types';

/**
 * The IRSA → EKS Pod Identity migration plan of one service account with an IRSA annotation:
 * readiness (with evidence and fixes), the ordered steps with their states, and the two changes
 * the plan makes (trust statement, association), which the IaC renderers turn into files.
 * Undefined for a service account without a valid IRSA annotation.
 *
 * @public
 */
export function planMigration(input: MigrationInput): MigrationPlan | undefined {
  const roleArn = input.binding.irsaRoleArn;
  if (!roleArn || !input.binding.irsaRoleArnValid) return undefined;
  const quota = input.trustPolicyQuota ?? DEFAULT_TRUST_POLICY_QUOTA;
  const podIdentityTrusted = input.trustPolicy
    ? evaluatePodIdentityTrust(input.trustPolicy, {
        accountId: input.cluster.accountId,
        clusterArn: input.cluster.arn,
        clusterName: input.cluster.name,
        namespace: input.serviceAccount.namespace,
        serviceAccount: input.serviceAccount.name,
      }).allowed
    : false;
  const change =
    input.role && input.trustPolicy && !podIdentityTrusted
      ? podIdentityTrustChange(input.role, input.cluster, quota)
      : undefined;
  const trustChange = change?.ok ? change.value : undefined;
  const readiness = assessMigrationReadiness(input, trustChange, podIdentityTrusted);
  const eksClusterName = eksClusterNameOfArn(input.cluster.arn);
  const association: MigrationAssociation | undefined = eksClusterName
    ? {
        eksClusterName,
        cluster: input.cluster.name,
        ...(input.cluster.region ? { region: input.cluster.region } : {}),
        namespace: input.serviceAccount.namespace,
        serviceAccount: input.serviceAccount.name,
        roleArn,
      }
    : undefined;
  const steps = planMigrationSteps(input, { readiness, trustChange, association, podIdentityTrusted });
  const reliance = oidcReliance(input);
  // Only once Pod Identity is trusted: removing the OIDC statements before would end IRSA with nothing in its place.
  const oidcRemoval =
    input.role && podIdentityTrusted && reliance && reliance.others.length === 0
      ? oidcStatementRemoval(input.role, reliance.statementIndices)
      : undefined;
  return {
    roleArn,
    status: statusOf(readiness, steps),
    readiness,
    steps,
    ...(trustChange ? { trustChange } : {}),
    ...(association ? { association } : {}),
    ...(oidcRemoval ? { oidcRemoval } : {}),
    existingAssociations: input.binding.associations,
  };
}

function statusOf(readiness: MigrationPlan['readiness'], steps: MigrationPlan['steps']): MigrationStatus {
  const required = steps.filter(s => !s.optional);
  if (required.every(s => s.state === 'done')) return 'migrated';
  if (readiness.some(r => r.state === 'blocked')) return 'blocked';
  if (readiness.some(r => r.state === 'unknown')) return 'unknown';
  return required.some(s => s.state === 'done') ? 'in-progress' : 'ready';
}
