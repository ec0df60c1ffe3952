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

// The browser tests share one sandbox and one portal, and run one file at a time. A test that
// changes a seeded scenario for good (the migration moves component sdc from IRSA to EKS Pod
// Identity) must run after every test that reads the scenarios as seeded, whatever order
// Jest's timing cache would pick. The drift spec runs before it too: it drifts a role of the
// seeded component reports (IRSA-R02 on its tab until the spec puts the role back), so it
// follows every spec that reads the tabs as seeded. LAST is in running order.
const Sequencer = require('@jest/test-sequencer').default;

const LAST = ['driftRepair.e2e.test.ts', 'migration.e2e.test.ts'];

class E2eSequencer extends Sequencer {
  async sort(tests) {
    const sorted = [...(await super.sort(tests))];
    const rank = test => LAST.findIndex(name => test.path.endsWith(name)) + 1;
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = E2eSequencer;
