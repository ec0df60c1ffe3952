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

/** The label EKS puts on pods it schedules on Fargate (the profile's name). */
const FARGATE_PROFILE_LABEL = 'eks.amazonaws.com/fargate-profile';

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

/**
 * What one pod adds to its service account's aggregate: a few flags and strings, nothing of the
 * pod object itself. The inventory keeps one per pod (not the pod), so a watch event updates an
 * aggregate by replacing one contribution, and memory grows with this record, not with pods'
 * specs. New per-pod runtime facts are new fields here and one line in {@link podContribution}.
 *
 * @public
 */
export interface PodContribution {
  /** `namespace/serviceAccount` the pod runs as. */
  account: string;
  /** Every container has `AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE` (the webhook's IRSA env). */
  irsaEnv: boolean;
  /** The projected `aws-iam-token` volume is mounted. */
  irsaVolume: boolean;
  /** A container has `AWS_CONTAINER_CREDENTIALS_FULL_URI` (EKS Pod Identity). */
  podIdentityEnv: boolean;
  /** A container has `AWS_ACCESS_KEY_ID` or `AWS_SECRET_ACCESS_KEY`. */
  staticKeys: boolean;
  /** Labelled `eks.amazonaws.com/skip-pod-identity-webhook: "true"`. */
  skipWebhook: boolean;
  /** Runs as non-root without `fsGroup`. */
  nonRootWithoutFsGroup: boolean;
  /** Distinct `AWS_ROLE_ARN` values of its containers. */
  roleArns: readonly string[];
  /** `spec.hostNetwork: true`. */
  hostNetwork: boolean;
  /** Scheduled on Fargate: EKS labels such pods `eks.amazonaws.com/fargate-profile`. */
  onFargate: boolean;
  /** `Deployment/api`, `StatefulSet/db`, or `Pod/name`. */
  workload: string;
  /** The workload's labels (per-pod labels removed) and their `k=v` join. */
  labelKey: string;
  labels: Readonly<Record<string, string>>;
}

/**
 * Contributions are interned: the pods of one workload contribute the same record, so 100k pods
 * of a few thousand workloads keep a few thousand records (and their strings), not 100k. The
 * table is bounded; emptying it only costs sharing, never correctness.
 */
const interned = new Map<string, PodContribution>();
const MAX_INTERNED = 50_000;

/** `namespace/serviceAccount` a pod runs as (immutable for a pod's lifetime). @public */
export function accountOf(pod: V1Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.spec?.serviceAccountName || 'default'}`;
}

/** A pod's contribution (pure: the same pod always gives an equal, often the same, record). @public */
export function podContribution(pod: V1Pod): PodContribution {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const envOf = (name: string) => containers.map(c => c.env?.find(e => e.name === name));

  const roleEnv = envOf('AWS_ROLE_ARN');
  const tokenEnv = envOf('AWS_WEB_IDENTITY_TOKEN_FILE');
  const labels = pod.metadata?.labels ?? {};
  const security = pod.spec?.securityContext;
  const runsAsNonRoot =
    security?.runAsNonRoot === true ||
    (security?.runAsUser !== undefined && security.runAsUser !== 0) ||
    containers.some(
      c =>
        c.securityContext?.runAsNonRoot === true ||
        (c.securityContext?.runAsUser !== undefined && c.securityContext.runAsUser !== 0),
    );
  const workloadLabels = Object.fromEntries(Object.entries(labels).filter(([k]) => !PER_POD_LABELS.has(k)));
  const labelKey = Object.entries(workloadLabels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

  const contribution: PodContribution = {
    account: accountOf(pod),
    irsaEnv: containers.length > 0 && roleEnv.every(Boolean) && tokenEnv.every(Boolean),
    irsaVolume: (pod.spec?.volumes ?? []).some(v => v.name === TOKEN_VOLUME),
    podIdentityEnv: envOf('AWS_CONTAINER_CREDENTIALS_FULL_URI').some(Boolean),
    staticKeys: envOf('AWS_ACCESS_KEY_ID').some(Boolean) || envOf('AWS_SECRET_ACCESS_KEY').some(Boolean),
    skipWebhook: labels[SKIP_POD_IDENTITY_WEBHOOK_LABEL] === 'true',
    nonRootWithoutFsGroup: runsAsNonRoot && security?.fsGroup === undefined,
    roleArns: [...new Set(roleEnv.map(e => e?.value).filter((v): v is string => Boolean(v)))],
    hostNetwork: pod.spec?.hostNetwork === true,
    onFargate: labels[FARGATE_PROFILE_LABEL] !== undefined,
    workload: workloadOf(pod),
    labelKey,
    labels: Object.freeze(workloadLabels),
  };
  const key = JSON.stringify(contribution);
  const known = interned.get(key);
  if (known) return known;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(key, contribution);
  return contribution;
}

/**
 * One service account's aggregate from its pods' contributions. The role annotation decides
 * which pods "need a restart": the webhook mutates a pod only when it is created, so a pod
 * without the annotated role in its env was created before the annotation (or before it
 * changed) — which is why the aggregate is recomputed, not patched, when the annotation changes.
 *
 * @public
 */
export function aggregateContributions(
  contributions: Iterable<PodContribution>,
  annotatedRole: string | undefined,
): ServiceAccountPods {
  const aggregate = emptyPodAggregate({ hostNetworkPodCount: 0, fargatePodCount: 0 });
  const labelSets = new Map<string, Record<string, string>>();
  for (const pod of contributions) {
    aggregate.podCount += 1;
    if (pod.irsaEnv) aggregate.irsaEnvCount += 1;
    if (pod.irsaVolume) aggregate.irsaVolumeCount += 1;
    if (pod.podIdentityEnv) aggregate.podIdentityEnvCount += 1;
    if (pod.staticKeys) aggregate.staticKeysCount += 1;
    if (pod.skipWebhook) aggregate.skipWebhookLabelCount += 1;
    for (const roleArn of pod.roleArns) {
      const seen = aggregate.roleArnsInEnv.find(r => r.roleArn === roleArn);
      if (seen) seen.podCount += 1;
      else aggregate.roleArnsInEnv.push({ roleArn, podCount: 1 });
    }
    if (annotatedRole && !pod.skipWebhook && !pod.roleArns.includes(annotatedRole)) {
      aggregate.createdBeforeAnnotationCount += 1;
    }
    if (pod.nonRootWithoutFsGroup) aggregate.nonRootWithoutFsGroupCount += 1;
    if (pod.hostNetwork) aggregate.hostNetworkPodCount = (aggregate.hostNetworkPodCount ?? 0) + 1;
    if (pod.onFargate) aggregate.fargatePodCount = (aggregate.fargatePodCount ?? 0) + 1;
    if (!aggregate.workloads?.includes(pod.workload)) aggregate.workloads?.push(pod.workload);
    // The contribution's labels are frozen and shared: no copy per service account.
    if (!labelSets.has(pod.labelKey)) labelSets.set(pod.labelKey, pod.labels as Record<string, string>);
  }
  return { aggregate, labelSets };
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
