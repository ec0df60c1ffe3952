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
import {
  IacFormat,
  REQUEST_ACCESS_LEVELS,
  RequestAccessLevel,
  RoleAccessRequest,
  RoleBindingKind,
  RolePlan,
  RoleRequestCluster,
  RoleRequestInput,
  RoleRequestRisk,
  PlannedOidcProvider,
} from '../api/requests';
import { createPermissionCheckContext, permissionChecks, POLICY_SIZE_LIMITS } from '../checks/permissionChecks';
import { podIdentityAssociationChecks } from '../checks/podIdentityChainChecks';
import { podIdentityChecks } from '../checks/podIdentityChecks';
import { createTrustCheckContext, DEFAULT_TRUST_POLICY_QUOTA, trustChecks } from '../checks/trustChecks';
import { requestChecks, ROLE_NAME_TAKEN_CHECK_ID } from '../checks/requestChecks';
import { runChecks } from '../checks/types';
import { bySeverity, Finding, Role, SEVERITIES } from '../domain/types';
import {
  normalizeIssuer,
  oidcProviderArn,
  parseConcreteArn,
  validateAccountId,
  validateNamespace,
  validateRoleName,
  validateRolePath,
  validateServiceAccountName,
} from '../parse/identifiers';
import { normalizeOwnerRef } from '../parse/ownerRef';
import { nonAsciiProblem } from '../parse/plainText';
import { quote } from '../parse/result';
import { evaluatePodIdentityChain } from '../evaluate/podIdentityChain';
import { decodePolicyDocument, parsePolicy } from '../policy/parsePolicy';
import { PolicyDocument, PolicyStatement } from '../policy/types';
import { policyIdentity } from '../policy/canonicalPolicy';
import { FORMATS_WRITING_THEIR_OWN_TRUST } from '../render';
import {
  GeneratedPolicy,
  MAX_TRUST_POLICY_QUOTA,
  generateAssumeTargetRolePolicy,
  generateIrsaTrustPolicy,
  generatePermissionPolicy,
  generatePodIdentityTrustPolicy,
  generateTargetRoleTrustPolicy,
  measuredPolicy,
} from './generatePolicies';
import { validatePodIdentityRequestOptions } from '../requests/podIdentityOptions';
import { findPermissionPreset, validatePresetRequest } from './presets';
import { RoleRequestDirectory } from './requestDirectory';

/**
 * What the planner may look up beyond the directory: the role IAM already has under a name in an
 * account (matched as IAM matches names: per account, whatever the path and case; see
 * `roleNameKey`).
 *
 * @public
 */
export interface RoleRequestLookups {
  existingRole?(accountId: string, roleName: string): Pick<Role, 'arn' | 'tags'> | undefined;
}

/**
 * A role request as received: every field unchecked. Clusters are names, or
 * `{ name, issuer, accountId, region }`; a supplied issuer, account or region must be the one the
 * directory knows for the cluster.
 *
 * @public
 */
export interface RoleRequestDraft {
  entityRef?: unknown;
  roleName?: unknown;
  rolePath?: unknown;
  accountId?: unknown;
  binding?: unknown;
  clusters?: unknown;
  namespace?: unknown;
  serviceAccount?: unknown;
  access?: unknown;
  trustPolicyQuota?: unknown;
  /** The declared owner of the component; see `RoleRequestInput.owner`. */
  owner?: unknown;
  /** Pod Identity: the association's target role; see `RoleRequestInput.targetRoleArn`. */
  targetRoleArn?: unknown;
  /** Pod Identity: the association's session policy (JSON text or a document). */
  sessionPolicy?: unknown;
  /** Pod Identity: disable EKS's session tags. */
  disableSessionTags?: unknown;
}

/**
 * Outcome of {@link planRoleRequest}: the plan, or the first invalid field
 * (a dotted path such as `access[0].resource`) and why.
 *
 * @public
 */
