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
import { SKIP_POD_IDENTITY_WEBHOOK_LABEL } from '../binding/annotations';
import {
  COMPUTE_TYPE_LABEL,
  CREDENTIAL_VARIABLES,
  FARGATE_PROFILE_LABEL,
  FARGATE_SCHEDULER,
  IRSA_ENV,
  IRSA_TOKEN_VOLUME,
  POD_IDENTITY_ENV,
  POD_IDENTITY_TOKEN_VOLUME,
  SKIP_CONTAINERS_ANNOTATION,
} from './constants';
import {
  CredentialEnvSource,
  EnvFromReference,
  PodRuntimeFacts,
  ProjectedToken,
  RuntimeContainer,
  RuntimePod,
} from './types';

/**
 * Reads a pod's credential facts from its spec (pure; names only, never a Secret's value).
 * `node` is the pod's node, when the caller knows it: its `compute-type` label marks Fargate.
 *
 * @public
 */
export function podRuntimeFacts(
  pod: RuntimePod,
  node?: { labels?: Record<string, string> },
): PodRuntimeFacts {
  const spec = pod.spec ?? {};
  const labels = pod.metadata?.labels ?? {};
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  // Containers named in skip-containers are left alone by the webhook on purpose.
  const skipped = new Set(
    (pod.metadata?.annotations?.[SKIP_CONTAINERS_ANNOTATION] ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
  );
  const mutated = all.filter(c => !skipped.has(c.name));
  const volumes = spec.volumes ?? [];
  const hasVolume = (name: string) => volumes.some(v => v.name === name);
  const everyHas = (names: readonly string[]) =>
    mutated.length > 0 && mutated.every(c => names.every(n => envNamed(c, n)));
  const someHas = (name: string) => all.some(c => envNamed(c, name));

  const credentialEnv = uniqueBy(
    all.flatMap(credentialEnvOf),
    s => `${s.variable}|${s.via}|${s.source ?? ''}`,
  );
  const literal = (name: string) =>
    all.map(c => envNamed(c, name)?.value).find(v => v !== undefined);

  return {
    irsaEnv: everyHas(IRSA_ENV),
    irsaVolume: hasVolume(IRSA_TOKEN_VOLUME),
    podIdentityEnv: someHas(POD_IDENTITY_ENV[0]),
    podIdentityInjected:
      everyHas(POD_IDENTITY_ENV) && hasVolume(POD_IDENTITY_TOKEN_VOLUME),
    staticKeys: someHas('AWS_ACCESS_KEY_ID') || someHas('AWS_SECRET_ACCESS_KEY'),
    skipWebhook: labels[SKIP_POD_IDENTITY_WEBHOOK_LABEL] === 'true',
    hostNetwork: spec.hostNetwork === true,
    fargate:
      spec.schedulerName === FARGATE_SCHEDULER ||
      FARGATE_PROFILE_LABEL in labels ||
      node?.labels?.[COMPUTE_TYPE_LABEL] === 'fargate',
    nonRootWithoutFsGroup:
      spec.securityContext?.fsGroup === undefined &&
      all.some(c => runsAsNonRoot(c, spec.securityContext)),
    roleArns: [
      ...new Set(
        all
          .map(c => envNamed(c, IRSA_ENV[0])?.value)
          .filter((v): v is string => Boolean(v)),
      ),
    ],
    credentialEnv,
    envFrom: uniqueBy(
      all.flatMap(envFromOf),
      r => `${r.kind}|${r.name}|${r.prefix ?? ''}`,
    ),
    credentialsFileMounts: credentialsFileMounts(all, [
      literal('AWS_SHARED_CREDENTIALS_FILE'),
      literal('AWS_CONFIG_FILE'),
    ]),
    serviceAccountTokens: projectedTokens(pod),
    ...(pod.metadata?.creationTimestamp
      ? { createdAt: toIso(pod.metadata.creationTimestamp) }
      : {}),
  };
}

function envNamed(container: RuntimeContainer, name: string) {
  return container.env?.find(e => e.name === name);
}

function credentialEnvOf(container: RuntimeContainer): CredentialEnvSource[] {
  return (container.env ?? [])
    .filter(e => CREDENTIAL_VARIABLES.includes(e.name))
    .map((e): CredentialEnvSource => {
      const secret = e.valueFrom?.secretKeyRef;
      if (secret)
        return { variable: e.name, via: 'secret-key', source: secret.name ?? '' };
      const configMap = e.valueFrom?.configMapKeyRef;
      if (configMap)
        return {
          variable: e.name,
          via: 'config-map-key',
          source: configMap.name ?? '',
        };
      return { variable: e.name, via: 'literal' };
    });
}

function envFromOf(container: RuntimeContainer): EnvFromReference[] {
  return (container.envFrom ?? []).flatMap((e): EnvFromReference[] => {
    const prefix = e.prefix ? { prefix: e.prefix } : {};
    if (e.secretRef?.name)
      return [{ kind: 'Secret', name: e.secretRef.name, ...prefix }];
    if (e.configMapRef?.name)
      return [{ kind: 'ConfigMap', name: e.configMapRef.name, ...prefix }];
    return [];
  });
}

/**
 * Whether a container runs as non-root: its own `runAsUser` / `runAsNonRoot` override the
 * pod's (Kubernetes SecurityContext semantics), so a root container in a non-root pod is root.
 */
function runsAsNonRoot(
  container: RuntimeContainer,
  pod: { runAsUser?: number; runAsNonRoot?: boolean } | undefined,
): boolean {
  const runAsUser = container.securityContext?.runAsUser ?? pod?.runAsUser;
  if (runAsUser !== undefined) return runAsUser !== 0;
  return (container.securityContext?.runAsNonRoot ?? pod?.runAsNonRoot) === true;
}

/**
 * Mounts where the SDKs look for shared config / credentials files: a `.aws` directory (the
 * default `~/.aws/credentials` and `~/.aws/config` of any user) or the files the env names.
 */
function credentialsFileMounts(
  containers: RuntimeContainer[],
  namedFiles: Array<string | undefined>,
): string[] {
  const files = namedFiles.filter((f): f is string => Boolean(f));
  const paths = containers.flatMap(c =>
    (c.volumeMounts ?? [])
      .map(m => m.mountPath.replace(/\/+$/, ''))
      .filter(
        path =>
          /(^|\/)\.aws(\/(credentials|config))?$/.test(path) ||
          files.some(f => f === path || f.startsWith(`${path}/`)),
      ),
  );
  return [...new Set(paths)];
}

/**
 * The ServiceAccount admission controller names the token volume it adds to every pod
 * `kube-api-access-<random suffix>` (Kubernetes, "Managing Service Accounts"): one name per pod.
 * Facts name it without the suffix, so the pods of one workload have equal facts (which the
 * inventory shares) and an aggregate counts one such volume, not one per pod.
 */
const KUBE_API_ACCESS_VOLUME = /^(kube-api-access)-[a-z0-9]{5}$/;

function projectedTokens(pod: RuntimePod): ProjectedToken[] {
  return (pod.spec?.volumes ?? []).flatMap(volume =>
    (volume.projected?.sources ?? []).flatMap(source => {
      const token = source.serviceAccountToken;
      if (!token) return [];
      return [
        {
          volume: volume.name.replace(KUBE_API_ACCESS_VOLUME, '$1'),
          ...(token.audience !== undefined ? { audience: token.audience } : {}),
          ...(token.expirationSeconds !== undefined
            ? { expirationSeconds: token.expirationSeconds }
            : {}),
        },
      ];
    }),
  );
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}
