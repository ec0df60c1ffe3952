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
import { MigrationRequestTarget } from '../api/requests';
import { IdentityReport } from '../report/types';
import { bindingDrift, LiveBinding } from './bindingDrift';
import { roleNameKeyOfArn } from './roleIdentity';

/**
 * What a verified migration no longer has, for one target, in words: the service account, its
 * EKS Pod Identity association with the migrated role (the same rule as a role request's binding,
 * `bindingDrift`), the role itself and its trust of EKS Pod Identity, and its running pods on Pod
 * Identity. Nothing is concluded from a cluster or account that could not be read
 * (`liveBinding` unknown, the role's existence or trust undecided in the report).
 *
 * @public
 */
export function migrationDrift(
  target: MigrationRequestTarget,
  report: IdentityReport | undefined,
  liveBinding: (cluster: string) => LiveBinding,
): string[] {
  const { serviceAccount: sa, plan } = target;
  const who = `${sa.namespace}/${sa.name}`;
  const live = liveBinding(sa.cluster);
  if (!live.known) return [];
  if (!live.annotations) return [`service account ${who} no longer exists on ${sa.cluster}`];
  const drift = bindingDrift(
    { binding: 'pod-identity', namespace: sa.namespace, serviceAccount: sa.name, clusters: [{ name: sa.cluster }] },
    plan.roleArn,
    liveBinding,
  );
  if (!report) return drift;
  const wanted = roleNameKeyOfArn(plan.roleArn);
  const role = report.roles.find(r => r.via === 'pod-identity' && roleNameKeyOfArn(r.arn) === wanted);
  if (role?.exists === false) {
    drift.push(`${plan.roleArn} no longer exists in IAM`);
  } else if (role?.trust && !role.trust.allowed) {
    drift.push(`the trust policy of ${plan.roleArn} no longer admits EKS Pod Identity (pods.eks.amazonaws.com) for ${who} on ${sa.cluster}`);
  }
  const { basis, pods } = report.effectiveIdentity;
  if (basis === 'observed-pods' && pods) {
    const elsewhere = pods.irsa + pods.nodeRole;
    if (elsewhere > 0) {
      drift.push(`${elsewhere} running pod(s) of ${who} on ${sa.cluster} do not use EKS Pod Identity (${pods.podIdentity} do)`);
    }
  }
  return drift;
}

/**
 * What to do about a migration that drifted after it was verified.
 *
 * @public
 */
export function migrationDriftFix(): string {
  return 'Apply the delivered migration code again (it recreates the association and the EKS Pod Identity trust statement), or restore them by hand; then restart the pods that started without the association.';
}
