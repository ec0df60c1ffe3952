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
import { DiffLine } from '../diff/lineDiff';
import { Finding, RolePolicy, Severity } from '../domain/types';
import { PolicyDocument } from '../policy/types';
import type { MigrationPlan, MigrationStatus, MigrationStep } from '../migration/types';
import type { RequestActionOption } from '../requests/requestActions';

/**
 * How the workload gets the role: an IRSA annotation on the service account,
 * or an EKS Pod Identity association.
 *
 * @public
 */
export type RoleBindingKind = 'irsa' | 'pod-identity';

/**
 * Access levels a role request can ask for per resource. `read-write` expands
 * to the read and the write preset of the resource's service.
 *
 * @public
 */
export type RequestAccessLevel = 'list' | 'read' | 'write' | 'read-write';

/**
 * The access levels of {@link RequestAccessLevel}.
 *
 * @public
 */
export const REQUEST_ACCESS_LEVELS: readonly RequestAccessLevel[] = ['list', 'read', 'write', 'read-write'];

/**
 * One access request: a resource ARN and either an engine preset id or an
 * access level (the preset is then derived from the ARN's service).
 *
 * @public
 */
export interface RoleAccessRequest {
  /** Concrete resource ARN, e.g. `arn:aws:s3:::my-bucket`. */
  resource: string;
  /** Engine preset id (`permissionPresets`), e.g. `s3-read`. */
  preset?: string;
  accessLevel?: RequestAccessLevel;
}

/**
 * A cluster the role will trust, as resolved from configuration (and, where
 * configuration has no issuer, from the request).
 *
 * @public
 */
export interface RoleRequestCluster {
  /** Name in the Kubernetes plugin's cluster list. */
  name: string;
  accountId: string;
  region?: string;
  /** Normalised issuer URL (`https://host/path`); required for IRSA. */
  issuer?: string;
  /** EKS cluster name (`kubernetes.io/x-k8s-aws-id`). */
  eksClusterName?: string;
}

/**
 * The input of a role request, shared by the scaffolder actions and
 * `POST /api/aws-identity/requests`. Every field is re-validated wherever it
 * is received.
 *
 * @public
 */
export interface RoleRequestInput {
  /** The catalog entity the role is for, e.g. `component:default/payments`. */
  entityRef: string;
  /** IAM role name (1–64 of `[\w+=,.@-]`). */
  roleName: string;
  /** IAM path; default `/`. */
  rolePath?: string;
  /** Account the role is created in (12 digits, from the configured accounts). */
  accountId: string;
  binding: RoleBindingKind;
  clusters: RoleRequestCluster[];
  namespace: string;
  serviceAccount: string;
  access: RoleAccessRequest[];
  /** `AssumeRolePolicySizeQuota` of the account; default 2,048. */
  trustPolicyQuota?: number;
  /**
   * The owner of the component as the requester declared it: a group or user
   * entity ref (normalised, e.g. `group:default/app-team`; a bare name means a
   * group in the default namespace). It stands in for the catalog's owner while
   * the component is not in the catalog yet; once it is, the catalog's owner
   * wins (see {@link requestTeam}).
   */
  owner?: string;
  /**
   * Pod Identity only: the cross-account role the association chains to. The pods then get this
   * role's session; the requested role only assumes it.
   */
  targetRoleArn?: string;
  /** Pod Identity only: the association's session policy, minified JSON (at most 2,048 characters). */
  sessionPolicy?: string;
  /** Pod Identity only: EKS attaches no session tags (required with a session policy). */
  disableSessionTags?: boolean;
}

/**
 * Overall risk of a plan: the highest finding severity, `none` when there are no findings above info.
 *
 * @public
 */
export type RoleRequestRisk = Exclude<Severity, 'info'> | 'none';

/**
 * A policy in a plan, with its size as IAM counts it.
 *
 * @public
 */
export interface PlannedPolicy {
  document: PolicyDocument;
  /** Characters without whitespace. */
  size: number;
  quota: number;
}

/**
 * The result of planning a role request: the policies that would be created,
 * what the checks found and the resulting risk.
 *
 * @public
 */
