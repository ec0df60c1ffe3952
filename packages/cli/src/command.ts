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
import { Finding } from '@internal/plugin-aws-identity-common';
import { ParsedOptions } from './args';
import { CliIo } from './io';

/**
 * One option of a command: a value option (`--name VALUE`, may be repeated where the command
 * allows it) or, without `value`, a boolean flag.
 *
 * @public
 */
export interface OptionDefinition {
  name: string;
  /** Placeholder shown in help (`FILE|-`, `URL`); absent for a flag. */
  value?: string;
  description: string;
  /** The only values accepted (checked, listed in help, offered by shell completion). */
  choices?: readonly string[];
  /** The value is a path: shell completion offers files (`dir` for directories). */
  path?: 'file' | 'dir';
}

/**
 * What a command found, for `--fail-on`: a denied verdict and the findings it reported.
 *
 * @public
 */
export interface CommandOutcome {
  denied?: boolean;
  findings?: readonly Finding[];
}

/**
 * A CLI command: its name, help and options, and what it runs. The program, the help, the
 * `--fail-on` gate and shell completion are all built from these definitions.
 *
 * @public
 */
export interface CommandDefinition {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Longer help text shown by `aws-identity <command> --help`. */
  description?: string;
  options: readonly OptionDefinition[];
  /** Whether `--fail-on` applies (the command reports a verdict or findings). */
  gated?: boolean;
  run(options: ParsedOptions, io: CliIo): CommandOutcome | void;
}

/** The `--json` flag every command has. @public */
export const JSON_OPTION: OptionDefinition = {
  name: 'json',
  description: 'print machine-readable JSON instead of text',
};
