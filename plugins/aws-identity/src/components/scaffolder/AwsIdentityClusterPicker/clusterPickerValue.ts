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

import { RoleBindingKind, RoleRequestTarget } from '@internal/plugin-aws-identity-common';
import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import { READINESS } from '../../shared/presentation/readiness';

/**
 * The name templates use for the field: `ui:field: AwsIdentityClusterPicker`.
 *
 * @public
 */
export const CLUSTER_PICKER_FIELD_NAME = 'AwsIdentityClusterPicker';

/**
 * The value of the `AwsIdentityClusterPicker` field: the chosen cluster with the account and
 * region its role is created for, and the binding the backend proposes for it. The actions
 * re-validate cluster, account and region against the request directory; the browser's word
 * is never taken for them.
 *
 * @public
 */
export interface AwsIdentityClusterPickerValue {
  /** Name in the Kubernetes plugin's cluster list. */
  cluster: string;
  accountId: string;
  region?: string;
  /** EKS Pod Identity where the cluster's agent add-on is ready, else IRSA. */
  recommendedBinding: RoleBindingKind;
  /** Whether the cluster's EKS Pod Identity Agent add-on is installed and ACTIVE. */
  podIdentityReady: boolean;
}

/** The JSON schema of the value, for the template editor's field explorer. */
export const clusterPickerSchema = makeFieldSchema({
  output: z =>
    z.object({
      cluster: z.string().describe('Name in the Kubernetes plugin\'s cluster list'),
      accountId: z.string().describe('AWS account the role is created in'),
      region: z.string().optional().describe('AWS Region of the cluster'),
      recommendedBinding: z.enum(['irsa', 'pod-identity']).describe('The binding proposed for the cluster'),
      podIdentityReady: z.boolean().describe('Whether the EKS Pod Identity Agent add-on is ready'),
    }),
});

/** The field's value for a target as the backend listed it. */
export function pickerValueOf(target: RoleRequestTarget): AwsIdentityClusterPickerValue {
  return {
    cluster: target.cluster,
    accountId: target.accountId,
    ...(target.region ? { region: target.region } : {}),
    recommendedBinding: target.recommendedBinding,
    podIdentityReady: target.podIdentity.state === 'ready',
  };
}

/** "sandbox-east · account 111111111111 · us-east-1": what the option and the review show. */
export function targetLabel(target: Pick<RoleRequestTarget, 'cluster' | 'accountId' | 'region'>): string {
  return [target.cluster, `account ${target.accountId}`, target.region].filter(Boolean).join(' · ');
}

/** "EKS Pod Identity agent: Ready" (and why IRSA is unavailable, when it is). */
export function targetDescription(target: RoleRequestTarget): string {
  const podIdentity = `EKS Pod Identity agent: ${READINESS[target.podIdentity.state].label}`;
  return target.irsa.available ? podIdentity : `${podIdentity} · IRSA unavailable (no known OIDC issuer)`;
}
