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
  Cluster,
  OidcProvider,
  PodAggregate,
  PodIdentityAssociation,
  ServiceAccount,
} from '../domain/types';
import {
  TrustDecision,
  DEFAULT_IRSA_AUDIENCE,
} from '../evaluate/workloadRequests';
import {
  WEBHOOK_ROLE_ARN_PATTERN,
  accountOfArn,
  eksClusterNameOfArn,
  normalizeIssuer,
} from '../parse/identifiers';
import {
  IRSA_ANNOTATIONS,
  SKIP_POD_IDENTITY_WEBHOOK_LABEL,
} from '../binding/annotations';
import { StructuredFix } from './structuredFix';
import { Check, CheckHit } from './types';

/**
 * Everything the binding checks read about one service account.
 *
 * @public
 */
export interface BindingCheckContext {
  cluster: Cluster;
  serviceAccount: ServiceAccount;
  pods?: PodAggregate;
  /** Role named by the `eks.amazonaws.com/role-arn` annotation. */
  annotatedRoleArn?: string;
  /**
   * Whether the annotated role exists: `true`, `false`, or `undefined` when
   * the role's account could not be read (never call it missing then).
   */
  annotatedRoleExists?: boolean;
  /** Evaluation of the annotated role's trust for this service account. */
  irsaTrust?: TrustDecision;
  /** Why the annotated role's trust could not be evaluated (parse error). */
  irsaTrustError?: string;
  associations: PodIdentityAssociation[];
  /** OIDC providers of the annotated role's account, when known. */
  oidcProviders?: OidcProvider[];
  /** Roles whose trust admits this service account (from the index). */
  rolesTrustingServiceAccount?: string[];
  /** Other service accounts (`cluster/ns/name`) bound to the same role. */
  otherServiceAccountsOfRole?: string[];
}

const saRef = (ctx: BindingCheckContext) =>
  `${ctx.serviceAccount.cluster}/${ctx.serviceAccount.namespace}/${ctx.serviceAccount.name}`;
const saSubject = (ctx: BindingCheckContext) => ({
  kind: 'service-account' as const,
  ref: saRef(ctx),
});
const podsSubject = (ctx: BindingCheckContext) => ({
  kind: 'pods' as const,
  ref: saRef(ctx),
});
const workloadsOf = (ctx: BindingCheckContext) => ctx.pods?.workloads ?? [];

/**
 * The IRSA trust for this service account on the annotated role (creating the role when it does
 * not exist); undefined when the cluster's issuer or the role's account is not known.
 */
function annotatedRoleTrustFix(
  ctx: BindingCheckContext,
): StructuredFix | undefined {
  const issuer = normalizeIssuer(ctx.cluster.issuer);
  const accountId = accountOfArn(ctx.annotatedRoleArn);
  if (!issuer.ok || !ctx.annotatedRoleArn || !accountId) return undefined;
  return {
    kind: 'irsa-trust-policy',
    roleArn: ctx.annotatedRoleArn,
    accountId,
    issuerHostPath: issuer.value.hostPath,
    namespace: ctx.serviceAccount.namespace,
    serviceAccount: ctx.serviceAccount.name,
    audience: ctx.serviceAccount.annotations[IRSA_ANNOTATIONS.audience],
    roleExists: ctx.annotatedRoleExists !== false,
  };
}

const bindingB01: Check<BindingCheckContext> = {
  id: 'IRSA-B01',
  category: 'binding',
  title: 'Role annotation is not a valid role ARN',
  severity: 'medium',
  failMode: 'closed',
  explanation:
    'The webhook only logs "arn is invalid" and still injects the value, so pods start with an AWS_ROLE_ARN STS will reject.',
  fix: `Set ${IRSA_ANNOTATIONS.roleArn} to arn:aws:iam::<account>:role/<name>.`,
  structuredFix: ctx => ({
    kind: 'annotate-service-account',
    namespace: ctx.serviceAccount.namespace,
    serviceAccount: ctx.serviceAccount.name,
  }),
  run(ctx) {
    const value = ctx.annotatedRoleArn;
    if (value === undefined || WEBHOOK_ROLE_ARN_PATTERN.test(value)) return [];
    return [
      {
        subject: saSubject(ctx),
        message: `Annotation value "${value.slice(0, 200)}" is not a role ARN.`,
      },
    ];
  },
};

