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
  TrustDecision,
  createTrustCheckContext,
  eksClusterNameOfArn,
  evaluateIrsaTrust,
  evaluatePodIdentityTrust,
  normalizeIssuer,
  parseArn,
  parsePolicy,
  parseServiceAccountRef,
  renderRemediation,
  runChecks,
  trustChecks,
  validateAccountId,
} from '@internal/plugin-aws-identity-common';
import {
  ParsedOptions,
  UsageError,
  optional,
  quotaOption,
  single,
} from '../args';
import { CommandDefinition, CommandOutcome, JSON_OPTION } from '../command';
import { findingsTable, json, paint } from '../format';
import { FAIL_ON_OPTION } from '../gate';
import { CliIo, readPolicyArgument } from '../io';

/** What the role is asked for: IRSA's web identity, or EKS Pod Identity's chain start. */
function requestOf(options: ParsedOptions, accountId: string, namespace: string, serviceAccount: string) {
  if (options.has('pod-identity')) {
    if (options.has('issuer') || options.has('audience'))
      throw new UsageError('--pod-identity: --issuer and --audience are for IRSA; give --cluster-arn');
    const clusterArn = single(options, 'cluster-arn');
    const parsed = parseArn(clusterArn);
    const clusterName = eksClusterNameOfArn(clusterArn);
    if (!parsed.ok || parsed.value.service !== 'eks' || !clusterName)
      throw new UsageError('--cluster-arn: expected arn:aws:eks:REGION:ACCOUNT:cluster/NAME');
    return {
      via: 'pod-identity' as const,
      target: undefined,
      cluster: { arn: clusterArn, region: parsed.value.region },
      evaluate: (policy: Parameters<typeof evaluatePodIdentityTrust>[0]): TrustDecision =>
        evaluatePodIdentityTrust(policy, {
          accountId: parsed.value.accountId,
          clusterArn,
          clusterName,
          namespace,
          serviceAccount,
        }),
    };
  }
  if (options.has('cluster-arn')) throw new UsageError('--cluster-arn: only with --pod-identity');
  const issuer = normalizeIssuer(single(options, 'issuer'));
  if (!issuer.ok) throw new UsageError(`--issuer: ${issuer.error}`);
  const target = {
    issuerHostPath: issuer.value.hostPath,
    namespace,
    serviceAccount,
    audience: optional(options, 'audience'),
  };
  return {
    via: 'irsa' as const,
    target,
    cluster: undefined,
    evaluate: (policy: Parameters<typeof evaluateIrsaTrust>[0]): TrustDecision =>
      evaluateIrsaTrust(policy, { ...target, accountId }),
  };
}

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
  const request = requestOf(options, account.value, sa.value.namespace, sa.value.name);
  const quota = quotaOption(options);
  const policy = parsePolicy(readPolicyArgument(io, single(options, 'policy')));
  if (!policy.ok) throw new UsageError(`--policy: ${policy.error}`);

  const decision = request.evaluate(policy.value);
  const roleRef = `role in ${account.value}`;
  const findings = runChecks(
    trustChecks,
    createTrustCheckContext({
      roleArn: roleRef,
      roleAccountId: account.value,
      policy: policy.value,
      target: request.target,
      via: request.via,
      cluster: request.cluster,
      trustPolicyQuota: quota,
    }),
    { kind: 'role', ref: roleRef },
    renderRemediation,
  );
  const outcome = { denied: !decision.allowed, findings };
  const deciding = decision.deciding.map(d => ({
    index: d.index,
    sid: d.sid,
    effect: d.effect,
    reason: d.reason,
  }));
  if (options.has('json')) {
    io.stdout(
      json({
        allowed: decision.allowed,
        via: request.via,
        decision: decision.evaluations[0].decision,
        deciding,
        explanation: decision.explanation,
        findings,
      }),
    );
    return outcome;
  }
  const subject = `${sa.value.namespace}/${sa.value.name}`;
  const how = request.via === 'pod-identity' ? ' through EKS Pod Identity' : '';
  io.stdout(
    [
      decision.allowed
        ? paint(io.color, 'green', `ALLOWED: ${subject} can assume the role${how}.`)
        : paint(
            io.color,
            'red',
            `DENIED: ${subject} cannot assume the role${how} (${decision.evaluations[0].decision}).`,
          ),
      decision.explanation,
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
    { name: 'quota', value: 'N', description: "the account's trust policy size quota (default 2048)" },
    FAIL_ON_OPTION,
    JSON_OPTION,
  ],
  run: trustCommand,
};
