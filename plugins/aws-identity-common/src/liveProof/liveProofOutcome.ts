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

import { explainStsError } from '../explain/explainStsError';
import { IdentityReport } from '../report/types';
import { LiveProofContext, LiveProofResult } from './types';

/**
 * The result of a proof STS accepted: the cluster's token was exchanged for a session of the
 * role, and `GetCallerIdentity` answered as that session.
 *
 * @public
 */
export function liveProved(context: LiveProofContext & { callerArn?: string }): LiveProofResult {
  const { target, roleArn, audience, at, trigger, caveat, callerArn } = context;
  return {
    target,
    via: 'irsa',
    roleArn,
    outcome: 'proved',
    at,
    trigger,
    audience,
    ...(callerArn ? { callerArn } : {}),
    ...(caveat ? { caveat } : {}),
    message: `Proved live at ${at}: the cluster's token was accepted for role ${roleArn}${caveat ? ` (${caveat})` : ''}.`,
  };
}

/**
 * The result of a proof that was refused, by STS or by the cluster's token API: the error text
 * (never the token) decoded against the service account's report with the STS error decoder.
 *
 * @public
 */
export function liveProofRefused(
  context: LiveProofContext & { errorText: string; stage: 'token' | 'sts' },
  report: IdentityReport,
): LiveProofResult {
  const { target, roleArn, audience, at, trigger, caveat, errorText, stage } = context;
  const error = stage === 'sts' ? explainStsError(errorText, report) : undefined;
  const message =
    stage === 'token'
      ? `Not proved at ${at}: the cluster did not issue a token for ${target.namespace}/${target.serviceAccount}: ${errorText}`
      : `Not proved at ${at}: STS refused the cluster's token for role ${roleArn}: ${error!.meaning}`;
  return {
    target,
    via: 'irsa',
    roleArn,
    outcome: 'refused',
    at,
    trigger,
    audience,
    ...(caveat ? { caveat } : {}),
    ...(error ? { error } : {}),
    message,
  };
}