const bindingB02: Check<BindingCheckContext> = {
  id: 'IRSA-B02',
  category: 'binding',
  title: 'Annotated role cannot be assumed by this service account',
  severity: 'high',
  failMode: 'closed',
  explanation:
    'The role does not exist, or its trust policy denies this (cluster issuer, namespace, service account).',
  fix: 'Create the role, or add this service account to its trust policy (see the deciding statements).',
  structuredFix: annotatedRoleTrustFix,
  run(ctx) {
    if (
      !ctx.annotatedRoleArn ||
      !WEBHOOK_ROLE_ARN_PATTERN.test(ctx.annotatedRoleArn)
    )
      return [];
    if (ctx.annotatedRoleExists === false) {
      return [
        {
          subject: saSubject(ctx),
          message: `Role ${ctx.annotatedRoleArn} does not exist.`,
        },
      ];
    }
    if (ctx.irsaTrustError) {
      return [
        {
          subject: saSubject(ctx),
          message: `The trust policy of ${ctx.annotatedRoleArn} is invalid: ${ctx.irsaTrustError}`,
        },
      ];
    }
    if (ctx.irsaTrust && !ctx.irsaTrust.allowed) {
      return [{ subject: saSubject(ctx), message: ctx.irsaTrust.explanation }];
    }
    return [];
  },
};

const bindingB03: Check<BindingCheckContext> = {
  id: 'IRSA-B03',
  category: 'binding',
  title: 'A role trusts this service account but is not bound to it',
  severity: 'info',
  failMode: 'closed',
  explanation:
    'Drift between IAM and Kubernetes: the trust was set up, the annotation is missing or names another role.',
  fix: "Annotate the service account with the intended role, or remove it from the other role's trust.",
  run(ctx) {
    const others = (ctx.rolesTrustingServiceAccount ?? []).filter(
      arn => arn !== ctx.annotatedRoleArn,
    );
    if (others.length === 0) return [];
    return [
      {
        subject: saSubject(ctx),
        message: `${others.join(', ')} trust${
          others.length === 1 ? 's' : ''
        } this service account, which is ${
          ctx.annotatedRoleArn
            ? `annotated with ${ctx.annotatedRoleArn}`
            : 'not annotated'
        }.`,
      },
    ];
  },
};

const bindingB04: Check<BindingCheckContext> = {
  id: 'IRSA-B04',
  category: 'binding',
  title: 'Running pods are not injected with the role',
  severity: 'high',
  failMode: 'closed',
  explanation:
    'The webhook mutates pods only at CREATE (failurePolicy Ignore): pods created before the annotation, while the webhook was down, or labelled to skip it run without AWS_ROLE_ARN and fall back to the node role or fail.',
  fix: 'kubectl rollout restart the workloads using this service account, and check the webhook is healthy.',
  structuredFix: ctx => ({
    kind: 'restart-workloads',
    namespace: ctx.serviceAccount.namespace,
    workloads: workloadsOf(ctx),
  }),
  run(ctx) {
    const conditions = podConditions(ctx);
    const arn = ctx.annotatedRoleArn;
    if (!conditions || !arn) return [];
    const hits: CheckHit[] = [];
    const { notInjected, createdBeforeAnnotation, skipWebhookLabel } =
      conditions;
    if (notInjected > 0) {
      const causes = [
        createdBeforeAnnotation > 0
          ? `${createdBeforeAnnotation} created before the annotation`
          : '',
        skipWebhookLabel > 0
          ? `${skipWebhookLabel} labelled ${SKIP_POD_IDENTITY_WEBHOOK_LABEL}`
          : '',
      ].filter(Boolean);
      hits.push({
        subject: podsSubject(ctx),
        message: `${notInjected} of ${
          conditions.podCount
        } pods lack the IRSA env or the aws-iam-token volume${
          causes.length ? ` (${causes.join(', ')})` : ''
        }.`,
      });
    }
    for (const entry of conditions.otherRoleArns) {
      hits.push({
        subject: podsSubject(ctx),
        message: `${entry.podCount} pods carry AWS_ROLE_ARN=${entry.roleArn}, not the annotated ${arn}.`,
      });
    }
    return hits;
  },
};

