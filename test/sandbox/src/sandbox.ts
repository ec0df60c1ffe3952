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

import {
  CreateClusterCommand,
  DescribeClusterCommand,
  ResourceInUseException,
} from '@aws-sdk/client-eks';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { eksClient } from './aws/clients';
import {
  ApiserverRestart,
  RunningCluster,
  restartKubeApiserver,
  startCluster,
} from './kube/cluster';
import { startWebhook, writePodIdentityConfig } from './kube/webhook';
import { startMoto } from './moto';
import { createServicesCatalogDir } from './infra/deployService';
import { createInfraRepository } from './infra/infraRepository';
import { paths } from './paths';
import { ensurePki } from './pki';
import { ProcessGroup } from './processes';
import { RecordingProxy } from './proxy/recordingProxy';
import { seedAll } from './seeds';
import {
  ClusterState,
  ProxyControl,
  SandboxState,
  httpProxyControl,
  readState,
  writeState,
} from './state';
import { ensureBinary, ensureMoto } from './toolchain';
import {
  AccountDefinition,
  ClusterDefinition,
  accounts as defaultAccounts,
  clusters as defaultClusters,
} from './topology';

/** Options for {@link startSandbox}. */
export interface SandboxOptions {
  /** Apply the seed scenarios (default true). */
  seed?: boolean;
  /** Write the state to this file (the CLI uses `.sandbox/state.json`; tests usually don't). */
  stateFile?: string;
  /** Progress lines (default: silent). */
  log?: (line: string) => void;
  accounts?: AccountDefinition[];
  clusters?: ClusterDefinition[];
}

/** A running (or connected) sandbox. */
export interface Sandbox {
  readonly state: SandboxState;
  /** Call counts and fault injection of the recording proxy. */
  readonly proxy: ProxyControl;
  /** The in-process proxy object, when this process started the sandbox. */
  readonly localProxy?: RecordingProxy;
  /** Whether {@link Sandbox.stop} actually stops processes (false when connected to another's sandbox). */
  readonly owned: boolean;
  /** Looks up a cluster by name. */
  cluster(name: string): ClusterState;
  /**
   * Restarts the named cluster's real kube-apiserver process with the same flags against the
   * same etcd (see `restartKubeApiserver` in `kube/cluster.ts`); resolves once `/readyz` is ok.
   * Only for a sandbox this process started: a connected one belongs to others, who would see
   * their cluster go away.
   */
  restartKubeApiserver(
    name: string,
    options?: { whileStopped?: () => Promise<void> },
  ): Promise<ApiserverRestart>;
  /** Stops every child process (idempotent). No-op for a connected sandbox. */
  stop(): Promise<void>;
}

function inProcessControl(proxy: RecordingProxy): ProxyControl {
  return {
    callCounts: async filter => proxy.callCounts(filter),
    count: async filter => proxy.count(filter),
    resetCounts: async () => proxy.resetCounts(),
    addFault: async rule => proxy.addFault(rule),
    listFaults: async () => proxy.listFaults(),
    clearFaults: async () => proxy.clearFaults(),
  };
}

function clusterLookup(state: SandboxState) {
  return (name: string) => {
    const found = state.clusters.find(c => c.name === name);
    if (!found) throw new Error(`no sandbox cluster named ${name}`);
    return found;
  };
}

/** Keeps the newest runs for their logs; deletes older ones unless their processes are live. */
function pruneOldRuns(keep = 5): void {
  if (!existsSync(paths.runs)) return;
  const runs = readdirSync(paths.runs).sort().reverse();
  for (const run of runs.slice(keep)) {
    const dir = join(paths.runs, run);
    if (!existsSync(join(dir, 'pids.json')))
      rmSync(dir, { recursive: true, force: true });
  }
}

