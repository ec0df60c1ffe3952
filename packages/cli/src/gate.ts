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
import { SEVERITIES, Severity } from '@internal/plugin-aws-identity-common';
import { CommandOutcome, OptionDefinition } from './command';

/**
 * `--fail-on` levels: a severity (fail on findings at or above it, and on a denied verdict) or
 * `deny` (fail on a denied verdict only).
 *
 * @public
 */
export const FAIL_ON_LEVELS = ['critical', 'high', 'medium', 'low', 'deny'] as const;

/** @public */
export type FailOnLevel = (typeof FAIL_ON_LEVELS)[number];

/** @public */
export const FAIL_ON_OPTION: OptionDefinition = {
  name: 'fail-on',
  value: 'LEVEL',
  choices: FAIL_ON_LEVELS,
  description:
    'exit 1 on a denied verdict, or (for a severity) on findings at or above it; default: never',
};

/**
 * Why a command's outcome fails the gate, or `undefined` when it passes. A denial fails at every
 * level: it is worse than any finding, and a pipeline that asks to gate at all must not let it by.
 *
 * @public
 */
export function gateFailure(outcome: CommandOutcome, level: FailOnLevel): string | undefined {
  const reasons: string[] = [];
  if (outcome.denied) reasons.push('the verdict is DENIED');
  if (level !== 'deny') {
    const threshold = SEVERITIES.indexOf(level as Severity);
    const counts = new Map<Severity, number>();
    for (const finding of outcome.findings ?? []) {
      if (SEVERITIES.indexOf(finding.severity) <= threshold) {
        counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
      }
    }
    if (counts.size > 0) {
      const parts = SEVERITIES.filter(s => counts.has(s)).map(s => `${counts.get(s)} ${s}`);
      reasons.push(`findings at or above ${level}: ${parts.join(', ')}`);
    }
  }
  return reasons.length > 0 ? `failing (--fail-on ${level}): ${reasons.join('; ')}` : undefined;
}
