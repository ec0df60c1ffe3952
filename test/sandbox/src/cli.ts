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
 * `yarn sandbox up|down|status|seed|build|expectations` — see test/sandbox/README.md.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { expectationsFile } from './expectations';
import { paths } from './paths';
import { applyInfrastructure } from './infra/applyInfra';
import { deployService } from './infra/deployService';
import { startSandbox, writeAppConfig } from './sandbox';
import { seedAll } from './seeds';
import { buildExpectationTable } from './seeds/expectationTable';
import { SandboxState, isAlive, readState, writeState } from './state';
import {
  SandboxPrerequisiteError,
  ensureBinary,
  ensureMoto,
} from './toolchain';

const usage = `usage: yarn sandbox <command> [options]
  up [--detach] [--no-seed]   start moto, the proxy, two clusters and webhooks; seed; write the state file
  apply [--merge]              create/update in moto the roles on the infrastructure repository's main branch
                               (--merge: first merge the delivered request branches, as reviewers would)
  deploy <service> [--cluster NAME]
                               deploy a templated service: apply its repository's k8s manifests to a cluster
                               (default: the first) and register its catalog-info.yaml with the portal
  down                         stop the sandbox recorded in the state file
  status                       print the state file summary
  seed                         (re)apply the seeds to the running sandbox (idempotent)
  build                        build/cache the Go binaries and the moto venv only
  expectations                 regenerate test/sandbox/expectations.json from the scenarios
options: --state FILE (default .sandbox/state.json, or $AWS_IDENTITY_SANDBOX_STATE)`;

const log = (line: string) => process.stderr.write(`[sandbox] ${line}\n`);

function stateFileFrom(args: string[]): string {
  const i = args.indexOf('--state');
  if (i >= 0 && args[i + 1]) return args[i + 1];
  return process.env.AWS_IDENTITY_SANDBOX_STATE ?? paths.defaultStateFile;
}

function summary(state: SandboxState): string {
  const lines = [
    `status: ${state.status} (pid ${state.pid}, ${
      isAlive(state) ? 'running' : 'NOT running'
    })`,
    `AWS endpoint (recording proxy): ${state.aws.endpoint}   admin: ${state.aws.adminUrl}`,
    `accounts: ${state.aws.accounts
      .map(a => `${a.id} (${a.name})`)
      .join(', ')}`,
    ...state.clusters.map(
      c =>
        `cluster ${c.name}: ${c.server}  account ${c.accountId} ${c.region}  issuer ${c.issuer}\n  kubeconfig: ${c.kubeconfigs.admin} (admin), ${c.kubeconfigs.reader} (read-only)`,
    ),
    `app-config fragment: ${state.appConfigFile ?? '-'}`,
    `expectations: ${state.expectationsFile}`,
    `logs: ${join(state.runDir, 'logs')}`,
  ];
  return lines.join('\n');
}

