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

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ensureDefaultServiceAccount, ownerRef } from '../kube/controllers';
import { KubeApiError, KubeClient } from '../kube/kubeClient';
import { paths } from '../paths';
import { SandboxState } from '../state';

/** Folders of a service repository whose YAML files are Kubernetes manifests. */
const MANIFEST_DIRS = ['k8s/', 'infra/aws-identity/kubernetes/'];

/** Where each supported kind is created, and in which order (dependencies first). */
const KINDS: Record<
  string,
  { order: number; collection: (ns: string) => string }
> = {
  Namespace: { order: 0, collection: () => '/api/v1/namespaces' },
  ServiceAccount: {
    order: 1,
    collection: ns => `/api/v1/namespaces/${ns}/serviceaccounts`,
  },
  ConfigMap: {
    order: 2,
    collection: ns => `/api/v1/namespaces/${ns}/configmaps`,
  },
  Secret: { order: 2, collection: ns => `/api/v1/namespaces/${ns}/secrets` },
  Service: { order: 2, collection: ns => `/api/v1/namespaces/${ns}/services` },
  Deployment: {
    order: 3,
    collection: ns => `/apis/apps/v1/namespaces/${ns}/deployments`,
  },
};

/** A Kubernetes object as read from a manifest. */
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    uid?: string;
    ownerReferences?: Array<{ kind: string; name: string }>;
  };
  spec?: any;
}

/** What {@link deployService} did. */
export interface DeployedService {
  cluster: string;
  /** `Kind namespace/name` of every object applied, in order. */
  applied: string[];
  /** Pods created now (existing pods are kept, as a rollout without changes would). */
  podsCreated: string[];
  /** The catalog file the portal now reads the component from. */
  catalogFile: string;
}

/**
 * The sandbox's stand-in for a service's delivery pipeline (what Argo CD or Flux plus catalog
 * registration do in a real platform): reads the service repository the template published,
 * applies its Kubernetes manifests (namespace, service account, deployment) to a sandbox
 * cluster, and registers its `catalog-info.yaml` with the portal's catalog.
 *
 * No controllers run in the sandbox, so the ReplicaSet and pods a Deployment would get are
 * created here, with owner references, the way the controllers name them; the real pod
 * identity webhook mutates them on creation.
 */
export async function deployService(
  state: SandboxState,
  options: {
    service: string;
    cluster?: string;
    gitBaseDir?: string;
    log?: (line: string) => void;
  },
): Promise<DeployedService> {
  const log = options.log ?? (() => {});
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(options.service)) {
    throw new Error(
      `service: ${JSON.stringify(options.service)} is not a repository name`,
    );
  }
  const repo = join(
    options.gitBaseDir ?? join(paths.sandboxHome, 'git'),
    `${options.service}.git`,
  );
  if (!existsSync(repo)) throw new Error(`service: no repository ${repo}`);
  const cluster = options.cluster
    ? state.clusters.find(c => c.name === options.cluster)
    : state.clusters[0];
  if (!cluster) {
    throw new Error(
      `cluster: ${JSON.stringify(
        options.cluster,
      )} is not one of ${state.clusters.map(c => c.name).join(', ')}`,
    );
  }
  if (!state.servicesCatalogDir)
    throw new Error('this sandbox has no services catalog folder');

  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      encoding: 'utf8',
      maxBuffer: 16 << 20,
    });
  const files = git('ls-tree', '-r', '--name-only', 'HEAD')
    .split('\n')
    .filter(Boolean);
  const manifests = files
    .filter(f => MANIFEST_DIRS.some(d => f.startsWith(d)) && /\.ya?ml$/.test(f))
    .flatMap(file => readManifests(file, git('show', `HEAD:${file}`)));

  // Every namespace a manifest lives in exists first, as `kubectl apply` of a repo would need.
  const namespaces = new Set(
    manifests.map(m => m.metadata.namespace).filter(Boolean) as string[],
  );
  for (const ns of namespaces) {
    if (
      !manifests.some(m => m.kind === 'Namespace' && m.metadata.name === ns)
    ) {
      manifests.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
    }
  }
  manifests.sort((a, b) => KINDS[a.kind].order - KINDS[b.kind].order);

  const admin = new KubeClient({
    server: cluster.server,
    caFile: cluster.caFile,
    token: cluster.adminToken,
  });
  const applied: string[] = [];
  const podsCreated: string[] = [];
  for (const manifest of manifests) {
    const ns = manifest.metadata.namespace ?? 'default';
    const created = await admin.apply(
      KINDS[manifest.kind].collection(ns),
      manifest,
    );
    applied.push(
      `${manifest.kind} ${manifest.kind === 'Namespace' ? '' : `${ns}/`}${
        manifest.metadata.name
      }`,
    );
    if (manifest.kind === 'Namespace')
      await ensureDefaultServiceAccount(admin, manifest.metadata.name);
    if (manifest.kind === 'Deployment') {
      podsCreated.push(...(await rollOut(admin, ns, created)));
    }
  }
  for (const line of applied) log(`applied ${line} on ${cluster.name}`);
  for (const pod of podsCreated) log(`created pod ${pod}`);

  mkdirSync(state.servicesCatalogDir, { recursive: true });
  const catalogFile = join(state.servicesCatalogDir, `${options.service}.yaml`);
  writeFileSync(catalogFile, git('show', 'HEAD:catalog-info.yaml'));
  log(`registered ${catalogFile} with the catalog`);
  return { cluster: cluster.name, applied, podsCreated, catalogFile };
}

