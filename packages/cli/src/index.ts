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

import { CommanderError } from 'commander';
import { UsageError } from './args';
import { CommandDefinition } from './command';
import { checkCommandDefinition } from './commands/check';
import { migrateCommandDefinition } from './commands/migrate';
import { explainCommandDefinition } from './commands/explain';
import {
  generateCommandDefinition,
  trustPolicyCommandDefinition,
} from './commands/generate';
import { lintCommandDefinition } from './commands/lint';
import { trustCommandDefinition } from './commands/trust';
import { gateFailure } from './gate';
import { CliIo, processIo } from './io';
import { RunState, buildProgram, isInformational, usageMessage } from './program';

/**
 * The commands, in the order `--help` lists them.
 *
 * @public
 */
export const COMMANDS: readonly CommandDefinition[] = [
  trustCommandDefinition,
  checkCommandDefinition,
  migrateCommandDefinition,
  lintCommandDefinition,
  generateCommandDefinition,
  trustPolicyCommandDefinition,
  explainCommandDefinition,
];

/**
 * Runs the CLI and returns the exit code: 0 the command ran (and passed `--fail-on`), 1 the
 * `--fail-on` gate failed or an internal error, 2 bad input. Errors are reported as one line on
 * `stderr`, never as a stack trace.
 *
 * @public
 */
export function main(
  argv: string[],
  io: CliIo,
  stderr: (line: string) => void,
): number {
  const state: RunState = {};
  const program = buildProgram(COMMANDS, io, state);
  try {
    if (argv.length === 0) {
      io.stdout(program.helpInformation());
      return 0;
    }
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (isInformational(error)) return 0;
      stderr(`aws-identity: ${usageMessage(error, COMMANDS)}`);
      return 2;
    }
    const usage = error instanceof UsageError;
    const message = error instanceof Error ? error.message : String(error);
    stderr(
      `aws-identity: ${usage ? '' : 'internal error: '}${
        message.split('\n')[0]
      }`,
    );
    return usage ? 2 : 1;
  }
  const failure =
    state.outcome && state.failOn
      ? gateFailure(state.outcome, state.failOn)
      : undefined;
  if (failure) {
    stderr(`aws-identity: ${failure}`);
    return 1;
  }
  return 0;
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
