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
  FailMode,
  Finding,
  FindingSubject,
  FlaggedActions,
  RemediationSnippet,
  Severity,
  TrustAdmission,
} from '../domain/types';
import { StructuredFix } from './structuredFix';

/**
 * Which input a check reads.
 *
 * @public
 */
export type CheckCategory =
  | 'trust'
  | 'binding'
  | 'permission'
  | 'pod-identity'
  | 'runtime'
  | 'request'
  | 'usage';

/**
 * The static description of a check: what the catalogue says about it.
 *
 * @public
 */
export interface CheckMetadata {
  /** Catalogue id from security.md, e.g. `IRSA-T01`. */
  id: string;
  category: CheckCategory;
  title: string;
  /** Default severity; a hit may raise or lower it with a reason. */
  severity: Severity;
  /** Default fail mode; a hit may override it. */
  failMode: FailMode;
  /** Why this matters, for people who have not read the catalogue. */
  explanation: string;
  /** The general fix; hits add specifics. */
  fix: string;
}

/**
 * One instance of a problem a check found.
 *
 * @public
 */
export interface CheckHit {
  message: string;
  subject: FindingSubject;
  severity?: Severity;
  failMode?: FailMode;
  /** A fix specific to this instance; defaults to the check's fix. */
  fix?: string;
  /**
   * The fix as data (what to change, with this instance's values), when there is a mechanical
   * one; the engine renders it into the finding's `remediation`.
   */
  structuredFix?: StructuredFix;
  /** Trust checks: whom this instance admits besides the intended service account. */
  admits?: TrustAdmission;
  /** Permission checks: the actions this instance flags, with their statement. */
  flaggedActions?: FlaggedActions;
  /** Request checks: the recorded request this instance is about (see `Finding.requestId`). */
  requestId?: string;
}

/**
 * A check: metadata plus a pure function over its category's context.
 *
 * @public
 */
export interface Check<Context> extends CheckMetadata {
  run(context: Context): CheckHit[];
  /**
   * The structured fix every hit of this check gets in this context, unless the hit carries its
   * own; undefined when the context lacks what a mechanical fix needs.
   */
  structuredFix?(context: Context): StructuredFix | undefined;
}

/**
 * Renders a structured fix into snippets (the engine's `renderRemediation`). Passed in by the
 * layer above the checks, so that checks stay free of generators and renderers.
 *
 * @public
 */
export type RemediationRenderer = (fix: StructuredFix) => RemediationSnippet[];

/**
 * Turns a hit into a {@link Finding}; with a renderer, its structured fix becomes the finding's
 * `remediation`.
 *
 * @internal
 */
export function toFinding(
  check: CheckMetadata,
  hit: CheckHit,
  renderRemediation?: RemediationRenderer,
): Finding {
  const finding: Finding = {
    id: check.id,
    severity: hit.severity ?? check.severity,
    failMode: hit.failMode ?? check.failMode,
    title: check.title,
    subject: hit.subject,
    message: hit.message,
    fix: hit.fix ?? check.fix,
  };
  if (hit.admits) finding.admits = hit.admits;
  if (hit.flaggedActions) finding.flaggedActions = hit.flaggedActions;
  if (hit.requestId) finding.requestId = hit.requestId;
  if (hit.structuredFix && renderRemediation) {
    const remediation = renderedOrNone(renderRemediation, hit.structuredFix);
    if (remediation.length > 0) finding.remediation = remediation;
  }
  return finding;
}

// A snippet that cannot be rendered must not cost the finding itself: its text fix still stands.
function renderedOrNone(
  render: RemediationRenderer,
  fix: StructuredFix,
): RemediationSnippet[] {
  try {
    return render(fix);
  } catch {
    return [];
  }
}

/**
 * Runs checks over one context. A check that throws becomes a finding of its
 * own instead of hiding the others: a bug in one rule must not turn a report
 * green.
 *
 * @public
 */
export function runChecks<Context>(
  checks: ReadonlyArray<Check<Context>>,
  context: Context,
  fallbackSubject: FindingSubject,
  renderRemediation?: RemediationRenderer,
): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    try {
      const hits = check.run(context);
      const shared =
        hits.length > 0 ? check.structuredFix?.(context) : undefined;
      for (const hit of hits) {
        const structuredFix = hit.structuredFix ?? shared;
        findings.push(
          toFinding(check, { ...hit, structuredFix }, renderRemediation),
        );
      }
    } catch (error) {
      findings.push(
        toFinding(check, {
          subject: fallbackSubject,
          severity: 'info',
          message: `The check could not run: ${String(error)}`,
          fix: 'Report this as a bug in aws-identity.',
        }),
      );
    }
  }
  return findings;
}
