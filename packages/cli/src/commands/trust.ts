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
  PodIdentityChain,
  Role,
  TrustSubject,
  assessTrustPolicy,
  evaluatePodIdentityChain,
  podIdentityAssociationChecks,
  eksClusterNameOfArn,
  normalizeIssuer,
  parseArn,
  parsePolicy,
  parseServiceAccountRef,
  renderRemediation,
  runChecks,
  validateAccountId,
} from '@internal/plugin-aws-identity-common';
import {
  ParsedOptions,
  UsageError,
  optional,
  quotaOption,
  single,
} from '../args';
import { readInputArgument } from '../io';
import { CommandDefinition, CommandOutcome, JSON_OPTION } from '../command';
import { findingsTable, json, paint } from '../format';
import { FAIL_ON_OPTION } from '../gate';
import { CliIo, readPolicyArgument } from '../io';

// Options that describe a Pod Identity association; refused for IRSA.
const POD_IDENTITY_ONLY = ['target-role', 'target-trust', 'external-id', 'role-policy', 'session-policy', 'disable-session-tags'];

/** What the role is asked for: IRSA's web identity, or EKS Pod Identity's chain start. */
function requestOf(options: ParsedOptions, namespace: string, serviceAccount: string) {
  if (options.has('pod-identity')) {
    if (options.has('issuer') || options.has('audience'))
      throw new UsageError('--pod-identity: --issuer and --audience are for IRSA; give --cluster-arn');
    const clusterArn = single(options, 'cluster-arn');
    const parsed = parseArn(clusterArn);
    const clusterName = eksClusterNameOfArn(clusterArn);
    if (!parsed.ok || parsed.value.service !== 'eks' || !clusterName)
      throw new UsageError('--cluster-arn: expected arn:aws:eks:REGION:ACCOUNT:cluster/NAME');
    const cluster = { arn: clusterArn, name: clusterName, accountId: parsed.value.accountId, region: parsed.value.region };
    const subject: TrustSubject = { via: 'pod-identity', cluster, namespace, serviceAccount };
    return { subject, eks: cluster };
  }
  if (options.has('cluster-arn')) throw new UsageError('--cluster-arn: only with --pod-identity');
  for (const name of POD_IDENTITY_ONLY)
    if (options.has(name)) throw new UsageError(`--${name}: only with --pod-identity`);
  const issuer = normalizeIssuer(single(options, 'issuer'));
  if (!issuer.ok) throw new UsageError(`--issuer: ${issuer.error}`);
  const subject: TrustSubject = {
    via: 'irsa',
    issuerHostPath: issuer.value.hostPath,
    namespace,
    serviceAccount,
    audience: optional(options, 'audience'),
  };
  return { subject, eks: undefined };
}

/**
 * The Pod Identity chain as far as the command line describes it: the association role (its trust
 * from --policy, its permissions from --role-policy) and, with --target-role, the target role's
 * trust (--target-trust). Without --role-policy the first role's permission to assume the target
 * is undecided, and the output says so.
 */
