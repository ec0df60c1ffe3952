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
import { FailMode, Finding, FindingSubject, Severity } from '../domain/types';

/**
 * Which input a check reads.
 *
 * @public
 */
export type CheckCategory = 'trust' | 'binding' | 'permission' | 'pod-identity';

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
}

/**
 * A check: metadata plus a pure function over its category's context.
 *
 * @public
 */
export interface Check<Context> extends CheckMetadata {
  run(context: Context): CheckHit[];
}

/**
 * Turns a hit into a {@link Finding}.
 *
 * @public
 */
export function toFinding(check: CheckMetadata, hit: CheckHit): Finding {
  return {
    id: check.id,
    severity: hit.severity ?? check.severity,
    failMode: hit.failMode ?? check.failMode,
    title: check.title,
    subject: hit.subject,
    message: hit.message,
    fix: hit.fix ?? check.fix,
  };
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
): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    try {
      for (const hit of check.run(context))
        findings.push(toFinding(check, hit));
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