/**
 * What the running pods of an IRSA-bound service account need, counted by condition: the facts
 * behind IRSA-B04 (restart) and IRSA-B11 (fsGroup), for views that show the counts.
 *
 * @public
 */
export interface PodConditions {
  /** Running pods of the service account. */
  podCount: number;
  /** Pods without the IRSA env or the `aws-iam-token` volume: they need a restart (IRSA-B04). */
  notInjected: number;
  /** Of the pods, those created before the role annotation. */
  createdBeforeAnnotation: number;
  /** Of the pods, those labelled to skip the webhook. */
  skipWebhookLabel: number;
  /** Pods carrying an `AWS_ROLE_ARN` other than the annotated role: they need a restart too (IRSA-B04). */
  otherRoleArns: Array<{ roleArn: string; podCount: number }>;
  /** Non-root pods without `fsGroup` on Kubernetes before 1.19, which cannot read the token (IRSA-B11). */
  tokenUnreadable: number;
}

/**
 * Counts the pod conditions IRSA-B04 and IRSA-B11 judge. Undefined unless the service account
 * has an IRSA annotation and running pods. With a Pod Identity association as well the webhook
 * injects Pod Identity instead, so no pod is expected to carry the IRSA env: nothing needs a
 * restart for IRSA then.
 *
 * @internal
 */
export function podConditions(
  ctx: Pick<
    BindingCheckContext,
    'pods' | 'annotatedRoleArn' | 'associations' | 'cluster'
  >,
): PodConditions | undefined {
  const pods = ctx.pods;
  const arn = ctx.annotatedRoleArn;
  if (!pods || pods.podCount === 0 || !arn) return undefined;
  const irsaAlone = ctx.associations.length === 0;
  return {
    podCount: pods.podCount,
    notInjected: irsaAlone
      ? pods.podCount - Math.min(pods.irsaEnvCount, pods.irsaVolumeCount)
      : 0,
    createdBeforeAnnotation: pods.createdBeforeAnnotationCount,
    skipWebhookLabel: pods.skipWebhookLabelCount,
    otherRoleArns: irsaAlone
      ? pods.roleArnsInEnv.filter(r => r.roleArn !== arn)
      : [],
    // The projected token is root-owned 0600 only before Kubernetes 1.19.
    tokenUnreadable: versionBelow(ctx.cluster.kubernetesVersion, 1, 19)
      ? pods.nonRootWithoutFsGroupCount
      : 0,
  };
}

const bindingB05: Check<BindingCheckContext> = {
  id: 'IRSA-B05',
  category: 'binding',
  title: 'Static AWS keys in pod environment',
  severity: 'high',
  failMode: 'open',
  explanation:
    'Environment credentials come first in every AWS SDK credential chain, so long-lived keys override the role, and they leak with the pod spec.',
  fix: 'Remove AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the pod spec, deactivate the keys, and rely on the role.',
  structuredFix: ctx => ({
    kind: 'remove-static-keys',
    namespace: ctx.serviceAccount.namespace,
    serviceAccount: ctx.serviceAccount.name,
    workloads: workloadsOf(ctx),
    roleArn: ctx.annotatedRoleArn,
  }),
  run(ctx) {
    const pods = ctx.pods;
    if (!pods || pods.staticKeysCount === 0) return [];
    return [
      {
        subject: podsSubject(ctx),
        message: `${pods.staticKeysCount} of ${pods.podCount} pods have static AWS keys in their environment.`,
      },
    ];
  },
};