export interface RolePlan {
  /** The validated, normalised input the plan was made from. */
  input: RoleRequestInput;
  roleArn: string;
  /** Resolved preset ids per resource, in request order. */
  grants: Array<{ preset: string; resource: string }>;
  trustPolicy: PlannedPolicy;
  permissionPolicy: PlannedPolicy;
  findings: Finding[];
  risk: RoleRequestRisk;
  /**
   * For IRSA: per cluster, the issuer the role trusts and the IAM OIDC provider it names, as the
   * planner took them from the inventory (or configuration), never from the request.
   */
  oidcProviders?: PlannedOidcProvider[];
  /**
   * With a target role: the trust policy the target role needs, generated by the engine — the
   * requested role by ARN (and `sts:ExternalId` once EKS has created the association).
   */
  targetRoleTrust?: PlannedPolicy;
}

/**
 * One OIDC identity provider a planned IRSA role trusts.
 *
 * @public
 */
export interface PlannedOidcProvider {
  /** The cluster's name in the Kubernetes plugin's list. */
  cluster: string;
  /** The issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<ID>`). */
  issuer: string;
  /** `arn:aws:iam::<role account>:oidc-provider/<issuer host/path>`. */
  oidcProviderArn: string;
}

/**
 * States of a role request (issue 8). A request starts `submitted`.
 *
 * @public
 */
export type RoleRequestState =
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'pr-open'
  | 'merged'
  | 'live'
  | 'verified'
  | 'drifted'
  | 'superseded'
  | 'failed'
  | 'withdrawn'
  | 'expired';

/**
 * Every {@link RoleRequestState}, in lifecycle order.
 *
 * @public
 */
export const ROLE_REQUEST_STATES: readonly RoleRequestState[] = [
  'submitted',
  'approved',
  'rejected',
  'pr-open',
  'merged',
  'live',
  'verified',
  'drifted',
  'superseded',
  'failed',
  'withdrawn',
  'expired',
];

/**
 * IaC formats the scaffolder renders a plan into.
 *
 * @public
 */
export type IacFormat = 'terraform' | 'ack' | 'crossplane' | 'eksctl';

/**
 * The IaC formats of {@link IacFormat}.
 *
 * @public
 */
export const IAC_FORMATS: readonly IacFormat[] = ['terraform', 'ack', 'crossplane', 'eksctl'];

/**
 * Body of `POST /api/aws-identity/requests`.
 *
 * @public
 */
export interface CreateRoleRequestBody {
  /** `role`, the default. */
  kind?: 'role';
  /**
   * Client-chosen key that makes the call idempotent, e.g. the scaffolder
   * task id and step id. The same key with the same input returns the same
   * request; with a different input it is a conflict (409).
   */
  idempotencyKey: string;
  request: RoleRequestInput;
  /** Where the rendered files were published (repository URL), if known. */
  repoUrl?: string;
  /** The IaC format the files were rendered in. */
  format?: IacFormat;
  /**
   * The user the scaffolder acts for. Optional and redundant: the backend records the user
   * of the caller's credentials, accepts this field only from the scaffolder acting on behalf
   * of that same user, and refuses it (403) otherwise.
   */
  requestedBy?: string;
}

/**
 * Body of `POST /api/aws-identity/requests` for a migration request.
 * @public
 */
export interface CreateMigrationRequestBody {
  kind: 'migration';
  /** As for a role request: the same key with the same input returns the same request. */
  idempotencyKey: string;
  request: MigrationRequestInput;
  /** The IaC format the pull request renders the migration in; default `terraform`. */
  format?: IacFormat;
}

/**
 * One recorded state change of a request: who, when and why.
 *
 * @public
 */
export interface RoleRequestTransition {
  from: RoleRequestState | null;
  to: RoleRequestState;
  /** Entity ref of the user (or service subject) that made the change. */
  actor: string;
  reason?: string;
  /** RFC 3339. */
  at: string;
}

/**
 * Where an approved request's change was delivered.
 *
 * @public
 */
export interface RoleRequestDelivery {
  kind: 'github-pull-request' | 'git-branch';
  branch: string;
  /** Pull request or branch URL. */
  url: string;
  /** Pull request number (GitHub). */
  number?: number;
}