export type RolePlanResult =
  | { ok: true; plan: RolePlan }
  | { ok: false; field: string; error: string };

/** Namespaces no workload role may be requested for (security.md §3 item 1). */
const RESERVED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
/** At most this many clusters: beyond ~8 a trust policy cannot fit 4,096 characters. */
const MAX_CLUSTERS = 8;
const MAX_ACCESS = 10;
const ENTITY_REF = /^component:([a-z0-9][a-z0-9._-]{0,61}[a-z0-9]|[a-z0-9])\/([A-Za-z0-9][A-Za-z0-9._-]{0,61}[A-Za-z0-9]|[A-Za-z0-9])$/;
const ENTITY_NAME = /^([A-Za-z0-9][A-Za-z0-9._-]{0,61}[A-Za-z0-9]|[A-Za-z0-9])$/;

/** Preset ids per service and access level; `read-write` uses read and write. */
const PRESETS_BY_SERVICE: Record<string, Partial<Record<Exclude<RequestAccessLevel, 'read-write'>, string>>> = {
  s3: { list: 's3-list', read: 's3-read', write: 's3-write' },
  sqs: { read: 'sqs-consume', write: 'sqs-produce' },
  sns: { write: 'sns-publish' },
  dynamodb: { read: 'dynamodb-read', write: 'dynamodb-write' },
  secretsmanager: { read: 'secretsmanager-read-prefix' },
  kms: { read: 'kms-decrypt' },
};

class FieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

function check<T>(field: string, result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new FieldError(field, result.error);
  return result.value;
}

function normalizeEntityRef(input: unknown): string {
  if (typeof input !== 'string' || input.length === 0) {
    throw new FieldError('entityRef', 'entity ref must be a non-empty string');
  }
  const nonAscii = nonAsciiProblem(input);
  if (nonAscii) throw new FieldError('entityRef', `entity ref ${quote(input)} ${nonAscii}`);
  let ref = input;
  if (ENTITY_NAME.test(ref)) ref = `component:default/${ref}`;
  else if (/^component:[^/]*$/i.test(ref)) ref = `component:default/${ref.slice('component:'.length)}`;
  ref = ref.toLowerCase();
  if (!ENTITY_REF.test(ref)) {
    throw new FieldError(
      'entityRef',
      `entity ref ${quote(input)} must be a component ref such as component:default/my-service`,
    );
  }
  return ref;
}

