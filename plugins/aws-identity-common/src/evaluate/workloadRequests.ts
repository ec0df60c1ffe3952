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
import { oidcProviderArn, serviceAccountSubject } from '../parse/identifiers';
import { ParsedPolicy } from '../policy/types';
import {
  EvaluationRequest,
  EvaluationResult,
  StatementTrace,
  evaluateNormalized,
  evaluatePolicy,
} from './evaluatePolicy';
import type { NormalizedContext } from './conditions';

/**
 * The audience the pod identity webhook requests by default
 * (`eks.amazonaws.com/audience` overrides it).
 *
 * @public
 */
export const DEFAULT_IRSA_AUDIENCE = 'sts.amazonaws.com';

/**
 * The service principal EKS Pod Identity uses to assume roles.
 *
 * @public
 */
export const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

/**
 * Who asks for an IRSA role: a service account of a cluster whose issuer is
 * registered as an OIDC provider in the role's account.
 *
 * @public
 */
export interface IrsaRequestInput {
  /** Issuer `host/path` (see `normalizeIssuer`). */
  issuerHostPath: string;
  /** The account that holds the OIDC provider, i.e. the role's account. */
  accountId: string;
  namespace: string;
  serviceAccount: string;
  /** Token audience; defaults to {@link DEFAULT_IRSA_AUDIENCE}. */
  audience?: string;
  partition?: string;
}

// The condition keys and provider ARNs of an issuer are the same for every service account of
// its cluster; bulk evaluation (the index, the benchmark) would rebuild and lower-case them per
// pair. The cap keeps a stream of made-up issuers from growing memory without bound.
interface IssuerKeys {
  sub: string;
  aud: string;
  subLower: string;
  audLower: string;
  /** Provider ARN per account, in the `aws` partition. */
  providers: Map<string, string>;
}
const MAX_CACHED_ISSUERS = 10_000;
const issuerKeys = new Map<string, IssuerKeys>();

function keysOfIssuer(issuerHostPath: string): IssuerKeys {
  let keys = issuerKeys.get(issuerHostPath);
  if (!keys) {
    const sub = `${issuerHostPath}:sub`;
    const aud = `${issuerHostPath}:aud`;
    keys = {
      sub,
      aud,
      subLower: sub.toLowerCase(),
      audLower: aud.toLowerCase(),
      providers: new Map(),
    };
    if (issuerKeys.size >= MAX_CACHED_ISSUERS) issuerKeys.clear();
    issuerKeys.set(issuerHostPath, keys);
  }
  return keys;
}

function providerOf(keys: IssuerKeys, input: IrsaRequestInput): string {
  if (input.partition !== undefined && input.partition !== 'aws') {
    return oidcProviderArn(
      input.accountId,
      input.issuerHostPath,
      input.partition,
    );
  }
  let arn = keys.providers.get(input.accountId);
  if (arn === undefined) {
    arn = oidcProviderArn(input.accountId, input.issuerHostPath);
    keys.providers.set(input.accountId, arn);
  }
  return arn;
}

function irsaRequestWith(
  input: IrsaRequestInput,
  subKey: string,
  audKey: string,
  provider: string,
): EvaluationRequest {
  const sub = serviceAccountSubject({
    namespace: input.namespace,
    name: input.serviceAccount,
  });
  return {
    principal: { type: 'Federated', id: provider, accountId: input.accountId },
    action: 'sts:AssumeRoleWithWebIdentity',
    context: {
      [subKey]: sub,
      [audKey]: input.audience ?? DEFAULT_IRSA_AUDIENCE,
    },
  };
}

/**
 * Builds the `sts:AssumeRoleWithWebIdentity` request STS evaluates when a pod
 * presents its projected token: principal = the OIDC provider ARN, context
 * keys `<issuer>:sub` and `<issuer>:aud` (security.md §0.1).
 *
 * @internal
 */
export function irsaRequest(input: IrsaRequestInput): EvaluationRequest {
  const keys = keysOfIssuer(input.issuerHostPath);
  return irsaRequestWith(input, keys.sub, keys.aud, providerOf(keys, input));
}

/**
 * Who asks for a Pod Identity role: the EKS service on behalf of a service
 * account of a cluster.
 *
 * @public
 */
export interface PodIdentityRequestInput {
  /** The cluster's account (Pod Identity only associates same-account roles). */
  accountId: string;
  /** `arn:aws:eks:<region>:<account>:cluster/<name>`, sent as `aws:SourceArn`. */
  clusterArn?: string;
  clusterName?: string;
  namespace: string;
  serviceAccount: string;
  /** The pod the credentials are for, when one pod is meant. */
  podName?: string;
  podUid?: string;
}

/**
 * The session tags EKS Pod Identity attaches (EKS User Guide, "Define
 * permissions for EKS Pod Identities to assume roles based on tags"): cluster
 * ARN and name, namespace, service account, pod name and pod UID. Tags whose
 * value the input does not know are left out.
 *
 * @public
 */
