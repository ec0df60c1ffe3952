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
  IRSA_ANNOTATIONS,
  SKIP_POD_IDENTITY_WEBHOOK_LABEL,
} from '../binding/annotations';
import { resolveBinding } from '../binding/resolveBinding';
import {
  IRSA_TOKEN_VOLUME,
  irsaTokenAudience,
  POD_IDENTITY_AUDIENCE,
  POD_IDENTITY_TOKEN_VOLUME,
  SKIP_CONTAINERS_ANNOTATION,
  TOKEN_EXPIRATION_BOUNDS,
} from '../runtime/constants';
import { credentialPrecedence } from '../runtime/credentialPrecedence';
import { ShadowingSource } from '../runtime/types';
import { BindingCheckContext } from './bindingChecks';
import { Check, CheckHit } from './types';

/**
 * The runtime checks (`RUN-*`): what the running pods of a bound service account show about
 * the credentials their SDKs will really use. They read the pod aggregate the backend folds
 * from each pod's runtime facts (`-common/src/runtime`) and the binding; no pod objects.
 */

type Path = 'irsa' | 'pod-identity';

const saRef = (ctx: BindingCheckContext) =>
  `${ctx.serviceAccount.cluster}/${ctx.serviceAccount.namespace}/${ctx.serviceAccount.name}`;
const podsSubject = (ctx: BindingCheckContext) => ({
  kind: 'pods' as const,
  ref: saRef(ctx),
});

/** The path new pods take (the one derivation, `resolveBinding`), or undefined when unbound. */
function pathOf(ctx: BindingCheckContext): Path | undefined {
  const effective = resolveBinding(ctx.serviceAccount, ctx.associations).effective;
  return effective === 'none' ? undefined : effective;
}

/**
 * When the binding new pods get took effect, and the evidence: for IRSA the managedFields time
 * of the role annotation, for Pod Identity the association's `createdAt` (a later `modifiedAt`
 * changes the role, not whether the webhook injects).
 */
function bindingTime(
  ctx: BindingCheckContext,
  path: Path,
): { at: number; evidence: string } | undefined {
  if (path === 'irsa') {
    const at = ctx.serviceAccount.roleArnAnnotatedAt;
    return at
      ? {
          at: Date.parse(at),
          evidence: `the role annotation was written at ${at} (the service account's managedFields)`,
        }
      : undefined;
  }
  const created = ctx.associations
    .map(a => ({ id: a.associationId, at: a.createdAt }))
    .filter((a): a is { id: string | undefined; at: string } => Boolean(a.at))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  return created
    ? {
        at: Date.parse(created.at),
        evidence: `${created.id ? `association ${created.id}` : 'the association'} was created at ${created.at} (EKS createdAt)`,
      }
    : undefined;
}

const run01: Check<BindingCheckContext> = {
  id: 'RUN-01',
  category: 'runtime',
  title: 'The webhook skipped pods created after the binding',
  severity: 'high',
  failMode: 'closed',
  explanation:
    'The pod identity webhook mutates pods only at CREATE and its failurePolicy is Ignore: a pod created while the webhook was unreachable or timing out, excluded by its namespace/object selector, or created before the webhook cached the service account, starts without the injected env and token volume and falls back to the node role or fails. Unlike a pod created before the binding, a restart alone only helps once the webhook is healthy.',
  fix: `Check the webhook (kubectl get mutatingwebhookconfiguration pod-identity-webhook -o yaml: failurePolicy, namespaceSelector/objectSelector; its endpoints and logs at the pods' creation time), remove a mistaken ${SKIP_POD_IDENTITY_WEBHOOK_LABEL} label or ${SKIP_CONTAINERS_ANNOTATION} annotation, then restart the workloads.`,
  structuredFix: ctx => ({
    kind: 'restart-workloads',
    namespace: ctx.serviceAccount.namespace,
    workloads: ctx.pods?.workloads ?? [],
  }),
  run(ctx) {
    const path = pathOf(ctx);
    const uninjected = ctx.pods?.uninjected;
    if (!path || !uninjected?.count || !uninjected.newestCreatedAt) return [];
    const binding = bindingTime(ctx, path);
    if (!binding || Date.parse(uninjected.newestCreatedAt) <= binding.at) return [];
    const all =
      uninjected.oldestCreatedAt !== undefined &&
      Date.parse(uninjected.oldestCreatedAt) > binding.at;
    const env = path === 'irsa' ? 'IRSA' : 'EKS Pod Identity';
    return [
      {
        subject: podsSubject(ctx),
        message: `${uninjected.count} of ${ctx.pods!.podCount} pods lack the ${env} env and token volume; ${
          all
            ? `all were created after the binding (the oldest at ${uninjected.oldestCreatedAt})`
            : `the newest was created after the binding (at ${uninjected.newestCreatedAt}), the oldest before it (restart those, IRSA-B04)`
        }: ${binding.evidence}.`,
      },
    ];
  },
};