/**
 * What the tracker last found when comparing the live role with the plan.
 *
 * @public
 */
export interface RoleRequestVerification {
  /** RFC 3339 time of the check. */
  checkedAt: string;
  /** Differences between the plan and what IAM and the cluster show; empty when they agree. */
  drift: string[];
  /** Checks in a row that found the role not (yet) as planned; absent before the first. */
  attempts?: number;
  /** RFC 3339 time before which the tracker does not check again (it backs off); absent: next pass. */
  nextCheckAt?: string;
  /** What to do about drift found after the request was verified (see `verifiedDriftFix`). */
  fix?: string;
  /**
   * Verified requests: the planned clusters where the service account was bound to the role as
   * planned when first re-checked. Only there does a later change of the binding count as drift
   * (verification itself checks the role, and binding the service account is the deployer's step).
   */
  boundOn?: string[];
}

/**
 * What every recorded request has, whatever it asks for: its lifecycle, who asked, where it was
 * delivered and what the tracker last saw.
 * @public
 */
export interface RequestRecord {
  id: string;
  idempotencyKey: string;
  state: RoleRequestState;
  entityRef: string;
  requestedBy: string;
  /**
   * The owner the requester declared (the plan's `input.owner`), when any.
   * This is what was asked for, not the resolved team: the component's owner
   * in the catalog takes precedence (see {@link requestTeam}).
   */
  owner?: string;
  /** Principal that submitted it (the user, or e.g. `plugin:scaffolder`). */
  submittedBy: string;
  format?: IacFormat;
  repoUrl?: string;
  /** RFC 3339. */
  createdAt: string;
  updatedAt: string;
  transitions: RoleRequestTransition[];
  /** Set once the approved change was delivered. */
  delivery?: RoleRequestDelivery;
  /** Set once the tracker compared the live role with the plan. */
  verification?: RoleRequestVerification;
  /**
   * What the caller of the API may do to this request now, decided by the backend per
   * response (never stored). Views offer exactly these; they do not re-decide.
   */
  actions?: RequestActionOption[];
  /**
   * The team the request is listed and filtered under ({@link requestTeam}: the component's
   * owner in the catalog as the caller sees it, else the declared `owner`, else the
   * requester), decided by the backend per read (never stored). Views show it; they do not
   * look owners up themselves. Absent from decisions' answers and from an older backend.
   */
  team?: string;
}

/**
 * A recorded role request: a new role (or a change of this portal's role) for a workload.
 * @public
 */
export interface RoleRequest extends RequestRecord {
  /** Absent on role requests recorded before migration requests existed. */
  kind?: 'role';
  plan: RolePlan;
  /**
   * Set on a request made to repair a drifted one ({@link DriftRepair}): which request, and how.
   * Once this request is verified, the drifted one is `superseded`.
   */
  succeeds?: { requestId: string; repair: DriftRepair };
  /**
   * What the caller may do about this request's drift now, decided by the backend per response
   * (`driftRepairOptions`, never stored); only on drifted role requests.
   */
  repairs?: DriftRepairOption[];
}

/**
 * What can be done about a verified role request that drifted: `restore` asks for the approved
 * plan again (a new request, approved like any other, whose change puts the plan back); `accept`
 * asks for the live state as the new plan (a new request, also approved, whose change records it
 * in code).
 * @public
 */
export type DriftRepair = 'restore' | 'accept';

/**
 * The kinds of {@link DriftRepair}.
 * @public
 */
export const DRIFT_REPAIRS: readonly DriftRepair[] = ['restore', 'accept'];

/**
 * Whether the caller may request one {@link DriftRepair} of a drifted request now, and if not why.
 * @public
 */
export interface DriftRepairOption {
  repair: DriftRepair;
  allowed: boolean;
  reason?: string;
}

/**
 * What a request asks for: a role (`role`, the default), or moving IRSA-bound service accounts
 * to EKS Pod Identity (`migration`).
 * @public
 */
export type RequestKind = 'role' | 'migration';

/**
 * The kinds of {@link RequestKind}.
 * @public
 */
export const REQUEST_KINDS: readonly RequestKind[] = ['role', 'migration'];

