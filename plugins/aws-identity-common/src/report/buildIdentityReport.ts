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
import { IRSA_ANNOTATIONS } from '../binding/annotations';
import { ResolvedBinding, resolveBinding } from '../binding/resolveBinding';
import {
  BindingCheckContext,
  bindingChecks,
  podConditions,
} from '../checks/bindingChecks';
import { runtimeChecks } from '../checks/runtimeChecks';
import { driftChecks } from '../checks/driftChecks';
import {
  createPermissionCheckContext,
  permissionChecks,
} from '../checks/permissionChecks';
import { podIdentityAssociationChecks } from '../checks/podIdentityChainChecks';
import { podIdentityChecks } from '../checks/podIdentityChecks';
import { createTrustCheckContext, trustChecks } from '../checks/trustChecks';
import { Check, runChecks } from '../checks/types';
import {
  BindingKind,
  Finding,
  FindingSubject,
  Role,
  bySeverity,
} from '../domain/types';
import { evaluatePodIdentityChain } from '../evaluate/podIdentityChain';
import {
  evaluateIrsaTrust,
  evaluatePodIdentityTrust,
} from '../evaluate/workloadRequests';
import { planMigration } from '../migration/planMigration';
import { accountOfArn, normalizeIssuer } from '../parse/identifiers';
import { parsePolicy } from '../policy/parsePolicy';
import { ParsedPolicy } from '../policy/types';
import { renderRemediation } from '../remediation/renderRemediation';
import { summarizeAssociationPermissions } from '../summary/effectivePermissions';
import { summarizePermissions } from '../summary/summarizePermissions';
import { BindingPath, breaksBinding } from './bindingBreakers';
import { decideNextStep } from './nextStep';
import {
  EffectiveIdentity,
  IdentityReport,
  IdentityReportInput,
  RoleAssessment,
  TrustWidening,
} from './types';

function roleExists(
  arn: string,
  roles: Map<string, Role>,
  input: IdentityReportInput,
): boolean | undefined {
  if (roles.has(arn)) return true;
  const account = accountOfArn(arn);
  return account !== undefined &&
    (input.completeAccounts ?? []).includes(account)
    ? false
    : undefined;
}

function effectiveIdentity(
  input: IdentityReportInput,
  kind: BindingKind,
  irsaRoleArn: string | undefined,
  podIdentityRoleArns: string[],
): EffectiveIdentity {
  const pods = input.pods;
  if (pods && pods.podCount > 0) {
    // Aggregates are counts, not per-pod records, so overlaps are resolved in
    // credential-chain order: a pod with static keys counts as static-keys
    // whatever else it carries.
    let rest = pods.podCount;
    const staticKeys = Math.min(pods.staticKeysCount, rest);
    rest -= staticKeys;
    const irsa = Math.min(pods.irsaEnvCount, rest);
    rest -= irsa;
    const podIdentity = Math.min(pods.podIdentityEnvCount, rest);
    rest -= podIdentity;
    const counts = { staticKeys, irsa, podIdentity, nodeRole: rest };
    const nonZero = Object.entries(counts).filter(([, n]) => n > 0);
    const envRole = [...pods.roleArnsInEnv].sort(
      (a, b) => b.podCount - a.podCount,
    )[0]?.roleArn;
    const single: Record<string, EffectiveIdentity['source']> = {
      staticKeys: 'static-keys',
      irsa: 'irsa',
      podIdentity: 'pod-identity',
      nodeRole: 'node-role',
    };
    const source = nonZero.length === 1 ? single[nonZero[0][0]] : 'mixed';
    let roleArn: string | undefined;
    if (source === 'irsa') roleArn = envRole ?? irsaRoleArn;
    else if (source === 'pod-identity') roleArn = podIdentityRoleArns[0];
    const parts = [
      staticKeys && `${staticKeys} use static keys from their environment`,
      irsa && `${irsa} use IRSA${envRole ? ` (${envRole})` : ''}`,
      podIdentity &&
        `${podIdentity} use EKS Pod Identity${podIdentityReachCaveat(pods)}`,
      rest &&
        `${rest} have no pod credentials and fall back to the node role via IMDS (if reachable)`,
    ].filter(Boolean);
    return {
      source,
      roleArn,
      basis: 'observed-pods',
      pods: counts,
      explanation: `Of ${pods.podCount} running pods, ${parts.join('; ')}.`,
    };
  }
  switch (kind) {
    case 'both':
      return {
        source: 'pod-identity',
        roleArn: podIdentityRoleArns[0],
        basis: 'configuration',
        explanation:
          'No running pods. With both bindings the webhook injects Pod Identity only, so new pods will use the association role.',
      };
    case 'pod-identity':
      return {
        source: 'pod-identity',
        roleArn: podIdentityRoleArns[0],
        basis: 'configuration',
        explanation:
          'No running pods; new pods will use the Pod Identity association.',
      };
    case 'irsa':
      return {
        source: 'irsa',
        roleArn: irsaRoleArn,
        basis: 'configuration',
        explanation:
          'No running pods; new pods will be injected with the annotated role.',
      };
    default:
      return {
        source: 'node-role',
        basis: 'configuration',
        explanation:
          'No binding: the SDK falls back to the node role via IMDS, if pods can reach it.',
      };
  }
}

