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
 * Domain types, permissions and the pure identity engine of the aws-identity
 * plugins: IAM policy evaluation for IRSA and EKS Pod Identity, the check
 * registry with structured fixes, permission summaries, policy generation and
 * rendering, remediation snippets, the per-service-account report builder and
 * the comparison of a plan with the live role. No I/O; runs in the backend,
 * the CLI and the browser.
 *
 * Everything exported here is public and named one by one; modules' other
 * exports are internal to the package. Test helpers live at `./testing`.
 *
 * @packageDocumentation
 */

// Domain: what the sources report and the engine concludes.
export { SEVERITIES, bySeverity, emptyPodAggregate } from './domain/types';
export type {
  BindingKind,
  Cluster,
  FailMode,
  Finding,
  FindingSubject,
  FlaggedActions,
  OidcProvider,
  PodAggregate,
  PodIdentityAssociation,
  RemediationSnippet,
  Role,
  RolePolicy,
  ServiceAccount,
  Severity,
  SourceStatus,
  TrustAdmission,
  TrustAdmissionScope,
  Verdict,
} from './domain/types';

// Runtime facts of pods: what a pod's spec says about the credentials its SDK uses.
export {
  COMPUTE_TYPE_LABEL,
  CREDENTIAL_VARIABLES,
  FARGATE_PROFILE_LABEL,
  FARGATE_SCHEDULER,
  IRSA_ENV,
  IRSA_TOKEN_VOLUME,
  POD_IDENTITY_AUDIENCE,
  POD_IDENTITY_ENV,
  POD_IDENTITY_TOKEN_VOLUME,
  SHARED_FILE_VARIABLES,
  SKIP_CONTAINERS_ANNOTATION,
  STATIC_KEY_VARIABLES,
  TOKEN_EXPIRATION_BOUNDS,
  annotationWrittenAt,
  credentialPrecedence,
  irsaTokenAudience,
  podRuntimeFacts,
} from './runtime';
export type {
  CredentialEnvSource,
  CredentialEnvVia,
  EnvFromReference,
  ManagedObjectMetadata,
  PodRuntimeFacts,
  PrecedenceVerdict,
  ProjectedToken,
  RuntimeContainer,
  RuntimePod,
  RuntimeSecurityContext,
  RuntimeVolume,
  ShadowingSource,
} from './runtime';

// Permissions.
export {
  awsIdentityFindingsReadPermission,
  awsIdentityLiveProofPermission,
  awsIdentityPermissions,
  awsIdentityReadPermission,
  awsIdentityRequestApprovePermission,
  awsIdentityRequestCreatePermission,
  awsIdentityRequestReadPermission,
  awsIdentityRolesReadPermission,
} from './permissions';

// Roles: every role of every read account, with owner, bindings, use and trust breadth.
export { decideRoleOwner, OWNER_TAG_KEY } from './roles/roleOwner';
export type { RoleOwner, RoleOwnerSource } from './roles/roleOwner';
export { isUnusedFor, ROLE_LAST_USED_TRACKING_DAYS, roleUsage } from './roles/roleUsage';
export type { RoleUsage } from './roles/roleUsage';
export { assessRoleTrust, buildRoleListItem, RISKY_TRUST_BREADTHS } from './roles/roleListItem';
export type { RoleBindingRef, RoleListItem, RoleTrustAssessment, RoleTrustBreadth } from './roles/roleListItem';
export { compareRoleListItems, filterRoleList, ROLE_LIST_PAGE, roleListCsv } from './roles/roleList';
export type { RoleListFilter, RoleListResponse } from './roles/roleList';
export { ROLE_DIGEST_CHECK_IDS, teamRoleDigests } from './roles/roleDigest';
export type { RoleDigestEntry, TeamRoleDigest } from './roles/roleDigest';

// Signals: the channels live updates are pushed on, and what their messages say.
export { entitySignalChannel, REQUEST_QUEUE_SIGNAL_CHANNEL } from './signals/channels';
export type { EntitySignal, RequestQueueSignal } from './signals/channels';

// REST API types.
export type {
  EntityIdentityResponse,
  SourcesResponse,
  WorkloadSelector,
} from './api/types';
export {
  DRIFT_REPAIRS,
  IAC_FORMATS,
  REQUEST_ACCESS_LEVELS,
  REQUEST_KINDS,
  ROLE_REQUEST_PAGE,
  ROLE_REQUEST_RISKS,
  ROLE_REQUEST_STATES,
} from './api/requests';
export type {
  CreateMigrationRequestBody,
  CreateRoleRequestBody,
  DriftRepair,
  DriftRepairOption,
  CreateRoleRequestResponse,
  IacFormat,
  IdentityRequest,
  MigrationRequest,
  MigrationRequestInput,
  MigrationRequestPlan,
  MigrationRequestTarget,
  MigrationTargetProgress,
  RequestKind,
  RequestRecord,
  ClusterServiceAccountRef,
  ListRoleRequestsResponse,
  LivePolicyRef,
  LiveRoleComparison,
  LiveRoleResponse,
  LiveRoleStatus,
  PlannedPolicy,
  PolicyDocumentComparison,
  RequestAccessLevel,
  RoleAccessRequest,
  RoleBindingKind,
  RolePlan,
  PlannedOidcProvider,
  RoleRequest,
  RoleRequestCluster,
  RoleRequestDelivery,
  RoleRequestFacets,
  RoleRequestInput,
  RoleRequestRisk,
  RoleRequestState,
  RoleRequestTransition,
  RoleRequestVerification,
} from './api/requests';

