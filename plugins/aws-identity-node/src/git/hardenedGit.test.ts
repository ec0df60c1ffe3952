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
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hardenedGitEnvironment, runHardenedGit } from './hardenedGit';

describe('runHardenedGit', () => {
  let root: string;
  let repo: string;
  let home: string;
  const author = { name: 'aws-identity', email: 'aws-identity@example.com' };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'aws-identity-hardened-git-'));
    repo = join(root, 'repo');
    home = join(root, 'home');
    mkdirSync(repo);
    mkdirSync(home);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('ignores the global configuration of HOME and XDG (githooks(5), git-config(1) FILES)', async () => {
    writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = from-global\n[alias]\n\tst = status\n');
    await runHardenedGit(['init', '--quiet'], { cwd: repo, home, author });
    await expect(runHardenedGit(['config', '--get', 'user.name'], { cwd: repo, home })).rejects.toThrow();
    await expect(runHardenedGit(['st'], { cwd: repo, home })).rejects.toThrow(/st/);
  });

  it('runs no hooks, even ones the repository configures', async () => {
    await runHardenedGit(['init', '--quiet'], { cwd: repo, home, author });
    const marker = join(root, 'hook-ran');
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    mkdirSync(join(repo, '.git', 'hooks'), { recursive: true });
    writeFileSync(hook, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(hook, 0o755);
    execFileSync('git', ['config', 'core.hooksPath', join(repo, '.git', 'hooks')], { cwd: repo });
    writeFileSync(join(repo, 'a.txt'), 'a\n');
    await runHardenedGit(['add', 'a.txt'], { cwd: repo, home, author });
    await runHardenedGit(['commit', '--quiet', '-m', 'a'], { cwd: repo, home, author });
    expect(existsSync(marker)).toBe(false);
    expect(await runHardenedGit(['log', '-1', '--format=%an <%ae>'], { cwd: repo, home })).toBe(
      'aws-identity <aws-identity@example.com>',
    );
  });

  it('asks no credential helper and never prompts when a remote wants credentials (gitcredentials(7))', async () => {
    const env = hardenedGitEnvironment({ home });
    expect(env).toMatchObject({ GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', HOME: home });
    await runHardenedGit(['init', '--quiet'], { cwd: repo, home });
    const marker = join(root, 'helper-ran');
    execFileSync('git', ['config', 'credential.helper', `!f() { touch ${marker}; echo username=u; echo password=p; }; f`], { cwd: repo });
    // A smart-HTTP remote that answers 401 makes git ask its credential helpers, then the terminal.
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="infra"' });
      res.end();
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      await expect(runHardenedGit(['ls-remote', `http://127.0.0.1:${port}/infra.git`], { cwd: repo, home })).rejects.toThrow(
        /ls-remote failed/,
      );
    } finally {
      server.close();
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('keeps the credentials of a remote out of its error messages', async () => {
    const remote = `https://user:s3cr3t-token@127.0.0.1:9/acme/infra.git`;
    await runHardenedGit(['init', '--quiet'], { cwd: repo, home });
    const failure = runHardenedGit(['ls-remote', remote], { cwd: repo, home, secrets: [remote] });
    await expect(failure).rejects.toThrow(/ls-remote failed/);
    await expect(failure).rejects.not.toThrow(/s3cr3t-token/);
  });
});
