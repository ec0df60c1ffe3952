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

/**
 * Replace the role's trust policy with the IRSA trust the scaffolder generates for this service
 * account (`generateIrsaTrustPolicy`), or create the role with it when it does not exist.
 *
 * @public
 */
export interface IrsaTrustPolicyFix {
  kind: 'irsa-trust-policy';
  roleArn: string;
  /** The role's account, where STS looks the OIDC provider up. */
  accountId: string;
  /** The issuer (`host/path`) of the service account's cluster. */
  issuerHostPath: string;
  namespace: string;
  serviceAccount: string;
  /** The audience the service account's tokens carry; default `sts.amazonaws.com`. */
  audience?: string;
  /** False when the role does not exist yet: the fix creates it. */
  roleExists: boolean;
}

/**
 * Replace the role's trust policy with the EKS Pod Identity trust the scaffolder generates
 * (`generatePodIdentityTrustPolicy`).
 *
 * @public
 */
export interface PodIdentityTrustPolicyFix {
  kind: 'pod-identity-trust-policy';
  roleArn: string;
  accountId: string;
  /** ARNs of the clusters whose associations use the role; empty when none is known. */
  clusterArns: string[];
}

/**
 * Register the cluster's OIDC issuer as an IAM OIDC identity provider in the role's account.
 *
 * @public
 */
export interface CreateOidcProviderFix {
  kind: 'create-oidc-provider';
  /** The issuer `host/path` the trust policy refers to. */
  issuerHostPath: string;
  /** The EKS name of the cluster with that issuer, when known (for eksctl). */
  eksClusterName?: string;
  region?: string;
}

/**
 * Annotate the service account with the role (IRSA); without a role ARN the snippets show a
 * placeholder.
 *
 * @public
 */
export interface AnnotateServiceAccountFix {
  kind: 'annotate-service-account';
  namespace: string;
  serviceAccount: string;
  roleArn?: string;
}

/**
 * Restart the workloads whose pods were created without the role's credentials.
 *
 * @public
 */
export interface RestartWorkloadsFix {
  kind: 'restart-workloads';
  namespace: string;
  /** Owning workloads from the pod aggregate (`Deployment/api`); empty when unknown. */
  workloads: string[];
}

/**
 * Remove static AWS keys from the workloads and bind the role to the service account instead.
 *
 * @public
 */
export interface RemoveStaticKeysFix {
  kind: 'remove-static-keys';
  namespace: string;
  serviceAccount: string;
  /** Owning workloads from the pod aggregate (`Deployment/api`); empty when unknown. */
  workloads: string[];
  /** The role the service account is annotated with, if any. */
  roleArn?: string;
}

/**
 * Move the binding from the namespace's `default` service account to a dedicated one.
 *
 * @public
 */
export interface DedicatedServiceAccountFix {
  kind: 'dedicated-service-account';
  namespace: string;
  /** How `default` is bound today, and so how the new service account gets the role. */
  via: 'irsa' | 'pod-identity';
  roleArn?: string;
  /** For Pod Identity: the EKS name of the cluster and the association to delete, when known. */
  eksClusterName?: string;
  associationId?: string;
}

/**
 * Give the pods a file system group so that non-root containers can read the projected token.
 *
 * @public
 */
export interface SetFsGroupFix {
  kind: 'set-fs-group';
  fsGroup: number;
}

/**
 * Drop the IRSA annotation of a service account that EKS Pod Identity already binds.
 *
 * @public
 */
export interface RemoveIrsaAnnotationFix {
  kind: 'remove-irsa-annotation';
  namespace: string;
  serviceAccount: string;
}

/**
 * Add a condition on the `eks-cluster-arn` session tag to a permission statement that checks the
 * namespace or service account tags.
 *
 * @public
 */
export interface RequireClusterTagFix {
  kind: 'require-cluster-tag';
  /** The permission policy and the statement to change. */
  policyName: string;
  statementIndex: number;
  /** The clusters meant to use the role; empty when none is known. */
  clusterArns: string[];
}

/**
 * Replace one resource of a permission statement with a narrower one.
 *
 * @public
 */
export interface ScopeResourceFix {
  kind: 'scope-resource';
  /** The permission policy and the statement to change. */
  policyName: string;
  statementIndex: number;
  /** The resource as it is. */
  resource: string;
  /** The narrower resource to use instead, with placeholders for what only people know. */
  scoped: string;
}

/**
 * What to change to fix one finding, as data: a check says *what* (the kind and its parameters)
 * and the engine's remediation module renders *how* (kubectl, Helm values, trust-policy JSON,
 * Terraform, eksctl) with the generators and renderers the scaffolder uses. A check leaves out
 * what it does not know; the snippets then show explicit placeholders (`<REGION>`), never
 * guesses, or the fix is not offered at all.
 *
 * @public
 */
export type StructuredFix =
  | IrsaTrustPolicyFix
  | PodIdentityTrustPolicyFix
  | CreateOidcProviderFix
  | AnnotateServiceAccountFix
  | RestartWorkloadsFix
  | RemoveStaticKeysFix
  | DedicatedServiceAccountFix
  | SetFsGroupFix
  | ScopeResourceFix
  | RemoveIrsaAnnotationFix
  | RequireClusterTagFix;
