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
import { Command, CommanderError, Option } from 'commander';
import { ParsedOptions, UsageError } from './args';
import { CommandDefinition, CommandOutcome, OptionDefinition } from './command';
import { completionScript, COMPLETION_SHELLS } from './completion';
import { FailOnLevel } from './gate';
import { CliIo } from './io';
import { packageVersion } from './version';

/** What one run asked for and what the command found: the exit code is computed from it. */
export interface RunState {
  outcome?: CommandOutcome;
  failOn?: FailOnLevel;
}

/** Every value option collects its values, so that "given twice" is the command's to judge. */
function collect(definition: OptionDefinition) {
  return (value: string, previous: string[] | undefined): string[] => {
    // `--policy --json` must not read "--json" as the file name (the old parser's rule too).
    if (value.startsWith('--')) throw new UsageError(`--${definition.name} needs a value`);
    if (definition.choices && !definition.choices.includes(value)) {
      throw new UsageError(
        `--${definition.name} must be one of ${definition.choices.join(', ')} (got "${value.slice(0, 40)}")`,
      );
    }
    return [...(previous ?? []), value];
  };
}

function optionOf(definition: OptionDefinition): Option {
  const flags = definition.value ? `--${definition.name} <${definition.value}>` : `--${definition.name}`;
  const choices = definition.choices ? ` (${definition.choices.join('|')})` : '';
  const option = new Option(flags, `${definition.description}${choices}`);
  return definition.value ? option.argParser(collect(definition)) : option;
}

/** Commander's parsed options as the commands read them: every value as a list, flags as "true". */
function parsedOptions(command: Command, definition: CommandDefinition): ParsedOptions {
  const values = command.opts<Record<string, string[] | boolean | undefined>>();
  const out: ParsedOptions = new Map();
  for (const option of command.options) {
    const name = option.long!.slice(2);
    const value = values[option.attributeName()];
    if (value === undefined || value === false) continue;
    if (!definition.options.some(o => o.name === name)) continue;
    out.set(name, value === true ? ['true'] : value);
  }
  return out;
}

/**
 * Builds the commander program from the command definitions. Output goes through `io`; errors are
 * thrown (commander's `exitOverride`) so that {@link usageMessage} turns them into one line.
 */
export function buildProgram(
  commands: readonly CommandDefinition[],
  io: CliIo,
  state: RunState,
): Command {
  const program = new Command('aws-identity')
    .description(
      'IRSA and EKS Pod Identity checks for CI pipelines, over the aws-identity engine.',
    )
    .version(packageVersion(), '--version', 'print the version')
    .helpOption('-h, --help', 'print help')
    .addHelpText(
      'after',
      '\nExit codes: 0 the command ran (and passed --fail-on), 1 --fail-on matched or an internal error, 2 bad input.\n',
    )
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout(text),
      // Errors are reported once, as one line, by main(); commander's own copy is dropped.
      writeErr: () => {},
      outputError: () => {},
    });
  program.helpCommand('help [command]', 'print help for a command');

  for (const definition of commands) {
    const command = program
      .command(definition.name)
      .summary(definition.summary)
      .description(definition.description ?? definition.summary)
      .helpOption('-h, --help', 'print help')
      .allowExcessArguments(true)
      .exitOverride()
      .configureOutput({ writeOut: text => io.stdout(text), writeErr: () => {}, outputError: () => {} });
    for (const option of definition.options) command.addOption(optionOf(option));
    command.action((_options, self: Command) => {
      if (self.args.length > 0) throw new UsageError(`unexpected argument "${self.args[0].slice(0, 60)}"`);
      const options = parsedOptions(self, definition);
      const failOn = options.get('fail-on');
      if (failOn && failOn.length > 1) throw new UsageError('--fail-on may be given only once');
      state.failOn = failOn?.[0] as FailOnLevel | undefined;
      state.outcome = definition.run(options, io) ?? undefined;
    });
  }

  program
    .command('completion')
    .summary('print a shell completion script')
    .description(
      `Prints a completion script. bash: eval "$(aws-identity completion bash)"; zsh: eval "$(aws-identity completion zsh)".`,
    )
    .argument('<shell>', `the shell (${COMPLETION_SHELLS.join('|')})`)
    .helpOption('-h, --help', 'print help')
    .exitOverride()
    .configureOutput({ writeOut: text => io.stdout(text), writeErr: () => {}, outputError: () => {} })
    .action((shell: string) => {
      if (!(COMPLETION_SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(`completion: unknown shell "${shell.slice(0, 20)}"; shells: ${COMPLETION_SHELLS.join(', ')}`);
      }
      io.stdout(completionScript(shell as (typeof COMPLETION_SHELLS)[number], commands));
    });
  return program;
}

/** True for commander's "help or version was printed" signals, which are not errors. */
export function isInformational(error: CommanderError): boolean {
  return error.exitCode === 0;
}

/**
 * One line for a commander parse error, in this CLI's words (`unknown option --x`, `--x needs a
 * value`), keeping commander's typo suggestion.
 */
export function usageMessage(error: CommanderError, commands: readonly CommandDefinition[]): string {
  const text = error.message.replace(/^error: /, '');
  const suggestion = /\(Did you mean ([^)]+)\?\)/.exec(text)?.[1];
  const hint = suggestion ? ` (did you mean ${suggestion}?)` : '';
  switch (error.code) {
    case 'commander.unknownOption': {
      const flag = /unknown option '([^']*)'/.exec(text)?.[1] ?? '';
      return `unknown option ${flag.slice(0, 40)}${hint}`;
    }
    case 'commander.unknownCommand': {
      const name = /unknown command '([^']*)'/.exec(text)?.[1] ?? '';
      const names = [...commands.map(c => c.name), 'completion', 'help'];
      return `unknown command "${name.slice(0, 40)}"${hint}; commands: ${names.join(', ')}`;
    }
    case 'commander.optionMissingArgument': {
      const flag = /option '(--[\w-]+)/.exec(text)?.[1] ?? 'an option';
      return `${flag} needs a value`;
    }
    case 'commander.missingArgument': {
      const name = /missing required argument '([^']*)'/.exec(text)?.[1] ?? 'argument';
      return `missing ${name}`;
    }
    default:
      return text.split('\n')[0];
  }
}
