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

import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pki, ensureServiceAccountKey } from '../pki';
import { freePort } from '../ports';
import { ManagedProcess, ProcessGroup, waitUntil } from '../processes';
import { KubeClient } from './kubeClient';
import { writeKubeconfig } from './kubeconfig';
import { READER_USER, installRbac } from './rbac';

/** What a cluster needs to start: its EKS identity as created in moto. */
export interface ClusterSpec {
  name: string;
  accountId: string;
  region: string;
  /** The EKS OIDC issuer moto assigned; the first `--service-account-issuer`. */
  issuer: string;
}

/** A running kube-apiserver with its etcd. */
export interface RunningCluster extends ClusterSpec {
  /** `https://127.0.0.1:<port>` */
  server: string;
  caFile: string;
  etcdUrl: string;
  /** Token of `sandbox-admin` (group `system:masters`). */
  adminToken: string;
  /** Token of the read-only identity (ClusterRole `aws-identity-reader`). */
  readerToken: string;
  kubeconfigs: { admin: string; reader: string };
  /** Client for the admin identity (sandbox-internal use). */
  admin: KubeClient;
  /** The kube-apiserver process; {@link restartKubeApiserver} replaces it. */
  apiserver: ManagedProcess;
  /** The group that owns this cluster's processes. */
  group: ProcessGroup;
}

/** Binaries used to start a cluster. */
export interface ClusterBinaries {
  kubeApiserver: string;
  etcd: string;
}

/**
 * Starts etcd and kube-apiserver for one cluster, waits until `/readyz` is ok, installs RBAC and
 * writes admin/reader kubeconfigs under `<runDir>/<name>/`.
 */
export async function startCluster(
  group: ProcessGroup,
  bins: ClusterBinaries,
  pki: Pki,
  spec: ClusterSpec,
  runDir: string,
): Promise<RunningCluster> {
  const dir = join(runDir, spec.name);
  mkdirSync(join(dir, 'etcd'), { recursive: true });
  const saKey = await ensureServiceAccountKey(spec.name);

  const [clientPort, peerPort, apiPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const etcd = group.spawn(`etcd-${spec.name}`, bins.etcd, [
    `-data-dir=${join(dir, 'etcd')}`,
    `-client-port=${clientPort}`,
    `-peer-port=${peerPort}`,
  ]);
  const etcdUrl = `http://127.0.0.1:${clientPort}`;
  await waitUntil(
    `etcd for ${spec.name}`,
    async () => ((await fetch(`${etcdUrl}/health`)).ok ? true : undefined),
    { timeoutMs: 60_000, process: etcd },
  );

  const adminToken = randomBytes(24).toString('hex');
  const readerToken = randomBytes(24).toString('hex');
  const tokensFile = join(dir, 'tokens.csv');
  // token,user,uid,"group1,group2"
  writeFileSync(
    tokensFile,
    `${adminToken},sandbox-admin,sandbox-admin,"system:masters"\n${readerToken},${READER_USER},${READER_USER},"aws-identity:readers"\n`,
    { mode: 0o600 },
  );
  const server = `https://127.0.0.1:${apiPort}`;
  const apiserver = group.spawn(
    `kube-apiserver-${spec.name}`,
    bins.kubeApiserver,
    [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      // Loopback advertise addresses fail Endpoints validation; the reconciler is not needed.
      '--advertise-address=127.0.0.1',
      '--endpoint-reconciler-type=none',
      `--tls-cert-file=${pki.servingCert}`,
      `--tls-private-key-file=${pki.servingKey}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      // The moto EKS issuer comes first: it signs tokens, so IAM provider, EKS issuer and `iss` agree.
      `--service-account-issuer=${spec.issuer}`,
      `--service-account-key-file=${saKey}`,
      `--service-account-signing-key-file=${saKey}`,
      `--service-account-jwks-uri=${server}/openid/v1/jwks`,
      '--authorization-mode=RBAC',
      `--token-auth-file=${tokensFile}`,
      '--profiling=false',
      // Fewer moving parts at start-up; flow control is irrelevant for a single-user sandbox.
      '--enable-priority-and-fairness=false',
      // On SIGTERM, end open watches and let them drain this long. Without it the graceful
      // shutdown keeps them open and exits only at its 60 s timeout (measured: 60 s with one
      // watch open); with it, clients see their watches end as in a control-plane rollout.
      '--shutdown-watch-termination-grace-period=5s',
    ],
  );
  const admin = new KubeClient({
    server,
    caFile: pki.caCert,
    token: adminToken,
  });
  await waitUntilReady(spec.name, admin, apiserver);
  await installRbac(admin);

  const kubeconfigs = {
    admin: join(dir, 'admin.kubeconfig'),
    reader: join(dir, 'reader.kubeconfig'),
  };
  writeKubeconfig(kubeconfigs.admin, {
    clusterName: spec.name,
    server,
    caFile: pki.caCert,
    user: 'sandbox-admin',
    token: adminToken,
  });
  writeKubeconfig(kubeconfigs.reader, {
    clusterName: spec.name,
    server,
    caFile: pki.caCert,
    user: READER_USER,
    token: readerToken,
  });
  return {
    ...spec,
    server,
    caFile: pki.caCert,
    etcdUrl,
    adminToken,
    readerToken,
    kubeconfigs,
    admin,
    apiserver,
    group,
  };
}

/** What {@link restartKubeApiserver} observed. */
export interface ApiserverRestart {
  /** Exit code of the stopped process: 0 when it shut down on SIGTERM, null when it had to be killed. */
  exitCode: number | null;
  /** From SIGTERM until the old process had exited. */
  stopMs: number;
  /** From starting the new process until it answered `/readyz` with `ok`. */
  startMs: number;
  /** Pid of the new kube-apiserver. */
  pid: number;
}

/**
 * Restarts the cluster's real kube-apiserver process, as a rolling control-plane update would:
 * SIGTERM, wait for it to exit, then start it again with the very same flags (port,
 * certificates, tokens file, service-account keys and issuers) against the same etcd, and wait
 * until `/readyz` is `ok`. Everything lives in etcd, so objects, RBAC and the webhook's
 * registration survive; tokens stay valid because the keys and token file are the same.
 *
 * `whileStopped` runs after the old process has exited and before the new one starts, so a
 * test can observe the cluster while it is really down. A connection that opens in between is
 * refused; after the restart clients must resume their watches (or relist after `410 Gone`).
 */
export async function restartKubeApiserver(
  cluster: RunningCluster,
  options: { whileStopped?: () => Promise<void> } = {},
): Promise<ApiserverRestart> {
  const stopping = Date.now();
  let stopMs = 0;
  const { proc, exitCode } = await cluster.group.restart(cluster.apiserver, {
    // Graceful shutdown drains requests; it has to end open watches, which takes a moment.
    graceMs: 60_000,
    whileStopped: async () => {
      stopMs = Date.now() - stopping;
      await options.whileStopped?.();
    },
  });
  cluster.apiserver = proc;
  const starting = Date.now();
  await waitUntilReady(cluster.name, cluster.admin, proc);
  return { exitCode, stopMs, startMs: Date.now() - starting, pid: proc.pid };
}

/** Polls `/readyz` as the admin until the apiserver says `ok`, failing fast if it exits. */
function waitUntilReady(
  name: string,
  admin: KubeClient,
  apiserver: ManagedProcess,
): Promise<true> {
  return waitUntil(
    `kube-apiserver for ${name}`,
    async () =>
      (await admin.request<string>('GET', '/readyz')) === 'ok'
        ? true
        : undefined,
    { timeoutMs: 120_000, intervalMs: 250, process: apiserver },
  );
}
