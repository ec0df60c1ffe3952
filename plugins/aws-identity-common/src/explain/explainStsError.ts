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
import { Finding, RemediationSnippet } from '../domain/types';
import { IdentityReport, RoleAssessment } from '../report/types';
import {
  ClassifiedStsError,
  StsErrorKind,
  classifyStsError,
} from './classifyStsError';

/**
 * One reason, taken from the service account's report, why the error happens.
 *
 * @public
 */
export interface StsErrorCause {
  text: string;
  /** The finding the cause comes from, when it is one. */
  findingId?: string;
  /** The trust-policy statement whose failed condition is the cause, when it is one. */
  statementIndex?: number;
  /** Copyable fix, as the finding's check rendered it. */
  remediation?: RemediationSnippet[];
}

/**
 * What an STS or SDK error means for one service account.
 *
 * @public
 */
export interface StsErrorExplanation {
  error: ClassifiedStsError;
  /** What AWS documents the error to mean, in one sentence. */
  meaning: string;
  /** The role the pods are meant to get on the path the error is about. */
  roleArn?: string;
  /** Why it happens for this service account, computed from its report; empty when the report shows no cause. */
  causes: StsErrorCause[];
  /** What to do next, most important first. */
  nextSteps: string[];
}

// Meanings follow the STS API reference (AssumeRoleWithWebIdentity, AssumeRole errors), the
// EKS Auth API reference (AssumeRoleForPodIdentity) and the SDKs' credential-provider docs.
const MEANING: Record<StsErrorKind, string> = {
  'no-oidc-provider':
    "STS could not validate the pod's token because the role's account has no IAM OIDC provider for the token's issuer.",
  'incorrect-audience':
    "STS rejected the token because its audience (aud) is not a client ID of the account's OIDC provider.",
  'invalid-identity-token':
    'STS could not validate the web identity token the pod presented.',
  'web-identity-denied':
    "STS validated the token, but the role's trust policy does not allow sts:AssumeRoleWithWebIdentity for it (or the role does not exist).",
  'pod-identity-denied':
    'EKS Pod Identity could not assume the role: its trust policy must allow pods.eks.amazonaws.com both sts:AssumeRole and sts:TagSession.',
  'expired-token':
    'The web identity token, or the temporary credentials obtained with it, had expired when used.',
  'idp-communication':
    "STS could not reach the token's issuer to verify it; AWS documents this as often transient.",
  'packed-policy-too-large':
    'The session policies and session tags of the request exceed the packed size STS accepts.',
  'denied-as-user':
    'The call was signed by an IAM user, not by a role session: the pod used long-lived keys (environment, a Secret, or a credentials file) that come before the role in the SDK credential chain.',
  'no-credentials':
    "The SDK's default credential chain found no credentials: no environment keys, no web identity token, no container credentials, and no reachable instance profile.",
  unrecognised:
    'This text does not contain an STS or AWS SDK credential error the decoder knows (InvalidIdentityToken, AccessDenied on AssumeRoleWithWebIdentity / AssumeRole / TagSession, ExpiredToken, IDPCommunicationError, PackedPolicyTooLarge, or a credential-chain failure).',
};

type Path = 'irsa' | 'pod-identity';

/** The path pods take, as `resolveBinding()` decided it for the report. */
function intendedPath(report: IdentityReport): Path | undefined {
  const { effective } = report.binding;
  return effective === 'none' ? undefined : effective;
}

const findingCause = (f: Finding): StsErrorCause => ({
  text: `${f.id}: ${f.message}`,
  findingId: f.id,
  remediation: f.remediation,
});

function findingCauses(report: IdentityReport, ids: string[]): StsErrorCause[] {
  return report.findings.filter(f => ids.includes(f.id)).map(findingCause);
}

