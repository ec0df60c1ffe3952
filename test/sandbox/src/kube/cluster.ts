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
import { ProcessGroup, waitUntil } from '../processes';
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
    ],
  );
  const admin = new KubeClient({
    server,
    caFile: pki.caCert,
    token: adminToken,
  });
  await waitUntil(
    `kube-apiserver for ${spec.name}`,
    async () =>
      (await admin.request<string>('GET', '/readyz')) === 'ok'
        ? true
        : undefined,
    { timeoutMs: 120_000, intervalMs: 250, process: apiserver },
  );
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
  };
}