/** Creates the EKS cluster in moto (idempotent) and returns its ARN and issuer. */
async function createEksCluster(endpoint: string, def: ClusterDefinition) {
  const eks = eksClient({
    endpoint,
    accountId: def.accountId,
    region: def.region,
  });
  try {
    await eks.send(
      new CreateClusterCommand({
        name: def.name,
        version: '1.37',
        roleArn: `arn:aws:iam::${def.accountId}:role/eks-cluster-role`,
        resourcesVpcConfig: {
          subnetIds: ['subnet-sandbox-a', 'subnet-sandbox-b'],
        },
        tags: { 'aws-identity/sandbox': 'true' },
      }),
    );
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e;
  }
  const { cluster } = await eks.send(
    new DescribeClusterCommand({ name: def.name }),
  );
  const issuer = cluster?.identity?.oidc?.issuer;
  if (!cluster?.arn || !issuer)
    throw new Error(`moto returned no issuer for ${def.name}`);
  eks.destroy();
  return { arn: cluster.arn, issuer };
}

/**
 * Starts moto behind the recording proxy, creates the EKS clusters in moto, starts one real
 * kube-apiserver (with etcd and the pod identity webhook) per cluster using moto's issuer, and
 * seeds everything unless `seed: false`. Builds missing binaries first (slow once).
 *
 * Every child is stopped by `stop()`, on process exit, and by a reaper if this process dies.
 */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<Sandbox> {
  // Ports are chosen free and then handed to child processes, so another process (a parallel
  // test's client socket, another sandbox) can take one in between: a bind conflict is retried
  // with new ports; every other failure is final.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSandboxOnce(options);
    } catch (error) {
      const conflict = /address already in use|EADDRINUSE/.test(String(error));
      if (!conflict || attempt >= 3) throw error;
      options.log?.(`a port was taken while starting (attempt ${attempt}); retrying with new ports`);
    }
  }
}