/** Runs checks with the engine's renderer, so that every finding carries its remediation. */
function findingsOf<Context>(
  checks: ReadonlyArray<Check<Context>>,
  context: Context,
  subject: FindingSubject,
): Finding[] {
  return runChecks(checks, context, subject, renderRemediation);
}

/** The path pods take to their role; with both bindings the webhook prefers Pod Identity. */
function pathOf(binding: ResolvedBinding): BindingPath | undefined {
  if (binding.kind === 'none') return undefined;
  return binding.effective === 'irsa' ? 'irsa' : 'pod-identity';
}

/**
 * Breaking findings whose cause the verdict already states from the facts (an invalid role ARN,
 * a missing role or a denying trust, pods not injected); the others add their own reason.
 */
const STATED_BY_FACTS = ['IRSA-B01', 'IRSA-B02', 'IRSA-B04'];

/** What tells one finding from another. */
function findingKey(f: Finding): string {
  return `${f.id}|${f.subject.kind}|${f.subject.ref}|${
    f.subject.statementIndex ?? ''
  }|${f.message}`;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter(f => {
    const key = findingKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Whether a finding's subject is the role itself, one of its statements or policies: the chain
 * checks of an association also judge its target role's trust, which is not this role's.
 */
function aboutRole(f: Finding, arn: string): boolean {
  return f.subject.ref === arn || f.subject.ref.startsWith(`${arn}#`);
}

/** A fail-open trust finding as the role's "who else" entry. */
function trustWidening(f: Finding): TrustWidening {
  return {
    findingId: f.id,
    severity: f.severity,
    message: f.message,
    ...(f.admits ? { admits: f.admits } : {}),
  };
}

// Injected Pod Identity env is not yet working Pod Identity: a hostNetwork pod does not
// reach the agent the usual way and Fargate runs no agent at all (RUN-02, RUN-03), so the
// explanation must not read as "fine" for them.
function podIdentityReachCaveat(pods: {
  hostNetworkPodCount?: number;
  fargatePodCount?: number;
}): string {
  const caveats = [
    pods.hostNetworkPodCount &&
      `${pods.hostNetworkPodCount} of the pods run with hostNetwork: true and do not reach the Pod Identity Agent the usual way (RUN-02)`,
    pods.fargatePodCount &&
      `${pods.fargatePodCount} of the pods run on Fargate, where no Pod Identity Agent runs (RUN-03)`,
  ].filter(Boolean);
  return caveats.length > 0 ? `, but ${caveats.join(' and ')}` : '';
}

/**
 * Builds the identity report for one service account: binding, effective
 * identity, trust evaluation, findings and verdict. Pure and synchronous;
 * never throws on malformed policies (they become findings).
 *
 * @public
 */
export function buildIdentityReport(
  input: IdentityReportInput,
): IdentityReport {
  const sa = input.serviceAccount;
  const saRef = `${sa.cluster}/${sa.namespace}/${sa.name}`;
  const roles = new Map(input.roles.map(r => [r.arn, r]));
  const binding = resolveBinding(sa, input.podIdentityAssociations);
  const { kind, irsaRoleArn, associations, podIdentityRoleArns } = binding;

  const issuer = normalizeIssuer(input.cluster.issuer);
  const issuerHostPath = issuer.ok ? issuer.value.hostPath : undefined;
  const audience = sa.annotations[IRSA_ANNOTATIONS.audience];
  const findings: Finding[] = [];
  const assessments: RoleAssessment[] = [];
  // Per assessed role, its trust (and Pod Identity) and its permission findings, so that the
  // report can list per role who else the trust admits and which actions were flagged.
  const trustFindings = new Map<RoleAssessment, Finding[]>();
  const permissionFindings = new Map<RoleAssessment, Finding[]>();
  const remember = (
    found: Map<RoleAssessment, Finding[]>,
    assessment: RoleAssessment,
    hits: Finding[],
  ) => {
    found.get(assessment)?.push(...hits);
    return hits;
  };
  const parsedTrust = new Map<string, ParsedPolicy>();
  const quotaFor = (account: string | undefined) =>
    (account && input.options?.trustPolicyQuotaByAccount?.[account]) ||
    undefined;
  // Unknown providers are not "no provider": the checks then skip what they cannot decide.
  const providersOf = (account: string | undefined) =>
    input.oidcProvidersKnown === false
      ? undefined
      : input.oidcProviders.filter(p => p.accountId === account);
  const knownIssuers = input.context?.knownClusters
    ?.map(c => normalizeIssuer(c.issuer))
    .flatMap(r => (r.ok ? [r.value.hostPath] : []));

  const assess = (arn: string, via: RoleAssessment['via']): RoleAssessment => {
    const roleSubject: FindingSubject = { kind: 'role', ref: arn };
    const role = roles.get(arn);
    const assessment: RoleAssessment = {
      arn,
      via,
      exists: roleExists(arn, roles, input),
    };
    if (!role) return assessment;
    // A found role always gets both lists, empty when no check had anything to say.
    trustFindings.set(assessment, []);
    permissionFindings.set(assessment, []);
    if (role.lastUsed) assessment.lastUsed = role.lastUsed;
    if (role.createDate) assessment.createdAt = role.createDate;
    const trust = parsePolicy(role.trustPolicy);
    if (!trust.ok) {
      assessment.trustError = trust.error;
    } else {
      parsedTrust.set(arn, trust.value);
      if (via === 'irsa' && issuerHostPath) {
        assessment.trust = evaluateIrsaTrust(trust.value, {
          issuerHostPath,
          accountId: role.accountId,
          namespace: sa.namespace,
          serviceAccount: sa.name,
          audience,
        });
      } else if (via === 'pod-identity') {
        assessment.trust = evaluatePodIdentityTrust(trust.value, {
          accountId: input.cluster.accountId,
          clusterArn: input.cluster.arn,
          clusterName: input.cluster.name,
          namespace: sa.namespace,
          serviceAccount: sa.name,
        });
      }
      findings.push(
        ...remember(
          trustFindings,
          assessment,
          findingsOf(
            trustChecks,
            createTrustCheckContext({
              roleArn: arn,
              roleAccountId: role.accountId,
              policy: trust.value,
              target:
                via === 'irsa' && issuerHostPath
                  ? {
                      issuerHostPath,
                      namespace: sa.namespace,
                      serviceAccount: sa.name,
                      audience,
                    }
                  : undefined,
              via,
              cluster: input.cluster,
              oidcProviders: providersOf(role.accountId),
              knownIssuers,
              trustPolicyQuota: quotaFor(role.accountId),
              // Given quotas per account, an account without one is one whose summary was not read.
              ...(input.options?.trustPolicyQuotaByAccount
                ? {
                    trustPolicyQuotaKnown:
                      quotaFor(role.accountId) !== undefined,
                  }
                : {}),
              knownServiceAccounts: input.context?.knownServiceAccounts,
            }),
            roleSubject,
          ),
        ),
      );
    }
    const permissionContext = createPermissionCheckContext({
      subjectRef: arn,
      policies: role.permissionPolicies ?? [],
      permissionsBoundaryArn: role.permissionsBoundaryArn,
      requiredPermissionsBoundaryArn:
        input.options?.requiredPermissionsBoundaryArn,
      allowedResourceScope: input.options?.allowedResourceScope,
    });
    findings.push(
      ...remember(
        permissionFindings,
        assessment,
        findingsOf(permissionChecks, permissionContext, roleSubject),
      ),
    );
    assessment.permissions = summarizePermissions(
      permissionContext.policies.flatMap(p => (p.parsed ? [p.parsed] : [])),
    );
    if (via === 'pod-identity') {
      const own = associations.filter(a => a.roleArn === arn);
      const workload = {
        accountId: input.cluster.accountId,
        clusterArn: input.cluster.arn,
        clusterName: input.cluster.name,
        namespace: sa.namespace,
        serviceAccount: sa.name,
      };
      // What the pods get: the chain's last role, limited by the session policy, ABAC resolved.
      assessment.effectivePermissions = own.map(association =>
        summarizeAssociationPermissions({
          association,
          request: workload,
          roles,
        }),
      );
      assessment.podIdentityChains = own.map(association => {
        const chain = evaluatePodIdentityChain({
          association,
          request: workload,
          roles,
        });
        findings.push(
          ...remember(
            trustFindings,
            assessment,
            findingsOf(
              podIdentityAssociationChecks,
              {
                association,
                chain,
                associationRole: role,
                targetRole: association.targetRoleArn
                  ? roles.get(association.targetRoleArn)
                  : undefined,
                request: workload,
              },
              roleSubject,
            ),
          ),
        );
        return chain;
      });
      findings.push(
        ...remember(
          trustFindings,
          assessment,
          findingsOf(
            podIdentityChecks,
            {
              roleArn: arn,
              trustPolicy: parsedTrust.get(arn),
              permissionPolicies: permissionContext.policies,
              associations: associations.filter(a => a.roleArn === arn),
              clusters: input.context?.knownClusters ?? [input.cluster],
            },
            roleSubject,
          ),
        ),
      );
    }
    return assessment;
  };

  if (irsaRoleArn && binding.irsaRoleArnValid)
    assessments.push(assess(irsaRoleArn, 'irsa'));
  for (const arn of podIdentityRoleArns)
    assessments.push(assess(arn, 'pod-identity'));

  const admitting = input.context?.rolesAdmittingServiceAccount;
  const boundRoles = new Set(binding.roleArns);
  const irsaAssessment = assessments.find(a => a.via === 'irsa');
  const bindingContext: BindingCheckContext = {
    cluster: input.cluster,
    serviceAccount: sa,
    pods: input.pods,
    annotatedRoleArn: irsaRoleArn,
    annotatedRoleExists: irsaAssessment?.exists,
    irsaTrust: irsaAssessment?.trust,
    irsaTrustError: irsaAssessment?.trustError,
    associations,
    oidcProviders: irsaRoleArn
      ? providersOf(accountOfArn(irsaRoleArn))
      : undefined,
    rolesTrustingServiceAccount:
      input.context?.rolesTrustingServiceAccount ??
      admitting
        // Drift is a trust written for this service account (it names it) on a role it is not
        // bound to; patterns that merely admit it are the role's breadth, shown in couldAlsoAssume.
        ?.filter(a => a.via === 'irsa' && a.named && !boundRoles.has(a.roleArn))
        .map(a => a.roleArn),
    otherServiceAccountsOfRole: input.context?.otherServiceAccountsOfRole,
  };
  findings.push(
    ...findingsOf([...bindingChecks, ...runtimeChecks], bindingContext, {
      kind: 'service-account',
      ref: saRef,
    }),
    ...findingsOf(
      driftChecks,
      { driftedRequests: input.context?.driftedRequests ?? [] },
      { kind: 'service-account', ref: saRef },
    ),
  );

  const mostSevereFirst = (list: Finding[]) =>
    dedupe(list).sort((a, b) => bySeverity(a, b) || a.id.localeCompare(b.id));
  const sorted = mostSevereFirst(findings);
  for (const assessment of assessments) {
    const trust = trustFindings.get(assessment);
    if (trust)
      assessment.alsoAdmits = mostSevereFirst(trust)
        .filter(f => f.failMode === 'open' && aboutRole(f, assessment.arn))
        .map(trustWidening);
    const permission = permissionFindings.get(assessment);
    if (permission)
      assessment.flaggedActions = mostSevereFirst(permission).flatMap(f =>
        f.flaggedActions ? [{ findingId: f.id, ...f.flaggedActions }] : [],
      );
  }
  const pods = podConditions(bindingContext);
  const effective = effectiveIdentity(
    input,
    kind,
    irsaRoleArn,
    podIdentityRoleArns,
  );
  const { verdict, reasons } = decideVerdict(
    binding,
    assessments,
    sorted,
    effective,
    issuerHostPath,
    input,
  );
  const nextStep = decideNextStep(verdict, sorted, pathOf(binding));
  const migration = irsaRoleArn
    ? planMigration({
        cluster: input.cluster,
        serviceAccount: sa,
        binding,
        role: roles.get(irsaRoleArn),
        trustPolicy: parsedTrust.get(irsaRoleArn),
        irsaTrust: irsaAssessment?.trust,
        pods: input.pods,
        podLabelSets: input.podLabelSets,
        associationsKnown: input.podIdentityAssociationsKnown !== false,
        trustPolicyQuota: quotaFor(
          roles.get(irsaRoleArn)?.accountId ?? accountOfArn(irsaRoleArn),
        ),
        effectiveIdentity: effective,
      })
    : undefined;
  return {
    serviceAccount: {
      cluster: sa.cluster,
      namespace: sa.namespace,
      name: sa.name,
    },
    binding: {
      kind,
      irsaRoleArn,
      podIdentityRoleArns,
      effective: binding.effective,
    },
    effectiveIdentity: effective,
    roles: assessments,
    findings: sorted,
    ...(pods ? { podConditions: pods } : {}),
    verdict,
    verdictReasons: reasons,
    ...(nextStep ? { nextStep } : {}),
    ...(admitting
      ? {
          couldAlsoAssume: admitting.map(a => ({
            ...a,
            bound: boundRoles.has(a.roleArn),
          })),
        }
      : {}),
    ...(migration ? { migration } : {}),
  };
}

function decideVerdict(
  binding: ResolvedBinding,
  assessments: RoleAssessment[],
  findings: Finding[],
  effective: EffectiveIdentity,
  issuerHostPath: string | undefined,
  input: IdentityReportInput,
): { verdict: IdentityReport['verdict']; reasons: string[] } {
  const { kind } = binding;
  if (kind === 'none' && input.podIdentityAssociationsKnown === false) {
    return {
      verdict: 'unknown',
      reasons: [
        `The service account has no IRSA annotation, and the EKS Pod Identity associations of cluster ${input.cluster.name} could not be read, so whether it is bound is unknown.`,
      ],
    };
  }
  if (kind === 'none') {
    return {
      verdict: 'not-configured',
      reasons: [
        'The service account has no IRSA annotation and no Pod Identity association.',
      ],
    };
  }
  const intended = pathOf(binding) ?? 'irsa';
  const broken: string[] = [];
  if (intended === 'irsa' && !binding.irsaRoleArnValid) {
    broken.push('The role annotation is not a valid role ARN.');
  }
  if (intended === 'irsa' && !issuerHostPath) {
    broken.push(
      `The cluster issuer "${input.cluster.issuer.slice(
        0,
        100,
      )}" is not a valid issuer URL.`,
    );
  }
  for (const a of assessments.filter(x => x.via === intended)) {
    if (a.exists === false) broken.push(`Role ${a.arn} does not exist.`);
    else if (a.trustError)
      broken.push(`The trust policy of ${a.arn} is invalid: ${a.trustError}`);
    else if (a.trust && !a.trust.allowed)
      broken.push(
        `The trust policy of ${a.arn} does not admit this service account.`,
      );
  }
  for (const f of findings) {
    if (breaksBinding(f, intended) && !STATED_BY_FACTS.includes(f.id))
      broken.push(`${f.id}: ${f.message}`);
  }
  if (effective.basis === 'observed-pods' && effective.pods) {
    const onIntended =
      intended === 'irsa' ? effective.pods.irsa : effective.pods.podIdentity;
    const missing =
      effective.pods.nodeRole +
      (intended === 'irsa' ? effective.pods.podIdentity : effective.pods.irsa);
    if (missing > 0) {
      broken.push(
        `${missing} running pods do not get the role (${onIntended} do); restart them after fixing the binding.`,
      );
    }
  }
  if (broken.length > 0) return { verdict: 'broken', reasons: broken };

  const risky = findings.filter(
    f =>
      f.severity === 'critical' ||
      f.severity === 'high' ||
      (f.failMode === 'open' && f.severity === 'medium'),
  );
  // A role whose account was not read completely can be neither confirmed nor ruled out:
  // say so rather than call the binding verified on missing data.
  const unconfirmed = assessments
    .filter(a => a.via === intended && a.exists === undefined)
    .map(
      a =>
        `Role ${a.arn} could not be checked: account ${accountOfArn(
          a.arn,
        )} was not read completely (see the source status).`,
    );
  if (risky.length > 0) {
    return {
      verdict: 'risky',
      reasons: [
        ...risky.map(
          f => `${f.id} (${f.severity}, fails ${f.failMode}): ${f.message}`,
        ),
        ...unconfirmed,
      ],
    };
  }
  if (unconfirmed.length > 0)
    return { verdict: 'unknown', reasons: unconfirmed };
  return {
    verdict: 'verified',
    reasons: [
      `Bound via ${intended === 'irsa' ? 'IRSA' : 'EKS Pod Identity'}; the trust admits this service account and no check found another one that it admits.`,
      effective.basis === 'observed-pods'
        ? 'All running pods are injected.'
        : 'No running pods to confirm injection yet.',
    ],
  };
}