// Parse: identifiers and inputs, validated, never thrown.
export type { ParseResult } from './parse/result';
export {
  WEBHOOK_ROLE_ARN_PATTERN,
  accountOfArn,
  eksClusterNameOfArn,
  normalizeIssuer,
  oidcProviderArn,
  parseArn,
  parseConcreteArn,
  parseRoleArn,
  parseServiceAccountRef,
  serviceAccountSubject,
  validateAccountId,
  validateNamespace,
  validateRoleName,
  validateRegion,
  validateRolePath,
  validateServiceAccountName,
} from './parse/identifiers';
export { hiddenCharacterProblem, nonAsciiProblem, visibleControlCharacters } from './parse/plainText';
export { jsonShapeProblem, MAX_JSON_DEPTH, PROTOTYPE_KEYS } from './parse/jsonShape';
export type {
  NormalizedIssuer,
  ParsedArn,
  ServiceAccountRef,
} from './parse/identifiers';
export { MAX_OWNER_REF_LENGTH, normalizeOwnerRef } from './parse/ownerRef';
export {
  awsManagedPolicyArns,
  issuerHostPathOfProviderArn,
  oidcProviderFromArn,
  rolesFromAuthorizationDetails,
} from './parse/authorizationDetails';
export type {
  ManagedPolicyDetailLike,
  ManagedPolicyLookup,
  RoleDetailLike,
} from './parse/authorizationDetails';

// Binding: which roles a service account gets.
export {
  IRSA_ANNOTATIONS,
  SKIP_POD_IDENTITY_WEBHOOK_LABEL,
} from './binding/annotations';
export { associationBinds, resolveBinding } from './binding/resolveBinding';
export type { ResolvedBinding } from './binding/resolveBinding';

// Policy: documents parsed and normalised.
export { parsePolicy } from './policy/parsePolicy';
export type {
  BaseConditionOperator,
  ConditionScalar,
  ParsedCondition,
  ParsedPolicy,
  ParsedStatement,
  PolicyDocument,
  PolicyStatement,
  PrincipalElement,
  PrincipalSet,
  PrincipalType,
} from './policy/types';

// Evaluate: IAM's evaluation of a request against a policy.
export { evaluatePolicy } from './evaluate/evaluatePolicy';
export type {
  Decision,
  EvaluationRequest,
  EvaluationResult,
  RequestPrincipal,
  StatementTrace,
} from './evaluate/evaluatePolicy';
export type { ConditionTrace } from './evaluate/conditions';
export {
  DEFAULT_IRSA_AUDIENCE,
  POD_IDENTITY_PRINCIPAL,
  evaluateIrsaTrust,
  evaluatePodIdentityTrust,
  podIdentitySessionContext,
  podIdentitySessionTags,
} from './evaluate/workloadRequests';
export type {
  IrsaRequestInput,
  PodIdentityRequestInput,
  TrustDecision,
} from './evaluate/workloadRequests';
export { trustedOidcProviders } from './evaluate/trustBreadth';
export type {
  StatementBreadth,
  SubjectWitness,
  TrustBreadth,
  TrustBreadthTarget,
  TrustedProvider,
} from './evaluate/trustBreadth';