/**
 * A service account by its cluster (Backstage name), namespace and name.
 * @public
 */
export interface ClusterServiceAccountRef {
  cluster: string;
  namespace: string;
  name: string;
}

/**
 * The input of a migration request (`POST /requests` with `kind: migration`): the entity, and
 * optionally which of its service accounts; all its IRSA-bound ones when absent. Nothing else:
 * the trust statement and the association come from the engine's plan of the live report.
 * @public
 */
export interface MigrationRequestInput {
  entityRef: string;
  serviceAccounts?: ClusterServiceAccountRef[];
}

/**
 * One service account a migration request moves, with the engine's plan of it as the live
 * report had it when the request was submitted.
 * @public
 */
export interface MigrationRequestTarget {
  serviceAccount: ClusterServiceAccountRef;
  plan: MigrationPlan;
}

/**
 * The plan of a migration request: what the engine planned for each service account, and the
 * findings of their live reports the approver decides on.
 * @public
 */
export interface MigrationRequestPlan {
  /** The validated input. */
  input: MigrationRequestInput;
  targets: MigrationRequestTarget[];
  /** The live findings of the targets' reports, most severe first. */
  findings: Finding[];
  risk: RoleRequestRisk;
}

/**
 * Where one target of a migration request stands now: the steps of its live plan.
 * @public
 */
export interface MigrationTargetProgress {
  serviceAccount: ClusterServiceAccountRef;
  /** The live plan's status; `unknown` when the service account left the inventory. */
  status: MigrationStatus;
  steps: MigrationStep[];
}

/**
 * A recorded migration request: IRSA → EKS Pod Identity for one service account or a component.
 * @public
 */
export interface MigrationRequest extends RequestRecord {
  kind: 'migration';
  migration: MigrationRequestPlan;
  /**
   * The live progress of every target, read from the inventory per response (never stored);
   * absent from decisions' answers and from an older backend.
   */
  progress?: MigrationTargetProgress[];
  /**
   * Offered once the request is verified and its follow-up was not delivered yet: the service
   * accounts whose IRSA annotation (and, where the plan says so, OIDC trust statement) can go
   * now (`annotationRemovalTargets`). Decided per response, never stored.
   */
  annotationRemoval?: { serviceAccounts: ClusterServiceAccountRef[] };
  /** Where the follow-up change removing the IRSA path was delivered, once it was. */
  followUp?: RoleRequestDelivery;
}

/**
 * Any recorded request.
 * @public
 */
export type IdentityRequest = RoleRequest | MigrationRequest;

/**
 * Response of `POST /api/aws-identity/requests`. `created` is false when the
 * idempotency key had been used before (status 200 instead of 201).
 *
 * @public
 */
export interface CreateRoleRequestResponse {
  request: IdentityRequest;
  created: boolean;
}

/**
 * Response of `GET /api/aws-identity/requests`.
 *
 * @public
 */
export interface ListRoleRequestsResponse {
  /** One page, newest first. */
  items: IdentityRequest[];
  /** How many requests match the filters in all. */
  totalCount: number;
  /** The page size applied (the `limit` asked for, or {@link ROLE_REQUEST_PAGE.defaultLimit}). */
  limit: number;
  /** How many matching requests precede this page. */
  offset: number;
  /** What the matching requests can be narrowed by next; the same on every page. */
  facets: RoleRequestFacets;
}

/**
 * The values a list of role requests can be filtered by, over every request matching the
 * other filters that the caller may see (not only the page).
 *
 * @public
 */
export interface RoleRequestFacets {
  /**
   * The distinct {@link RequestRecord.team}s, sorted; each is a value for `team=`, which the
   * backend matches by the same rule. The `team` filter itself does not narrow them.
   */
  teams: string[];
}

/**
 * Paging of `GET /api/aws-identity/requests` (`limit`, `offset`): the default and largest page
 * size, and the largest offset.
 *
 * @public
 */
export const ROLE_REQUEST_PAGE = { defaultLimit: 100, maxLimit: 200, maxOffset: 1_000_000 } as const;

/**
 * Risks a request can be filtered by (`GET /requests?risk=`), lowest first.
 *
 * @public
 */
