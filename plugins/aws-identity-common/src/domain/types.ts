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
import { ProjectedToken, ShadowingSource } from '../runtime/types';

/**
 * Finding severity (security.md §0).
 *
 * @public
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/**
 * Severities from most to least severe.
 *
 * @public
 */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
];

/**
 * Orders findings (or anything with a severity) most severe first; a stable sort keeps the
 * checks' own order within a severity. The one ordering every surface shows.
 *
 * @public
 */
export function bySeverity(a: { severity: Severity }, b: { severity: Severity }): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}

/**
 * Whether a mistake widens who gets access (`open`, a security bug) or breaks
 * the role for its intended workload (`closed`, a reliability bug).
 *
 * @public
 */
export type FailMode = 'open' | 'closed';

/**
 * The per-service-account verdict: `verified` (bound, trust admits exactly
 * this service account, pods injected), `broken` (the pod cannot get the
 * role), `risky` (works, but fails open or has high findings),
 * `not-configured` (no binding), `unknown` (bound to a role whose account
 * could not be read, so nothing can be confirmed — never shown as verified).
 *
 * @public
 */
export type Verdict =
  | 'verified'
  | 'broken'
  | 'risky'
  | 'not-configured'
  | 'unknown';

/**
 * How a service account is bound to a role.
 *
 * @public
 */
export type BindingKind = 'irsa' | 'pod-identity' | 'both' | 'none';

/**
 * An IAM policy attached to a role.
 *
 * @public
 */
export interface RolePolicy {
  /** Policy name (inline) or managed policy name. */
  name: string;
  /** Managed policy ARN; absent for inline policies. */
  arn?: string;
  kind: 'inline' | 'managed' | 'aws-managed';
  /** The document as a JSON value, JSON text, or IAM's URL-encoded text. */
  document: unknown;
}

/**
 * An IAM role as the AWS source reports it.
 *
 * @public
 */
export interface Role {
  arn: string;
  name: string;
  accountId: string;
  path?: string;
  /** `AssumeRolePolicyDocument`: JSON value, JSON text or URL-encoded text. */
  trustPolicy: unknown;
  permissionPolicies?: RolePolicy[];
  permissionsBoundaryArn?: string;
  createDate?: string;
  /**
   * When and where the role was last used, as IAM tracks it (trailing 400 days); absent when
   * IAM reports no use.
   */
  lastUsed?: { at?: string; region?: string };
  /** The role's IAM tags, key to value; absent when the source did not read them. */
  tags?: Record<string, string>;
}

/**
 * An IAM OIDC identity provider in an account.
 *
 * @public
 */
export interface OidcProvider {
  arn: string;
  accountId: string;
  /** Issuer `host/path` (the ARN suffix). */
  issuerHostPath: string;
  /** Audiences (client IDs) the provider accepts. */
  clientIds: string[];
}

/**
 * An EKS (or EKS-compatible) cluster.
 *
 * @public
 */
export interface Cluster {
  /** The name used in Backstage's Kubernetes configuration. */
  name: string;
  accountId: string;
  region?: string;
  /** `arn:aws:eks:<region>:<account>:cluster/<name>`. */
  arn?: string;
  /** OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<ID>`). */
  issuer: string;
  /**
   * Who reported `issuer`: EKS (`DescribeCluster`, what IAM trusts) or the cluster's own
   * discovery document (clusters outside EKS). Absent when unknown.
   */
  issuerSource?: 'eks' | 'discovery';
  /** `major.minor`, e.g. `1.30`; enables version-dependent checks. */
  kubernetesVersion?: string;
  /**
   * The `eks-pod-identity-agent` add-on as EKS reports it (`ListAddons`/`DescribeAddon`); absent
   * when it was not read (a cluster outside EKS, or an offline check without it).
   */
  podIdentityAgent?: PodIdentityAgentAddon;
  /** The cluster's Fargate profiles (`ListFargateProfiles`/`DescribeFargateProfile`); absent when not read. */
  fargateProfiles?: FargateProfiles;
}

