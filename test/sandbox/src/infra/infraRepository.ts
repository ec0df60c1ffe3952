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


import { roleTags } from '@internal/plugin-aws-identity-common';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fixed identity: the sandbox's git commands must not depend on the user's git config. */
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'aws-identity sandbox',
  GIT_AUTHOR_EMAIL: 'sandbox@aws-identity.invalid',
  GIT_COMMITTER_NAME: 'aws-identity sandbox',
  GIT_COMMITTER_EMAIL: 'sandbox@aws-identity.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();
}

/**
 * Creates the sandbox's infrastructure repository: a local bare repository with one commit on
 * `main`, standing in for the platform team's IaC repository that approved requests are
 * delivered to.
 */
export function createInfraRepository(path: string): string {
  if (existsSync(path)) return path;
  git(dirname(path), 'init', '--quiet', '--bare', '--initial-branch=main', path);
  const work = mkdtempSync(join(tmpdir(), 'aws-identity-infra-'));
  try {
    git(work, 'clone', '--quiet', path, '.');
    writeFileSync(
      join(work, 'README.md'),
      '# infrastructure (sandbox)\n\nApproved aws-identity role requests arrive here as branches `aws-identity/request-<id>`.\n',
    );
    git(work, 'add', 'README.md');
    git(work, 'commit', '--quiet', '-m', 'initial');
    git(work, 'push', '--quiet', 'origin', 'HEAD:main');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return path;
}

/**
 * Merges every delivered request branch into `main`, as reviewers would merge the pull
 * requests. Returns the merged branch names.
 */
export function mergeRequestBranches(path: string): string[] {
  const branches = git(path, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/aws-identity/')
    .split('\n')
    .filter(Boolean);
  if (branches.length === 0) return [];
  const work = mkdtempSync(join(tmpdir(), 'aws-identity-infra-'));
  try {
    git(work, 'clone', '--quiet', path, '.');
    const merged: string[] = [];
    for (const branch of branches) {
      const unmerged = git(work, 'rev-list', '--count', `main..origin/${branch}`) !== '0';
      if (!unmerged) continue;
      git(work, 'merge', '--quiet', '--no-ff', '--no-edit', `origin/${branch}`);
      merged.push(branch);
    }
    if (merged.length > 0) git(work, 'push', '--quiet', 'origin', 'HEAD:main');
    return merged;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One role as the rendered files on `main` describe it. */
export interface PlannedRoleFiles {
  roleArn: string;
  /** The tags the rendered code gives the role (`roleTags` of the plan). */
  tags: Record<string, string>;
  trustPolicy: unknown;
  permissionPolicy: unknown;
}

/** Reads every rendered role on `main` (`<dir>/aws-identity-plan.json` and its policies). */
export function readPlannedRoles(path: string): PlannedRoleFiles[] {
  const work = mkdtempSync(join(tmpdir(), 'aws-identity-infra-'));
  try {
    git(work, 'clone', '--quiet', '--depth', '1', '--branch', 'main', path, '.');
    const plans = git(work, 'ls-files', '*aws-identity-plan.json').split('\n').filter(Boolean);
    return plans.map(planFile => {
      const folder = join(work, dirname(planFile));
      const plan = JSON.parse(readFileSync(join(work, planFile), 'utf8')) as {
        roleArn: string;
        request?: Parameters<typeof roleTags>[0]['input'];
      };
      return {
        roleArn: plan.roleArn,
        // A plan file without its request (hand-written) names no tags.
        tags: plan.request ? roleTags({ input: plan.request }) : {},
        trustPolicy: JSON.parse(readFileSync(join(folder, 'policies', 'trust-policy.json'), 'utf8')),
        permissionPolicy: JSON.parse(readFileSync(join(folder, 'policies', 'permission-policy.json'), 'utf8')),
      };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