async function startSandboxOnce(options: SandboxOptions): Promise<Sandbox> {
  const log = options.log ?? (() => {});
  const accountDefs = options.accounts ?? defaultAccounts;
  const clusterDefs = options.clusters ?? defaultClusters;
  const started = Date.now();

  // Prerequisites first (fast when cached); building in parallel would oversubscribe 2 cores.
  const kubeApiserver = await ensureBinary('kube-apiserver', log);
  const etcd = await ensureBinary('etcd', log);
  const webhookBin = await ensureBinary('pod-identity-webhook', log);
  await ensureMoto(log);
  const pki = await ensurePki();

  pruneOldRuns();
  const runDir = join(
    paths.runs,
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`,
  );
  mkdirSync(join(runDir, 'logs'), { recursive: true });
  const group = new ProcessGroup(runDir);
  let proxy: RecordingProxy | undefined;
  const webhookConfigs = new Map<string, string>();

  const stop = async () => {
    await proxy?.stop().catch(() => {});
    await group.stopAll();
  };

  try {
    const moto = await startMoto(group, log);
    proxy = await RecordingProxy.start({
      motoUrl: moto.url,
      onPodIdentityChange: (ctx, clusterName, associations) => {
        const file = webhookConfigs.get(
          `${ctx.accountId}/${ctx.region}/${clusterName}`,
        );
        if (file)
          writePodIdentityConfig(
            file,
            associations.map(a => ({
              namespace: a.namespace,
              serviceAccount: a.serviceAccount,
            })),
          );
      },
    });
    log(`moto ${moto.url}, recording proxy ${proxy.url}`);

    const eksInfo = await Promise.all(
      clusterDefs.map(def => createEksCluster(proxy!.url, def)),
    );
    const running: RunningCluster[] = await Promise.all(
      clusterDefs.map((def, i) =>
        startCluster(
          group,
          { kubeApiserver, etcd },
          pki,
          { ...def, issuer: eksInfo[i].issuer },
          runDir,
        ),
      ),
    );
    const webhooks = await Promise.all(
      running.map(c => startWebhook(group, webhookBin, pki, c, runDir)),
    );
    running.forEach((c, i) =>
      webhookConfigs.set(
        `${c.accountId}/${c.region}/${c.name}`,
        webhooks[i].containerCredentialsConfig,
      ),
    );
    log(`clusters ready in ${Math.round((Date.now() - started) / 100) / 10} s`);

    const state: SandboxState = {
      version: 1,
      status: 'starting',
      pid: process.pid,
      startedAt: new Date(started).toISOString(),
      runDir,
      seeded: false,
      aws: {
        endpoint: proxy.url,
        adminUrl: `${proxy.url}/__sandbox`,
        motoUrl: moto.url,
        accounts: accountDefs.map(a => ({ id: a.id, name: a.name })),
      },
      clusters: running.map((c, i) => ({
        name: c.name,
        accountId: c.accountId,
        region: c.region,
        arn: eksInfo[i].arn,
        issuer: c.issuer,
        server: c.server,
        caFile: c.caFile,
        kubeconfigs: c.kubeconfigs,
        adminToken: c.adminToken,
        readerToken: c.readerToken,
        webhookUrl: webhooks[i].url,
      })),
      infraRepository: createInfraRepository(join(runDir, 'infra.git')),
      catalogFiles: [join(paths.catalog, 'all.yaml')],
      servicesCatalogDir: createServicesCatalogDir(join(runDir, 'services')),
      expectationsFile: join(
        paths.root,
        'test',
        'sandbox',
        'expectations.json',
      ),
      processes: group.list(),
    };

    if (options.seed !== false) {
      await seedAll(state, log);
      state.seeded = true;
      log(
        `seeded in ${
          Math.round((Date.now() - started) / 100) / 10
        } s since start`,
      );
    }
    state.appConfigFile = writeAppConfig(
      state,
      join(runDir, 'app-config.sandbox.yaml'),
    );
    state.status = 'ready';
    if (options.stateFile) writeState(options.stateFile, state);

    const localProxy = proxy;
    return {
      state,
      proxy: inProcessControl(localProxy),
      localProxy,
      owned: true,
      cluster: clusterLookup(state),
      restartKubeApiserver: async (name, restartOptions) => {
        const cluster = running.find(c => c.name === name);
        if (!cluster) throw new Error(`no sandbox cluster named ${name}`);
        const restart = await restartKubeApiserver(cluster, restartOptions);
        // The new pid, for `yarn sandbox` and whoever reaps a stale state file.
        state.processes = group.list();
        if (options.stateFile) writeState(options.stateFile, state);
        return restart;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Connects to a sandbox started by another process (e.g. `yarn sandbox up`) through its state
 * file. `stop()` does nothing: the owner stops it.
 */
export function connectSandbox(stateFile: string): Sandbox {
  const state = readState(stateFile);
  if (!state || state.status !== 'ready') {
    throw new Error(
      `no ready sandbox state at ${stateFile} (run \`yarn sandbox up\`)`,
    );
  }
  return {
    state,
    proxy: httpProxyControl(state.aws.adminUrl),
    owned: false,
    cluster: clusterLookup(state),
    restartKubeApiserver: async name => {
      throw new Error(
        `cannot restart ${name}'s kube-apiserver: this sandbox belongs to pid ${state.pid} (use startSandbox() for a private one)`,
      );
    },
    stop: async () => {},
  };
}

/**
 * For tests: connects to the sandbox named by `AWS_IDENTITY_SANDBOX_STATE` when set, otherwise
 * starts a private one (seeded) that the caller must `stop()`.
 */
export async function useSandbox(
  options: SandboxOptions = {},
): Promise<Sandbox> {
  const stateFile = process.env.AWS_IDENTITY_SANDBOX_STATE;
  if (stateFile) return connectSandbox(stateFile);
  return startSandbox(options);
}

/**
 * The configuration that points a portal (or a test backend) at the sandbox, in the formats a
 * real portal uses: catalog files (and the services `deploy` registers); the Kubernetes plugin's
 * cluster list with the read-only identity, each cluster's EKS name, account and region in
 * `authMetadata`; per-account IAM-user keys in `aws.accounts` (integration-aws-node); the
 * emulator endpoint and request delivery in `awsIdentity`; and the `oauth2Proxy` sign-in that
 * lets browser tests act as catalog users.
 */
