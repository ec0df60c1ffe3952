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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths';
import type { ExpectationSeed } from './seeds/types';

/** Verdict per service account (architecture.md vocabulary). */
export type Verdict = 'verified' | 'broken' | 'risky' | 'not-configured';

/**
 * Expected result for one (cluster, namespace, service account) of an entity: the scenario's
 * {@link ExpectationSeed} as the expectations table holds it.
 */
export interface Expectation extends ExpectationSeed {
  /** Ids that MAY also be reported (judgement calls); anything else is unexpected. */
  optionalFindings: string[];
  /** Scenario id in `src/seeds/scenarios.ts`. */
  scenario: string;
}

/** The whole table: entity ref → expectations. */
export interface ExpectationTable {
  version: 1;
  description: string;
  entities: Record<string, Expectation[]>;
}

/** Path of the committed table. */
export const expectationsFile = join(
  paths.root,
  'test',
  'sandbox',
  'expectations.json',
);

/** Reads `test/sandbox/expectations.json`. */
export function loadExpectations(file = expectationsFile): ExpectationTable {
  return JSON.parse(readFileSync(file, 'utf8')) as ExpectationTable;
}
