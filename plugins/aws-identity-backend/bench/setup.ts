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

import { IRSA_ANNOTATIONS } from '@internal/plugin-aws-identity-common';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  EntityAlreadyExistsException,
} from '@aws-sdk/client-iam';
import { Entity } from '@backstage/catalog-model';
import { iamClient, Sandbox, startSandbox } from '@internal/aws-identity-test';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { KubeApiProxy } from '../src/testing/kubeApiProxy';
import { SandboxBackend, startSandboxBackend } from '../src/testing/sandboxBackend';

/** Everything the benchmarks share: the sandbox, its seeded sizes and a running backend. */
export interface BenchContext {
  small: boolean;
  sandbox: Sandbox;
  backend: SandboxBackend;
  kubeProxies: Map<string, KubeApiProxy>;
  accounts: string[];
  rolesPerAccount: number;
  policiesPerAccount: number;
  serviceAccountsTotal: number;
  /** Entities `component:default/bench-<i>`, each selecting service account `bench/sa-<i>`. */
  entities: number;
  log(line: string): void;
  tearDown(): Promise<void>;
}

export const BENCH_NAMESPACE = 'bench';

/** Runs `task` over `items` with at most `limit` in flight. */
export async function bounded<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

const kubeAgent = new https.Agent({ keepAlive: true, maxSockets: 32 });

