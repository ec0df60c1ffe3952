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

/**
 * The aws-identity command line: evaluate IRSA trust, lint permission
 * policies and generate least-privilege policies in CI pipelines.
 *
 * @packageDocumentation
 */

import { UsageError, parseOptions } from './args';
import {
  generateCommand,
  generateSpec,
  trustPolicyCommand,
  trustPolicySpec,
} from './commands/generate';
import { explainCommand, explainSpec } from './commands/explain';
import { lintCommand, lintSpec } from './commands/lint';
import { trustCommand, trustSpec } from './commands/trust';
import { CliIo, processIo } from './io';

const COMMANDS = {
  trust: {
    spec: trustSpec,
    run: trustCommand,
    usage:
      'trust --policy FILE|- --issuer URL --service-account NS/NAME --account ID [--audience AUD] [--quota N] [--json]',
  },
  lint: {
    spec: lintSpec,
    run: lintCommand,
    usage: 'lint --policy FILE|- [--json]',
  },
  generate: {
    spec: generateSpec,
    run: generateCommand,
    usage:
      'generate --preset NAME --resource ARN [--resource ARN ...] [--json]',
  },
  'trust-policy': {
    spec: trustPolicySpec,
    run: trustPolicyCommand,
    usage:
      'trust-policy --issuer URL [--issuer URL ...] --service-account NS/NAME [...] --account ID [--audience AUD] [--quota N] [--json]',
  },
  explain: {
    spec: explainSpec,
    run: explainCommand,
    usage: 'explain --error FILE|- --report FILE [--json]',
  },
} as const;

const USAGE = `Usage: aws-identity <command> [options]\n\nCommands:\n${Object.values(
  COMMANDS,
)
  .map(c => `  ${c.usage}`)
  .join(
    '\n',
  )}\n\nExit codes: 0 the command ran, 2 bad input, 1 internal error.\n`;

/**
 * Runs the CLI and returns the exit code. Errors are reported as one line on
 * `stderr`, never as a stack trace.
 *
 * @public
 */
export function main(
  argv: string[],
  io: CliIo,
  stderr: (line: string) => void,
): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const entry = COMMANDS[command as keyof typeof COMMANDS];
    if (!entry)
      throw new UsageError(
        `unknown command "${command.slice(0, 40)}"; commands: ${Object.keys(
          COMMANDS,
        ).join(', ')}`,
      );
    if (rest.includes('--help')) {
      io.stdout(`Usage: aws-identity ${entry.usage}\n`);
      return 0;
    }
    entry.run(parseOptions(rest, entry.spec), io);
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError;
    const message = error instanceof Error ? error.message : String(error);
    stderr(
      `aws-identity: ${usage ? '' : 'internal error: '}${
        message.split('\n')[0]
      }`,
    );
    return usage ? 2 : 1;
  }
}

/**
 * Entry point used by `bin/aws-identity`.
 *
 * @public
 */
export function run(): void {
  process.exitCode = main(process.argv.slice(2), processIo(), line =>
    process.stderr.write(`${line}\n`),
  );
}
