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

import { execFile, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { paths } from './paths';
import { versions } from './versions';

const execFileAsync = promisify(execFile);

/**
 * A missing prerequisite (Go, Python). The message is one line that says what to install;
 * the CLI prints only that line.
 */
export class SandboxPrerequisiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxPrerequisiteError';
  }
}

/** The Go programs under `test/sandbox/go/`, each a separate module (see README there). */
export type BinaryName = 'kube-apiserver' | 'etcd' | 'pod-identity-webhook';

interface BinarySpec {
  version: string;
  module: string;
  /** Package to build within the module. */
  pkg: string;
  ldflags: string;
}

const binarySpecs: Record<BinaryName, BinarySpec> = {
  'kube-apiserver': {
    version: versions.kubernetes,
    module: 'kube-apiserver',
    pkg: '.',
    ldflags: [
      '-s -w',
      `-X k8s.io/component-base/version.gitVersion=${versions.kubernetes}`,
      `-X k8s.io/component-base/version.gitMajor=1`,
      `-X k8s.io/component-base/version.gitMinor=${
        versions.kubernetes.split('.')[1]
      }`,
    ].join(' '),
  },
  etcd: { version: versions.etcd, module: 'etcd', pkg: '.', ldflags: '-s -w' },
  'pod-identity-webhook': {
    version: versions.podIdentityWebhook,
    module: 'pod-identity-webhook',
    pkg: 'github.com/aws/amazon-eks-pod-identity-webhook',
    ldflags: '-s -w',
  },
};

/** Where the cached binary for `name` lives (it may not exist yet). */
export function binaryPath(name: BinaryName): string {
  return join(paths.bin, `${name}-${binarySpecs[name].version}`);
}

function requireGo(): void {
  const probe = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new SandboxPrerequisiteError(
      'aws-identity sandbox: Go 1.26+ is required to build kube-apiserver, etcd and the pod identity webhook once; install Go 1.26 (https://go.dev/dl/) and put `go` on PATH.',
    );
  }
}

/**
 * Returns the path of the cached binary, building it first when missing. Builds go to a temp
 * file and are renamed into place, so an interrupted build never leaves a broken binary behind.
 */
export async function ensureBinary(
  name: BinaryName,
  log: (line: string) => void = () => {},
): Promise<string> {
  const target = binaryPath(name);
  if (existsSync(target)) return target;
  requireGo();
  const spec = binarySpecs[name];
  mkdirSync(paths.bin, { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  const started = Date.now();
  log(
    `building ${name} ${spec.version} (first run only; kube-apiserver takes several minutes)`,
  );
  try {
    await execFileAsync(
      'go',
      [
        'build',
        '-p',
        '2',
        '-trimpath',
        '-ldflags',
        spec.ldflags,
        '-o',
        tmp,
        spec.pkg,
      ],
      {
        cwd: join(paths.goModules, spec.module),
        env: { ...process.env, CGO_ENABLED: '0' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (e) {
    rmSync(tmp, { force: true });
    const err = e as { stderr?: string; message: string };
    throw new Error(`go build of ${name} failed: ${err.stderr ?? err.message}`);
  }
  renameSync(tmp, target);
  log(
    `built ${name} in ${Math.round(
      (Date.now() - started) / 1000,
    )} s (${Math.round(statSync(target).size / 1e6)} MB)`,
  );
  return target;
}

/** Path of the moto server entry point in the project venv. */
export function motoServerPath(): string {
  return join(paths.venv, 'bin', 'moto_server');
}

/**
 * Creates `.sandbox/venv` with the pinned `moto[server]` when missing. A marker file records the
 * version so a bump reinstalls.
 */
export async function ensureMoto(
  log: (line: string) => void = () => {},
): Promise<string> {
  const marker = join(paths.venv, `.moto-${versions.moto}`);
  if (existsSync(marker) && existsSync(motoServerPath()))
    return motoServerPath();
  const python = ['python3', 'python'].find(
    cmd =>
      spawnSync(cmd, [
        '-c',
        'import venv, sys; assert sys.version_info >= (3, 9)',
      ]).status === 0,
  );
  if (!python) {
    throw new SandboxPrerequisiteError(
      'aws-identity sandbox: Python 3.9+ with the venv module is required for the moto AWS emulator; install python3 and python3-venv.',
    );
  }
  log(
    `creating Python venv with moto[server]==${versions.moto} in ${paths.venv}`,
  );
  mkdirSync(paths.sandboxHome, { recursive: true });
  if (!existsSync(join(paths.venv, 'bin', 'pip'))) {
    await execFileAsync(python, ['-m', 'venv', paths.venv]);
  }
  await execFileAsync(
    join(paths.venv, 'bin', 'pip'),
    [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `moto[server]==${versions.moto}`,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return motoServerPath();
}
