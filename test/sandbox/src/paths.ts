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
      throw new Error(`aws-identity sandbox: cannot find the repo root above ${__dirname}`);
    }
    dir = parent;
  }
}

/** Absolute paths used by the sandbox. Everything mutable lives under the git-ignored `.sandbox/`. */
export const paths = (() => {
  const root = findRepoRoot();
  const sandboxHome = process.env.AWS_IDENTITY_SANDBOX_HOME ?? join(root, '.sandbox');
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