/**
 * The `eks-pod-identity-agent` EKS add-on of one cluster: `installed` with EKS's status
 * (`ACTIVE`, `CREATING`, `DEGRADED`, …) and version, `not-installed` (`ListAddons` does not list
 * it), or `unknown` when EKS could not be asked (AccessDenied, throttling) — never "ready" then.
 *
 * @public
 */
export type PodIdentityAgentAddon =
  | { state: 'installed'; status: string; version?: string }
  | { state: 'not-installed' }
  | { state: 'unknown'; reason: string };

/**
 * One selector of a Fargate profile: pods of `namespace` carrying every one of `labels` run on
 * Fargate. EKS accepts `*` and `?` wildcards in the namespace and in label keys and values.
 *
 * @public
 */
export interface FargateProfileSelector {
  namespace: string;
  labels?: Record<string, string>;
}

/**
 * A Fargate profile as `DescribeFargateProfile` reports it.
 *
 * @public
 */
export interface FargateProfile {
  name: string;
  /** `ACTIVE`, `CREATING`, `DELETING`, … */
  status?: string;
  selectors: FargateProfileSelector[];
}

/**
 * A cluster's Fargate profiles, or why they are unknown.
 *
 * @public
 */
export type FargateProfiles =
  | { state: 'known'; profiles: FargateProfile[] }
  | { state: 'unknown'; reason: string };

/**
 * A Kubernetes service account, reduced to what the engine needs.
 *
 * @public
 */
export interface ServiceAccount {
  cluster: string;
  namespace: string;
  name: string;
  annotations: Record<string, string>;
  /** Creation timestamp (RFC 3339). */
  createdAt?: string;
  /**
   * When the `eks.amazonaws.com/role-arn` annotation was last written (RFC 3339): the time of
   * the `managedFields` entry that owns it. The evidence for "started after the binding".
   */
  roleArnAnnotatedAt?: string;
}

/**
 * Counts over the running pods of one service account. The backend keeps
 * these aggregates instead of pod objects (performance.md B5); every field
 * is a number of pods unless stated otherwise.
 *
 * @public
 */
export interface PodAggregate {
  /** Running pods using the service account. */
  podCount: number;
  /** Pods with `AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE` in every container. */
  irsaEnvCount: number;
  /** Pods with the projected `aws-iam-token` volume. */
  irsaVolumeCount: number;
  /** Pods with `AWS_CONTAINER_CREDENTIALS_FULL_URI` (EKS Pod Identity). */
  podIdentityEnvCount: number;
  /** Pods created before the service account got its current role annotation. */
  createdBeforeAnnotationCount: number;
  /** Pods with `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` in a container env. */
  staticKeysCount: number;
  /** Pods labelled `eks.amazonaws.com/skip-pod-identity-webhook`. */
  skipWebhookLabelCount: number;
  /** Pods running as non-root without `fsGroup` (matters before Kubernetes 1.19). */
  nonRootWithoutFsGroupCount: number;
  /** Distinct `AWS_ROLE_ARN` values seen in pods, with how many pods carry each. */
  roleArnsInEnv: Array<{ roleArn: string; podCount: number }>;
  /** Pod-level `eks.amazonaws.com/token-expiration` values seen. */
  tokenExpirationAnnotations?: string[];
  /** Owning workloads (`Deployment/api`, …) that use the service account. */
  workloads?: string[];
  /** Pods with the EKS Pod Identity env in every mutated container and the `eks-pod-identity-token` volume. */
  podIdentityInjectedCount?: number;
  /** Pods with `hostNetwork: true`. */
  hostNetworkPodCount?: number;
  /** Pods on Fargate (scheduler `fargate-scheduler`, Fargate profile label, or a Fargate node). */
  fargatePodCount?: number;
  /**
   * Pods injected with neither IRSA nor EKS Pod Identity and not labelled to skip the webhook,
   * with the creation times of the oldest and newest of them (to compare with the binding's time).
   */
  uninjected?: { count: number; oldestCreatedAt?: string; newestCreatedAt?: string };
  /** Credential variables and credentials-file mounts that can shadow the role, by source. */
  credentialSources?: ShadowingSource[];
  /** Secrets / ConfigMaps used through `envFrom` whose key names could not be read, and why. */
  unreadableEnvSources?: Array<{ kind: 'Secret' | 'ConfigMap'; name: string; reason: string }>;
  /** Distinct projected service-account tokens of the pods. */
  serviceAccountTokens?: Array<ProjectedToken & { podCount: number }>;
}

