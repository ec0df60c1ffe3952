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
import { Finding } from '../domain/types';
import { ParsedPolicy } from '../policy/types';
import { renderRemediation } from '../remediation/renderRemediation';
import {
  TrustDecision,
  evaluateIrsaTrust,
  evaluatePodIdentityTrust,
} from '../evaluate/workloadRequests';
import { createTrustCheckContext, trustChecks } from './trustChecks';
import { runChecks } from './types';

/**
 * Who asks to assume a role: a service account through IRSA (its cluster's OIDC issuer) or
 * through EKS Pod Identity (its EKS cluster). Values are already validated (`normalizeIssuer`,
 * `parseArn`); each surface words its own errors.
 *
 * @public
 */
export type TrustSubject =
  | {
      via: 'irsa';
      /** Issuer `host/path` (see `normalizeIssuer`). */
      issuerHostPath: string;
      namespace: string;
      serviceAccount: string;
      /** Token audience; STS's default for IRSA when absent. */
      audience?: string;
    }
  | {
      via: 'pod-identity';
      cluster: { arn: string; name: string; accountId: string; region: string };
      namespace: string;
      serviceAccount: string;
    };

/**
 * What the engine says of a trust policy for one subject: the evaluator's decision and the
 * trust checks' findings (with rendered fixes).
 *
 * @public
 */
export interface TrustAssessment {
  decision: TrustDecision;
  findings: Finding[];
}

/**
 * Evaluates a trust policy for a subject and runs the trust checks against it, as the CLI's
 * `trust` command and the backend's `evaluate-trust` action both answer "may this service
 * account assume a role with this trust, and what is wrong with it?".
 *
 * @public
 */
export function assessTrustPolicy(input: {
  policy: ParsedPolicy;
  /** The role's account, which holds the OIDC provider an IRSA trust names. */
  roleAccountId: string;
  /** How findings name the role (its ARN, or a description such as `role in 111122223333`). */
  roleRef: string;
  subject: TrustSubject;
  /** The account's `AssumeRolePolicySizeQuota`; IAM's default when absent. */
  trustPolicyQuota?: number;
}): TrustAssessment {
  const { policy, roleAccountId, roleRef, subject } = input;
  const target =
    subject.via === 'irsa'
      ? {
          issuerHostPath: subject.issuerHostPath,
          namespace: subject.namespace,
          serviceAccount: subject.serviceAccount,
          audience: subject.audience,
        }
      : undefined;
  const decision =
    subject.via === 'irsa'
      ? evaluateIrsaTrust(policy, { ...target!, accountId: roleAccountId })
      : evaluatePodIdentityTrust(policy, {
          accountId: subject.cluster.accountId,
          clusterArn: subject.cluster.arn,
          clusterName: subject.cluster.name,
          namespace: subject.namespace,
          serviceAccount: subject.serviceAccount,
        });
  const findings = runChecks(
    trustChecks,
    createTrustCheckContext({
      roleArn: roleRef,
      roleAccountId,
      policy,
      target,
      via: subject.via,
      cluster:
        subject.via === 'pod-identity'
          ? { arn: subject.cluster.arn, region: subject.cluster.region }
          : undefined,
      trustPolicyQuota: input.trustPolicyQuota,
    }),
    { kind: 'role', ref: roleRef },
    renderRemediation,
  );
  return { decision, findings };
}