// Checks: the catalogue's rules, each hit with its structured fix.
export {
  checkRegistry,
  checksNotComputableOffline,
  findCheck,
  implementedChecks,
} from './checks/registry';
export { runChecks } from './checks/types';
export { checksNotDecidedIn } from './checks/surfaces';
export type { CheckSurface } from './checks/surfaces';
export type {
  Check,
  CheckCategory,
  CheckHit,
  CheckMetadata,
  RemediationRenderer,
} from './checks/types';
export type {
  AnnotateServiceAccountFix,
  CreateOidcProviderFix,
  DedicatedServiceAccountFix,
  IrsaTrustPolicyFix,
  PodIdentityTrustPolicyFix,
  RemoveIrsaAnnotationFix,
  RemoveStaticKeysFix,
  RequireClusterTagFix,
  RestartWorkloadsFix,
  ScopeResourceFix,
  SetFsGroupFix,
  StructuredFix,
} from './checks/structuredFix';
export { requestChecks, ROLE_NAME_TAKEN_CHECK_ID } from './checks/requestChecks';
export type { RequestCheckContext } from './checks/requestChecks';
export { driftChecks, VERIFIED_DRIFT_CHECK_ID } from './checks/driftChecks';
export type { DriftCheckContext, DriftedRequest } from './checks/driftChecks';
export { NEVER_USED_GRACE_DAYS, roleUsageChecks } from './checks/roleUsageChecks';
export type { RoleUsageCheckContext } from './checks/roleUsageChecks';
export {
  DEFAULT_TRUST_POLICY_QUOTA,
  createTrustCheckContext,
  trustChecks,
} from './checks/trustChecks';
export type { TrustCheckContext } from './checks/trustChecks';
export { assessTrustPolicy } from './checks/assessTrustPolicy';
export type { TrustAssessment, TrustSubject } from './checks/assessTrustPolicy';
export { bindingChecks } from './checks/bindingChecks';
export { runtimeChecks } from './checks/runtimeChecks';
export type {
  BindingCheckContext,
  PodConditions,
} from './checks/bindingChecks';
export {
  POLICY_SIZE_LIMITS,
  createPermissionCheckContext,
  permissionChecks,
} from './checks/permissionChecks';
export type {
  CheckedPolicy,
  PermissionCheckContext,
  ResourceScope,
} from './checks/permissionChecks';
export { podIdentityChecks } from './checks/podIdentityChecks';
export {
  MAX_SESSION_POLICY_LENGTH,
  PACKED_SESSION_WARNING_RATIO,
  podIdentityAssociationChecks,
} from './checks/podIdentityChainChecks';
export type { PodIdentityAssociationCheckContext } from './checks/podIdentityChainChecks';
export { estimatePackedSession, PACKED_SESSION_BUDGET } from './checks/packedSessionSize';
export type { PackedSessionEstimate } from './checks/packedSessionSize';
export {
  podIdentityInventoryChecks,
  podIdentityInventoryFindings,
} from './checks/podIdentityInventoryChecks';
export type {
  PodIdentityInventoryCheckContext,
  ServiceAccountInventory,
} from './checks/podIdentityInventoryChecks';
export { evaluatePodIdentityChain } from './evaluate/podIdentityChain';
export type { PodIdentityChain, PodIdentityHop } from './evaluate/podIdentityChain';
export type { PodIdentityCheckContext } from './checks/podIdentityChecks';

// Summary: what a role's policies allow, by service and access level.
export { isSensitiveAccessLevel, summarizePermissions } from './summary/summarizePermissions';
export type {
  AccessLevelSummary,
  PermissionSummary,
  ServiceSummary,
  SummaryAccessLevel,
  SummaryOptions,
  UnresolvedStatement,
} from './summary/summarizePermissions';
export { summarizeAssociationPermissions } from './summary/effectivePermissions';
export type { EffectivePermissions } from './summary/effectivePermissions';
export type { AccessLevel } from './actions/encodeActionData';

// Report: one service account's binding, effective identity, findings and verdict.
export { buildIdentityReport } from './report/buildIdentityReport';
export { breaksBinding } from './report/bindingBreakers';
export type { BindingPath } from './report/bindingBreakers';
export { decideNextStep } from './report/nextStep';
export type { NextStep } from './report/nextStep';
export type {
  AssumableRole,
  EffectiveIdentity,
  IdentityReport,
  IdentityReportContext,
  IdentityReportInput,
  IdentityReportOptions,
  RoleAssessment,
  RoleFlaggedActions,
  TrustWidening,
} from './report/types';

// Admission: which roles' trust admits a service account, from an index of roles.
export { TrustAdmissionIndex } from './admission/trustAdmissionIndex';
export type { AdmittingRole } from './admission/trustAdmissionIndex';

// Generate: least-privilege policies and role plans.
export {
  MAX_TRUST_POLICY_QUOTA,
  generateIrsaTrustPolicy,
  generatePermissionPolicy,
  generatePodIdentityTrustPolicy,
} from './generate/generatePolicies';
export type {
  GeneratedPolicy,
  IrsaTrustPolicyInput,
} from './generate/generatePolicies';
export { permissionPresets } from './generate/presets';
export type { PermissionPreset } from './generate/presets';
export { planFromLiveRole, planRoleRequest, riskOf, withExistingRole } from './generate/planRoleRequest';
export { driftRepairOptions, driftRepairProblem } from './requests/driftRepair';
export type { DriftRepairActor, DriftRepairProblem } from './requests/driftRepair';
export type {
  RolePlanResult,
  RoleRequestDraft,
  RoleRequestLookups,
} from './generate/planRoleRequest';
export { resolveRequestDirectory } from './generate/requestDirectory';
export type { RoleRequestDirectory } from './generate/requestDirectory';
export { requestTargets } from './generate/requestTargets';
export type { RoleRequestTarget, RoleRequestTargetList } from './generate/requestTargets';