/** Parses one manifest file; refuses kinds the sandbox cannot apply, naming the file. */
function readManifests(file: string, text: string): Manifest[] {
  return parseAllDocuments(text)
    .map(doc => {
      if (doc.errors.length > 0)
        throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJSON() as Manifest | null;
    })
    .filter((m): m is Manifest => Boolean(m))
    .map(m => {
      if (!m.kind || !KINDS[m.kind]) {
        throw new Error(
          `${file}: kind ${JSON.stringify(
            m.kind,
          )} is not one the sandbox applies (${Object.keys(KINDS).join(', ')})`,
        );
      }
      if (!m.metadata?.name)
        throw new Error(`${file}: a ${m.kind} without metadata.name`);
      return m;
    });
}

/**
 * Does what the deployment and ReplicaSet controllers would: one ReplicaSet per pod template
 * (named by the template's hash), its replicas as pods, and pods of older templates removed.
 */
async function rollOut(
  admin: KubeClient,
  ns: string,
  deployment: Manifest,
): Promise<string[]> {
  const name = deployment.metadata.name;
  const template = deployment.spec?.template ?? {};
  const hash = createHash('sha256')
    .update(JSON.stringify(template))
    .digest('hex')
    .slice(0, 10);
  const labels = {
    ...(template.metadata?.labels ?? {}),
    'pod-template-hash': hash,
  };
  const replicas: number = deployment.spec?.replicas ?? 1;
  const rs = await admin.apply(`/apis/apps/v1/namespaces/${ns}/replicasets`, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${name}-${hash}`,
      namespace: ns,
      labels,
      ownerReferences: [ownerRef('Deployment', 'apps/v1', deployment)],
    },
    spec: {
      replicas,
      selector: {
        matchLabels: {
          ...(deployment.spec?.selector?.matchLabels ?? {}),
          'pod-template-hash': hash,
        },
      },
      template: {
        ...template,
        metadata: { ...(template.metadata ?? {}), labels },
      },
    },
  });

  const existing = await admin.request<{ items: Manifest[] }>(
    'GET',
    `/api/v1/namespaces/${ns}/pods`,
  );
  for (const pod of existing.items) {
    const owner = pod.metadata.ownerReferences?.[0];
    if (
      owner?.kind === 'ReplicaSet' &&
      owner.name.startsWith(`${name}-`) &&
      owner.name !== rs.metadata.name
    ) {
      await admin
        .request('DELETE', `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}`)
        .catch(error => {
          if (!(error instanceof KubeApiError && error.status === 404))
            throw error;
        });
    }
  }

  const created: string[] = [];
  for (let i = 0; i < replicas; i++) {
    const podName = `${rs.metadata.name}-sbx${i}`;
    const exists = existing.items.some(p => p.metadata.name === podName);
    if (exists) continue;
    await admin.apply(`/api/v1/namespaces/${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace: ns,
        labels,
        ownerReferences: [ownerRef('ReplicaSet', 'apps/v1', rs)],
      },
      spec: template.spec,
    });
    created.push(`${ns}/${podName}`);
  }
  return created;
}

/**
 * Creates the folder the portal's catalog reads deployed services from. It starts with a file
 * holding only a comment, so the catalog's glob location matches from the start instead of
 * reporting a missing file until the first deployment.
 */
export function createServicesCatalogDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'README.yaml'),
    '# Catalog files of the services `yarn sandbox deploy <service>` deployed to this sandbox.\n',
  );
  return dir;
}
