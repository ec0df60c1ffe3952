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
import * as fs from 'node:fs';
import { UsageError } from './args';

/**
 * Where a command reads input and writes output; injectable for tests.
 *
 * @public
 */
export interface CliIo {
  readFile(path: string): string;
  readStdin(): string;
  stdout(text: string): void;
  /** Colours only when writing to a terminal. */
  color: boolean;
}

/** @public */
export function processIo(): CliIo {
  return {
    readFile: path => fs.readFileSync(path, 'utf8'),
    readStdin: () => fs.readFileSync(0, 'utf8'),
    stdout: text => process.stdout.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}

// Policies are small; a multi-megabyte input is a mistake or an attack.
const MAX_INPUT = 1024 * 1024;

/**
 * Reads a file argument (`--policy`, `--error`, `--report`): a file path, or `-` for standard
 * input. Errors name the option.
 *
 * @public
 */
export function readInputArgument(
  io: CliIo,
  option: string,
  value: string,
): string {
  let text: string;
  try {
    text = value === '-' ? io.readStdin() : io.readFile(value);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `--${option}: cannot read "${value.slice(0, 120)}"${
        code ? ` (${code})` : ''
      }`,
    );
  }
  if (text.length > MAX_INPUT)
    throw new UsageError(`--${option}: input is larger than 1 MiB`);
  return text;
}

/**
 * Reads the `--policy` argument: a file path, or `-` for standard input.
 *
 * @public
 */
export function readPolicyArgument(io: CliIo, value: string): string {
  return readInputArgument(io, 'policy', value);
}