const bindingB06: Check<BindingCheckContext> = {
  id: 'IRSA-B06',
  category: 'binding',
  title: 'The default service account is bound to a role',
  severity: 'high',
  failMode: 'open',
  explanation:
    'Every pod in the namespace without an explicit serviceAccountName gets the role.',
  fix: 'Create a dedicated service account for the workload and move the binding there.',
  structuredFix: ctx => {
    const association = ctx.associations[0];
    return ctx.annotatedRoleArn || !association
      ? {
          kind: 'dedicated-service-account',
          namespace: ctx.serviceAccount.namespace,
          via: 'irsa',
          roleArn: ctx.annotatedRoleArn,
        }
      : {
          kind: 'dedicated-service-account',
          namespace: ctx.serviceAccount.namespace,
          via: 'pod-identity',
          roleArn: association.roleArn,
          eksClusterName: eksClusterNameOfArn(ctx.cluster.arn),
          associationId: association.associationId,
        };
  },
  run(ctx) {
    if (ctx.serviceAccount.name !== 'default') return [];
    if (!ctx.annotatedRoleArn && ctx.associations.length === 0) return [];
    return [
      {
        subject: saSubject(ctx),
        message: `${ctx.serviceAccount.namespace}/default is bound to ${
          ctx.annotatedRoleArn ?? ctx.associations[0].roleArn
        }.`,
      },
    ];
  },
};

const bindingB07: Check<BindingCheckContext> = {
  id: 'IRSA-B07',
  category: 'binding',
  title: 'Service account or role shared',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'One role per application and one service account per workload keep each workload to its own permissions.',
  fix: 'Give each workload its own service account and role.',
  run(ctx) {
    const hits: CheckHit[] = [];
    const workloads = workloadsOf(ctx);
    if (workloads.length > 1) {
      // Workloads of one namespace sharing a service account are usually one application's
      // parts; sharing a role across service accounts (below) is the wider exposure.
      hits.push({
        subject: saSubject(ctx),
        severity: 'low',
        message: `${
          workloads.length
        } workloads share this service account: ${workloads.join(', ')}.`,
      });
    }
    const others = ctx.otherServiceAccountsOfRole ?? [];
    if (others.length > 0) {
      hits.push({
        subject: saSubject(ctx),
        message: `The role is also bound to ${others.join(', ')}.`,
      });
    }
    return hits;
  },
};

function expirationProblem(value: string): string | undefined {
  if (!/^\d+$/.test(value.trim())) return 'is not a number and is ignored';
  const seconds = Number(value);
  if (seconds < 600) return 'is below 600 and is raised to 600';
  if (seconds > 86400) return 'is above the EKS maximum of 86400';
  return undefined;
}

const bindingB08: Check<BindingCheckContext> = {
  id: 'IRSA-B08',
  category: 'binding',
  title: 'Invalid token-expiration annotation',
  severity: 'low',
  failMode: 'closed',
  explanation:
    'The webhook ignores non-numeric values, clamps values under 600 s, and EKS does not issue tokens over 86,400 s.',
  fix: 'Remove the annotation (default 86400) or use a value between 600 and 86400.',
  run(ctx) {
    const values = [
      ctx.serviceAccount.annotations[IRSA_ANNOTATIONS.tokenExpiration],
      ...(ctx.pods?.tokenExpirationAnnotations ?? []),
    ].filter((v): v is string => v !== undefined);
    return [...new Set(values)].flatMap(value => {
      const problem = expirationProblem(value);
      return problem
        ? [
            {
              subject: saSubject(ctx),
              message: `token-expiration "${value.slice(0, 40)}" ${problem}.`,
            },
          ]
        : [];
    });
  },
};