// Render: a plan as infrastructure code.
export { FORMATS_WRITING_THEIR_OWN_TRUST, hclString, renderAnnotationRemoval, renderMigration, renderPlan } from './render';
export { roleTags } from './render/types';
export type { RenderedFile } from './render';

// Remediation: structured fixes as snippets to copy.
export {
  bindingSnippets,
  renderRemediation,
} from './remediation/renderRemediation';

// Requests: the lifecycle, who may do what, and the comparison with the live role.
export {
  REQUEST_TRANSITIONS,
  isOpenRequestState,
  transitionProblem,
} from './requests/lifecycle';
export {
  REQUEST_ACTIONS,
  requestActionOptions,
  requestActionProblem,
} from './requests/requestActions';
export type {
  DecidedRequest,
  RequestAction,
  RequestActionOption,
  RequestActionProblem,
  RequestActor,
} from './requests/requestActions';
export {
  catalogOwnerOf,
  requestOwner,
  requestTeam,
} from './requests/requestTeam';
export {
  comparePlanWithLiveRole,
  compareWithLiveRole,
  describeLiveRole,
} from './requests/compareWithLive';
export type { ComparedPlan } from './requests/compareWithLive';
export {
  foreignRoleReason,
  MANAGED_BY_TAG,
  OWNING_ENTITY_TAG_KEY,
  ownershipTags,
  roleNameKey,
  roleNameKeyOfArn,
  validateIamTag,
} from './requests/roleIdentity';
export type { TrustAdmissionTarget } from './requests/liveTrustAdmission';
export {
  annotationRemovalTargets,
  MAX_MIGRATION_TARGETS,
  migrationRequestProgress,
  migrationRequestStage,
  planMigrationRequest,
} from './requests/migrationRequest';
export type { MigrationRequestResult } from './requests/migrationRequest';
export { requestFindings, requestKind, requestRisk, requestSubject } from './requests/requestKind';
export type { KindedRequest } from './requests/requestKind';

// Diff: line diffs as the views fold them.
export { collapseUnchanged } from './diff/lineDiff';
export type { DiffLine, DiffLineOp, DiffSegment } from './diff/lineDiff';

// Requests: the envelope of POST /requests, validated once for the router and the scaffolder.
export {
  parseRoleRequestEnvelope,
  validateIacFormat,
  validateIdempotencyKey,
  validateRepoUrl,
  validateRequestedBy,
} from './requests/requestEnvelope';
export type {
  RoleRequestEnvelope,
  RoleRequestEnvelopeField,
  RoleRequestEnvelopeResult,
} from './requests/requestEnvelope';

// Explain: an STS or SDK error read against one service account's report.
export { classifyStsError } from './explain/classifyStsError';
export type { ClassifiedStsError, StsErrorKind } from './explain/classifyStsError';
export { explainStsError } from './explain/explainStsError';
export type {
  StsErrorCause,
  StsErrorExplanation,
} from './explain/explainStsError';

// Drift of verified requests: the binding and the role against the plan.
export { bindingDrift, verifiedDriftFix } from './requests/bindingDrift';
export { migrationDrift, migrationDriftFix } from './requests/migrationDrift';
export type { LiveBinding } from './requests/bindingDrift';

// Live proof: a cluster token presented to STS with a deny-all session policy.
export {
  DENY_ALL_SESSION_POLICY,
  LIVE_PROOF_SESSION_SECONDS,
  liveProofRefused,
  liveProved,
  planLiveProof,
} from './liveProof';
export type { LiveProofContext, LiveProofOutcome, LiveProofPlan, LiveProofResult, LiveProofTarget, LiveProofTrigger } from './liveProof';

// IRSA → EKS Pod Identity migration.
export {
  fargateSelections,
  fargateSelectorSelects,
  oidcReliance,
  oidcStatementRemoval,
  planMigration,
  podIdentityAgentReadiness,
  podIdentityTrustChange,
  POD_IDENTITY_AGENT_ADDON,
  summarizeMigrations,
} from './migration';
export type {
  FargateSelection,
  MigrationAssociation,
  MigrationInput,
  MigrationOidcRemoval,
  MigrationPlan,
  MigrationReadinessId,
  MigrationReadinessItem,
  MigrationReadinessState,
  MigrationStatus,
  MigrationStep,
  MigrationStepId,
  MigrationStepState,
  MigrationSummary,
  MigrationTrustChange,
} from './migration';
export type {
  FargateProfile,
  FargateProfiles,
  FargateProfileSelector,
  PodIdentityAgentAddon,
} from './domain/types';