export function podIdentitySessionTags(
  input: PodIdentityRequestInput,
): Record<string, string> {
  const tags: Record<string, string> = {
    'kubernetes-namespace': input.namespace,
    'kubernetes-service-account': input.serviceAccount,
  };
  if (input.clusterArn) tags['eks-cluster-arn'] = input.clusterArn;
  if (input.clusterName) tags['eks-cluster-name'] = input.clusterName;
  if (input.podName) tags['kubernetes-pod-name'] = input.podName;
  if (input.podUid) tags['kubernetes-pod-uid'] = input.podUid;
  return tags;
}

/**
 * Builds the two requests EKS Pod Identity makes (`sts:AssumeRole` and
 * `sts:TagSession`, both required) with the session tags EKS attaches.
 *
 * @internal
 */
export function podIdentityRequests(
  input: PodIdentityRequestInput,
): EvaluationRequest[] {
  const tags = podIdentitySessionTags(input);
  const context: Record<string, string | string[]> = {
    'aws:SourceAccount': input.accountId,
    'aws:TagKeys': Object.keys(tags),
  };
  if (input.clusterArn) context['aws:SourceArn'] = input.clusterArn;
  for (const [key, value] of Object.entries(tags)) {
    context[`aws:RequestTag/${key}`] = value;
  }
  const principal = { type: 'Service' as const, id: POD_IDENTITY_PRINCIPAL };
  return ['sts:AssumeRole', 'sts:TagSession'].map(action => ({
    principal,
    action,
    context,
  }));
}

/**
 * The request context of calls a Pod Identity workload makes with its role
 * session: the session tags as `aws:PrincipalTag/<key>`, so that ABAC
 * policies (`arn:aws:s3:::bucket/${aws:PrincipalTag/kubernetes-namespace}/*`)
 * resolve per workload. With session tags disabled on the association the
 * context is empty and such variables stay unresolved.
 *
 * @public
 */
export function podIdentitySessionContext(
  input: PodIdentityRequestInput & { disableSessionTags?: boolean },
): Record<string, string> {
  if (input.disableSessionTags) return {};
  const context: Record<string, string> = {};
  for (const [key, value] of Object.entries(podIdentitySessionTags(input))) {
    context[`aws:PrincipalTag/${key}`] = value;
  }
  return context;
}

/**
 * The outcome of evaluating a trust policy for one workload identity request.
 *
 * @public
 */
export interface TrustDecision {
  allowed: boolean;
  /** Per action evaluated (one for IRSA, two for Pod Identity). */
  evaluations: Array<{ action: string } & EvaluationResult>;
  deciding: StatementTrace[];
  explanation: string;
}

// Tags a lazy evaluation with its action without spreading it (spreading
// would build every trace).
function withAction(
  action: string,
  result: EvaluationResult,
): { action: string } & EvaluationResult {
  return Object.assign(result, { action });
}

/** A {@link TrustDecision} whose deciding statements and explanation are computed when read. */
class LazyTrustDecision implements TrustDecision {
  readonly allowed: boolean;
  readonly evaluations: Array<{ action: string } & EvaluationResult>;

  constructor(results: Array<{ action: string } & EvaluationResult>) {
    this.evaluations = results;
    this.allowed = results.every(r => r.allowed);
  }

  get deciding(): StatementTrace[] {
    const relevant = this.allowed
      ? this.evaluations
      : this.evaluations.filter(r => !r.allowed);
    const all = relevant.flatMap(r => r.deciding);
    return all.filter(
      (trace, i) => all.findIndex(t => t.index === trace.index) === i,
    );
  }

  get explanation(): string {
    return this.evaluations.map(r => `${r.action}: ${r.explanation}`).join(' ');
  }

  toJSON(): Record<string, unknown> {
    return {
      allowed: this.allowed,
      evaluations: this.evaluations,
      deciding: this.deciding,
      explanation: this.explanation,
    };
  }
}

function combine(
  results: Array<{ action: string } & EvaluationResult>,
): TrustDecision {
  return new LazyTrustDecision(results);
}

/**
 * Evaluates whether an IRSA trust policy lets a service account assume the role.
 *
 * @public
 */
export function evaluateIrsaTrust(
  policy: ParsedPolicy,
  input: IrsaRequestInput,
): TrustDecision {
  // The request is built with lower-cased keys, so the evaluation need not
  // normalise them again.
  const keys = keysOfIssuer(input.issuerHostPath);
  const request = irsaRequestWith(
    input,
    keys.subLower,
    keys.audLower,
    providerOf(keys, input),
  );
  return combine([
    withAction(
      request.action,
      evaluateNormalized(policy, request, request.context as NormalizedContext),
    ),
  ]);
}

/**
 * Evaluates whether a trust policy lets EKS Pod Identity assume the role for
 * a service account (both `sts:AssumeRole` and `sts:TagSession` must be allowed).
 *
 * @public
 */
export function evaluatePodIdentityTrust(
  policy: ParsedPolicy,
  input: PodIdentityRequestInput,
): TrustDecision {
  return combine(
    podIdentityRequests(input).map(request =>
      withAction(request.action, evaluatePolicy(policy, request)),
    ),
  );
}
