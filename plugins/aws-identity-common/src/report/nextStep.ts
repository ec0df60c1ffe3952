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
import { Finding, Verdict } from '../domain/types';
import { BindingPath, breaksBinding } from './bindingBreakers';

/**
 * The single most important thing to do about one service account, as the verdict banner names
 * it: the fix of one finding.
 *
 * @public
 */
export interface NextStep {
  /** Catalogue id of the finding whose fix this is, e.g. `IRSA-B02`. */
  findingId: string;
  /** The finding's title. */
  title: string;
  /** The finding's fix, in words; its copyable remediation is on the finding. */
  fix: string;
  /**
   * `breaks-binding`: this finding is why the pods cannot get their role; `most-severe`: the
   * most severe finding of a binding that works (or of a service account without one).
   */
  reason: 'breaks-binding' | 'most-severe';
}

/**
 * Decides the next step from the verdict and the findings (most severe first, as the report
 * orders them):
 *
 * - `verified`: none; nothing stands in the way.
 * - `broken`: the most severe finding that breaks the binding on the path the pods take
 *   ({@link breaksBinding}); none when the cause has no finding (an invalid cluster issuer,
 *   Pod Identity pods not injected) — the verdict's reasons then say what is wrong.
 * - any other verdict: the most severe finding, if there is one.
 *
 * @public
 */
export function decideNextStep(
  verdict: Verdict,
  findings: readonly Finding[],
  path: BindingPath | undefined,
): NextStep | undefined {
  if (verdict === 'verified') return undefined;
  const step =
    verdict === 'broken'
      ? path && findings.find(f => breaksBinding(f, path))
      : findings[0];
  if (!step) return undefined;
  return {
    findingId: step.id,
    title: step.title,
    fix: step.fix,
    reason: verdict === 'broken' ? 'breaks-binding' : 'most-severe',
  };
}
