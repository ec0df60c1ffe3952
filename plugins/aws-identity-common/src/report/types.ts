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
import { PodConditions } from '../checks/bindingChecks';
import { ResourceScope } from '../checks/permissionChecks';
import { DriftedRequest } from '../checks/driftChecks';
import {
  BindingKind,
  Cluster,
  Finding,
  FlaggedActions,
  OidcProvider,
  PodAggregate,
  PodIdentityAssociation,
  Role,
  ServiceAccount,
  Severity,
  TrustAdmission,
  Verdict,
} from '../domain/types';
import { PodIdentityChain } from '../evaluate/podIdentityChain';
import { TrustDecision } from '../evaluate/workloadRequests';
import { EffectivePermissions } from '../summary/effectivePermissions';
import { PermissionSummary } from '../summary/summarizePermissions';
import { NextStep } from './nextStep';
import { ResolvedBinding } from '../binding/resolveBinding';
import { AdmittingRole } from '../admission/trustAdmissionIndex';
import { MigrationPlan } from '../migration/types';

/**
 * Everything the report builder needs about one service account. The
 * backend assembles it from its index; the builder does no I/O.
 *
 * @public
 */
export interface IdentityReportInput {
  /** The service account's cluster. */
  cluster: Cluster;
  serviceAccount: ServiceAccount;
  /** Aggregates over the service account's running pods; omit when unknown. */
  pods?: PodAggregate;
  /**
   * The workload label sets of the running pods (per-pod labels removed), for the Fargate
   * profile match of the migration plan; omit when unknown.
   */
  podLabelSets?: ReadonlyArray<Readonly<Record<string, string>>>;
  /**
   * Roles the service account may use: the annotated role and the roles of
   * its Pod Identity associations, as far as they were found.
   */
  roles: Role[];
  /**
   * Accounts whose role list is complete and fresh. A role ARN of such an
   * account that is absent from `roles` does not exist; for other accounts
   * absence only means "unknown" (never report a role missing on stale data).
   */
  completeAccounts?: string[];
  /** OIDC providers of the roles' accounts. */
  oidcProviders: OidcProvider[];
  /**
   * False when the providers could not be read (an offline check without provider data): then
   * "no provider" is unknown, not a finding. Default true.
   */
  oidcProvidersKnown?: boolean;
  /** Pod Identity associations; those of other service accounts are ignored. */
  podIdentityAssociations: PodIdentityAssociation[];
  /**
   * False when the cluster's associations could not be read (EKS unreadable): then "no
   * binding" cannot be told apart from "a binding we cannot see". Default true.
   */
  podIdentityAssociationsKnown?: boolean;
  /** Cross-object facts from the backend's index, each optional. */
  context?: IdentityReportContext;
  options?: IdentityReportOptions;
}

/**
 * Facts that need the whole index rather than one service account.
 *
 * @public
 */
export interface IdentityReportContext {
  /** All clusters the platform knows (issuers for IRSA-T09, accounts for PID-04). */
  knownClusters?: Cluster[];
  /**
   * Roles whose IRSA trust admits this service account (IRSA-B03); derived from
   * `rolesAdmittingServiceAccount` when absent.
   */
  rolesTrustingServiceAccount?: string[];
  /**
   * Every role whose trust admits this service account, IRSA and Pod Identity, bound or not
   * (`TrustAdmissionIndex.rolesAdmitting`): the report's `couldAlsoAssume`; the IRSA ones that
   * name the service account exactly feed IRSA-B03.
   */
  rolesAdmittingServiceAccount?: AdmittingRole[];
  /** Other service accounts (`cluster/ns/name`) bound to the same role (IRSA-B07). */
  otherServiceAccountsOfRole?: string[];
  /** Existing service accounts per issuer `host/path` as `ns/name` (IRSA-T15). */
  knownServiceAccounts?: Record<string, string[]>;
  /**
   * Verified role requests for this service account that have drifted since (IRSA-R02), as the
   * request tracker last recorded them.
   */
  driftedRequests?: DriftedRequest[];
}

/**
 * Organisation policy knobs.
 *
 * @public
 */
export interface IdentityReportOptions {
  /**
   * `AssumeRolePolicySizeQuota` per account; default 2,048. When given, an account absent from it
   * is judged against the default and IRSA-T14 says that the account's quota was not read.
   */
  trustPolicyQuotaByAccount?: Record<string, number>;
  requiredPermissionsBoundaryArn?: string;
  allowedResourceScope?: ResourceScope;
}

/**
 * A finding about a role's trust that fails open: the trust admits someone besides the service
 * account it is examined for.
 *
 * @public
 */
export interface TrustWidening {
  /** Catalogue id of the finding (`IRSA-T01`, `PID-01`, …). */
  findingId: string;
  /** The finding's severity. */
  severity: Severity;
  /** The finding's message. */
  message: string;
  /** Whom it admits, as data, when the check decided that (see {@link TrustAdmission}). */
  admits?: TrustAdmission;
}