export const ROLE_REQUEST_RISKS: readonly RoleRequestRisk[] = ['none', 'low', 'medium', 'high', 'critical'];

/**
 * What is known about the role a request would create or change:
 * `present` (IAM has it; compared with the plan), `absent` (a current, complete
 * read of its account does not have it, so approving creates it) or `unknown`
 * (its account could not be read, was never read, or its last read is out of
 * date, so neither can be said).
 *
 * @public
 */
export type LiveRoleStatus = 'absent' | 'present' | 'unknown';

/**
 * A live policy of a role, as a {@link PolicyDocumentComparison} names it.
 *
 * @public
 */
export interface LivePolicyRef {
  /** Inline policy name or managed policy name. */
  name: string;
  kind: RolePolicy['kind'];
  /** Managed policy ARN; absent for inline policies. */
  arn?: string;
}

/**
 * One document of the plan compared with its live counterpart: a line diff
 * of the canonical form of both (`canonicalPolicy`: value lists and statements
 * in one order, keys sorted), from the live document (old, `removed` lines) to
 * the planned one (new, `added` lines).
 *
 * @public
 */
export interface PolicyDocumentComparison {
  /** Which document of the role this is. */
  kind: 'trust-policy' | 'permission-policy';
  /**
   * For display, e.g. `Trust policy`,
   * `Permission policy (live: inline policy payments-reader)` or `Managed policy ReadOnlyAccess (on the live role, not in the plan)`.
   */
  title: string;
  /** False for a live permission policy the plan has no counterpart for: all of it is `removed`. */
  inPlan: boolean;
  /**
   * The live permission policy compared with; absent for the trust policy and
   * when no live policy resembles the planned one (all of the plan is `added`).
   */
  livePolicy?: LivePolicyRef;
  /** The two documents allow and deny the same requests (`policyIdentity`; `Sid`s do not count). */
  identical: boolean;
  /**
   * `identical`, `identical in effect (only statement ids differ)`, `N lines added, M removed`,
   * or why the live document could not be compared.
   */
  summary: string;
  added: number;
  removed: number;
  /** Every line of both documents, unchanged ones included; views fold them. */
  lines: DiffLine[];
  /** Set when the live document is not readable JSON; `lines` is then empty. */
  error?: string;
}

/**
 * The planned trust and permission policies compared with the live role:
 * the trust policy, the planned permission policy against the live policy
 * most like it, and every other live permission policy (inline, customer
 * managed and AWS managed), each by name.
 *
 * @public
 */
export interface LiveRoleComparison {
  /** True when there is no drift: the live role trusts and grants what the plan does. */
  identical: boolean;
  /**
   * `identical`, or e.g. `2 of 3 documents differ: 5 lines added, 12 removed`
   * (`identical in effect; …` when the documents differ only in how they are laid out).
   */
  summary: string;
  documents: PolicyDocumentComparison[];
  /**
   * What differs, in words, one item each: a planned cluster whose service account the trust
   * does not admit, statements the plan has and the live role lacks or the other way round, a
   * live document that cannot be read. Empty exactly when `identical`.
   */
  drift: string[];
}

/**
 * Response of `GET /api/aws-identity/requests/:id/live-role`: the request's
 * role as the latest inventory of its account shows it. Faults degrade, never
 * lie: when the account cannot be read the status is `unknown`, never `absent`.
 *
 * @public
 */
export interface LiveRoleResponse {
  roleArn: string;
  status: LiveRoleStatus;
  /** Why the status is `unknown`, or a caveat on `present` (e.g. the data is out of date). */
  reason?: string;
  /** RFC 3339 time of the last successful read of the role's account, if any. */
  asOf?: string;
  /** Set when `present`. */
  comparison?: LiveRoleComparison;
  /**
   * When `present`: the ARN of the role IAM has under the planned name, when it differs from the
   * planned ARN in path or case (IAM role names are unique per account regardless of both).
   */
  liveRoleArn?: string;
  /**
   * When `present`: why the existing role is not this portal's role for the entity (no
   * `managed-by: aws-identity` tag, or another owning entity). Such a plan is critical (IRSA-R01).
   */
  foreignReason?: string;
}
