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

import { RoleRequestInput } from '../api/requests';
import { IRSA_ANNOTATIONS } from '../binding/annotations';
import { roleNameKeyOfArn } from './roleIdentity';

/**
 * What the inventory shows of one planned service account on one cluster, for the drift check
 * of a verified request. `known: false` when the cluster (or the account holding its
 * associations) could not be read: nothing is concluded from it, neither drift nor repair.
 *
 * @public
 */
export type LiveBinding =
  | { known: false }
  | {
      known: true;
      /** The service account's annotations; absent when the cluster has no such service account. */
      annotations?: Readonly<Record<string, string>>;
      /** Roles of the Pod Identity associations of the service account on the cluster. */
      associationRoleArns: readonly string[];
    };

/**
 * How the binding of a verified request's service account differs from the plan on each
 * planned cluster: the IRSA annotation removed or pointing elsewhere, the Pod Identity
 * association deleted or naming another role, the service account deleted. Role names
 * compare as IAM compares them (per account, case-insensitively, whatever the path). Empty when
 * every known cluster agrees; unknown clusters add nothing.
 *
 * @public
 */
export function bindingDrift(
  input: Pick<RoleRequestInput, 'binding' | 'namespace' | 'serviceAccount'> & {
    clusters: ReadonlyArray<{ name: string }>;
  },
  roleArn: string,
  liveBinding: (cluster: string) => LiveBinding,
): string[] {
  const wanted = roleNameKeyOfArn(roleArn);
  const same = (arn: string | undefined) => arn !== undefined && roleNameKeyOfArn(arn) === wanted;
  const who = `${input.namespace}/${input.serviceAccount}`;
  const drift: string[] = [];
  for (const { name: cluster } of input.clusters) {
    const live = liveBinding(cluster);
    if (!live.known) continue;
    if (input.binding === 'irsa') {
      if (!live.annotations) {
        drift.push(`service account ${who} no longer exists on ${cluster}`);
        continue;
      }
      const annotated = live.annotations[IRSA_ANNOTATIONS.roleArn];
      if (annotated === undefined) {
        drift.push(`the ${IRSA_ANNOTATIONS.roleArn} annotation of ${who} on ${cluster} was removed`);
      } else if (!same(annotated)) {
        drift.push(`the ${IRSA_ANNOTATIONS.roleArn} annotation of ${who} on ${cluster} names ${annotated}, not ${roleArn}`);
      }
    } else if (!live.associationRoleArns.some(same)) {
      drift.push(
        live.associationRoleArns.length === 0
          ? `the Pod Identity association of ${who} on ${cluster} was deleted`
          : `the Pod Identity association of ${who} on ${cluster} names ${live.associationRoleArns.join(', ')}, not ${roleArn}`,
      );
    }
  }
  return drift;
}

/**
 * What to do about drift found after a request was verified: put the plan back through the
 * same approval workflow, or make the live state the plan by a new, also approved, request.
 *
 * @public
 */
export function verifiedDriftFix(roleArn: string): string {
  return `Restore: ask for the approved plan again (Restore on this request: a new request, approved like any other, whose change puts the plan for ${roleArn} back), or undo the change by hand. Accept: ask for the live state as the plan (Accept on this request: a new request whose plan is the live role, also approved and recorded in code).`;
}