/** Kills process groups left by a supervisor that died without cleaning up. */
function reapStale(state: SandboxState): void {
  for (const p of state.processes) {
    try {
      // Only kill what is still ours: the command line must point into the sandbox folder.
      const cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8');
      if (cmdline.includes(paths.sandboxHome)) process.kill(-p.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

async function up(args: string[]): Promise<void> {
  const stateFile = stateFileFrom(args);
  const existing = readState(stateFile);
  if (existing && isAlive(existing)) {
    log(`already running (pid ${existing.pid}); \`yarn sandbox down\` first`);
    process.stdout.write(`${summary(existing)}\n`);
    return;
  }
  if (existing) reapStale(existing);
  mkdirSync(paths.sandboxHome, { recursive: true });

  if (args.includes('--detach')) {
    const logFile = join(paths.sandboxHome, 'sandbox-up.log');
    const fd = openSync(logFile, 'w');
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        'up',
        '--state',
        stateFile,
        ...args.filter(a => a === '--no-seed'),
      ],
      { detached: true, stdio: ['ignore', fd, fd] },
    );
    closeSync(fd);
    child.unref();
    // Whoever stops us while the sandbox comes up (Ctrl-C, a script's kill) means the sandbox
    // too: the detached supervisor is told, and before it is ready its reaper stops what it
    // started; otherwise it would come up with nobody left to stop it.
    const abandon = (signal: NodeJS.Signals) => {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', abandon);
    process.once('SIGTERM', abandon);
    const deadline = Date.now() + 30 * 60_000;
    while (Date.now() < deadline) {
      const s = readState(stateFile);
      if (s?.status === 'ready' && s.pid === child.pid) {
        process.stdout.write(`${summary(s)}\n`);
        return;
      }
      if (child.exitCode !== null) break;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(`sandbox did not come up; see ${logFile}`);
  }

  const started = Date.now();
  const sandbox = await startSandbox({
    seed: !args.includes('--no-seed'),
    stateFile,
    log,
  });
  const sharedConfig = join(paths.sandboxHome, 'app-config.sandbox.yaml');
  writeAppConfig(sandbox.state, sharedConfig);
  sandbox.state.appConfigFile = sharedConfig;
  writeState(stateFile, sandbox.state);
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(
      1,
    )} s — Ctrl-C or \`yarn sandbox down\` stops it`,
  );
  process.stdout.write(`${summary(sandbox.state)}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    writeState(stateFile, { ...sandbox.state, status: 'stopping' });
    await sandbox.stop();
    rmSync(stateFile, { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  // Keep the event loop alive while children run.
  setInterval(() => {}, 1 << 30);
}

async function down(args: string[]): Promise<void> {
  const stateFile = stateFileFrom(args);
  const state = readState(stateFile);
  if (!state) {
    log('no sandbox state; nothing to stop');
    return;
  }
  if (isAlive(state)) {
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (isAlive(state) && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 200));
  }
  reapStale(state);
  rmSync(stateFile, { force: true });
  log('stopped');
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'up':
      await up(args);
      break;
    case 'down':
      await down(args);
      break;
    case 'status': {
      const state = readState(stateFileFrom(args));
      if (!state) {
        process.stdout.write('sandbox: not running (no state file)\n');
        process.exitCode = 1;
        break;
      }
      process.stdout.write(`${summary(state)}\n`);
      break;
    }
    case 'seed': {
      const stateFile = stateFileFrom(args);
      const state = readState(stateFile);
      if (!state || !isAlive(state))
        throw new Error('no running sandbox; run `yarn sandbox up` first');
      await seedAll(state, log);
      state.seeded = true;
      if (state.appConfigFile) writeAppConfig(state, state.appConfigFile);
      writeState(stateFile, state);
      break;
    }
    case 'apply': {
      const state = readState(stateFileFrom(args));
      if (!state || !isAlive(state))
        throw new Error('no running sandbox; run `yarn sandbox up` first');
      await applyInfrastructure(state, { merge: args.includes('--merge'), log });
      break;
    }
    case 'deploy': {
      const state = readState(stateFileFrom(args));
      if (!state || !isAlive(state))
        throw new Error('no running sandbox; run `yarn sandbox up` first');
      const service = args[0];
      if (!service || service.startsWith('--')) throw new Error(`service: missing\n${usage}`);
      const i = args.indexOf('--cluster');
      await deployService(state, { service, cluster: i >= 0 ? args[i + 1] : undefined, log });
      break;
    }
    case 'build': {
      for (const name of [
        'kube-apiserver',
        'etcd',
        'pod-identity-webhook',
      ] as const) {
        log(`${name}: ${await ensureBinary(name, log)}`);
      }
      log(`moto: ${await ensureMoto(log)}`);
      break;
    }
    case 'expectations': {
      writeFileSync(
        expectationsFile,
        `${JSON.stringify(buildExpectationTable(), null, 2)}\n`,
      );
      log(`wrote ${expectationsFile}`);
      break;
    }
    default:
      process.stdout.write(`${usage}\n`);
      process.exitCode = command ? 1 : 0;
  }
}

main().catch(e => {
  if (e instanceof SandboxPrerequisiteError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(
      `[sandbox] failed: ${
        e instanceof Error ? e.stack ?? e.message : String(e)
      }\n`,
    );
  }
  process.exit(1);
});
