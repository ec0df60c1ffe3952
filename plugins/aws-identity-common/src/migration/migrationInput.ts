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

import { ResolvedBinding } from '../binding/resolveBinding';
import { Cluster, PodAggregate, Role, ServiceAccount } from '../domain/types';
import { TrustDecision } from '../evaluate/workloadRequests';
import { ParsedPolicy } from '../policy/types';
import { EffectiveIdentity } from '../report/types';

/**
 * What the migration planner reads about one IRSA-bound service account: the report builder's
 * own facts (binding, trust decisions, effective identity), so that the plan never decides
 * again what the report decided.
 *
 * @public
 */
export interface MigrationInput {
  /** The cluster, with its `podIdentityAgent` add-on and `fargateProfiles` when read. */
  cluster: Cluster;
  serviceAccount: ServiceAccount;
  /** `resolveBinding()` of the service account. */
  binding: ResolvedBinding;
  /** The annotated role, when the inventory has it. */
  role?: Role;
  /** The annotated role's parsed trust policy, when it parsed. */
  trustPolicy?: ParsedPolicy;
  /** The report's evaluation of that trust for this service account over IRSA. */
  irsaTrust?: TrustDecision;
  /** Running pods; absent when unknown. */
  pods?: PodAggregate;
  /** The workload label sets of the running pods (per-pod labels removed); absent when unknown. */
  podLabelSets?: ReadonlyArray<Readonly<Record<string, string>>>;
  /** False when the cluster's associations could not be read. */
  associationsKnown: boolean;
  /** `AssumeRolePolicySizeQuota` of the role's account; default 2,048. */
  trustPolicyQuota?: number;
  /** The report's effective identity (what the pods' SDKs use). */
  effectiveIdentity: EffectiveIdentity;
}