/**
 * The actions one permission finding about a role flags.
 *
 * @public
 */
export interface RoleFlaggedActions extends FlaggedActions {
  /** Catalogue id of the finding (`IRSA-P04`, …). */
  findingId: string;
}

/**
 * A role whose trust admits the service account, and whether the service account is bound to
 * it (its annotation or one of its Pod Identity associations names the role).
 *
 * @public
 */
export interface AssumableRole extends AdmittingRole {
  bound: boolean;
}

/**
 * What the engine concluded about one role the service account may use.
 *
 * @public
 */
export interface RoleAssessment {
  arn: string;
  /** How the service account reaches the role. */
  via: 'irsa' | 'pod-identity';
  /** `undefined` when the role's account could not be read completely. */
  exists?: boolean;
  /** Trust evaluation for this service account, when the role was found. */
  trust?: TrustDecision;
  /** Parse error of the trust policy, if any. */
  trustError?: string;
  /**
   * Who else the role's trust admits: the trust and Pod Identity findings about this role (its
   * trust, statements or policies) that fail open, most severe first; empty when the checks
   * found nobody. Set whenever the role was found.
   */
  alsoAdmits?: TrustWidening[];
  /** What the role's permission policies allow. */
  permissions?: PermissionSummary;
  /**
   * The actions the role's permission findings flag (escalation, credential exposure, data
   * reads and writes on every resource, …), per finding; set whenever the role was found.
   */
  flaggedActions?: RoleFlaggedActions[];
  /** When IAM last saw the role used (trailing 400 days); absent when never or unknown. */
  lastUsed?: { at?: string; region?: string };
  /** When the role was created (RFC 3339), when IAM reported it. */
  createdAt?: string;
  /**
   * Pod Identity only: the chain EKS runs for each association that names this role (the
   * association role's trust, then the target role's trust and the first role's permission to
   * assume it), with the hop that fails.
   */
  podIdentityChains?: PodIdentityChain[];
  /**
   * Pod Identity only: per association naming this role, what its pods may do — the chain's
   * last role's policies (the target role's, when there is one) intersected with the session
   * policy, with session-tag variables and conditions resolved for the workload or stated as
   * unresolved.
   */
  effectivePermissions?: EffectivePermissions[];
}

/**
 * Where the AWS SDK in the pods gets credentials from, following the default
 * credential chain: environment keys, then the web identity token (IRSA),
 * then container credentials (Pod Identity), then the node's instance
 * profile via IMDS.
 *
 * @public
 */
export interface EffectiveIdentity {
  source: 'static-keys' | 'irsa' | 'pod-identity' | 'node-role' | 'mixed';
  /** The role pods end up with, when it is one role. */
  roleArn?: string;
  /** `observed-pods` when derived from running pods, else from configuration. */
  basis: 'observed-pods' | 'configuration';
  /** Pods per source (observed basis only). */
  pods?: {
    staticKeys: number;
    irsa: number;
    podIdentity: number;
    nodeRole: number;
  };
  explanation: string;
}

/**
 * The per-service-account result the backend serves and the UI renders.
 *
 * @public
 */
export interface IdentityReport {
  serviceAccount: { cluster: string; namespace: string; name: string };
  binding: {
    kind: BindingKind;
    irsaRoleArn?: string;
    podIdentityRoleArns: string[];
    /**
     * The binding new pods take, from `resolveBinding()`: with both an annotation and an
     * association the webhook injects Pod Identity, so `pod-identity` wins. Surfaces read it
     * here instead of deciding the precedence again.
     */
    effective: ResolvedBinding['effective'];
  };
  effectiveIdentity: EffectiveIdentity;
  roles: RoleAssessment[];
  /** Most severe first. */
  findings: Finding[];
  /**
   * Running pods of an IRSA-annotated service account counted by what they need (restart,
   * fsGroup): the facts behind IRSA-B04 and IRSA-B11. Absent without an annotation or pods.
   */
  podConditions?: PodConditions;
  verdict: Verdict;
  /** Why the verdict is what it is, one sentence each. */
  verdictReasons: string[];
  /** The single most important thing to do (see `decideNextStep`); absent when verified. */
  nextStep?: NextStep;
  /**
   * Every role of every read account whose trust admits this service account, IRSA and Pod
   * Identity, bound or not, sorted by ARN: the "could also assume" list (a namespace-wide trust
   * written for someone else shows here). Absent when the caller had no index of roles.
   */
  couldAlsoAssume?: AssumableRole[];
  /**
   * The IRSA → EKS Pod Identity migration plan (see `planMigration`): readiness, ordered steps
   * and their states. Present when the service account has a valid IRSA annotation.
   */
  migration?: MigrationPlan;
}