function resolveClusters(
  input: unknown,
  directory: RoleRequestDirectory,
  requireIssuer: boolean,
): RoleRequestCluster[] {
  if (!Array.isArray(input) || input.length === 0) {
    throw new FieldError('clusters', 'at least one cluster is required');
  }
  if (input.length > MAX_CLUSTERS) {
    throw new FieldError('clusters', `at most ${MAX_CLUSTERS} clusters fit in one role's trust policy`);
  }
  const resolved: RoleRequestCluster[] = [];
  input.forEach((item, i) => {
    const field = `clusters[${i}]`;
    const name = typeof item === 'string' ? item : (item as { name?: unknown } | null)?.name;
    const given = typeof item === 'object' && item !== null ? (item as { issuer?: unknown }).issuer : undefined;
    if (typeof name !== 'string' || name.length === 0) {
      throw new FieldError(field, 'cluster must be a configured cluster name');
    }
    const known = directory.clusters.find(c => c.name === name);
    if (!known) {
      throw new FieldError(
        field,
        `cluster ${quote(name)} is not configured; known clusters: ${directory.clusters.map(c => c.name).join(', ') || '(none)'}`,
      );
    }
    if (resolved.some(c => c.name === name)) {
      throw new FieldError(field, `cluster ${quote(name)} is listed twice`);
    }
    // The issuer is the directory's (configuration, else EKS), never the request's: a request
    // may repeat it, and one that names another is refused rather than silently corrected.
    const trusted = known.issuer === undefined ? undefined : check(`${field}.issuer`, normalizeIssuer(known.issuer));
    const supplied = given === undefined ? undefined : check(`${field}.issuer`, normalizeIssuer(given));
    if (supplied && !trusted) {
      throw new FieldError(
        `${field}.issuer`,
        `the issuer of cluster ${quote(name)} is unknown (neither awsIdentity.clusters[].issuer nor EKS DescribeCluster reports one); a request cannot supply it`,
      );
    }
    if (trusted && supplied && trusted.url !== supplied.url) {
      throw new FieldError(
        `${field}.issuer`,
        `issuer ${quote(given)} differs from the issuer of cluster ${quote(name)} (${trusted.url})`,
      );
    }
    const issuer = trusted;
    if (!issuer && requireIssuer) {
      throw new FieldError(
        `${field}.issuer`,
        `the issuer of cluster ${quote(name)} is unknown (neither awsIdentity.clusters[].issuer nor EKS DescribeCluster reports one); an IRSA role cannot be planned for it`,
      );
    }
    const accountId = check(`${field}.accountId`, validateAccountId(known.accountId));
    // Account and region, like the issuer, are the directory's: a request (the scaffolder's
    // cluster picker sends them) may repeat them, and one naming others is refused.
    const claimed = typeof item === 'object' && item !== null ? (item as { accountId?: unknown; region?: unknown }) : {};
    if (claimed.accountId !== undefined && claimed.accountId !== accountId) {
      throw new FieldError(
        `${field}.accountId`,
        `account ${quote(claimed.accountId)} differs from the account of cluster ${quote(name)} (${accountId})`,
      );
    }
    if (claimed.region !== undefined && claimed.region !== known.region) {
      throw new FieldError(
        `${field}.region`,
        `region ${quote(claimed.region)} differs from the region of cluster ${quote(name)} (${known.region ?? 'none configured'})`,
      );
    }
    resolved.push({
      name,
      accountId,
      ...(known.region ? { region: known.region } : {}),
      ...(issuer ? { issuer: issuer.url } : {}),
      ...(known.eksClusterName ? { eksClusterName: known.eksClusterName } : {}),
    });
  });
  return resolved;
}

function resolveAccess(input: unknown, allowedAccounts: string[]): RoleAccessRequest[] {
  if (!Array.isArray(input) || input.length === 0) {
    throw new FieldError('access', 'at least one access request is required');
  }
  if (input.length > MAX_ACCESS) {
    throw new FieldError('access', `at most ${MAX_ACCESS} access requests per role`);
  }
  return input.map((item, i): RoleAccessRequest => {
    const field = `access[${i}]`;
    if (typeof item !== 'object' || item === null) {
      throw new FieldError(field, 'access request must be an object { resource, preset | accessLevel }');
    }
    const { resource, preset, accessLevel } = item as Record<string, unknown>;
    const arn = check(`${field}.resource`, parseConcreteArn(resource));
    if (arn.partition !== 'aws') {
      throw new FieldError(`${field}.resource`, `resource ${quote(resource)} is in partition ${arn.partition}; roles are planned in partition aws`);
    }
    if (arn.accountId && !allowedAccounts.includes(arn.accountId)) {
      throw new FieldError(`${field}.resource`, `resource ${quote(resource)} is in account ${arn.accountId}, which is not an allowed account`);
    }
    if (accessLevel !== undefined && !(REQUEST_ACCESS_LEVELS as readonly unknown[]).includes(accessLevel)) {
      throw new FieldError(`${field}.accessLevel`, `access level ${quote(accessLevel)} must be one of ${REQUEST_ACCESS_LEVELS.join(', ')}`);
    }
    if (preset !== undefined) {
      if (typeof preset !== 'string' || !findPermissionPreset(preset)) {
        throw new FieldError(`${field}.preset`, `unknown preset ${quote(preset)}`);
      }
      check(`${field}.resource`, validatePresetRequest(preset, resource as string));
      if (accessLevel !== undefined) {
        // What is stored is what is granted: a preset and an access level that disagree would
        // record one thing and grant another, so both must name the same grant.
        const service = arn.service;
        const levelPresets = accessLevelsOf(accessLevel as RequestAccessLevel).map(level => PRESETS_BY_SERVICE[service]?.[level]);
        if (levelPresets.length !== 1 || levelPresets[0] !== preset) {
          const levelGrant = levelPresets.every(Boolean) ? ` (that is ${levelPresets.join(' and ')})` : '';
          throw new FieldError(
            `${field}.preset`,
            `preset ${quote(preset)} does not grant access level ${quote(accessLevel)} on ${quote(resource)}${levelGrant}; give one of preset or accessLevel`,
          );
        }
      }
      return { resource: resource as string, preset, ...(accessLevel ? { accessLevel: accessLevel as RequestAccessLevel } : {}) };
    }
    if (accessLevel === undefined) {
      throw new FieldError(field, 'give a preset or an access level');
    }
    return { resource: resource as string, accessLevel: accessLevel as RequestAccessLevel };
  });
}