/** Why the engine's trust evaluation denies, statement by statement, optionally only for one condition key suffix. */
function trustCauses(
  assessment: RoleAssessment,
  keySuffix?: string,
): StsErrorCause[] {
  if (assessment.exists === false)
    return [{ text: `Role ${assessment.arn} does not exist.` }];
  if (assessment.trustError)
    return [
      {
        text: `The trust policy of ${assessment.arn} is invalid: ${assessment.trustError}`,
      },
    ];
  const trust = assessment.trust;
  if (!trust || trust.allowed) return [];
  const causes: StsErrorCause[] = [];
  for (const evaluation of trust.evaluations.filter(e => !e.allowed)) {
    if (evaluation.decision === 'explicit-deny') {
      for (const s of evaluation.deciding) {
        causes.push({
          text: `${evaluation.action}: statement ${s.index} denies it (${s.reason}).`,
          statementIndex: s.index,
        });
      }
      continue;
    }
    const allows = evaluation.statements.filter(s => s.effect === 'Allow');
    if (allows.length === 0)
      causes.push({
        text: `${evaluation.action}: no statement of the trust policy allows it.`,
      });
    for (const s of allows) {
      const failed = s.conditions.find(c => !c.result);
      if (keySuffix && !failed?.key.toLowerCase().endsWith(keySuffix)) continue;
      causes.push({
        text: `${evaluation.action}: statement ${s.index} does not apply: ${
          failed ? `condition failed: ${failed.reason}` : s.reason
        }.`,
        statementIndex: s.index,
      });
    }
  }
  return causes;
}

/** Pods on the intended path that were not injected, from the observed effective identity. */
function injectionCauses(report: IdentityReport, path: Path): StsErrorCause[] {
  const e = report.effectiveIdentity;
  if (e.basis !== 'observed-pods' || !e.pods) return [];
  const injected = path === 'irsa' ? e.pods.irsa : e.pods.podIdentity;
  const total =
    e.pods.staticKeys + e.pods.irsa + e.pods.podIdentity + e.pods.nodeRole;
  if (injected === total) return [];
  return [
    {
      text: `${
        total - injected
      } of ${total} running pods were not injected for ${path}: ${
        e.explanation
      }`,
    },
  ];
}

const assessmentOf = (report: IdentityReport, path: Path) =>
  report.roles.find(r => r.via === path);

function causesFor(
  kind: StsErrorKind,
  report: IdentityReport,
  error: ClassifiedStsError,
): { causes: StsErrorCause[]; path?: Path } {
  const path = intendedPath(report);
  const irsa = assessmentOf(report, 'irsa');
  const pid = assessmentOf(report, 'pod-identity');
  const notOnIrsa =
    path !== 'irsa'
      ? [
          {
            text:
              path === undefined
                ? 'The service account has no IRSA annotation, so its pods should not be calling AssumeRoleWithWebIdentity with this role.'
                : 'The service account is bound through EKS Pod Identity, which takes precedence: pods should not be using IRSA.',
          },
        ]
      : [];
  switch (kind) {
    case 'no-oidc-provider': {
      const t06 = findingCauses(report, ['IRSA-T06']);
      const issuer = error.issuer
        ? [{ text: `The error names issuer ${error.issuer}.` }]
        : [];
      return {
        causes: [...t06, ...(t06.length ? issuer : []), ...notOnIrsa],
        path: 'irsa',
      };
    }
    case 'incorrect-audience':
      return {
        causes: [
          ...findingCauses(report, ['IRSA-B09', 'RUN-05']),
          ...(irsa ? trustCauses(irsa, ':aud') : []),
          ...notOnIrsa,
        ],
        path: 'irsa',
      };
    case 'invalid-identity-token':
      return {
        causes: [
          ...findingCauses(report, [
            'IRSA-T06',
            'IRSA-B09',
            'IRSA-B08',
            'RUN-05',
            'RUN-06',
          ]),
          ...notOnIrsa,
        ],
        path: 'irsa',
      };
    case 'web-identity-denied':
      return {
        causes: [
          ...(irsa ? trustCauses(irsa) : []),
          ...findingCauses(report, [
            'IRSA-B01',
            'IRSA-B04',
            'IRSA-T05',
            'IRSA-T09',
          ]),
          ...notOnIrsa,
        ],
        path: 'irsa',
      };
    case 'pod-identity-denied':
      return {
        causes: [
          ...(pid ? trustCauses(pid) : []),
          ...findingCauses(report, ['PID-01', 'PID-04']),
          ...(pid
            ? []
            : [
                {
                  text: 'The service account has no EKS Pod Identity association.',
                },
              ]),
        ],
        path: 'pod-identity',
      };
    case 'expired-token':
      return {
        causes: [
          ...findingCauses(report, ['IRSA-B08', 'IRSA-B05', 'RUN-04']),
          ...(report.effectiveIdentity.source === 'static-keys'
            ? [
                {
                  text: `The pods use static keys from their environment, which no SDK refreshes: ${report.effectiveIdentity.explanation}`,
                },
              ]
            : []),
        ],
        path,
      };
    case 'idp-communication':
      return { causes: [...notOnIrsa], path: 'irsa' };
    case 'packed-policy-too-large':
      return { causes: [], path };
    case 'no-credentials':
      if (path === undefined)
        return {
          causes: [
            { text: report.verdictReasons.join(' ') },
            { text: report.effectiveIdentity.explanation },
          ],
        };
      return {
        causes: [
          ...injectionCauses(report, path),
          ...findingCauses(report, [
            'IRSA-B04',
            'IRSA-B01',
            'RUN-01',
            'RUN-02',
            'RUN-03',
            'RUN-04',
          ]),
        ],
        path,
      };
    case 'denied-as-user':
      return {
        causes: [
          ...findingCauses(report, ['RUN-04', 'IRSA-B05']),
          ...(report.effectiveIdentity.source === 'static-keys'
            ? [{ text: report.effectiveIdentity.explanation }]
            : []),
        ],
        path,
      };
    default:
      return { causes: [], path };
  }
}

