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

import { Verdict } from '../expectations';

/** An IAM policy document (kept loose: seeds also write deliberately odd policies). */
export type PolicyDocument = {
  Version: '2012-10-17';
  Statement: Record<string, unknown>[];
};

/** Values only known once the sandbox runs (moto's issuers). */
export interface SeedContext {
  /** Issuer host+path without `https://` for a cluster, e.g. `oidc.eks.us-east-1.amazonaws.com/id/ABC`. */
  issuerHost(cluster: string): string;
}

/** An IAM role to create (idempotently) in one account. */
export interface RoleSeed {
  accountId: string;
  name: string;
  path?: string;
  description?: string;
  trust(ctx: SeedContext): PolicyDocument;
  inlinePolicies?: { name: string; document: PolicyDocument }[];
  /** Customer-managed policies created in the same account and attached. */
  managedPolicies?: { name: string; document: PolicyDocument }[];
}

/** A container of a seeded pod template. */
export interface ContainerSeed {
  name: string;
  image: string;
  env?: Record<string, unknown>[];
  /** `envFrom` of Secrets / ConfigMaps, as the pod spec writes it. */
  envFrom?: Record<string, unknown>[];
  volumeMounts?: Record<string, unknown>[];
}

/** A workload; the seeder creates its pods directly (no controllers run in the sandbox). */
export interface WorkloadSeed {
  kind: 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'Pod';
  name: string;
  /** Omitted = the namespace's `default` service account. */
  serviceAccount?: string;
  /** Pods to create (Deployment/StatefulSet replicas; DaemonSet "nodes"). Default 1. */
  pods?: number;
  containers: ContainerSeed[];
  podSecurityContext?: Record<string, unknown>;
  /** `spec.hostNetwork`. */
  hostNetwork?: boolean;
  /** Extra pod labels (e.g. the webhook's skip label). */
  podLabels?: Record<string, string>;
  /** Pod volumes, as the pod spec writes them (e.g. a hand-written projected token). */
  volumes?: Record<string, unknown>[];
  /**
   * Wait this long before creating the pods: managedFields times have one-second resolution, so
   * pods meant to start after the binding must be created in a later second than the annotation.
   */
  createPodsAfterMs?: number;
}

/** A namespace with its service accounts, secrets and workloads in one cluster. */
export interface NamespaceSeed {
  cluster: string;
  namespace: string;
  serviceAccounts: {
    name: string;
    annotations?: Record<string, string>;
    /**
     * Create the service account without annotations, create the pods, then annotate:
     * the webhook only mutates on CREATE, so these pods never get the injection (IRSA-B04).
     */
    annotateAfterPods?: boolean;
  }[];
  secrets?: { name: string; stringData: Record<string, string> }[];
  configMaps?: { name: string; data: Record<string, string> }[];
  /**
   * Grant the portal's read-only identity `get` on this namespace's secrets (a Role and
   * RoleBinding): the optional permission that lets it read `envFrom` Secrets' key names.
   */
  portalMayReadSecrets?: boolean;
  workloads: WorkloadSeed[];
}

/** An EKS Pod Identity association (served by the proxy's shim). */
export interface PodIdentitySeed {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  /** Cross-account target role (EKS role chaining). */
  targetRoleArn?: string;
  disableSessionTags?: boolean;
  /** The association's inline session policy (EKS requires disableSessionTags with it). */
  sessionPolicy?: PolicyDocument;
}

/** Expected portal result for one service account of a component. */
export interface ExpectationSeed {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  /** `irsa` (annotation), `pod-identity` (association), `both`, or `none`. */
  binding: 'irsa' | 'pod-identity' | 'both' | 'none';
  /** Role the SDK in the pod would use (undefined when none / broken before a role is known). */
  effectiveRoleArn?: string;
  verdict: Verdict;
  /** Finding ids (security.md §1) that MUST be reported for this service account. */
  findings: string[];
  /** Ids that MAY also be reported (judgement calls); anything else is unexpected. */
  optionalFindings?: string[];
  /** Why, in one sentence (for reviewers and failure messages). */
  rationale: string;
  /**
   * Pod Identity: what the pods may do, as the Permissions section shows it — the role whose
   * session they get, its grants (`action resource`) and the condition keys / variables left
   * unresolved for the workload.
   */
  permissions?: PermissionsExpectation;
}

/** The effective permissions one service account's pods get (see {@link ExpectationSeed}). */
export interface PermissionsExpectation {
  roleArn: string;
  /** `s3:GetObject arn:aws:s3:::bucket/*`, sorted. */
  allows: string[];
  /** Condition keys and policy variables without a value for the workload, sorted. */
  unresolved: string[];
}

/** One scenario: a seed write-up or a deliberate misconfiguration. */
export interface Scenario {
  id: string;
  title: string;
  /** Source: `seeds/000_…` file or `security.md` check id. */
  source: string;
  /** Catalog Component name (`component:default/<name>`); also the `backstage.io/kubernetes-id`. */
  component: string;
  roles: RoleSeed[];
  namespaces: NamespaceSeed[];
  podIdentity?: PodIdentitySeed[];
  expectations: ExpectationSeed[];
}
