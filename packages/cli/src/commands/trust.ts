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
  createTrustCheckContext,
  evaluateIrsaTrust,
  normalizeIssuer,
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
import { findingsTable, json, paint } from '../format';
import { CliIo, readPolicyArgument } from '../io';

/** @public */
export const trustSpec = {
  values: [
    'policy',
    'issuer',
    'service-account',
    'account',
    'audience',
    'quota',
  ],
  flags: ['json'],
} as const;

/**
 * `trust`: may this service account of this cluster assume a role with this
 * trust policy, and what is wrong with the policy?
 *
 * @public
 */
export function trustCommand(options: ParsedOptions, io: CliIo): void {
  const issuer = normalizeIssuer(single(options, 'issuer'));
  if (!issuer.ok) throw new UsageError(`--issuer: ${issuer.error}`);
  const sa = parseServiceAccountRef(single(options, 'service-account'));
  if (!sa.ok) throw new UsageError(`--service-account: ${sa.error}`);
  const account = validateAccountId(single(options, 'account'));
  if (!account.ok) throw new UsageError(`--account: ${account.error}`);
  const audience = optional(options, 'audience');
  const quota = quotaOption(options);
  const policy = parsePolicy(readPolicyArgument(io, single(options, 'policy')));
  if (!policy.ok) throw new UsageError(`--policy: ${policy.error}`);

  const target = {
    issuerHostPath: issuer.value.hostPath,
    namespace: sa.value.namespace,
    serviceAccount: sa.value.name,
    audience,
  };
  const decision = evaluateIrsaTrust(policy.value, {
    ...target,
    accountId: account.value,
  });
  const roleRef = `role in ${account.value}`;
  const findings = runChecks(
    trustChecks,
    createTrustCheckContext({
      roleArn: roleRef,
      roleAccountId: account.value,
      policy: policy.value,
      target,
      trustPolicyQuota: quota,
    }),
    { kind: 'role', ref: roleRef },
    renderRemediation,
  );
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
        decision: decision.evaluations[0].decision,
        deciding,
        explanation: decision.explanation,
        findings,
      }),
    );
    return;
  }
  const subject = `${sa.value.namespace}/${sa.value.name}`;
  io.stdout(
    [
      decision.allowed
        ? paint(io.color, 'green', `ALLOWED: ${subject} can assume the role.`)
        : paint(
            io.color,
            'red',
            `DENIED: ${subject} cannot assume the role (${decision.evaluations[0].decision}).`,
          ),
      decision.explanation,
      '',
      findingsTable(findings, io.color),
      '',
    ].join('\n'),
  );
}