function nextStepsFor(
  kind: StsErrorKind,
  report: IdentityReport,
  causes: StsErrorCause[],
  path: Path | undefined,
): string[] {
  const fixes = report.findings
    .filter(f => causes.some(c => c.findingId === f.id))
    .map(f => f.fix);
  const steps = [...new Set(fixes)];
  const trustCause = causes.some(c => c.statementIndex !== undefined);
  if (trustCause)
    steps.push(
      'Change the trust policy so that the failing statement admits this service account (see the conditions above).',
    );
  if (causes.length === 0 && kind !== 'unrecognised') {
    steps.push(
      `The report shows no cause for this service account (verdict ${report.verdict}): check that the error comes from a pod of ${report.serviceAccount.namespace}/${report.serviceAccount.name} in cluster ${report.serviceAccount.cluster}, and which role ARN it names.`,
    );
  }
  switch (kind) {
    case 'expired-token':
      steps.push(
        'Use an SDK version that re-reads the projected token file; the kubelet rotates the token before it expires, so a process holding an old copy fails.',
      );
      break;
    case 'idp-communication':
      steps.push(
        'Retry with backoff a limited number of times; if it persists, check that the issuer URL is reachable from the internet (STS fetches its discovery document and keys).',
      );
      break;
    case 'packed-policy-too-large':
      steps.push(
        path === 'pod-identity'
          ? "Shorten the association's session policy, or disable its session tags (EKS adds six)."
          : 'Shorten the session policy or session tags the application passes when it assumes the role.',
      );
      break;
    case 'no-credentials':
      if (path && causes.length > 0)
        steps.push(
          'Restart the workloads (kubectl rollout restart) so the webhook injects them, and check the pod identity webhook is healthy.',
        );
      break;
    case 'unrecognised':
      steps.push(
        'Paste the full error message, including the error code and the operation name.',
      );
      break;
    default:
  }
  return steps;
}

/**
 * Explains an STS or SDK credential error for the service account a report is about: which
 * condition of the trust failed, which provider is missing, whether pods were injected and
 * what to do next, all read from the report. Pure; unrecognised text says so.
 *
 * @public
 */
export function explainStsError(
  text: string,
  report: IdentityReport,
): StsErrorExplanation {
  const error = classifyStsError(text);
  const { causes, path } = causesFor(error.kind, report, error);
  const role = path ? assessmentOf(report, path) : undefined;
  return {
    error,
    meaning: MEANING[error.kind],
    roleArn: role?.arn ?? error.roleArn,
    causes,
    nextSteps: nextStepsFor(error.kind, report, causes, path),
  };
}
