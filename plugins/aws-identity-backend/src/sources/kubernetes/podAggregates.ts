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
import {
  CREDENTIAL_VARIABLES,
  CredentialEnvSource,
  EnvFromReference,
  ProjectedToken,
  ShadowingSource,
  emptyPodAggregate,
  podRuntimeFacts,
} from '@internal/plugin-aws-identity-common';
import { ServiceAccountPods } from '@internal/plugin-aws-identity-node';
import { SmallMap } from '../../lib/SmallMap';
import { StringPool } from '../../lib/StringPool';

/** The pair IRSA-B05 counts as static keys (`AWS_SESSION_TOKEN` alone is no key). */
const ACCESS_KEY_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

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
  /** A container runs as non-root (its securityContext over the pod's) without the pod's `fsGroup`. */
  nonRootWithoutFsGroup: boolean;
  /** Distinct `AWS_ROLE_ARN` values of its containers. */
  roleArns: readonly string[];
  /** Every mutated container has the Pod Identity env and the `eks-pod-identity-token` volume is there. */
  podIdentityInjected: boolean;
  /** `hostNetwork: true`. */
  hostNetwork: boolean;
  /** Runs on Fargate. */
  fargate: boolean;
  /** Credential variables set in `env` (names and where from, never values). */
  credentialEnv: readonly CredentialEnvSource[];
  /** `envFrom` Secrets / ConfigMaps, resolved to variables by their key names when folded. */
  envFrom: readonly EnvFromReference[];
  /** Mounts at a shared credentials location. */
  credentialsFileMounts: readonly string[];
  /** Projected service-account tokens (volume, audience, expiry). */
  serviceAccountTokens: readonly ProjectedToken[];
  /** `Deployment/api`, `StatefulSet/db`, or `Pod/name`. */
  workload: string;
  /** The workload's labels (per-pod labels removed) and their `k=v` join. */
  labelKey: string;
  labels: Readonly<Record<string, string>>;
}

/** A pod's contribution (pure: the same pod always gives an equal record). @public */
export function podContribution(pod: V1Pod): PodContribution {
  // The spec's credential facts are the engine's (one reader of a pod spec, in -common); the
  // creation time is left out: it differs per pod and would defeat interning.
  const { createdAt: _createdAt, ...facts } = podRuntimeFacts(pod);
  const labels = pod.metadata?.labels ?? {};
  const workloadLabels = Object.fromEntries(Object.entries(labels).filter(([k]) => !PER_POD_LABELS.has(k)));
  const labelKey = Object.entries(workloadLabels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    account: accountOf(pod),
    ...facts,
    workload: workloadOf(pod),
    labelKey,
    labels: Object.freeze(workloadLabels),
  };
}

/**
 * The workload a stored contribution of a pod without a controller names: the pod itself,
 * restored from the pod's name by {@link withPodWorkload} when folded.
 */
const OWN_POD = 'Pod/';

/** `namespace/serviceAccount` a pod runs as (immutable for a pod's lifetime). @public */
export function accountOf(pod: V1Pod): string {
  return accountKey(pod.metadata?.namespace ?? 'default', pod.spec?.serviceAccountName || 'default');
}

/** The `namespace/name` key of a service account, kept by the inventory's maps. @public */
export function accountKey(namespace: string, name: string): string {
  return flatJoin(namespace, '/', name);
}

/**
 * The parts joined into one flat string. A template literal of 13 characters or more gives a
 * V8 cons string, which holds on to its parts (here the strings of a parsed pod, one set per
 * pod) and costs as much again as the flat string: measured on Node 24, `Pod/<name>` kept as a
 * cons string cost 64 bytes with its name, joined 32. For strings an inventory keeps.
 */
function flatJoin(...parts: string[]): string {
  return parts.join('');
}

/** The workload of a pod without a controller: the pod itself. @public */
export function ownWorkload(podName: string): string {
  return flatJoin(OWN_POD, podName);
}

/**
 * The key of a pod among its service account's pods: its name, or for a pod without a
 * controller ({@link PodContributionTable} stores its workload as `Pod/`) its own workload
 * `Pod/<name>`, the very string its aggregate lists, so that string is kept once. Pod names
 * contain no `/`: the two kinds of keys never meet. @public
 */
export function podKey(contribution: PodContribution, podName: string): string {
  return contribution.workload === OWN_POD ? ownWorkload(podName) : podName;
}

/**
 * A contribution as {@link PodContributionTable} stored it, with the pod's own workload restored
 * from its {@link podKey} (a pod without a controller is its own workload). @public
 */
export function withPodWorkload(contribution: PodContribution, key: string): PodContribution {
  return contribution.workload === OWN_POD ? { ...contribution, workload: key } : contribution;
}

/** The one empty list every record without such facts points to. */
const NONE: readonly never[] = Object.freeze([]);

/**
 * Equal immutable parts of different records, kept once: the lists of facts most pods share
 * (the same projected token volumes, no credential env) and the strings that repeat (role ARNs,
 * label values). List keys are the lists' JSON, few and short next to the records sharing them.
 * A record's label set stays its own: it is its workload's, so rarely any other record's.
 */