/**
 * An aggregate with no pods, optionally with some counts set: the one starting point of the
 * pod folder and of test data, so that a new field is added in one place.
 *
 * @public
 */
export function emptyPodAggregate(
  overrides: Partial<PodAggregate> = {},
): PodAggregate {
  return {
    podCount: 0,
    irsaEnvCount: 0,
    irsaVolumeCount: 0,
    podIdentityEnvCount: 0,
    createdBeforeAnnotationCount: 0,
    staticKeysCount: 0,
    skipWebhookLabelCount: 0,
    nonRootWithoutFsGroupCount: 0,
    roleArnsInEnv: [],
    workloads: [],
    podIdentityInjectedCount: 0,
    hostNetworkPodCount: 0,
    fargatePodCount: 0,
    credentialSources: [],
    serviceAccountTokens: [],
    ...overrides,
  };
}

/**
 * An EKS Pod Identity association.
 *
 * @public
 */
export interface PodIdentityAssociation {
  associationId?: string;
  cluster: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  /** Cross-account target role (association chaining), if any. */
  targetRoleArn?: string;
  /**
   * The id EKS generates for an association with a target role; EKS passes it as
   * `sts:ExternalId` when it assumes the target role, which the target's trust should require.
   */
  externalId?: string;
  /** When the association was created (RFC 3339; DescribePodIdentityAssociation `createdAt`). */
  createdAt?: string;
  /** When it was last changed (RFC 3339; `modifiedAt`). */
  modifiedAt?: string;
  /** True when EKS attaches no session tags (`kubernetes-*`, `eks-cluster-*`). */
  disableSessionTags?: boolean;
  /**
   * The association's inline session policy (JSON text, as the EKS API returns it): effective
   * permissions are the (target) role's policies intersected with it. EKS accepts it only with
   * `disableSessionTags`.
   */
  sessionPolicy?: string;
}

/**
 * What a finding is about.
 *
 * @public
 */
export interface FindingSubject {
  kind:
    | 'role'
    | 'service-account'
    | 'pods'
    | 'policy'
    | 'statement'
    | 'association';
  /** ARN, `cluster/namespace/name`, policy name, … */
  ref: string;
  /** For `statement`: zero-based index in the policy. */
  statementIndex?: number;
}

/**
 * One check's result.
 *
 * @public
 */
export interface Finding {
  /** Catalogue id from security.md, e.g. `IRSA-T01`. */
  id: string;
  severity: Severity;
  failMode: FailMode;
  title: string;
  subject: FindingSubject;
  /** What is wrong in this instance, in one or two sentences. */
  message: string;
  /** A concrete fix. */
  fix: string;
  /**
   * The fix as code to copy (kubectl, Helm values, trust-policy JSON, Terraform, …), rendered by
   * the engine from the check's structured fix with the same generators and renderers the
   * scaffolder uses. Views display these; they never build snippets themselves.
   */
  remediation?: RemediationSnippet[];
  /**
   * Trust findings that widen who can assume the role: whom they admit besides the service
   * account the trust was written for, as data, so that views need not read it out of `message`.
   */
  admits?: TrustAdmission;
  /**
   * Permission findings: the actions the finding calls out (escalation, credential exposure,
   * unconstrained writes, …), with the statement that grants them.
   */
  flaggedActions?: FlaggedActions;
  /**
   * Findings about a recorded request (a verified role that drifted, IRSA-R02): its id, so that
   * views link to the request's page, where the backend offers what can be done about it.
   */
  requestId?: string;
}

