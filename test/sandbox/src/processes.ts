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

import { ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths';

/** A child process started by the sandbox, running in its own process group. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves with the exit code (or null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Last lines of the log, for error messages. */
  logTail(lines?: number): string;
}

/** Options for {@link ProcessGroup.spawn}. */
export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const liveGroups = new Set<ProcessGroup>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: send SIGKILL to whatever is still running.
  process.on('exit', () => {
    for (const group of liveGroups) group.killNow('SIGKILL');
  });
}

/**
 * Owns every child of one sandbox run. Each child is spawned `detached` (its own process group,
 * so we can kill the whole tree with `kill(-pid)`), recorded in `<runDir>/pids.json`, and watched
 * by a detached reaper that kills the groups if this Node process dies without cleaning up.
 */
export class ProcessGroup {
  private readonly children: {
    proc: ManagedProcess;
    child: ChildProcess;
    /** How it was started, so {@link ProcessGroup.restart} can start it again the same way. */
    launch: { command: string; args: string[]; options: SpawnOptions };
  }[] = [];
  private readonly pidsFile: string;
  private reaperStarted = false;
  private stopped = false;

  constructor(private readonly runDir: string) {
    this.pidsFile = join(runDir, 'pids.json');
    installExitHook();
    liveGroups.add(this);
  }

  /** Starts `command` with stdout/stderr appended to `<runDir>/logs/<name>.log`. */
  spawn(
    name: string,
    command: string,
    args: string[],
    options: SpawnOptions = {},
  ): ManagedProcess {
    const started = this.launch(name, command, args, options);
    this.children.push({ ...started, launch: { command, args, options } });
    this.writePids();
    this.startReaper();
    return started.proc;
  }

  /**
   * Stops one child (SIGTERM to its group, SIGKILL after `graceMs`), waits for it to exit, runs
   * `whileStopped`, and starts it again with the very same command, arguments and environment
   * (its log is appended to). The new process takes the old one's place: `stopAll` still stops
   * it in start order, and `pids.json` (read by the reaper) names the new pid.
   */
  async restart(
    proc: ManagedProcess,
    options: { graceMs?: number; whileStopped?: () => Promise<void> } = {},
  ): Promise<{ proc: ManagedProcess; exitCode: number | null }> {
    const entry = this.children.find(c => c.proc === proc);
    if (!entry)
      throw new Error(
        `${proc.name} (pid ${proc.pid}) is not a current child of this sandbox`,
      );
    if (this.stopped)
      throw new Error(`sandbox already stopped; cannot restart ${proc.name}`);
    await stopOne(proc, options.graceMs ?? 5000);
    const exitCode = await proc.exited;
    await options.whileStopped?.();
    const { command, args, options: spawnOptions } = entry.launch;
    const started = this.launch(proc.name, command, args, spawnOptions);
    entry.proc = started.proc;
    entry.child = started.child;
    this.writePids();
    return { proc: started.proc, exitCode };
  }

  private launch(
    name: string,
    command: string,
    args: string[],
    options: SpawnOptions,
  ): { proc: ManagedProcess; child: ChildProcess } {
    if (this.stopped)
      throw new Error(`sandbox already stopped; cannot start ${name}`);
    const logFile = join(this.runDir, 'logs', `${name}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    closeSync(fd);
    if (child.pid === undefined) {
      throw new Error(`failed to start ${name} (${command})`);
    }
    const pid = child.pid;
    const exited = new Promise<number | null>(resolveExit => {
      child.once('exit', code => resolveExit(code));
      child.once('error', () => resolveExit(-1));
    });
    const proc: ManagedProcess = {
      name,
      pid,
      logFile,
      exited,
      logTail: (lines = 30) => tail(logFile, lines),
    };
    return { proc, child };
  }

  /** Pids of the children, for the state file. */
  list(): { name: string; pid: number }[] {
    return this.children.map(c => ({ name: c.proc.name, pid: c.proc.pid }));
  }

  /** Sends `signal` to every child group immediately (synchronous; used by the exit hook). */
  killNow(signal: NodeJS.Signals): void {
    for (const { proc } of this.children) {
      try {
        process.kill(-proc.pid, signal);
      } catch {
        // already gone
      }
    }
  }

  /** Stops children in reverse start order: SIGTERM, then SIGKILL after `graceMs`. */
  async stopAll(graceMs = 5000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const { proc } of [...this.children].reverse()) {
      await stopOne(proc, graceMs);
    }
    rmSync(this.pidsFile, { force: true });
    liveGroups.delete(this);
  }

  private writePids(): void {
    writeFileSync(this.pidsFile, JSON.stringify(this.list()));
  }

  private startReaper(): void {
    if (this.reaperStarted) return;
    this.reaperStarted = true;
    const reaper = spawn(
      process.execPath,
      [paths.reaper, String(process.pid), this.pidsFile],
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    reaper.unref();
  }
}

async function stopOne(proc: ManagedProcess, graceMs: number): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  if (!signalGroup('SIGTERM')) return;
  const timedOut = await Promise.race([
    proc.exited.then(() => false),
    new Promise<boolean>(r => setTimeout(() => r(true), graceMs).unref()),
  ]);
  if (timedOut) signalGroup('SIGKILL');
  // Children of the leader (none expected) get the same treatment via the group signal above.
  signalGroup('SIGKILL');
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Polls `probe` until it returns a value, the process exits, or the timeout elapses. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; process?: ManagedProcess },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let exitCode: number | null | undefined;
  options.process?.exited.then(code => {
    exitCode = code;
  });
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `${what}: ${options.process?.name} exited with ${exitCode}; log ${
          options.process?.logFile
        }:\n${options.process?.logTail()}`,
      );
    }
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      lastError = e;
    }
    await new Promise(r => setTimeout(r, options.intervalMs ?? 200));
  }
  const detail = options.process
    ? `\nlog ${options.process.logFile}:\n${options.process.logTail()}`
    : '';
  throw new Error(
    `${what}: timed out after ${options.timeoutMs} ms (${String(
      lastError ?? 'no response',
    )})${detail}`,
  );
}
