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
  ensureDefaultServiceAccount,
  OwnerRef,
  ownerRef,
} from '../kube/controllers';
import { KubeClient } from '../kube/kubeClient';
import { READER_USER } from '../kube/rbac';
import { NamespaceSeed, WorkloadSeed } from './types';

/** Label the Backstage Kubernetes plugin matches with `backstage.io/kubernetes-id`. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

const workloadApi: Record<Exclude<WorkloadSeed['kind'], 'Pod'>, string> = {
  Deployment: 'deployments',
  DaemonSet: 'daemonsets',
  StatefulSet: 'statefulsets',
};

function podSpec(w: WorkloadSeed) {
  return {
    ...(w.serviceAccount ? { serviceAccountName: w.serviceAccount } : {}),
    ...(w.podSecurityContext ? { securityContext: w.podSecurityContext } : {}),
    ...(w.hostNetwork ? { hostNetwork: true } : {}),
    ...(w.volumes ? { volumes: w.volumes } : {}),
    containers: w.containers.map(c => ({
      name: c.name,
      image: c.image,
      ...(c.env ? { env: c.env } : {}),
      ...(c.envFrom ? { envFrom: c.envFrom } : {}),
      ...(c.volumeMounts ? { volumeMounts: c.volumeMounts } : {}),
    })),
  };
}

/** Pod names the way the controllers would name them (stable, so re-seeding is idempotent). */
function podName(w: WorkloadSeed, i: number): string {
  switch (w.kind) {
    case 'Pod':
      return w.name;
    case 'StatefulSet':
      return `${w.name}-${i}`;
    case 'DaemonSet':
      return `${w.name}-node${i}`;
    default:
      return `${w.name}-5d8f6c7b9-sbx${i}`;
  }
}

/**
 * Creates a workload object and its pods. No controllers run in the sandbox, so the seeder
 * creates the pods itself (with owner references, as the controllers would); they stay Pending.
 * Pods are created only when absent, since pods are immutable and the webhook acts on CREATE.
 */
async function applyWorkload(
  admin: KubeClient,
  ns: string,
  component: string,
  w: WorkloadSeed,
): Promise<void> {
  const labels = { app: w.name, [KUBERNETES_ID_LABEL]: component, ...w.podLabels };
  let owner: OwnerRef | undefined;
  if (w.kind !== 'Pod') {
    const template = { metadata: { labels }, spec: podSpec(w) };
    const selector = { matchLabels: { app: w.name } };
    const spec: Record<string, unknown> = { selector, template };
    // DaemonSets have no replica count; StatefulSets need a governing service name.
    if (w.kind !== 'DaemonSet') spec.replicas = w.pods ?? 1;
    if (w.kind === 'StatefulSet') spec.serviceName = w.name;
    const obj = await admin.apply(
      `/apis/apps/v1/namespaces/${ns}/${workloadApi[w.kind]}`,
      {
        apiVersion: 'apps/v1',
        kind: w.kind,
        metadata: { name: w.name, namespace: ns, labels },
        spec,
      },
    );
    owner = ownerRef(w.kind, 'apps/v1', obj);
    if (w.kind === 'Deployment') {
      const rs = await admin.apply(
        `/apis/apps/v1/namespaces/${ns}/replicasets`,
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: `${w.name}-5d8f6c7b9`,
            namespace: ns,
            labels: { ...labels, 'pod-template-hash': '5d8f6c7b9' },
            ownerReferences: [owner],
          },
          spec: {
            replicas: w.pods ?? 1,
            selector: {
              matchLabels: { app: w.name, 'pod-template-hash': '5d8f6c7b9' },
            },
            template: {
              metadata: {
                labels: { ...labels, 'pod-template-hash': '5d8f6c7b9' },
              },
              spec: podSpec(w),
            },
          },
        },
      );
      owner = ownerRef('ReplicaSet', 'apps/v1', rs);
    }
  }
  const count = w.kind === 'Pod' ? 1 : w.pods ?? 1;
  if (w.createPodsAfterMs) await new Promise(resolve => setTimeout(resolve, w.createPodsAfterMs));
  for (let i = 0; i < count; i++) {
    await admin.apply(
      `/api/v1/namespaces/${ns}/pods`,
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: podName(w, i),
          namespace: ns,
          labels:
            w.kind === 'Deployment'
              ? { ...labels, 'pod-template-hash': '5d8f6c7b9' }
              : labels,
          ...(owner ? { ownerReferences: [owner] } : {}),
        },
        spec: podSpec(w),
      },
      { replace: false },
    );
  }
}

/** Applies one namespace seed (idempotent). */
export async function applyNamespace(
  admin: KubeClient,
  seed: NamespaceSeed,
  component: string,
): Promise<void> {
  const ns = seed.namespace;
  await admin.apply('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns, labels: { 'aws-identity/sandbox': 'true' } },
  });
  const saPath = `/api/v1/namespaces/${ns}/serviceaccounts`;
  if (!seed.serviceAccounts.some(sa => sa.name === 'default')) {
    await ensureDefaultServiceAccount(admin, ns);
  }
  for (const s of seed.secrets ?? []) {
    await admin.apply(`/api/v1/namespaces/${ns}/secrets`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: s.name },
      type: 'Opaque',
      stringData: s.stringData,
    });
  }
  for (const c of seed.configMaps ?? []) {
    await admin.apply(`/api/v1/namespaces/${ns}/configmaps`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: c.name },
      data: c.data,
    });
  }
  if (seed.portalMayReadSecrets) await grantSecretKeyReads(admin, ns);
  const serviceAccount = (
    sa: NamespaceSeed['serviceAccounts'][number],
    withAnnotations: boolean,
  ) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: sa.name,
      labels: { [KUBERNETES_ID_LABEL]: component },
      ...(withAnnotations && sa.annotations
        ? { annotations: sa.annotations }
        : {}),
    },
  });
  for (const sa of seed.serviceAccounts) {
    // A late-annotated SA is created bare and left alone until its pods exist.
    await admin.apply(saPath, serviceAccount(sa, !sa.annotateAfterPods), {
      replace: !sa.annotateAfterPods,
    });
  }
  for (const w of seed.workloads) await applyWorkload(admin, ns, component, w);
  for (const sa of seed.serviceAccounts.filter(s => s.annotateAfterPods)) {
    await admin.apply(saPath, serviceAccount(sa, true));
  }
}

/** Lets the portal's read-only identity `get` the secrets of one namespace (key names of envFrom). */
async function grantSecretKeyReads(admin: KubeClient, ns: string): Promise<void> {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await admin.apply(`${rbac}/namespaces/${ns}/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'aws-identity-secret-keys', namespace: ns },
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
  });
  await admin.apply(`${rbac}/namespaces/${ns}/rolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'aws-identity-secret-keys', namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'aws-identity-secret-keys' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: READER_USER }],
  });
}