/** One admin request to a sandbox apiserver (JSON in, JSON out; 409 tolerated for creates). */
export function kubeRequest(
  cluster: { server: string; adminToken: string; caFile: string },
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, cluster.server),
      {
        method,
        ca: readFileSync(cluster.caFile),
        agent: kubeAgent,
        headers: {
          authorization: `Bearer ${cluster.adminToken}`,
          accept: 'application/json',
          ...(payload ? { 'content-type': contentType } : {}),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export function roleArn(accountId: string, i: number) {
  return `arn:aws:iam::${accountId}:role/bench/bench-role-${i}`;
}

async function seedIam(
  sandbox: Sandbox,
  accountId: string,
  roles: number,
  policies: number,
  issuerHostPath: string,
) {
  const iam = iamClient({ endpoint: sandbox.state.aws.endpoint, accountId, maxAttempts: 5 });
  const ignoreExists = (e: unknown) => {
    if (!(e instanceof EntityAlreadyExistsException)) throw e;
  };
  await bounded([...Array(roles).keys()], 16, async i => {
    await iam
      .send(
        new CreateRoleCommand({
          RoleName: `bench-role-${i}`,
          Path: '/bench/',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: `arn:aws:iam::${accountId}:oidc-provider/${issuerHostPath}` },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                  StringEquals: {
                    [`${issuerHostPath}:sub`]: `system:serviceaccount:${BENCH_NAMESPACE}:sa-${i}`,
                    [`${issuerHostPath}:aud`]: 'sts.amazonaws.com',
                  },
                },
              },
            ],
          }),
        }),
      )
      .catch(ignoreExists);
  });
  const stride = Math.max(1, Math.floor(roles / policies));
  await bounded([...Array(policies).keys()], 16, async p => {
    const created = await iam
      .send(
        new CreatePolicyCommand({
          PolicyName: `bench-policy-${p}`,
          Path: '/bench/',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bench-${p}/*` }],
          }),
        }),
      )
      .then(
        () => true,
        e => {
          ignoreExists(e);
          return false;
        },
      );
    if (created) {
      await iam.send(
        new AttachRolePolicyCommand({
          RoleName: `bench-role-${(p * stride) % roles}`,
          PolicyArn: `arn:aws:iam::${accountId}:policy/bench/bench-policy-${p}`,
        }),
      );
    }
  });
  iam.destroy();
}

async function seedServiceAccounts(
  cluster: { server: string; adminToken: string; caFile: string; accountId: string },
  from: number,
  to: number,
  rolesPerAccount: number,
) {
  await kubeRequest(cluster, 'POST', '/api/v1/namespaces', { metadata: { name: BENCH_NAMESPACE } });
  await bounded([...Array(to - from).keys()].map(k => from + k), 24, async i => {
    const res = await kubeRequest(cluster, 'POST', `/api/v1/namespaces/${BENCH_NAMESPACE}/serviceaccounts`, {
      metadata: {
        name: `sa-${i}`,
        labels: { 'backstage.io/kubernetes-id': `bench-${i}` },
        annotations: { [IRSA_ANNOTATIONS.roleArn]: roleArn(cluster.accountId, i % rolesPerAccount) },
      },
    });
    if (res.status >= 300 && res.status !== 409) {
      throw new Error(`creating sa-${i}: HTTP ${res.status}`);
    }
  });
}

/** Starts a private sandbox, seeds it for the benchmark sizes and starts a backend on it. */
export async function setUp(options: {
  small: boolean;
  log(line: string): void;
  /** Overrides the size's service-account count (`--service-accounts=N`). */
  serviceAccounts?: number;
}): Promise<BenchContext> {
  const { small, log } = options;
  const rolesPerAccount = small ? 500 : 5_000;
  const policiesPerAccount = small ? 100 : 1_000;
  const serviceAccountsTotal = options.serviceAccounts ?? (small ? 2_000 : 20_000);
  const entities = Math.min(serviceAccountsTotal, 2_000);

  let started = Date.now();
  const sandbox = await startSandbox({ log });
  log(`sandbox up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const kubeProxies = new Map<string, KubeApiProxy>();
  let backend: SandboxBackend | undefined;
  const tearDown = async () => {
    await backend?.stop().catch(() => {});
    for (const proxy of kubeProxies.values()) await proxy.stop();
    await sandbox.stop();
  };
  try {
    const accounts = sandbox.state.aws.accounts.map(a => a.id);
    started = Date.now();
    await Promise.all(
      sandbox.state.clusters.map(c =>
        seedIam(sandbox, c.accountId, rolesPerAccount, policiesPerAccount, c.issuer.replace(/^https:\/\//, '')),
      ),
    );
    log(`IAM seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    const perCluster = Math.ceil(serviceAccountsTotal / sandbox.state.clusters.length);
    // Service account i lives in cluster i / perCluster, so every entity selects exactly one.
    await Promise.all(
      sandbox.state.clusters.map((c, k) =>
        seedServiceAccounts(c, k * perCluster, Math.min(serviceAccountsTotal, (k + 1) * perCluster), rolesPerAccount),
      ),
    );
    log(`service accounts seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    for (const cluster of sandbox.state.clusters) {
      kubeProxies.set(cluster.name, await KubeApiProxy.start({ upstream: cluster.server, caFile: cluster.caFile }));
    }
    const benchEntities: Entity[] = Array.from({ length: entities }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `bench-${i}`,
        namespace: 'default',
        annotations: { 'backstage.io/kubernetes-id': `bench-${i * Math.floor(serviceAccountsTotal / entities)}` },
      },
      spec: { type: 'service', owner: 'group:default/bench', lifecycle: 'production' },
    }));
    started = Date.now();
    backend = await startSandboxBackend({
      state: sandbox.state,
      entities: benchEntities,
      awsIdentity: { syncIntervalSeconds: 3600, staleAfterSeconds: 86_400 },
      configure: config => {
        for (const cluster of config.kubernetes.clusterLocatorMethods[0].clusters) {
          cluster.url = kubeProxies.get(cluster.name)!.url;
        }
      },
    });
    // Ready when every source is ok and the last service account is indexed.
    const deadline = Date.now() + 600_000;
    for (;;) {
      const res = await fetch(`${backend.baseUrl}/api/aws-identity/sources`, { headers: authHeaders() });
      const body = (await res.json()) as { sources?: Array<{ state: string }> };
      const ok = body.sources?.every(s => s.state === 'ok');
      const last = await identityOf(backend, entities - 1);
      if (ok && last.serviceAccounts.length > 0) break;
      if (Date.now() > deadline) throw new Error(`backend not ready: ${JSON.stringify(body)}`);
      await new Promise(r => setTimeout(r, 1_000));
    }
    log(`backend ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return {
      small,
      sandbox,
      backend,
      kubeProxies,
      accounts,
      rolesPerAccount,
      policiesPerAccount,
      serviceAccountsTotal,
      entities,
      log,
      tearDown,
    };
  } catch (error) {
    await tearDown();
    throw error;
  }
}

/** The mock user token the test backend accepts. */
export function authHeaders(): Record<string, string> {
  // mockCredentials.user.header() of @backstage/backend-test-utils, without importing Jest mocks.
  return { authorization: 'Bearer mock-user-token' };
}

export async function identityOf(
  backend: SandboxBackend,
  entity: number,
): Promise<{ serviceAccounts: Array<{ serviceAccount: { name: string }; binding: { irsaRoleArn?: string }; verdict: string }> }> {
  const res = await fetch(
    `${backend.baseUrl}/api/aws-identity/identity?entityRef=component:default/bench-${entity}`,
    { headers: authHeaders() },
  );
  if (!res.ok) throw new Error(`GET /identity: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as any;
}
