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

import { ExpectationTable } from '../expectations';
import { scenarios } from './scenarios';

/** Builds the expectation table from the scenarios (the committed JSON must equal this). */
export function buildExpectationTable(): ExpectationTable {
  const entities: ExpectationTable['entities'] = {};
  for (const s of scenarios) {
    const ref = `component:default/${s.component}`;
    entities[ref] = [
      ...(entities[ref] ?? []),
      ...s.expectations.map(e => ({
        cluster: e.cluster,
        namespace: e.namespace,
        serviceAccount: e.serviceAccount,
        binding: e.binding,
        ...(e.effectiveRoleArn ? { effectiveRoleArn: e.effectiveRoleArn } : {}),
        verdict: e.verdict,
        findings: [...e.findings].sort(),
        optionalFindings: [...(e.optionalFindings ?? [])].sort(),
        rationale: e.rationale,
        ...(e.permissions ? { permissions: e.permissions } : {}),
        scenario: s.id,
      })),
    ];
  }
  return {
    version: 1,
    description:
      'Expected aws-identity results for the sandbox seeds. For each service account: verdict must match; ' +
      'reported finding ids must include every id in `findings` and nothing outside `findings` ∪ `optionalFindings`. ' +
      'Generated from test/sandbox/src/seeds/scenarios.ts by `yarn sandbox expectations`.',
    entities,
  };
}
