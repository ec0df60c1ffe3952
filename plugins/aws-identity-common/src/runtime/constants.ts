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
import { IRSA_ANNOTATIONS } from '../binding/annotations';
import { DEFAULT_IRSA_AUDIENCE, POD_IDENTITY_PRINCIPAL } from '../evaluate/workloadRequests';

/**
 * The names the EKS pod identity webhook and the AWS SDKs use at run time; the one place they
 * are spelled for the runtime checks.
 */

/** Volume the webhook adds for IRSA (projected token, audience `sts.amazonaws.com` unless annotated). @public */
export const IRSA_TOKEN_VOLUME = 'aws-iam-token';
/** Volume the webhook adds for EKS Pod Identity (projected token, audience `pods.eks.amazonaws.com`). @public */
export const POD_IDENTITY_TOKEN_VOLUME = 'eks-pod-identity-token';
/**
 * The audience of the token the webhook projects for EKS Pod Identity: the service principal
 * the Pod Identity Agent presents it to.
 *
 * @public
 */
export const POD_IDENTITY_AUDIENCE = POD_IDENTITY_PRINCIPAL;

/**
 * The audience of the token the webhook projects for IRSA: the service account's
 * `eks.amazonaws.com/audience` annotation, else `sts.amazonaws.com`. The runtime checks compare
 * pods' tokens with it and the live proof asks the cluster for a token with it.
 *
 * @public
 */
export function irsaTokenAudience(annotations: Readonly<Record<string, string>>): {
  audience: string;
  annotated: boolean;
} {
  const annotated = annotations[IRSA_ANNOTATIONS.audience];
  return { audience: annotated ?? DEFAULT_IRSA_AUDIENCE, annotated: annotated !== undefined };
}

/**
 * Pod annotation listing containers (comma-separated) the webhook leaves alone (webhook
 * README, "skip-containers"): they are not expected to carry the injected env.
 *
 * @public
 */
export const SKIP_CONTAINERS_ANNOTATION = 'eks.amazonaws.com/skip-containers';

/** `spec.schedulerName` of pods EKS runs on Fargate. @public */
export const FARGATE_SCHEDULER = 'fargate-scheduler';
/** Node label EKS sets on Fargate nodes (`compute-type=fargate`). @public */
export const COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';
/** Pod label EKS sets on pods a Fargate profile selected. @public */
export const FARGATE_PROFILE_LABEL = 'eks.amazonaws.com/fargate-profile';

/** Env the webhook injects for IRSA. @public */
export const IRSA_ENV = ['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE'] as const;
/** Env the webhook injects for EKS Pod Identity. @public */
export const POD_IDENTITY_ENV = [
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
] as const;

/** Static keys: the environment provider, first in every SDK's default chain. @public */
export const STATIC_KEY_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
] as const;
/** Variables that point the SDK at a shared config / credentials file profile. @public */
export const SHARED_FILE_VARIABLES = [
  'AWS_PROFILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
] as const;
/** Every variable that can make the SDK use something other than the role. @public */
export const CREDENTIAL_VARIABLES: readonly string[] = [
  ...STATIC_KEY_VARIABLES,
  ...SHARED_FILE_VARIABLES,
];

/**
 * Limits of a projected token's `expirationSeconds`: the API server rejects less than 600 s
 * (Kubernetes API reference, ServiceAccountTokenProjection), and EKS issues at most 86,400 s
 * (`--service-account-max-token-expiration`).
 *
 * @public
 */
export const TOKEN_EXPIRATION_BOUNDS = { minSeconds: 600, maxSeconds: 86_400 } as const;
