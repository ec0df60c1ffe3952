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
  GeneratedPolicy,
  generateIrsaTrustPolicy,
  generatePermissionPolicy,
  parseServiceAccountRef,
} from '@internal/plugin-aws-identity-common';
import {
  ParsedOptions,
  UsageError,
  many,
  optional,
  quotaOption,
  single,
} from '../args';
import { CommandDefinition, JSON_OPTION } from '../command';
import { json } from '../format';
import { CliIo } from '../io';


function print(
  io: CliIo,
  options: ParsedOptions,
  generated: GeneratedPolicy,
): void {
  if (options.has('json')) {
    io.stdout(
      json({
        policy: generated.document,
        minifiedLength: generated.minifiedLength,
        quota: generated.quota,
      }),
    );
    return;
  }
  io.stdout(
    `${generated.text}// ${generated.minifiedLength} of ${generated.quota} characters (minified, as IAM counts)\n`,
  );
}

/**
 * `generate`: a least-privilege permission policy from presets. One
 * `--preset` applies to every `--resource`; several presets pair with
 * resources by position.
 *
 * @public
 */
export function generateCommand(options: ParsedOptions, io: CliIo): void {
  const presets = many(options, 'preset');
  const resources = many(options, 'resource');
  if (presets.length > 1 && presets.length !== resources.length) {
    throw new UsageError('--preset: give one preset, or one per --resource');
  }
  const grants = resources.map((resource, i) => ({
    preset: presets.length === 1 ? presets[0] : presets[i],
    resource,
  }));
  const result = generatePermissionPolicy(grants);
  if (!result.ok)
    throw new UsageError(
      `${
        result.error.startsWith('unknown preset') ? '--preset' : '--resource'
      }: ${result.error}`,
    );
  print(io, options, result.value);
}

// Names the option an engine error is about. The size error mentions issuers
// too, so the quota is tested first.
function flagFor(error: string): string {
  if (/account id/.test(error)) return '--account';
  if (/quota/.test(error)) return '--quota';
  if (/issuer/.test(error)) return '--issuer';
  return '--service-account';
}

/**
 * `trust-policy`: an IRSA trust policy for issuers and service accounts,
 * checked against the trust policy size quota.
 *
 * @public
 */
export function trustPolicyCommand(options: ParsedOptions, io: CliIo): void {
  const serviceAccounts = many(options, 'service-account').map(value => {
    const sa = parseServiceAccountRef(value);
    if (!sa.ok) throw new UsageError(`--service-account: ${sa.error}`);
    return sa.value;
  });
  const result = generateIrsaTrustPolicy({
    accountId: single(options, 'account'),
    issuers: many(options, 'issuer'),
    serviceAccounts,
    audience: optional(options, 'audience'),
    quota: quotaOption(options),
  });
  if (!result.ok) {
    throw new UsageError(`${flagFor(result.error)}: ${result.error}`);
  }
  print(io, options, result.value);
}

/** @public */
export const generateCommandDefinition: CommandDefinition = {
  name: 'generate',
  summary: 'a least-privilege permission policy from presets',
  description:
    'One --preset applies to every --resource; several presets pair with resources by position.',
  options: [
    { name: 'preset', value: 'NAME', description: 'a permission preset (repeatable)' },
    { name: 'resource', value: 'ARN', description: 'a resource ARN (repeatable)' },
    JSON_OPTION,
  ],
  run: generateCommand,
};

/** @public */
export const trustPolicyCommandDefinition: CommandDefinition = {
  name: 'trust-policy',
  summary: 'an IRSA trust policy for issuers and service accounts, within the size quota',
  options: [
    { name: 'issuer', value: 'URL', description: "a cluster's OIDC issuer URL (repeatable)" },
    { name: 'service-account', value: 'NS/NAME', description: 'a service account (repeatable)' },
    { name: 'account', value: 'ID', description: "the role's AWS account id" },
    { name: 'audience', value: 'AUD', description: 'the token audience (default sts.amazonaws.com)' },
    { name: 'quota', value: 'N', description: "the account's trust policy size quota (default 2048)" },
    JSON_OPTION,
  ],
  run: trustPolicyCommand,
};
