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
import * as path from 'node:path';
import {
  PodIdentityAssociation,
  ServiceAccount,
  validateNamespace,
  validateServiceAccountName,
} from '@internal/plugin-aws-identity-common';
import { LineCounter, parseAllDocuments } from 'yaml';
import { UsageError } from '../args';

/** Where an object was declared, for text output and SARIF locations. */
export interface ManifestLocation {
  /** Path relative to the manifests directory, with `/` separators. */
  file: string;
  /** 1-based line of the object's first line. */
  line: number;
}

/** A workload and the service account its pods run as. */
export interface ManifestWorkload {
  kind: string;
  namespace: string;
  name: string;
  serviceAccountName: string;
  location: ManifestLocation;
}

/** What a directory of Kubernetes manifests declares about workload identity. */
export interface ManifestSet {
  serviceAccounts: Array<ServiceAccount & { location: ManifestLocation }>;
  workloads: ManifestWorkload[];
  /** EKS Pod Identity associations declared as ACK `PodIdentityAssociation` resources. */
  associations: Array<PodIdentityAssociation & { location: ManifestLocation }>;
  /** Files or objects that could not be read, each said once. */
  problems: Array<{ location: ManifestLocation; message: string }>;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const MAX_FILES = 10_000;
const MAX_FILE_BYTES = 4 * 1024 * 1024;

// Where each workload kind keeps its pod template (`spec.template.spec` for controllers,
// `spec.jobTemplate.spec.template.spec` for CronJobs, `spec` for a bare Pod).
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (value: unknown, keys: string[]): unknown =>
  keys.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), value);

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      // Symbolic links are not followed: a manifests directory is checked as committed.
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) out.push(full);
      if (out.length > MAX_FILES) throw new UsageError(`--manifests: more than ${MAX_FILES} manifest files`);
    }
  };
  walk(root);
  return out;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Reads every `.yaml`/`.yml`/`.json` file under a directory (multi-document YAML and `kind: List`
 * included) and keeps the objects that decide workload identity: ServiceAccounts, workloads (the
 * service account of their pod template) and ACK `PodIdentityAssociation`s. Objects without a
 * namespace get `defaultNamespace`, as `kubectl apply -n` would give them.
 */
export function readManifests(root: string, cluster: string, defaultNamespace: string): ManifestSet {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new UsageError(`--manifests: cannot read "${root.slice(0, 120)}"`);
  }
  if (!stat.isDirectory()) throw new UsageError(`--manifests: "${root.slice(0, 120)}" is not a directory`);
  const set: ManifestSet = { serviceAccounts: [], workloads: [], associations: [], problems: [] };
  for (const file of listFiles(root)) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (fs.statSync(file).size > MAX_FILE_BYTES) {
      set.problems.push({ location: { file: relative, line: 1 }, message: 'file larger than 4 MiB, skipped' });
      continue;
    }
    const lines = new LineCounter();
    const documents = parseAllDocuments(fs.readFileSync(file, 'utf8'), { lineCounter: lines });
    for (const document of Array.isArray(documents) ? documents : [documents]) {
      const start = document.contents?.range?.[0] ?? 0;
      const location = { file: relative, line: lines.linePos(start).line };
      if (document.errors.length > 0) {
        set.problems.push({ location, message: `not valid YAML: ${document.errors[0].message.split('\n')[0]}` });
        continue;
      }
      const value: unknown = document.toJS({ maxAliasCount: 100 });
      const objects = isObject(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
      for (const object of objects) {
        if (isObject(object)) addObject(set, object, location, cluster, defaultNamespace);
      }
    }
  }
  return set;
}

function addObject(set: ManifestSet, object: Json, location: ManifestLocation, cluster: string, defaultNamespace: string): void {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : defaultNamespace;
  const problem = (message: string): void => {
    set.problems.push({ location, message: `${kind} ${namespace}/${name}: ${message}` });
  };

  if (kind === 'ServiceAccount' && object.apiVersion === 'v1') {
    const ns = validateNamespace(namespace);
    const sa = validateServiceAccountName(name);
    if (!ns.ok) {
      problem(ns.error);
      return;
    }
    if (!sa.ok) {
      problem(sa.error);
      return;
    }
    set.serviceAccounts.push({ cluster, namespace, name, annotations: stringMap(metadata.annotations), location });
    return;
  }
  const podSpecPath = POD_SPEC_PATHS[kind];
  if (podSpecPath) {
    const podSpec = at(object, podSpecPath);
    if (!isObject(podSpec)) {
      problem('no pod template');
      return;
    }
    // `serviceAccount` is the deprecated alias Kubernetes still honours when the name is unset.
    const account = podSpec.serviceAccountName ?? podSpec.serviceAccount ?? 'default';
    if (typeof account !== 'string') {
      problem('serviceAccountName is not a string');
      return;
    }
    set.workloads.push({ kind, namespace, name, serviceAccountName: account, location });
    return;
  }
  if (kind === 'PodIdentityAssociation' && typeof object.apiVersion === 'string' && object.apiVersion.startsWith('eks.services.k8s.aws/')) {
    const spec = isObject(object.spec) ? object.spec : {};
    const roleArn = spec.roleARN;
    if (typeof spec.namespace !== 'string' || typeof spec.serviceAccount !== 'string' || typeof roleArn !== 'string') {
      problem('spec.namespace, spec.serviceAccount and spec.roleARN are required');
      return;
    }
    set.associations.push({
      cluster,
      namespace: spec.namespace,
      serviceAccount: spec.serviceAccount,
      roleArn,
      ...(typeof spec.targetRoleARN === 'string' ? { targetRoleArn: spec.targetRoleARN } : {}),
      location,
    });
  }
}