const run02: Check<BindingCheckContext> = {
  id: 'RUN-02',
  category: 'runtime',
  title: 'EKS Pod Identity in a hostNetwork pod',
  severity: 'high',
  failMode: 'closed',
  explanation:
    "The SDK fetches Pod Identity credentials from the Pod Identity Agent's link-local address (169.254.170.23, [fd00:ec2::23]) through the pod network; a hostNetwork pod shares the node's network namespace and does not reach the agent the usual way, so its credential calls fail or fall back to the node role.",
  fix: 'Run the workload without hostNetwork: true, or bind its service account through IRSA (the web identity token file does not depend on the network path).',
  run(ctx) {
    const count = ctx.pods?.hostNetworkPodCount ?? 0;
    if (pathOf(ctx) !== 'pod-identity' || count === 0) return [];
    return [
      {
        subject: podsSubject(ctx),
        message: `${count} of ${ctx.pods!.podCount} pods use hostNetwork: true with an EKS Pod Identity association.`,
      },
    ];
  },
};

const run03: Check<BindingCheckContext> = {
  id: 'RUN-03',
  category: 'runtime',
  title: 'EKS Pod Identity on Fargate',
  severity: 'high',
  failMode: 'closed',
  explanation:
    'EKS Pod Identity needs the Pod Identity Agent DaemonSet, which does not run on Fargate: Fargate pods get no credentials from the association. IRSA works on Fargate.',
  fix: `Bind the service account through IRSA (${IRSA_ANNOTATIONS.roleArn} and a trust for the cluster's OIDC provider), or run the workload on EC2 nodes.`,
  run(ctx) {
    const count = ctx.pods?.fargatePodCount ?? 0;
    if (pathOf(ctx) !== 'pod-identity' || count === 0) return [];
    return [
      {
        subject: podsSubject(ctx),
        message: `${count} of ${ctx.pods!.podCount} pods run on Fargate, where EKS Pod Identity is not supported.`,
      },
    ];
  },
};

function describeSource(source: ShadowingSource): string {
  switch (source.via) {
    case 'literal':
      return `${source.variable} written into the pod spec`;
    case 'secret-key':
      return `${source.variable} from Secret ${source.source} (valueFrom.secretKeyRef)`;
    case 'config-map-key':
      return `${source.variable} from ConfigMap ${source.source} (valueFrom.configMapKeyRef)`;
    case 'env-from-secret':
      return `${source.variable} from every key of Secret ${source.source} (envFrom)`;
    case 'env-from-config-map':
      return `${source.variable} from every key of ConfigMap ${source.source} (envFrom)`;
    case 'file-mount':
    default:
      return `a volume mounted at ${source.variable} (shared config / credentials file)`;
  }
}

const run04: Check<BindingCheckContext> = {
  id: 'RUN-04',
  category: 'runtime',
  title: 'Credentials that shadow the role',
  severity: 'high',
  failMode: 'closed',
  explanation:
    "The SDKs' default credential chain takes the first provider that answers: static keys in the environment come before web identity (IRSA) and container credentials (EKS Pod Identity), and the shared config / credentials files come before container credentials, so the pods act as someone else than the role (\"AccessDenied for user/…\").",
  fix: 'Remove the variables (and the envFrom Secret / ConfigMap keys, or the credentials-file mount) from the workload, deactivate the keys, and rely on the role.',
  structuredFix: ctx => ({
    kind: 'remove-static-keys',
    namespace: ctx.serviceAccount.namespace,
    serviceAccount: ctx.serviceAccount.name,
    workloads: ctx.pods?.workloads ?? [],
    roleArn: ctx.annotatedRoleArn,
  }),
  run(ctx) {
    const pods = ctx.pods;
    if (!pods) return [];
    const path = pathOf(ctx);
    const hits: CheckHit[] = [];
    for (const source of pods.credentialSources ?? []) {
      // Unbound: nothing to shadow (IRSA-B05 still reports static keys as a leak).
      if (!path) continue;
      const verdict = credentialPrecedence(source, path);
      if (verdict.wins === 'never') continue;
      hits.push({
        subject: podsSubject(ctx),
        severity: verdict.wins === 'always' ? 'high' : 'medium',
        message: `${source.podCount} of ${pods.podCount} pods get ${describeSource(source)}: ${
          verdict.wins === 'always'
            ? `${verdict.winner} win over the ${path === 'irsa' ? 'IRSA web identity' : 'EKS Pod Identity container credentials'}`
            : `${verdict.winner} may win, depending on the SDK`
        }. ${verdict.reason}`,
      });
    }
    // An envFrom source not read is a limitation of this report, never "no shadowing".
    for (const unread of pods.unreadableEnvSources ?? []) {
      hits.push({
        subject: podsSubject(ctx),
        severity: 'info',
        message: `Could not read ${unread.kind} ${unread.name}'s keys (${unread.reason}): whether its envFrom sets AWS credentials is unknown.`,
        fix: `Grant the aws-identity backend get on ${unread.kind === 'Secret' ? 'secrets' : 'configmaps'} in ${ctx.serviceAccount.namespace} (only key names are read), or check the ${unread.kind} by hand.`,
      });
    }
    return hits;
  },
};