class SharedParts {
  private readonly lists = new Map<string, readonly unknown[]>();

  constructor(private readonly strings: StringPool) {}

  share(contribution: PodContribution): PodContribution {
    return {
      ...contribution,
      roleArns: this.list(contribution.roleArns.map(arn => this.strings.of(arn))),
      credentialEnv: this.list(contribution.credentialEnv),
      envFrom: this.list(contribution.envFrom),
      credentialsFileMounts: this.list(contribution.credentialsFileMounts),
      serviceAccountTokens: this.list(contribution.serviceAccountTokens),
      labels: Object.freeze(this.strings.record(contribution.labels)),
    };
  }

  clear(): void {
    this.lists.clear();
  }

  list<T>(items: readonly T[]): readonly T[] {
    if (items.length === 0) return NONE;
    const key = JSON.stringify(items);
    const known = this.lists.get(key) as readonly T[] | undefined;
    if (known) return known;
    const frozen = Object.freeze(items.map(item => (typeof item === 'object' ? Object.freeze(item) : item)));
    this.lists.set(key, frozen);
    return frozen;
  }
}

/**
 * One inventory's interned contributions: the pods of one workload contribute the same record,
 * and so do a service account's pods without a controller (their own name is not stored in the
 * record but restored with {@link withPodWorkload}), so 100k pods keep one record (and one set
 * of strings) per workload or service account, not per pod. The parts records have in common
 * across service accounts (the same token volumes, no credential env, role ARNs) are shared
 * too. The table belongs to one inventory (freed with it) and is bounded; emptying it only costs
 * sharing, never correctness.
 *
 * @public
 */
export class PodContributionTable {
  /**
   * Records by a hash of their {@link recordKey}; a bucket holds the (rare) records whose keys
   * collide. Only the hash is kept: a key string per record would weigh as much as the record.
   */
  private readonly records = new Map<number, PodContribution | PodContribution[]>();
  private readonly parts: SharedParts;
  private readonly maxRecords: number;
  private count = 0;

  /** `strings`: the inventory's pool, shared with its service accounts (the same role ARNs, label values). */
  constructor(options: { maxRecords?: number; strings?: StringPool } = {}) {
    this.maxRecords = options.maxRecords ?? 50_000;
    this.parts = new SharedParts(options.strings ?? new StringPool());
  }

  /** The shared record of a pod's contribution; its workload is `Pod/` for a pod without a controller. */
  of(pod: V1Pod): PodContribution {
    const full = podContribution(pod);
    const contribution = full.workload.startsWith(OWN_POD) ? { ...full, workload: OWN_POD } : full;
    const key = recordKey(contribution);
    const hash = stringHash(key);
    const known = bucketOf(this.records.get(hash)).find(record => recordKey(record) === key);
    if (known) return known;
    if (this.count >= this.maxRecords) this.clear();
    const record = this.parts.share(contribution);
    const slot = this.records.get(hash);
    // Most buckets hold one record, stored as itself (an array per record would cost as much).
    this.records.set(hash, slot ? [...bucketOf(slot), record] : record);
    this.count += 1;
    return record;
  }

  /** How many distinct records are held. */
  get size(): number {
    return this.count;
  }

  /**
   * An equal frozen list, the same one for every equal list given (until the table is emptied):
   * for aggregate parts most service accounts have alike, such as their pods' token volumes.
   */
  share<T>(list: readonly T[]): readonly T[] {
    return this.parts.list(list);
  }

  private clear(): void {
    this.records.clear();
    this.parts.clear();
    this.count = 0;
  }
}

function bucketOf(slot: PodContribution | PodContribution[] | undefined): readonly PodContribution[] {
  if (!slot) return NONE;
  return Array.isArray(slot) ? slot : [slot];
}

/** What makes two contributions equal (the labels are in it as `labelKey`). */
function recordKey(contribution: PodContribution): string {
  return JSON.stringify({ ...contribution, labels: undefined });
}

