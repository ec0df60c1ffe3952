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

import { PodIdentityAssociation, RemediationSnippet } from '../domain/types';
import { PolicyDocument, PolicyStatement } from '../policy/types';

/**
 * The facts a readiness item is about, one item per reason EKS Pod Identity could fail where
 * IRSA works today (EKS User Guide, "EKS Pod Identity restrictions" and "Migrate to EKS Pod
 * Identity").
 *
 * @public
 */
export type MigrationReadinessId =
  | 'pod-identity-agent'
  | 'fargate'
  | 'host-network'
  | 'trust-policy-size'
  | 'other-trusted-principals'
  | 'cross-account';

/**
 * `ready`: nothing stands in the way; `attention`: the migration works, and the plan keeps
 * something in place because of it; `blocked`: migrating now would break the workload;
 * `unknown`: the inventory could not tell (never counted as ready).
 *
 * @public
 */
export type MigrationReadinessState = 'ready' | 'attention' | 'blocked' | 'unknown';

/**
 * One readiness item, with what it was decided from and how to fix it.
 *
 * @public
 */
export interface MigrationReadinessItem {
  id: MigrationReadinessId;
  title: string;
  state: MigrationReadinessState;
  /** What the decision rests on, in one or two sentences. */
  evidence: string;
  /** What to do when the item is not ready. */
  fix?: string;
}

/**
 * The steps of a migration, in the order that keeps the workload working throughout.
 *
 * @public
 */
export type MigrationStepId =
  | 'add-trust-statement'
  | 'create-association'
  | 'restart-pods'
  | 'verify-pods'
  | 'remove-annotation'
  | 'remove-oidc-statement';

/**
 * `done`: the inventory shows it done; `next`: the first step to take; `pending`: waits for an
 * earlier step; `blocked`: cannot be taken, see `reason`.
 *
 * @public
 */
export type MigrationStepState = 'done' | 'next' | 'pending' | 'blocked';

/**
 * The association the migration creates (EKS `CreatePodIdentityAssociation`).
 *
 * @public
 */
export interface MigrationAssociation {
  /** The EKS name of the cluster. */
  eksClusterName: string;
  /** The Backstage name of the cluster. */
  cluster: string;
  region?: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
}

/**
 * One step, with its state computed from the inventory and the change it makes.
 *
 * @public
 */
export interface MigrationStep {
  id: MigrationStepId;
  /** 1-based position. */
  order: number;
  title: string;
  state: MigrationStepState;
  /** Why the step is in its state (what was seen, or what blocks it). */
  reason: string;
  /** True for the step the plan offers but does not require (removing the OIDC statement). */
  optional?: boolean;
  /** Copyable commands for the step (kubectl), rendered by the engine's remediation renderers. */
  remediation?: RemediationSnippet[];
}

/**
 * The trust-policy change of step 1: the statement the scaffolder's generator writes for Pod
 * Identity, and the role's trust policy with it appended.
 *
 * @public
 */
export interface MigrationTrustChange {
  roleArn: string;
  roleName: string;
  statement: PolicyStatement;
  /** The role's current trust policy plus `statement`. */
  trustPolicy: PolicyDocument;
  /** Characters of `trustPolicy` without whitespace: what IAM counts against the quota. */
  minifiedLength: number;
  /** The account's trust-policy size quota it was measured against. */
  quota: number;
}

/**
 * Step 6's change: the role's trust policy without the OIDC statements only this service account
 * relied on.
 * @public
 */
export interface MigrationOidcRemoval {
  roleArn: string;
  roleName: string;
  /** How many statements go. */
  removedStatements: number;
  /** The role's current trust policy without them. */
  trustPolicy: PolicyDocument;
  /** Characters of `trustPolicy` without whitespace. */
  minifiedLength: number;
}

/**
 * Where the migration of one service account stands: `ready` (nothing started, nothing in the
 * way), `in-progress`, `blocked`, `unknown` (readiness could not be decided), `migrated` (pods
 * verified on Pod Identity and the annotation gone).
 *
 * @public
 */
export type MigrationStatus = 'ready' | 'in-progress' | 'blocked' | 'unknown' | 'migrated';

/**
 * The IRSA → EKS Pod Identity migration plan of one service account.
 *
 * @public
 */
export interface MigrationPlan {
  /** The role the IRSA annotation names: the role the association will use. */
  roleArn: string;
  status: MigrationStatus;
  readiness: MigrationReadinessItem[];
  steps: MigrationStep[];
  /** Step 1's change, when the role was read and it does not trust Pod Identity yet. */
  trustChange?: MigrationTrustChange;
  /** Step 2's association, when the cluster's EKS name is known. */
  association?: MigrationAssociation;
  /**
   * Step 6's change, when the OIDC statements admitting the service account admit no other
   * subject and the role was read; absent while other subjects rely on them (step 6 blocked).
   */
  oidcRemoval?: MigrationOidcRemoval;
  /** Associations the service account already has (any role). */
  existingAssociations: PodIdentityAssociation[];
}

/**
 * Migration plans of a component's service accounts, counted: "2 of 3 service accounts ready".
 *
 * @public
 */
export interface MigrationSummary {
  /** IRSA-bound service accounts with a plan. */
  total: number;
  /** Plans whose readiness has nothing blocked or unknown (ready, in progress or migrated). */
  ready: number;
  migrated: number;
  blocked: number;
  unknown: number;
  /** One sentence, e.g. "2 of 3 service accounts ready to migrate to EKS Pod Identity". */
  headline: string;
}