function podIdentityChainOf(
  options: ParsedOptions,
  io: CliIo,
  policyText: string,
  account: string,
  cluster: { arn: string; name: string; accountId: string },
  namespace: string,
  serviceAccount: string,
) {
  const targetRoleArn = optional(options, 'target-role');
  const targetTrustFile = optional(options, 'target-trust');
  if (targetTrustFile !== undefined && targetRoleArn === undefined) throw new UsageError('--target-trust: only with --target-role');
  if (options.has('external-id') && targetRoleArn === undefined) throw new UsageError('--external-id: only with --target-role');
  const roleArn = `arn:aws:iam::${account}:role/association-role`;
  const sessionPolicy = optional(options, 'session-policy');
  const association = {
    cluster: cluster.name,
    namespace,
    serviceAccount,
    roleArn,
    ...(targetRoleArn ? { targetRoleArn } : {}),
    ...(options.has('external-id') ? { externalId: single(options, 'external-id') } : {}),
    ...(options.has('disable-session-tags') ? { disableSessionTags: true } : {}),
    ...(sessionPolicy !== undefined ? { sessionPolicy: readInputArgument(io, 'session-policy', sessionPolicy) } : {}),
  };
  const rolePolicies = options.get('role-policy') ?? [];
  const first: Role = {
    arn: roleArn,
    name: 'association-role',
    accountId: account,
    trustPolicy: policyText,
    permissionPolicies: rolePolicies.map(file => ({ name: file, kind: 'inline' as const, document: readInputArgument(io, 'role-policy', file) })),
  };
  const roles = new Map<string, Role>([[roleArn, first]]);
  if (targetRoleArn) {
    const target = parseArn(targetRoleArn);
    if (!target.ok || target.value.service !== 'iam' || !target.value.resource.startsWith('role/'))
      throw new UsageError('--target-role: expected arn:aws:iam::ACCOUNT:role/NAME');
    if (targetTrustFile !== undefined) {
      const text = readInputArgument(io, 'target-trust', targetTrustFile);
      const parsed = parsePolicy(text);
      if (!parsed.ok) throw new UsageError(`--target-trust: ${parsed.error}`);
      roles.set(targetRoleArn, {
        arn: targetRoleArn,
        name: target.value.resource.split('/').pop()!,
        accountId: target.value.accountId,
        trustPolicy: text,
      });
    }
  }
  const chain: PodIdentityChain = evaluatePodIdentityChain({
    association,
    request: { accountId: cluster.accountId, clusterArn: cluster.arn, clusterName: cluster.name, namespace, serviceAccount },
    roles,
  });
  // Without --role-policy the permissions are unknown: undecided, not "not permitted".
  if (targetRoleArn && rolePolicies.length === 0 && chain.hops[1]) {
    const hop = chain.hops[1];
    delete hop.callerPermitted;
    if (hop.trust?.allowed) {
      delete hop.allowed;
      hop.reason = `The target trust admits the association role; whether its permissions allow sts:AssumeRole on ${targetRoleArn} is unknown (give --role-policy).`;
    }
    const failing = chain.hops.findIndex(h => h.allowed === false);
    chain.allowed = failing >= 0 ? false : chain.hops.every(h => h.allowed === true) || undefined;
    if (failing >= 0) chain.failingHop = failing;
    else delete chain.failingHop;
    if (chain.allowed === undefined) delete chain.allowed;
  }
  const findings = runChecks(
    podIdentityAssociationChecks,
    { association, chain, associationRole: first, targetRole: targetRoleArn ? roles.get(targetRoleArn) : undefined },
    { kind: 'association', ref: `${cluster.name}/${namespace}/${serviceAccount}` },
    renderRemediation,
  );
  return { chain, findings };
}

const HOP_STATES: Record<string, { verdict: string; color: 'green' | 'red' | 'yellow' }> = {
  true: { verdict: 'ALLOWED', color: 'green' },
  false: { verdict: 'DENIED', color: 'red' },
  undefined: { verdict: 'UNDECIDED', color: 'yellow' },
};

/**
 * `trust`: may this service account assume a role with this trust policy (through IRSA, or EKS
 * Pod Identity with `--pod-identity`), and what is wrong with the policy?
 *
 * @public
 */