/** 32-bit FNV-1a of a string's UTF-16 code units: a bucket number, never an identity. */
function stringHash(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * The key names of a Secret or ConfigMap (`keys`), why they are unknown (`error`), or
 * `undefined` while they have not been read yet.
 *
 * @public
 */
export type EnvSourceKeys = { keys: readonly string[] } | { error: string } | undefined;

/** Looks up the key names of a namespace's Secret or ConfigMap (no I/O: a cache). @public */
export type EnvSourceKeyLookup = (ref: EnvFromReference, namespace: string) => EnvSourceKeys;

/**
 * What an aggregate needs beyond the contributions: the creation times of the account's pods
 * injected with neither binding ({@link isUninjected}), and the key names of `envFrom` sources.
 *
 * @public
 */
export interface AggregateInputs {
  uninjectedCreatedAt?: Iterable<string>;
  envSourceKeys?: EnvSourceKeyLookup;
  /**
   * Returns a list equal to the one given, possibly one shared with other aggregates (an
   * inventory's {@link PodContributionTable.share}); aggregates are never changed once built.
   */
  share?: <T>(list: readonly T[]) => readonly T[];
}

/**
 * Whether a pod carries neither binding's injection and was not labelled to skip the webhook:
 * the pods whose creation time is compared with the binding's. @public
 */
export function isUninjected(contribution: PodContribution): boolean {
  return (
    !(contribution.irsaEnv && contribution.irsaVolume) &&
    !contribution.podIdentityInjected &&
    !contribution.skipWebhook
  );
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
  inputs: AggregateInputs = {},
): ServiceAccountPods {
  const aggregate = emptyPodAggregate({ hostNetworkPodCount: 0, fargatePodCount: 0 });
  // Most accounts have one label set: a SmallMap holds it in a fraction of a Map's size.
  const labelSets = new SmallMap<string, Record<string, string>>();
  const sources = new Map<string, ShadowingSource>();
  const tokens = new Map<string, ProjectedToken & { podCount: number }>();
  const unreadable = new Map<string, { kind: 'Secret' | 'ConfigMap'; name: string; reason: string }>();
  const roleArnsInEnv = new Map<string, { roleArn: string; podCount: number }>();
  const workloads = new Set<string>();
  const count = <T extends { podCount: number }>(map: Map<string, T>, key: string, entry: Omit<T, 'podCount'>) => {
    const seen = map.get(key);
    if (seen) seen.podCount += 1;
    else map.set(key, { ...entry, podCount: 1 } as T);
  };
  let uninjected = 0;
  for (const pod of contributions) {
    aggregate.podCount += 1;
    if (pod.irsaEnv) aggregate.irsaEnvCount += 1;
    if (pod.irsaVolume) aggregate.irsaVolumeCount += 1;
    if (pod.podIdentityEnv) aggregate.podIdentityEnvCount += 1;
    if (pod.skipWebhook) aggregate.skipWebhookLabelCount += 1;
    for (const roleArn of pod.roleArns) count(roleArnsInEnv, roleArn, { roleArn });
    if (annotatedRole && !pod.skipWebhook && !pod.roleArns.includes(annotatedRole)) {
      aggregate.createdBeforeAnnotationCount += 1;
    }
    if (pod.nonRootWithoutFsGroup) aggregate.nonRootWithoutFsGroupCount += 1;
    if (pod.podIdentityInjected) aggregate.podIdentityInjectedCount! += 1;
    if (pod.hostNetwork) aggregate.hostNetworkPodCount! += 1;
    if (pod.fargate) aggregate.fargatePodCount! += 1;
    if (isUninjected(pod)) uninjected += 1;

    const podSources: Array<Omit<ShadowingSource, 'podCount'>> = [
      ...pod.credentialEnv,
      ...pod.credentialsFileMounts.map(path => ({ variable: path, via: 'file-mount' as const })),
      ...pod.envFrom.flatMap(ref => {
        const keys = inputs.envSourceKeys?.(ref, pod.account.split('/')[0]);
        if (!keys || 'error' in keys) {
          unreadable.set(`${ref.kind}/${ref.name}`, {
            kind: ref.kind,
            name: ref.name,
            reason: keys?.error ?? 'not read yet',
          });
          return [];
        }
        return keys.keys
          .map(key => `${ref.prefix ?? ''}${key}`)
          .filter(variable => CREDENTIAL_VARIABLES.includes(variable))
          .map(variable => ({
            variable,
            via: ref.kind === 'Secret' ? ('env-from-secret' as const) : ('env-from-config-map' as const),
            source: ref.name,
          }));
      }),
    ];
    // envFrom keys count as static keys too: the environment provider reads them all the same.
    const staticKeys =
      pod.staticKeys ||
      podSources.some(
        s => s.via !== 'file-mount' && ACCESS_KEY_VARIABLES.includes(s.variable),
      );
    if (staticKeys) aggregate.staticKeysCount += 1;
    for (const source of podSources) count(sources, `${source.variable}|${source.via}|${source.source ?? ''}`, source);
    for (const token of pod.serviceAccountTokens) {
      count(tokens, `${token.volume}|${token.audience ?? ''}|${token.expirationSeconds ?? ''}`, token);
    }
    workloads.add(pod.workload);
    // The contribution's labels are frozen and shared: no copy per service account.
    if (!labelSets.has(pod.labelKey)) labelSets.set(pod.labelKey, pod.labels as Record<string, string>);
  }
  // Lists sized to their content (a grown array keeps its slack), shared where others are equal.
  const share = inputs.share ?? (<T>(list: readonly T[]) => list);
  aggregate.roleArnsInEnv = [...roleArnsInEnv.values()];
  aggregate.workloads = [...workloads];
  aggregate.credentialSources = share([...sources.values()]) as ShadowingSource[];
  aggregate.serviceAccountTokens = share([...tokens.values()]) as Array<ProjectedToken & { podCount: number }>;
  if (unreadable.size > 0) aggregate.unreadableEnvSources = [...unreadable.values()];
  if (uninjected > 0) {
    const times = [...(inputs.uninjectedCreatedAt ?? [])].sort();
    aggregate.uninjected = {
      count: uninjected,
      ...(times.length ? { oldestCreatedAt: times[0], newestCreatedAt: times[times.length - 1] } : {}),
    };
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