/** The audience the binding's token must carry, and what decides it. */
function expectedAudience(
  ctx: BindingCheckContext,
  path: Path,
): { volume: string; audience: string; why: string } {
  if (path === 'pod-identity')
    return {
      volume: POD_IDENTITY_TOKEN_VOLUME,
      audience: POD_IDENTITY_AUDIENCE,
      why: 'the EKS Pod Identity Agent accepts only this audience',
    };
  const { audience, annotated } = irsaTokenAudience(ctx.serviceAccount.annotations);
  return {
    volume: IRSA_TOKEN_VOLUME,
    audience,
    why: annotated
      ? `the service account's ${IRSA_ANNOTATIONS.audience} annotation, which the trust's aud must accept`
      : "the default client ID the trust's aud condition and the OIDC provider expect",
  };
}

const run05: Check<BindingCheckContext> = {
  id: 'RUN-05',
  category: 'runtime',
  title: 'Projected token with the wrong audience',
  severity: 'high',
  failMode: 'closed',
  explanation:
    'STS (AssumeRoleWithWebIdentity) rejects a token whose aud is not a client ID of the provider ("Incorrect token audience") or fails the trust\'s aud condition; the Pod Identity Agent rejects tokens not meant for pods.eks.amazonaws.com. A hand-written projected volume, or a webhook run with another --token-audience, gives the pod such a token.',
  fix: 'Let the webhook project the token (remove the hand-written volume and AWS_WEB_IDENTITY_TOKEN_FILE), or set the volume\'s serviceAccountToken.audience to the expected audience.',
  run(ctx) {
    const path = pathOf(ctx);
    if (!path || !ctx.pods) return [];
    const expected = expectedAudience(ctx, path);
    return (ctx.pods.serviceAccountTokens ?? [])
      .filter(t => t.volume === expected.volume && t.audience !== expected.audience)
      .map(t => ({
        subject: podsSubject(ctx),
        message: `${t.podCount} of ${ctx.pods!.podCount} pods mount ${t.volume} with audience ${
          t.audience === undefined ? "(none: the API server's own)" : `"${t.audience.slice(0, 100)}"`
        }, not "${expected.audience}" (${expected.why}).`,
      }));
  },
};

const run06: Check<BindingCheckContext> = {
  id: 'RUN-06',
  category: 'runtime',
  title: 'Projected token lifetime out of bounds',
  severity: 'low',
  failMode: 'closed',
  explanation: `Kubernetes requires expirationSeconds of at least ${TOKEN_EXPIRATION_BOUNDS.minSeconds} for a projected service-account token, and EKS issues at most ${TOKEN_EXPIRATION_BOUNDS.maxSeconds}; outside these bounds the pod is rejected or gets a token of another lifetime than it asked for.`,
  fix: `Remove expirationSeconds (the webhook uses 86400) or set it between ${TOKEN_EXPIRATION_BOUNDS.minSeconds} and ${TOKEN_EXPIRATION_BOUNDS.maxSeconds}.`,
  run(ctx) {
    if (!pathOf(ctx) || !ctx.pods) return [];
    const { minSeconds, maxSeconds } = TOKEN_EXPIRATION_BOUNDS;
    return (ctx.pods.serviceAccountTokens ?? [])
      .filter(t => t.volume === IRSA_TOKEN_VOLUME || t.volume === POD_IDENTITY_TOKEN_VOLUME)
      .filter(
        t =>
          t.expirationSeconds !== undefined &&
          (t.expirationSeconds < minSeconds || t.expirationSeconds > maxSeconds),
      )
      .map(t => ({
        subject: podsSubject(ctx),
        message: `${t.podCount} of ${ctx.pods!.podCount} pods mount ${t.volume} with expirationSeconds ${t.expirationSeconds}, ${
          t.expirationSeconds! < minSeconds ? `below the Kubernetes minimum of ${minSeconds}` : `above the EKS maximum of ${maxSeconds}`
        }.`,
      }));
  },
};

/**
 * The runtime checks over a service account's running pods.
 *
 * @public
 */
export const runtimeChecks: ReadonlyArray<Check<BindingCheckContext>> = [
  run01,
  run02,
  run03,
  run04,
  run05,
  run06,
];