const bindingB09: Check<BindingCheckContext> = {
  id: 'IRSA-B09',
  category: 'binding',
  title: 'Audience annotation not accepted by the provider',
  severity: 'medium',
  failMode: 'closed',
  explanation:
    'STS rejects tokens whose audience is not a client ID of the OIDC provider ("Incorrect token audience").',
  fix: `Remove ${IRSA_ANNOTATIONS.audience} (default ${DEFAULT_IRSA_AUDIENCE}) or add the value as a client ID of the provider.`,
  run(ctx) {
    const audience = ctx.serviceAccount.annotations[IRSA_ANNOTATIONS.audience];
    if (audience === undefined || !ctx.annotatedRoleArn) return [];
    const issuer = normalizeIssuer(ctx.cluster.issuer);
    const provider = issuer.ok
      ? ctx.oidcProviders?.find(
          p =>
            p.issuerHostPath.toLowerCase() ===
            issuer.value.hostPath.toLowerCase(),
        )
      : undefined;
    const accepted = provider ? provider.clientIds : [DEFAULT_IRSA_AUDIENCE];
    if (accepted.includes(audience)) return [];
    return [
      {
        subject: saSubject(ctx),
        message: `Audience "${audience.slice(0, 100)}" is not among ${
          provider ? "the provider's client IDs" : 'the default client ID'
        } (${accepted.join(', ')}).`,
      },
    ];
  },
};

function versionBelow(
  version: string | undefined,
  major: number,
  minor: number,
): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  return (
    Number(m[1]) < major || (Number(m[1]) === major && Number(m[2]) < minor)
  );
}

const bindingB11: Check<BindingCheckContext> = {
  id: 'IRSA-B11',
  category: 'binding',
  title: 'Non-root container cannot read the token',
  severity: 'low',
  failMode: 'closed',
  explanation:
    'Before Kubernetes 1.19 the projected token is 0600 root-owned; non-root containers need fsGroup to read it.',
  fix: 'Set securityContext.fsGroup: 65534 on the pod, or upgrade the cluster.',
  structuredFix: () => ({ kind: 'set-fs-group', fsGroup: 65534 }),
  run(ctx) {
    const count = podConditions(ctx)?.tokenUnreadable ?? 0;
    if (count === 0) return [];
    return [
      {
        subject: podsSubject(ctx),
        message: `${count} pods run as non-root without fsGroup on Kubernetes ${ctx.cluster.kubernetesVersion}.`,
      },
    ];
  },
};

const bindingB12: Check<BindingCheckContext> = {
  id: 'IRSA-B12',
  category: 'binding',
  title: 'Both IRSA and EKS Pod Identity configured',
  severity: 'medium',
  failMode: 'closed',
  explanation:
    'The webhook gives the Pod Identity association precedence, so the annotated IRSA role is not what pods use.',
  fix: `Remove either the association or the ${IRSA_ANNOTATIONS.roleArn} annotation.`,
  structuredFix: ctx => ({
    kind: 'remove-irsa-annotation',
    namespace: ctx.serviceAccount.namespace,
    serviceAccount: ctx.serviceAccount.name,
  }),
  run(ctx) {
    if (!ctx.annotatedRoleArn || ctx.associations.length === 0) return [];
    return [
      {
        subject: saSubject(ctx),
        message: `Annotated with ${
          ctx.annotatedRoleArn
        } and associated with ${ctx.associations
          .map(a => a.roleArn)
          .join(', ')}; pods get the association's role.`,
      },
    ];
  },
};

/**
 * The Kubernetes binding checks (security.md §1.2).
 *
 * @public
 */
export const bindingChecks: ReadonlyArray<Check<BindingCheckContext>> = [
  bindingB01,
  bindingB02,
  bindingB03,
  bindingB04,
  bindingB05,
  bindingB06,
  bindingB07,
  bindingB08,
  bindingB09,
  bindingB11,
  bindingB12,
];