/**
 * What a trust admits besides the intended service account, as far as one finding decided:
 *
 * - `every-service-account`: every service account of every namespace of the issuer's cluster (a
 *   statement without a `sub` condition);
 * - `every-namespace`: the statement's `sub` patterns admit a service account in every namespace;
 * - `other-namespace`: a namespace the policy does not name (`system:serviceaccount:team-*:api`);
 * - `namespace`: every service account of `namespace` (`system:serviceaccount:team-a:*`);
 * - `other-service-accounts`: some service accounts of `namespace` nobody named;
 * - `any-audience`: a token with an audience nobody named;
 * - `missing-sub`: a request without the `sub` key (negated or `…IfExists` operators);
 * - `other-issuer`: the issuers in `issuers`, which the trust names instead of the service
 *   account's own (a role trusting several clusters on purpose, IRSA-T09, says no more than its
 *   message);
 * - `any-aws-principal`, `account-principals`, `service-principals`: the AWS or service
 *   principals in `principals`;
 * - `nonexistent-service-account`: whoever creates the named service account (`example`) later.
 *
 * @public
 */
export type TrustAdmissionScope =
  | 'every-service-account'
  | 'every-namespace'
  | 'other-namespace'
  | 'namespace'
  | 'other-service-accounts'
  | 'any-audience'
  | 'missing-sub'
  | 'other-issuer'
  | 'any-aws-principal'
  | 'account-principals'
  | 'service-principals'
  | 'nonexistent-service-account';

/**
 * Whom a trust-policy finding says the trust admits besides its intended service account
 * (see {@link TrustAdmissionScope}).
 *
 * @public
 */
export interface TrustAdmission {
  /** Who is admitted, in kind. */
  scope: TrustAdmissionScope;
  /** The trust-policy statement that admits them (zero-based), when one statement does. */
  statementIndex?: number;
  /** That statement's `Sid`, when it has one. */
  sid?: string;
  /** Issuer `host/path` of the OIDC provider concerned. */
  issuerHostPath?: string;
  /** For `namespace`, `other-namespace` and `other-service-accounts`: the namespace. */
  namespace?: string;
  /** The statement's `sub` patterns as written (empty without a `sub` condition). */
  subjectPatterns?: string[];
  /**
   * One concrete subject (`system:serviceaccount:<namespace>:<name>`) or, for `any-audience`,
   * audience that the trust admits, confirmed by evaluation.
   */
  example?: string;
  /** For `other-issuer`: the issuers trusted besides the service account's own. */
  issuers?: string[];
  /** For the principal scopes: the principals as written. */
  principals?: string[];
}

/**
 * The actions one permission finding flags, with the statement that grants them.
 *
 * @public
 */
export interface FlaggedActions {
  /** The permission policy holding the statement. */
  policyName: string;
  /** Zero-based index of the statement in that policy. */
  statementIndex: number;
  /** The statement's `Sid`, when it has one. */
  sid?: string;
  /** Actions in canonical case (`iam:PassRole`), or patterns as written (`s3:*`); all of them. */
  actions: string[];
}

/**
 * One copyable piece of a fix.
 *
 * @public
 */
export interface RemediationSnippet {
  /**
   * What the snippet is for: `kubectl`, `Helm values`, `Trust policy JSON`, `Terraform`, `eksctl`,
   * `AWS CLI`, or `Condition JSON (add to <policy> statement <n>)`.
   */
  label: string;
  /** Language, for display. */
  language: 'shell' | 'yaml' | 'json' | 'hcl';
  code: string;
}

/**
 * Health of one data source (an AWS account or a cluster).
 *
 * @public
 */
export interface SourceStatus {
  source:
    | { kind: 'aws-account'; accountId: string }
    | { kind: 'cluster'; cluster: string };
  /** `stale`: the last good data is older than its budget. */
  state: 'ok' | 'stale' | 'error';
  /** RFC 3339 time of the last successful read. */
  lastSuccessAt?: string;
  /** For `error`: what failed, safe to show to users. */
  error?: string;
}
