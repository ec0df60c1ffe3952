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


import { V1Pod } from '@kubernetes/client-node';
import { emptyPodAggregate, SKIP_POD_IDENTITY_WEBHOOK_LABEL } from '@internal/plugin-aws-identity-common';
import { ServiceAccountPods } from '@internal/plugin-aws-identity-node';

const TOKEN_VOLUME = 'aws-iam-token';

/**
 * Labels that differ between pods of one workload; dropping them lets one entry stand for the
 * whole workload, so memory grows with workloads, not pods.
 */
const PER_POD_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'pod-template-generation',
]);

/** {@link ServiceAccountPods} while it is being filled. */
type PodsBeingFolded = ServiceAccountPods & { labelSets: Map<string, Record<string, string>> };

/**
 * Folds pods into per-service-account aggregates, keyed `namespace/serviceAccount`. The role
 * annotation of each service account decides which pods "need a restart": the webhook mutates a
 * pod only when it is created, so a pod without the annotated role in its env was created before
 * the annotation (or before it changed).
 *
 * @public
 */
export function aggregatePods(
  pods: Iterable<V1Pod>,
  roleAnnotationOf: (namespace: string, serviceAccount: string) => string | undefined,
): Map<string, ServiceAccountPods> {
  const result = new Map<string, PodsBeingFolded>();
  for (const pod of pods) {
    const namespace = pod.metadata?.namespace ?? 'default';
    const serviceAccount = pod.spec?.serviceAccountName || 'default';
    const key = `${namespace}/${serviceAccount}`;
    let entry = result.get(key);
    if (!entry) {
      entry = { aggregate: emptyPodAggregate(), labelSets: new Map() };
      result.set(key, entry);
    }
    addPod(entry, pod, roleAnnotationOf(namespace, serviceAccount));
  }
  return result;
}

function addPod(
  entry: PodsBeingFolded,
  pod: V1Pod,
  annotatedRole: string | undefined,
): void {
  const aggregate = entry.aggregate;
  const containers = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
  ];
  const envOf = (name: string) =>
    containers.map(c => c.env?.find(e => e.name === name));

  aggregate.podCount += 1;

  const roleEnv = envOf('AWS_ROLE_ARN');
  const tokenEnv = envOf('AWS_WEB_IDENTITY_TOKEN_FILE');
  const injected =
    containers.length > 0 &&
    roleEnv.every(Boolean) &&
    tokenEnv.every(Boolean);
  if (injected) aggregate.irsaEnvCount += 1;

  const volumes = pod.spec?.volumes ?? [];
  if (volumes.some(v => v.name === TOKEN_VOLUME)) aggregate.irsaVolumeCount += 1;

  if (envOf('AWS_CONTAINER_CREDENTIALS_FULL_URI').some(Boolean)) {
    aggregate.podIdentityEnvCount += 1;
  }
  if (
    envOf('AWS_ACCESS_KEY_ID').some(Boolean) ||
    envOf('AWS_SECRET_ACCESS_KEY').some(Boolean)
  ) {
    aggregate.staticKeysCount += 1;
  }

  const labels = pod.metadata?.labels ?? {};
  const skipped = labels[SKIP_POD_IDENTITY_WEBHOOK_LABEL] === 'true';
  if (skipped) aggregate.skipWebhookLabelCount += 1;

  const roleArns = new Set(
    roleEnv.map(e => e?.value).filter((v): v is string => Boolean(v)),
  );
  for (const roleArn of roleArns) {
    const seen = aggregate.roleArnsInEnv.find(r => r.roleArn === roleArn);
    if (seen) seen.podCount += 1;
    else aggregate.roleArnsInEnv.push({ roleArn, podCount: 1 });
  }
  if (annotatedRole && !skipped && !roleArns.has(annotatedRole)) {
    aggregate.createdBeforeAnnotationCount += 1;
  }

  const security = pod.spec?.securityContext;
  const runsAsNonRoot =
    security?.runAsNonRoot === true ||
    (security?.runAsUser !== undefined && security.runAsUser !== 0) ||
    containers.some(
      c =>
        c.securityContext?.runAsNonRoot === true ||
        (c.securityContext?.runAsUser !== undefined &&
          c.securityContext.runAsUser !== 0),
    );
  if (runsAsNonRoot && security?.fsGroup === undefined) {
    aggregate.nonRootWithoutFsGroupCount += 1;
  }

  const workload = workloadOf(pod);
  if (!aggregate.workloads?.includes(workload)) aggregate.workloads?.push(workload);

  const workloadLabels = Object.fromEntries(
    Object.entries(labels).filter(([k]) => !PER_POD_LABELS.has(k)),
  );
  const labelKey = Object.entries(workloadLabels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  entry.labelSets.set(labelKey, workloadLabels);
}

/** `Deployment/api` for a pod of ReplicaSet `api-5d4f8`, else the controller or the pod itself. */
function workloadOf(pod: V1Pod): string {
  const owner = pod.metadata?.ownerReferences?.find(o => o.controller);
  if (!owner) return `Pod/${pod.metadata?.name}`;
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return `Deployment/${owner.name.slice(0, -hash.length - 1)}`;
  }
  return `${owner.kind}/${owner.name}`;
}
