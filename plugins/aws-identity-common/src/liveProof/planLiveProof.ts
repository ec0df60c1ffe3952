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

import { ServiceAccount } from '../domain/types';
import { IdentityReport } from '../report/types';
import { TOKEN_EXPIRATION_BOUNDS, irsaTokenAudience } from '../runtime/constants';
import { LiveProofResult, LiveProofTarget } from './types';

/**
 * The session policy of a live proof's `AssumeRoleWithWebIdentity`: it denies every action, so
 * the session's permissions (the intersection of the role's and this) are none — the proof
 * grants nothing. `GetCallerIdentity` still answers: AWS documents that it needs no permission
 * and works even when a policy denies it.
 *
 * @public
 */
export const DENY_ALL_SESSION_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }],
});

/**
 * Duration of the proof's role session: STS's minimum for `AssumeRoleWithWebIdentity`
 * (`DurationSeconds`, 900 to the role's maximum).
 *
 * @public
 */
export const LIVE_PROOF_SESSION_SECONDS = 900;

/**
 * What a live proof of one service account does, decided from its report:
 * `web-identity` asks the cluster for a token (TokenRequest) with the audience the webhook would
 * project and the shortest expiry Kubernetes allows, then presents it to STS; anything else is
 * answered without I/O.
 *
 * @public
 */
export type LiveProofPlan =
  | {
      kind: 'web-identity';
      roleArn: string;
      audience: string;
      /** TokenRequest `expirationSeconds`: the API's minimum (10 minutes). */
      tokenExpirationSeconds: number;
      sessionDurationSeconds: number;
      sessionPolicy: string;
    }
  | { kind: 'answered'; result: Omit<LiveProofResult, 'at' | 'trigger'> };

/**
 * Plans the live proof of a service account from its report (the binding new pods take, and
 * the engine's evaluation of a Pod Identity chain). Pure: the backend runs the plan.
 *
 * @public
 */
export function planLiveProof(
  report: IdentityReport,
  serviceAccount: Pick<ServiceAccount, 'annotations'>,
): LiveProofPlan {
  const target: LiveProofTarget = {
    cluster: report.serviceAccount.cluster,
    namespace: report.serviceAccount.namespace,
    serviceAccount: report.serviceAccount.name,
  };
  const { effective, irsaRoleArn, podIdentityRoleArns } = report.binding;
  if (effective === 'irsa' && irsaRoleArn) {
    return {
      kind: 'web-identity',
      roleArn: irsaRoleArn,
      audience: irsaTokenAudience(serviceAccount.annotations).audience,
      tokenExpirationSeconds: TOKEN_EXPIRATION_BOUNDS.minSeconds,
      sessionDurationSeconds: LIVE_PROOF_SESSION_SECONDS,
      sessionPolicy: DENY_ALL_SESSION_POLICY,
    };
  }
  if (effective === 'pod-identity') {
    return { kind: 'answered', result: podIdentityProof(report, target, podIdentityRoleArns[0]) };
  }
  return {
    kind: 'answered',
    result: {
      target,
      via: 'none',
      outcome: 'not-provable',
      message: `Nothing to prove: ${target.namespace}/${target.serviceAccount} on ${target.cluster} has no IRSA annotation and no Pod Identity association.`,
    },
  };
}

/**
 * Pod Identity's proof is the engine's: the EKS Pod Identity Agent's
 * `AssumeRoleForPodIdentity` takes a token only from inside a pod on the node, so no call from
 * the backend can stand in for it. What can be shown is that the association exists and that
 * the role chain admits `pods.eks.amazonaws.com` (sts:AssumeRole and sts:TagSession).
 */
function podIdentityProof(
  report: IdentityReport,
  target: LiveProofTarget,
  roleArn: string | undefined,
): Omit<LiveProofResult, 'at' | 'trigger'> {
  const honest =
    "EKS Pod Identity cannot be proved live from outside a pod (the Pod Identity Agent's AssumeRoleForPodIdentity only answers pods on the node)";
  const assessment = report.roles.find(r => r.via === 'pod-identity' && r.arn === roleArn);
  const base = { target, via: 'pod-identity' as const, roleArn };
  if (!assessment || assessment.exists === undefined) {
    return { ...base, outcome: 'not-provable', message: `${honest}, and the role's account was not read completely, so the chain cannot be evaluated.` };
  }
  if (assessment.exists === false) {
    return { ...base, outcome: 'not-provable', message: `${honest}; the association names role ${roleArn}, which does not exist.` };
  }
  const chains = assessment.podIdentityChains ?? [];
  const failing = chains.find(c => c.allowed === false);
  const trustAdmits = assessment.trust?.allowed === true;
  if (!trustAdmits || failing) {
    const why = failing?.hops[failing.failingHop ?? 0]
      ? `the chain is denied at hop ${(failing.failingHop ?? 0) + 1}`
      : assessment.trust?.explanation ?? "the role's trust does not admit pods.eks.amazonaws.com";
    return { ...base, outcome: 'not-provable', message: `${honest}. Evaluated instead: role ${roleArn} would be refused: ${why}.` };
  }
  return {
    ...base,
    outcome: 'evaluated',
    message: `${honest}. Evaluated instead: the association exists and the trust of role ${roleArn} admits pods.eks.amazonaws.com (sts:AssumeRole and sts:TagSession) for this service account.`,
  };
}
