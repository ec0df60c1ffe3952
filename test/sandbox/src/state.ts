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

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { FaultRule, ActiveFault, CallCount } from './proxy/recordingProxy';

/** One cluster as recorded in the state file. */
export interface ClusterState {
  name: string;
  accountId: string;
  region: string;
  /** EKS cluster ARN in moto. */
  arn: string;
  /** OIDC issuer (moto's EKS issuer = `iss` of tokens = IAM OIDC provider URL). */
  issuer: string;
  /** kube-apiserver URL (`https://127.0.0.1:<port>`). */
  server: string;
  /** CA bundle (PEM file) for the apiserver and the webhook. */
  caFile: string;
  kubeconfigs: { admin: string; reader: string };
  /** Bearer tokens (also inside the kubeconfigs). */
  adminToken: string;
  readerToken: string;
  webhookUrl: string;
}

/** Credentials of the seeded per-account IAM user the portal can use (moto maps them to the account). */
export interface AccountState {
  id: string;
  name: string;
  /** Keys of IAM user `backstage-reader` in this account (set once seeded). */
  readerCredentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Contents of `.sandbox/state.json` — everything another process needs to use the sandbox. */
export interface SandboxState {
  version: 1;
  status: 'starting' | 'ready' | 'stopping';
  /** Pid of the supervising process (stop it with SIGTERM). */
  pid: number;
  startedAt: string;
  runDir: string;
  seeded: boolean;
  aws: {
    /** Recording proxy URL: use as the SDK `endpoint` for IAM, STS and EKS. */
    endpoint: string;
    /** Proxy admin API base (`<endpoint>/__sandbox`). */
    adminUrl: string;
    /** Direct moto URL (bypasses counting/faults; avoid in tests). */
    motoUrl: string;
    accounts: AccountState[];
  };
  clusters: ClusterState[];
  /** Bare git repository standing in for the platform's IaC repository (delivery target). */
  infraRepository?: string;
  /** Catalog files to add to `catalog.locations`. */
  catalogFiles: string[];
  /** Folder of `<service>.yaml` catalog files that `yarn sandbox deploy` registers. */
  servicesCatalogDir?: string;
  expectationsFile: string;
  /** Generated app-config fragment pointing the portal at the sandbox. */
  appConfigFile?: string;
  processes: { name: string; pid: number }[];
}

/** Writes the state atomically (readers never see half a file). */
export function writeState(file: string, state: SandboxState): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/** Reads a state file, or undefined when absent. */
export function readState(file: string): SandboxState | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
}

/** Whether the process recorded in `state` is still running. */
export function isAlive(state: SandboxState): boolean {
  try {
    process.kill(state.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Control of the recording proxy that works in-process and across processes (HTTP admin API). */
export interface ProxyControl {
  callCounts(
    filter?: Partial<Pick<CallCount, 'accountId' | 'service' | 'action'>>,
  ): Promise<CallCount[]>;
  count(
    filter?: Partial<Pick<CallCount, 'accountId' | 'service' | 'action'>>,
  ): Promise<number>;
  resetCounts(): Promise<void>;
  addFault(rule: FaultRule): Promise<string>;
  listFaults(): Promise<ActiveFault[]>;
  clearFaults(): Promise<void>;
}

/** {@link ProxyControl} over the proxy's HTTP admin endpoint. */
export function httpProxyControl(adminUrl: string): ProxyControl {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${adminUrl}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok)
      throw new Error(`proxy admin ${method} ${path}: HTTP ${res.status}`);
    return res.json();
  };
  const control: ProxyControl = {
    async callCounts(filter = {}) {
      const { calls } = (await call('GET', '/calls')) as { calls: CallCount[] };
      return calls.filter(
        c =>
          (filter.accountId === undefined ||
            c.accountId === filter.accountId) &&
          (filter.service === undefined || c.service === filter.service) &&
          (filter.action === undefined || c.action === filter.action),
      );
    },
    async count(filter = {}) {
      return (await control.callCounts(filter)).reduce(
        (n, c) => n + c.count,
        0,
      );
    },
    async resetCounts() {
      await call('DELETE', '/calls');
    },
    async addFault(rule) {
      return ((await call('POST', '/faults', rule)) as { id: string }).id;
    },
    async listFaults() {
      return ((await call('GET', '/faults')) as { faults: ActiveFault[] })
        .faults;
    },
    async clearFaults() {
      await call('DELETE', '/faults');
    },
  };
  return control;
}