export function portalConfig(state: SandboxState) {
  return {
    auth: {
      providers: {
        // The sandbox portal also accepts the identity an oauth2-proxy would forward
        // (X-Forwarded-User naming a catalog user), so its browser tests can act as two people:
        // a developer and a platform engineer. It listens on 127.0.0.1 only (app-config.yaml);
        // never put this overlay on a portal other machines can reach without a real proxy.
        oauth2Proxy: {
          signIn: { resolvers: [{ resolver: 'forwardedUserMatchingUserEntityName' }] },
        },
      },
    },
    catalog: {
      // Replaces app-config.yaml's locations, so the portal's own template is listed again.
      locations: [
        ...state.catalogFiles.map(target => ({
          type: 'file',
          target,
          rules: [
            {
              allow: ['Component', 'System', 'Group', 'User', 'Resource', 'Domain', 'Location'],
            },
          ],
        })),
        {
          type: 'file',
          target: join(paths.root, 'examples', 'templates', 'new-service-with-s3-access', 'template.yaml'),
          rules: [{ allow: ['Template'] }],
        },
        // Services the template created, once `yarn sandbox deploy` registered them.
        ...(state.servicesCatalogDir
          ? [
              {
                type: 'file',
                target: join(state.servicesCatalogDir, '*.yaml'),
                rules: [{ allow: ['Component', 'API', 'Resource'] }],
              },
            ]
          : []),
      ],
      // A small catalog: re-reading it every few seconds makes a deployed service appear
      // without waiting the default 100-150 s.
      processingInterval: { seconds: 5 },
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: state.clusters.map(c => ({
            name: c.name,
            url: c.server,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.readerToken,
            caFile: c.caFile,
            authMetadata: {
              'kubernetes.io/x-k8s-aws-id': c.arn.split('/').pop(),
              'aws-identity.io/account-id': c.accountId,
              'aws-identity.io/region': c.region,
            },
          })),
        },
      ],
    },
    aws: {
      accounts: state.aws.accounts
        .filter(a => a.readerCredentials)
        .map(a => ({
          accountId: a.id,
          accessKeyId: a.readerCredentials!.accessKeyId,
          secretAccessKey: a.readerCredentials!.secretAccessKey,
        })),
    },
    awsIdentity: {
      endpoint: state.aws.endpoint,
      region: 'us-east-1',
      // Issuers for the scaffolder's trust policies (the backend reads them from EKS).
      clusters: state.clusters.map(c => ({ name: c.name, issuer: c.issuer })),
      scaffolder: { gitPublish: { baseDir: join(paths.sandboxHome, 'git') } },
      // Approved requests become branches of the sandbox's infrastructure repository;
      // `yarn sandbox apply --merge` stands in for reviewers and the pipeline.
      ...(state.infraRepository
        ? { delivery: { type: 'git', remote: state.infraRepository, baseBranch: 'main' } }
        : {}),
      requests: { pollSeconds: 5 },
      // A small sandbox: re-reading it every 15 s makes what `apply` changed (an association,
      // restarted pods) and an installed add-on reach the index without waiting the default 300 s.
      syncIntervalSeconds: 15,
    },
  };
}

/** Writes {@link portalConfig} as an app-config fragment (mode 0600: it holds keys). */
export function writeAppConfig(state: SandboxState, file: string): string {
  // The overlay's header sign-in trusts X-Forwarded-User from anyone who can reach the
  // backend, so the portal it configures listens on loopback only; the backend refuses to
  // start with the overlay on any other host (packages/backend/src/sandboxSignIn.ts).
  const config = { ...portalConfig(state), backend: { listen: { host: '127.0.0.1' } } };
  writeFileSync(file, stringify(config), { mode: 0o600 });
  return file;
}
