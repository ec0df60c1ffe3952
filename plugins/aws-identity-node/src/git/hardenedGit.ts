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
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { redactUrlCredentials } from './redactUrlCredentials';

const run = promisify(execFile);

/**
 * Where and as whom a hardened git command runs.
 *
 * @public
 */
export interface HardenedGitOptions {
  /** Working directory of the command. */
  cwd: string;
  /**
   * `HOME` of the command: an otherwise empty directory the caller owns. Never a work tree
   * whose content came from a repository (a `.netrc` there would be read by git's HTTP client).
   */
  home: string;
  /** Author and committer of commits the command makes. */
  author?: { name: string; email: string };
  /** Remote URLs whose credentials must not appear in an error message. */
  secrets?: string[];
}

/**
 * Configuration passed on the command line of every hardened git call: no hooks, no
 * credential helpers, no file-system monitor, no `ext::` transport, and no interactive
 * questions. Command-line `-c` wins over every configuration file git could still read.
 */
const HARDENED_CONFIG = [
  'core.hooksPath=/dev/null',
  // An empty value resets the list, so no helper from anywhere answers for credentials.
  'credential.helper=',
  'core.fsmonitor=false',
  'core.askPass=',
  'protocol.ext.allow=never',
  'init.templateDir=',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
];

/**
 * The environment of a hardened git call: only `PATH`, the caller's `HOME`, what SSH needs to
 * reach an agent, and proxies; no system or global configuration, no prompts.
 *
 * @public
 */
export function hardenedGitEnvironment(options: Pick<HardenedGitOptions, 'home' | 'author'>): NodeJS.ProcessEnv {
  const passThrough = ['SSH_AUTH_SOCK', 'GIT_SSH_COMMAND', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: options.home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    // ssh must not ask either: a missing key fails instead of hanging the delivery.
    SSH_ASKPASS_REQUIRE: 'never',
  };
  for (const name of passThrough) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  if (options.author) {
    env.GIT_AUTHOR_NAME = options.author.name;
    env.GIT_AUTHOR_EMAIL = options.author.email;
    env.GIT_COMMITTER_NAME = options.author.name;
    env.GIT_COMMITTER_EMAIL = options.author.email;
  }
  return env;
}

/**
 * Runs `git` with {@link hardenedGitEnvironment} and the hardened command-line configuration,
 * returning its trimmed standard output. The one way aws-identity runs git (the backend's git
 * delivery and the scaffolder's `aws-identity:git:publish`). A failure's message has the
 * credentials of `secrets` removed.
 *
 * @public
 */
export async function runHardenedGit(args: string[], options: HardenedGitOptions): Promise<string> {
  const config = HARDENED_CONFIG.flatMap(entry => ['-c', entry]);
  try {
    const { stdout } = await run('git', [...config, ...args], {
      cwd: options.cwd,
      env: hardenedGitEnvironment(options),
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim();
  } catch (error) {
    throw new Error(redactAll(`git ${args[0] ?? ''} failed: ${(error as Error).message}`, options.secrets ?? []));
  }
}

function redactAll(text: string, secrets: string[]): string {
  let result = text;
  for (const secret of secrets) {
    const redacted = redactUrlCredentials(secret);
    if (redacted !== secret) result = result.split(secret).join(redacted);
  }
  // Whatever else looks like credentials in a URL (git may print a normalised form).
  return result.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1');
}