/**
 * The engine preset ids one access request expands to.
 *
 * @internal
 */
export function presetsForAccess(request: RoleAccessRequest): string[] {
  if (request.preset) return [request.preset];
  const service = parseConcreteArn(request.resource);
  const table = service.ok ? PRESETS_BY_SERVICE[service.value.service] : undefined;
  const levels = accessLevelsOf(request.accessLevel);
  return levels.map(level => {
    const id = table?.[level];
    if (!id) {
      throw new FieldError('accessLevel', `no ${level} preset for resource ${quote(request.resource)}`);
    }
    return id;
  });
}

/**
 * The risk of a plan: its most severe finding above info, `none` without any.
 * @public
 */
export function riskOf(findings: readonly Finding[]): RoleRequestRisk {
  for (const severity of SEVERITIES) {
    if (severity !== 'info' && findings.some(f => f.severity === severity)) return severity;
  }
  return 'none';
}

function planned(policy: GeneratedPolicy) {
  return { document: policy.document, size: policy.minifiedLength, quota: policy.quota };
}

function plan(draft: RoleRequestDraft, directory: RoleRequestDirectory, lookups: RoleRequestLookups): RolePlan {
  if (typeof draft !== 'object' || draft === null) throw new FieldError('request', 'request must be an object');
  const entityRef = normalizeEntityRef(draft.entityRef);
  const owner = draft.owner === undefined || draft.owner === null ? undefined : check('owner', normalizeOwnerRef(draft.owner));
  const namespace = check('namespace', validateNamespace(draft.namespace));
  if (RESERVED_NAMESPACES.includes(namespace)) {
    throw new FieldError('namespace', `namespace ${quote(namespace)} is reserved; workload roles go in the service's own namespace`);
  }
  const serviceAccount = check('serviceAccount', validateServiceAccountName(draft.serviceAccount));
  if (serviceAccount === 'default') {
    throw new FieldError('serviceAccount', "the 'default' service account is shared by every pod of the namespace (IRSA-B06); use a dedicated one");
  }
  const roleName = check('roleName', validateRoleName(draft.roleName));
  const rolePath = check('rolePath', validateRolePath(draft.rolePath ?? '/'));
  const binding = draft.binding ?? 'irsa';
  if (binding !== 'irsa' && binding !== 'pod-identity') {
    throw new FieldError('binding', `binding ${quote(binding)} must be irsa or pod-identity`);
  }
  const clusters = resolveClusters(draft.clusters, directory, binding === 'irsa');
  const accountId = check('accountId', validateAccountId(draft.accountId ?? clusters[0].accountId));
  if (!directory.accountIds.includes(accountId)) {
    throw new FieldError('accountId', `account ${accountId} is not one of the configured accounts (${directory.accountIds.join(', ') || 'none'})`);
  }
  if (binding === 'pod-identity') {
    const other = clusters.find(c => c.accountId !== accountId);
    if (other) {
      throw new FieldError('clusters', `Pod Identity only associates roles of the cluster's own account: ${other.name} is in ${other.accountId} (PID-04)`);
    }
  }
  const quotaInput = draft.trustPolicyQuota ?? DEFAULT_TRUST_POLICY_QUOTA;
  if (typeof quotaInput !== 'number' || !Number.isInteger(quotaInput) || quotaInput < 1 || quotaInput > MAX_TRUST_POLICY_QUOTA) {
    throw new FieldError('trustPolicyQuota', `trust policy quota must be an integer between 1 and ${MAX_TRUST_POLICY_QUOTA}`);
  }
  const roleArn = `arn:aws:iam::${accountId}:role${rolePath}${roleName}`;
  const options = validatePodIdentityRequestOptions(draft, { binding, roleArn });
  if (!options.ok) throw new FieldError(options.field, options.error);
  const { targetRoleArn, sessionPolicy, disableSessionTags } = options.value;
  const sessionTags = disableSessionTags !== true;
  // With a target role the pods get the target role's session: what they may do is the target
  // role's to grant, so the requested role only gets to assume it.
  if (targetRoleArn && Array.isArray(draft.access) && draft.access.length > 0) {
    throw new FieldError(
      'access',
      `with a target role the pods get the permissions of ${targetRoleArn}; request access there, not on the association role`,
    );
  }
  const access = targetRoleArn ? [] : resolveAccess(draft.access, directory.accountIds);
  const grants: Array<{ preset: string; resource: string }> = [];
  access.forEach((request, i) => {
    let presets: string[];
    try {
      presets = presetsForAccess(request);
    } catch (e) {
      throw e instanceof FieldError ? new FieldError(`access[${i}].${e.field}`, e.message) : e;
    }
    for (const preset of presets) {
      check(`access[${i}].resource`, validatePresetRequest(preset, request.resource));
      grants.push({ preset, resource: request.resource });
    }
  });
  const permission = targetRoleArn
    ? generateAssumeTargetRolePolicy({ targetRoleArn, sessionTags })
    : check('access', generatePermissionPolicy(grants));
  const trust = check(
    'clusters',
    binding === 'irsa'
      ? generateIrsaTrustPolicy({
          accountId,
          issuers: clusters.map(c => c.issuer!),
          serviceAccounts: [{ namespace, name: serviceAccount }],
          quota: quotaInput,
        })
      : generatePodIdentityTrustPolicy({
          accountId,
          clusterArns: clusters
            .filter(c => c.region)
            .map(c => `arn:aws:eks:${c.region}:${c.accountId}:cluster/${c.eksClusterName ?? c.name}`),
          quota: quotaInput,
        }),
  );
  if (trust.minifiedLength > quotaInput) {
    throw new FieldError('clusters', `the trust policy would be ${trust.minifiedLength} characters, over the ${quotaInput}-character quota`);
  }

  const input: RoleRequestInput = {
    entityRef,
    roleName,
    rolePath,
    accountId,
    binding: binding as RoleBindingKind,
    clusters,
    namespace,
    serviceAccount,
    access,
    trustPolicyQuota: quotaInput,
    ...(owner ? { owner } : {}),
    ...(targetRoleArn ? { targetRoleArn } : {}),
    ...(sessionPolicy !== undefined ? { sessionPolicy } : {}),
    ...(disableSessionTags !== undefined ? { disableSessionTags } : {}),
  };
  const findings = findingsOf(input, roleArn, trust, permission, directory).sort(bySeverity);
  const oidcProviders: PlannedOidcProvider[] =
    binding === 'irsa'
      ? clusters.map(c => ({
          cluster: c.name,
          issuer: c.issuer!,
          oidcProviderArn: oidcProviderArn(accountId, c.issuer!.replace(/^https:\/\//, '')),
        }))
      : [];
  return withExistingRole(
    {
      input,
      roleArn,
      grants,
      trustPolicy: planned(trust),
      permissionPolicy: planned(permission),
      findings,
      risk: riskOf(findings),
      ...(oidcProviders.length > 0 ? { oidcProviders } : {}),
      ...(targetRoleArn
        ? { targetRoleTrust: planned(generateTargetRoleTrustPolicy({ associationRoleArn: roleArn, sessionTags })) }
        : {}),
    },
    lookups.existingRole?.(accountId, roleName),
  );
}

/**
 * A plan read against the role IAM already has under its name (if any): the request checks'
 * findings (IRSA-R01: a role this portal did not create for the entity) replace earlier ones of
 * the same checks, and the risk follows, so the one rule that critical plans cannot be approved
 * (`requestActionProblem`) also covers a role that appeared after the request was made. Pure.
 *
 * @public
 */
export function withExistingRole(
  recorded: RolePlan,
  existingRole: Pick<Role, 'arn' | 'tags'> | undefined,
): RolePlan {
  const requestCheckIds = new Set(requestChecks.map(c => c.id));
  const kept = recorded.findings.filter(f => !requestCheckIds.has(f.id));
  const found = runChecks(
    requestChecks,
    { roleArn: recorded.roleArn, entityRef: recorded.input.entityRef, existingRole },
    { kind: 'role', ref: recorded.roleArn },
  );
  if (found.length === 0 && kept.length === recorded.findings.length) return recorded;
  const findings = [...found, ...kept].sort(bySeverity);
  return { ...recorded, findings, risk: riskOf(findings) };
}

/**
 * The plan of accepting a drifted role's live state: the recorded request's input (the same
 * role, entity and service account), with the live trust policy and the live permission
 * statements (of every policy on the role, in one document, as the comparison with the plan
 * counts them) as the planned documents, judged by the same trust, permission and Pod Identity
 * checks as any plan, so the approver sees what the live state admits and grants. Fails, naming
 * the document, when a live document cannot be read: a plan is never made of a guess.
 *
 * @public
 */
export function planFromLiveRole(
  recorded: RolePlan,
  live: Pick<Role, 'arn' | 'trustPolicy' | 'permissionPolicies'>,
  directory: RoleRequestDirectory,
  format: IacFormat = 'terraform',
): { ok: true; plan: RolePlan } | { ok: false; error: string } {
  const trust = decodePolicyDocument(live.trustPolicy);
  if (!trust.ok) return { ok: false, error: `the live trust policy of ${live.arn} cannot be read: ${trust.error}` };
  // "Differs" as the comparison with the live role decides it: another meaning, not other Sids.
  if (FORMATS_WRITING_THEIR_OWN_TRUST.includes(format) && policyIdentity(trust.value) !== policyIdentity(recorded.trustPolicy.document)) {
    // The code would write the approved trust back on the next apply: accepting would record a
    // plan the delivered code cannot make true.
    return {
      ok: false,
      error: `the live trust policy of ${live.arn} differs from the approved one, and ${format} writes the trust itself from the clusters and the service account; restore the trust, or request the change in code`,
    };
  }
  const statements: PolicyStatement[] = [];
  const sids = new Set<string>();
  for (const policy of live.permissionPolicies ?? []) {
    const decoded = decodePolicyDocument(policy.document);
    if (!decoded.ok) return { ok: false, error: `the live policy ${policy.name} of ${live.arn} cannot be read: ${decoded.error}` };
    const listed = (decoded.value as PolicyDocument).Statement;
    for (const statement of Array.isArray(listed) ? listed : [listed]) {
      // Sids must be unique within one policy; the same Sid in two live policies is renamed.
      let sid = statement.Sid;
      for (let n = 2; sid !== undefined && sids.has(sid); n++) sid = `${statement.Sid}${n}`;
      if (sid !== undefined) sids.add(sid);
      statements.push(sid === statement.Sid ? statement : { ...statement, Sid: sid });
    }
  }
  const permissionDocument: PolicyDocument = { Version: '2012-10-17', Statement: statements };
  const trustPolicy = measuredPolicy(trust.value as PolicyDocument, recorded.trustPolicy.quota);
  const permissionPolicy = measuredPolicy(permissionDocument, POLICY_SIZE_LIMITS.managed);
  try {
    const findings = findingsOf(recorded.input, recorded.roleArn, trustPolicy, permissionPolicy, directory).sort(bySeverity);
    const accepted: RolePlan = {
      ...recorded,
      // The live documents are not made of presets.
      grants: [],
      trustPolicy: planned(trustPolicy),
      permissionPolicy: planned(permissionPolicy),
      findings,
      risk: riskOf(findings),
    };
    // The role is the one the recorded request created and verified: not a name taken (IRSA-R01).
    return { ok: true, plan: accepted };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, error: `the live trust policy of ${live.arn}: ${e.message}` };
    throw e;
  }
}

function findingsOf(
  input: RoleRequestInput,
  roleArn: string,
  trust: GeneratedPolicy,
  permission: GeneratedPolicy,
  directory: RoleRequestDirectory,
): Finding[] {
  const permissionContext = createPermissionCheckContext({
    subjectRef: roleArn,
    policies: [{ name: input.roleName, kind: 'inline', document: permission.document }],
    allowedResourceScope: { accountIds: directory.accountIds },
  });
  const findings = runChecks(permissionChecks, permissionContext, { kind: 'role', ref: roleArn });
  const parsedTrust = parsePolicy(trust.document);
  if (!parsedTrust.ok) {
    throw new FieldError('clusters', `the generated trust policy does not parse: ${parsedTrust.error}`);
  }
  if (input.binding === 'irsa') {
    for (const cluster of input.clusters) {
      const hostPath = cluster.issuer!.replace(/^https:\/\//, '');
      const context = createTrustCheckContext({
        roleArn,
        roleAccountId: input.accountId,
        policy: parsedTrust.value,
        // Known clusters are the platform's (inventory and configuration), never the request's:
        // otherwise every issuer a request names would count as known.
        knownIssuers: knownIssuersOf(directory),
        trustPolicyQuota: input.trustPolicyQuota,
        target: { issuerHostPath: hostPath, namespace: input.namespace, serviceAccount: input.serviceAccount },
      });
      for (const finding of runChecks(trustChecks, context, { kind: 'role', ref: roleArn })) {
        if (!findings.some(f => f.id === finding.id && f.message === finding.message)) findings.push(finding);
      }
    }
  } else {
    findings.push(
      ...runChecks(
        podIdentityChecks,
        {
          roleArn,
          trustPolicy: parsedTrust.value,
          permissionPolicies: permissionContext.policies,
          associations: input.clusters.map(c => ({
            cluster: c.name,
            namespace: input.namespace,
            serviceAccount: input.serviceAccount,
            roleArn,
          })),
          clusters: input.clusters.map(c => ({ name: c.name, accountId: c.accountId, region: c.region, issuer: c.issuer ?? '' })),
        },
        { kind: 'role', ref: roleArn },
      ),
    );
    findings.push(...plannedAssociationFindings(input, roleArn, trust, permission));
  }
  return findings;
}

/**
 * Validates a role request field by field against the directory of allowed
 * accounts and clusters, generates its trust and permission policies with the
 * engine, and runs the trust, permission, Pod Identity and request checks
 * (the latter against the role `lookups` find under the planned name). Never
 * throws; the first invalid field is named in the result. A plan whose risk
 * is `critical` is refused.
 *
 * @public
 */
export function planRoleRequest(
  draft: RoleRequestDraft,
  directory: RoleRequestDirectory,
  lookups: RoleRequestLookups = {},
): RolePlanResult {
  try {
    const result = plan(draft, directory, lookups);
    const critical = result.findings.find(f => f.severity === 'critical');
    if (critical) {
      return {
        ok: false,
        // A taken role name is the name's fault; every other critical finding the planner can
        // raise comes from what the access requests grant.
        field: critical.id === ROLE_NAME_TAKEN_CHECK_ID ? 'roleName' : 'access',
        error: `the plan has a critical finding (${critical.id}: ${critical.message}); it cannot be requested`,
      };
    }
    return { ok: true, plan: result };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, field: e.field, error: e.message };
    return { ok: false, field: 'request', error: `the request could not be planned: ${String(e)}` };
  }
}

/** The issuers (`host/path`) of every cluster the directory knows. */
function knownIssuersOf(directory: RoleRequestDirectory): string[] {
  const known = new Set(directory.knownIssuers ?? []);
  for (const cluster of directory.clusters) {
    const issuer = cluster.issuer === undefined ? undefined : normalizeIssuer(cluster.issuer);
    if (issuer?.ok) known.add(issuer.value.hostPath);
  }
  return [...known];
}

/** `read-write` grants both presets; a missing level grants none. */
function accessLevelsOf(
  accessLevel: RequestAccessLevel | undefined,
): Array<Exclude<RequestAccessLevel, 'read-write'>> {
  if (accessLevel === 'read-write') return ['read', 'write'];
  return accessLevel ? [accessLevel] : [];
}

/**
 * The association checks (session policy, session tags, packed size, chain) over the
 * associations the plan would create, one per cluster, with the planned role as the
 * association role. The target role is another account's and not read here, so its trust is
 * judged once it exists (PID-06, PID-07 on the live report).
 */
function plannedAssociationFindings(
  input: RoleRequestInput,
  roleArn: string,
  trust: GeneratedPolicy,
  permission: GeneratedPolicy,
): Finding[] {
  if (!input.targetRoleArn && input.sessionPolicy === undefined && input.disableSessionTags === undefined) return [];
  const plannedRole: Role = {
    arn: roleArn,
    name: input.roleName,
    accountId: input.accountId,
    path: input.rolePath ?? '/',
    trustPolicy: trust.document,
    permissionPolicies: [{ name: input.roleName, kind: 'inline', document: permission.document }],
  } as Role;
  const findings: Finding[] = [];
  for (const cluster of input.clusters) {
    const association = {
      cluster: cluster.name,
      namespace: input.namespace,
      serviceAccount: input.serviceAccount,
      roleArn,
      ...(input.targetRoleArn ? { targetRoleArn: input.targetRoleArn } : {}),
      ...(input.sessionPolicy !== undefined ? { sessionPolicy: input.sessionPolicy } : {}),
      ...(input.disableSessionTags !== undefined ? { disableSessionTags: input.disableSessionTags } : {}),
    };
    const clusterName = cluster.eksClusterName ?? cluster.name;
    const request = {
      accountId: cluster.accountId,
      ...(cluster.region ? { clusterArn: `arn:aws:eks:${cluster.region}:${cluster.accountId}:cluster/${clusterName}` } : {}),
      clusterName,
      namespace: input.namespace,
      serviceAccount: input.serviceAccount,
    };
    const chain = evaluatePodIdentityChain({ association, request, roles: new Map([[roleArn, plannedRole]]) });
    for (const finding of runChecks(
      podIdentityAssociationChecks,
      { association, chain, associationRole: plannedRole, request },
      { kind: 'association', ref: `${cluster.name}/${input.namespace}/${input.serviceAccount}` },
    )) {
      if (!findings.some(f => f.id === finding.id && f.message === finding.message)) findings.push(finding);
    }
  }
  return findings;
}
