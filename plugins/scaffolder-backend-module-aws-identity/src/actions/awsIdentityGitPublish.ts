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
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { runHardenedGit } from '@internal/plugin-aws-identity-node';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { examples } from './awsIdentityGitPublish.examples';

const REPO_NAME = /^[a-z0-9]([a-z0-9._-]{0,98}[a-z0-9])?$/;

/**
 * Settings of {@link createAwsIdentityGitPublishAction}
 * (`awsIdentity.scaffolder.gitPublish`).
 *
 * @public
 */
export interface GitPublishSettings {
  baseDir: string;
  defaultBranch: string;
  authorName: string;
  authorEmail: string;
}

/** Runs git the one hardened way aws-identity runs it, as the configured author. */
function git(args: string[], cwd: string, settings: GitPublishSettings): Promise<string> {
  return runHardenedGit(args, { cwd, home: cwd, author: { name: settings.authorName, email: settings.authorEmail } });
}

/**
 * `aws-identity:git:publish`: publishes the workspace as a new repository to a
 * bare git repository `<baseDir>/<repoName>.git` on the backend host, for the
 * sandbox and demos (no maintained scaffolder action publishes to a plain git
 * remote; production uses `publish:github`). Refuses an existing non-empty
 * repository, like the hosted publishers. The push runs in a checkpoint.
 *
 * @public
 */
export function createAwsIdentityGitPublishAction(options: { settings?: GitPublishSettings }) {
  return createTemplateAction({
    id: 'aws-identity:git:publish',
    description: 'Publishes the workspace to a new bare git repository under a configured local directory.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z => z.string({ description: 'Repository name: lower-case letters, digits, `.`, `_`, `-`.' }),
        sourcePath: z => z.string({ description: 'Workspace sub-directory to publish. Default: the whole workspace.' }).optional(),
        commitMessage: z => z.string({ description: 'Message of the initial commit.' }).optional(),
      },
      output: {
        remoteUrl: z => z.string({ description: '`file://` URL of the bare repository.' }),
        repoContentsUrl: z => z.string({ description: 'Same as remoteUrl (there is no web view).' }),
        commitHash: z => z.string({ description: 'The pushed commit.' }),
      },
    },
    async handler(ctx) {
      const settings = options.settings;
      if (!settings) {
        throw new InputError('aws-identity:git:publish is not configured (awsIdentity.scaffolder.gitPublish.baseDir)');
      }
      const { repoName, commitMessage = 'Initial commit from the aws-identity scaffolder' } = ctx.input;
      if (typeof repoName !== 'string' || !REPO_NAME.test(repoName)) {
        throw new InputError('repoName: 1–100 lower-case letters, digits, `.`, `_` and `-`, starting and ending with a letter or digit');
      }
      if (typeof commitMessage !== 'string' || commitMessage.length > 1000) {
        throw new InputError('commitMessage: at most 1000 characters');
      }
      const source = resolveSafeChildPath(ctx.workspacePath, ctx.input.sourcePath ?? '.');
      const bare = join(resolve(settings.baseDir), `${repoName}.git`);
      const remoteUrl = pathToFileURL(bare).href;
      if (ctx.isDryRun) {
        ctx.output('remoteUrl', remoteUrl);
        ctx.output('repoContentsUrl', remoteUrl);
        ctx.output('commitHash', 'dry-run');
        return;
      }
      const commitHash = await ctx.checkpoint({
        key: `aws-identity.git.publish.${repoName}`,
        fn: async () => {
          if (existsSync(join(source, '.git'))) {
            throw new InputError('sourcePath: the workspace already contains a .git directory');
          }
          if (existsSync(bare) && (await readdir(join(bare, 'refs', 'heads'))).length > 0) {
            throw new InputError(`repoName: repository ${repoName} already exists`);
          }
          await mkdir(bare, { recursive: true });
          await git(['init', '--bare', '--template=', '-b', settings.defaultBranch, bare], settings.baseDir, settings);
          await git(['init', '--template=', '-b', settings.defaultBranch], source, settings);
          await git(['add', '--all'], source, settings);
          await git(['commit', '--no-verify', '-m', commitMessage], source, settings);
          await git(['push', bare, `HEAD:refs/heads/${settings.defaultBranch}`], source, settings);
          return git(['rev-parse', 'HEAD'], source, settings);
        },
      });
      ctx.logger.info(`Published ${commitHash} to ${remoteUrl}`);
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('repoContentsUrl', remoteUrl);
      ctx.output('commitHash', commitHash);
    },
  });
}
