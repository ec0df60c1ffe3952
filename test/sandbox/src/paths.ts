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

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Finds the monorepo root (the folder whose package.json declares workspaces) from this file. */
function findRepoRoot(): string {
  let dir = resolve(__dirname);
  for (;;) {
    if (existsSync(join(dir, 'backstage.json'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `aws-identity sandbox: cannot find the repo root above ${__dirname}`,
      );
    }
    dir = parent;
  }
}

/** Absolute paths used by the sandbox. Everything mutable lives under the git-ignored `.sandbox/`. */
export const paths = (() => {
  const root = findRepoRoot();
  const sandboxHome =
    process.env.AWS_IDENTITY_SANDBOX_HOME ?? join(root, '.sandbox');
  return {
    root,
    sandboxHome,
    bin: join(sandboxHome, 'bin'),
    venv: join(sandboxHome, 'venv'),
    pki: join(sandboxHome, 'pki'),
    runs: join(sandboxHome, 'runs'),
    defaultStateFile: join(sandboxHome, 'state.json'),
    goModules: join(root, 'test', 'sandbox', 'go'),
    catalog: join(root, 'test', 'sandbox', 'catalog'),
    reaper: join(root, 'test', 'sandbox', 'bin', 'reaper.js'),
  };
})();
