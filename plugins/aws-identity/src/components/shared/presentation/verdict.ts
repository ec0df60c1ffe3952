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

import { Severity, Verdict } from '@internal/plugin-aws-identity-common';

/**
 * How a verdict is worded and coloured for a service developer.
 *
 * @public
 */
export interface VerdictPresentation {
  /** The verdict word, as the API names it (`not configured` for `not-configured`). */
  label: string;
  /** One sentence a developer understands without knowing IAM. */
  headline: string;
  status: 'success' | 'danger' | 'warning' | 'info';
}

const PRESENTATION: Record<Verdict, VerdictPresentation> = {
  verified: {
    label: 'verified',
    headline:
      'Your pods get their AWS role, and the role trusts only this service account.',
    status: 'success',
  },
  broken: {
    label: 'broken',
    headline:
      'Your pods cannot get their AWS role: AWS calls will fail until this is fixed.',
    status: 'danger',
  },
  risky: {
    label: 'risky',
    // The engine calls a working binding risky for any critical or high finding, fail-closed
    // ones included (a policy that grants nothing once session tags are off), and for medium
    // ones that widen access: the headline must fit both, the reasons below say which.
    headline:
      'It works, but a serious problem needs attention: someone else could use this access, or part of what the pods need is denied (see why).',
    status: 'warning',
  },
  'not-configured': {
    label: 'not configured',
    headline: 'No AWS role is bound to this service account.',
    status: 'info',
  },
  unknown: {
    label: 'unknown',
    headline:
      'The AWS account of this role could not be read, so nothing about it can be confirmed right now.',
    status: 'warning',
  },
};

/**
 * Wording and colour of a verdict. Unknown verdicts (a newer backend) are shown as they come.
 *
 * @public
 */
export function presentVerdict(verdict: Verdict | string): VerdictPresentation {
  return (
    PRESENTATION[verdict as Verdict] ?? {
      label: verdict,
      headline: `The backend reports "${verdict}".`,
      status: 'info',
    }
  );
}

/**
 * Text colour for a finding severity.
 *
 * @public
 */
export function severityColor(
  severity: Severity,
): 'danger' | 'warning' | 'info' {
  if (severity === 'critical' || severity === 'high') return 'danger';
  if (severity === 'medium') return 'warning';
  return 'info';
}

/**
 * Whether a finding's copyable remediation starts open: for high and critical findings, which
 * someone in a hurry acts on first; low, medium and info start collapsed so that their code
 * (a trust policy, a Terraform block) does not push the rest of the tab off the screen.
 *
 * @public
 */
export function remediationOpenByDefault(severity: Severity): boolean {
  return severity === 'critical' || severity === 'high';
}

/**
 * Human words for a fail mode (`FailMode`): open widens access (who may assume the role, or
 * what it may do), closed breaks it.
 *
 * @public
 */
export function failModeText(failMode: 'open' | 'closed'): string {
  return failMode === 'open'
    ? 'fails open: widens access beyond what was intended'
    : 'fails closed: breaks access for this workload';
}