export function trustCommand(options: ParsedOptions, io: CliIo): CommandOutcome {
  const sa = parseServiceAccountRef(single(options, 'service-account'));
  if (!sa.ok) throw new UsageError(`--service-account: ${sa.error}`);
  const account = validateAccountId(single(options, 'account'));
  if (!account.ok) throw new UsageError(`--account: ${account.error}`);
  const request = requestOf(options, sa.value.namespace, sa.value.name);
  const quota = quotaOption(options);
  const policyText = readPolicyArgument(io, single(options, 'policy'));
  const policy = parsePolicy(policyText);
  if (!policy.ok) throw new UsageError(`--policy: ${policy.error}`);

  const { decision, findings } = assessTrustPolicy({
    policy: policy.value,
    roleAccountId: account.value,
    roleRef: `role in ${account.value}`,
    subject: request.subject,
    trustPolicyQuota: quota,
  });
  const chained = request.eks
    ? podIdentityChainOf(options, io, policyText, account.value, request.eks, sa.value.namespace, sa.value.name)
    : undefined;
  if (chained) findings.push(...chained.findings);
  const chain = chained?.chain;
  const denied = !decision.allowed || chain?.allowed === false;
  const outcome = { denied, findings };
  const deciding = decision.deciding.map(d => ({
    index: d.index,
    sid: d.sid,
    effect: d.effect,
    reason: d.reason,
  }));
  if (options.has('json')) {
    io.stdout(
      json({
        // The first hop's decision, and no chain hop denied (an undecided hop is in `chain`).
        allowed: !denied,
        via: request.subject.via,
        decision: decision.evaluations[0].decision,
        deciding,
        explanation: decision.explanation,
        ...(chain ? { chain } : {}),
        findings,
      }),
    );
    return outcome;
  }
  const subject = `${sa.value.namespace}/${sa.value.name}`;
  const how = request.subject.via === 'pod-identity' ? ' through EKS Pod Identity' : '';
  const headline = () => {
    if (!decision.allowed)
      return paint(io.color, 'red', `DENIED: ${subject} cannot assume the role${how} (${decision.evaluations[0].decision}).`);
    if (chain?.allowed === false)
      return paint(io.color, 'red', `DENIED: ${subject} gets the association role, but the chain to the target role fails.`);
    if (chain && chain.hops.length > 1 && chain.allowed === undefined)
      return paint(io.color, 'yellow', `ALLOWED (first hop only): ${subject} can assume the association role; the target hop is undecided.`);
    return paint(io.color, 'green', `ALLOWED: ${subject} can assume the role${how}.`);
  };
  io.stdout(
    [
      headline(),
      decision.explanation,
      ...(chain && chain.hops.length > 1
        ? [
            '',
            ...chain.hops.map((hop, i) => {
              const state = HOP_STATES[String(hop.allowed)];
              const what = hop.step === 'target-role' ? 'target role' : 'association role';
              return `${paint(io.color, state.color, `Hop ${i + 1} (${what} ${hop.roleArn}): ${state.verdict}`)}${hop.reason ? ` ${hop.reason}` : ''}`;
            }),
          ]
        : []),
      '',
      findingsTable(findings, io.color),
      '',
    ].join('\n'),
  );
  return outcome;
}

/** @public */
export const trustCommandDefinition: CommandDefinition = {
  name: 'trust',
  summary: 'may this service account assume a role with this trust policy?',
  description:
    'Evaluates a trust policy with IAM semantics for one service account: IRSA (--issuer) or EKS Pod Identity (--pod-identity --cluster-arn), and runs the trust checks.',
  gated: true,
  options: [
    { name: 'policy', value: 'FILE|-', description: 'the trust policy JSON (- for standard input)', path: 'file' },
    { name: 'service-account', value: 'NS/NAME', description: 'the service account' },
    { name: 'account', value: 'ID', description: "the role's AWS account id" },
    { name: 'issuer', value: 'URL', description: "IRSA: the cluster's OIDC issuer URL" },
    { name: 'audience', value: 'AUD', description: 'IRSA: the token audience (default sts.amazonaws.com)' },
    { name: 'pod-identity', description: 'evaluate an EKS Pod Identity request instead of IRSA' },
    { name: 'cluster-arn', value: 'ARN', description: "Pod Identity: the cluster's ARN" },
    { name: 'target-role', value: 'ARN', description: "Pod Identity: the association's target role (role chaining)" },
    { name: 'target-trust', value: 'FILE', description: "Pod Identity: the target role's trust policy", path: 'file' },
    { name: 'external-id', value: 'ID', description: "Pod Identity: the association's external id (sts:ExternalId)" },
    { name: 'role-policy', value: 'FILE', description: "Pod Identity: a permission policy of the association role (repeatable)", path: 'file' },
    { name: 'session-policy', value: 'FILE', description: "Pod Identity: the association's session policy", path: 'file' },
    { name: 'disable-session-tags', description: 'Pod Identity: the association disables session tags' },
    { name: 'quota', value: 'N', description: "the account's trust policy size quota (default 2048)" },
    FAIL_ON_OPTION,
    JSON_OPTION,
  ],
  run: trustCommand,
};
