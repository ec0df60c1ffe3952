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
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The CLI as a pipeline installs it: `npm pack` tarballs of the CLI and the engine, unpacked into
// a node_modules of their own, run with plain Node (no TypeScript transform, no workspace).
jest.setTimeout(300_000);

const repo = path.resolve(__dirname, '../../..');
const yarn = (cwd: string, ...args: string[]) =>
  execFileSync(process.execPath, [path.join(repo, '.yarn/releases', fs.readdirSync(path.join(repo, '.yarn/releases'))[0]), ...args], {
    cwd,
    stdio: 'pipe',
    encoding: 'utf8',
  });

const packages = {
  '@internal/aws-identity-cli': path.join(repo, 'packages/cli'),
  '@internal/plugin-aws-identity-common': path.join(repo, 'plugins/aws-identity-common'),
};

/** Where Node's resolution finds `dep` from one of `dirs` (walking up their node_modules). */
function installedDirOf(dep: string, dirs: string[]): string {
  for (const start of dirs) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', dep);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`${dep} is not installed`);
}

let installed: string;
beforeAll(() => {
  installed = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-identity-packed-'));
  for (const [name, dir] of Object.entries(packages)) {
    yarn(dir, 'build');
    const tarball = path.join(installed, `${name.replace('/', '-')}.tgz`);
    yarn(dir, 'pack', '--out', tarball);
    const target = path.join(installed, 'node_modules', name);
    fs.mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  }
  // Third-party dependencies at the versions the workspace resolved, as a registry install would.
  const third = new Set<string>();
  for (const name of Object.keys(packages)) {
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'node_modules', name, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) if (!(dep in packages)) third.add(dep);
  }
  for (const dep of third) {
    const from = installedDirOf(dep, [packages['@internal/aws-identity-cli'], packages['@internal/plugin-aws-identity-common']]);
    const to = path.join(installed, 'node_modules', dep);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.symlinkSync(from, to);
  }
});
afterAll(() => fs.rmSync(installed, { recursive: true, force: true }));

describe('the published CLI package', () => {
  it('ships its bin and built output only, with the workspace dependency pinned to a version', () => {
    const root = path.join(installed, 'node_modules/@internal/aws-identity-cli');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'aws-identity': 'bin/aws-identity' });
    expect(manifest.main).toBe('dist/index.cjs.js');
    expect(manifest.dependencies['@internal/plugin-aws-identity-common']).toMatch(/^\^\d+\.\d+\.\d+/);
    expect(fs.existsSync(path.join(root, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'dist/index.cjs.js'))).toBe(true);
  });

  it('runs with plain Node: --version, and a trust check with its exit code', () => {
    const bin = path.join(installed, 'node_modules/@internal/aws-identity-cli/bin/aws-identity');
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(packages['@internal/aws-identity-cli'], 'package.json'), 'utf8')).version);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
    });
    const args = ['trust', '--pod-identity', '--cluster-arn', 'arn:aws:eks:eu-west-1:111122223333:cluster/prod', '--policy', '-', '--service-account', 'a/b', '--account', '111122223333'];
    const allowed = spawnSync(process.execPath, [bin, ...args, '--fail-on', 'deny'], { input: policy, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(allowed.stdout).toContain('ALLOWED');
    expect(allowed.status).toBe(0);
  });
});
