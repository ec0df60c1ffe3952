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

/**
 * The few fields of a Kubernetes pod the runtime checks read, as a structural type: a
 * `@kubernetes/client-node` `V1Pod`, a parsed manifest or a test literal all fit, and `-common`
 * stays free of the client library.
 *
 * @public
 */
export interface RuntimePod {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: Date | string;
  };
  spec?: {
    serviceAccountName?: string;
    hostNetwork?: boolean;
    schedulerName?: string;
    nodeName?: string;
    securityContext?: RuntimeSecurityContext & { fsGroup?: number };
    containers?: RuntimeContainer[];
    initContainers?: RuntimeContainer[];
    volumes?: RuntimeVolume[];
  };
}

/** `runAsUser` / `runAsNonRoot` of a pod or a container. @public */
export interface RuntimeSecurityContext {
  runAsUser?: number;
  runAsNonRoot?: boolean;
}

/** The parts of a container that decide its credentials. @public */
export interface RuntimeContainer {
  name: string;
  env?: Array<{
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name?: string; key: string };
      configMapKeyRef?: { name?: string; key: string };
    };
  }>;
  envFrom?: Array<{
    prefix?: string;
    secretRef?: { name?: string };
    configMapRef?: { name?: string };
  }>;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
  securityContext?: RuntimeSecurityContext;
}

/** A pod volume; only projected service-account tokens are read in detail. @public */
export interface RuntimeVolume {
  name: string;
  projected?: {
    sources?: Array<{
      serviceAccountToken?: {
        audience?: string;
        expirationSeconds?: number;
        path: string;
      };
    }>;
  };
}

/**
 * Where a credential variable of the AWS SDKs' environment comes from: written into the pod
 * spec, a `valueFrom` reference to one key, or every key of a Secret / ConfigMap (`envFrom`).
 *
 * @public
 */
export type CredentialEnvVia =
  | 'literal'
  | 'secret-key'
  | 'config-map-key'
  | 'env-from-secret'
  | 'env-from-config-map';

/**
 * One credential variable a container sets, and where from (names only, never a value).
 *
 * @public
 */
export interface CredentialEnvSource {
  /** `AWS_ACCESS_KEY_ID`, `AWS_PROFILE`, … */
  variable: string;
  via: CredentialEnvVia;
  /** The Secret's or ConfigMap's name, for every `via` but `literal`. */
  source?: string;
}

/**
 * A container's `envFrom` of a whole Secret or ConfigMap: which variables it sets is only
 * known from the object's key names.
 *
 * @public
 */
export interface EnvFromReference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  /** `envFrom[].prefix`, prepended to every key. */
  prefix?: string;
}

/**
 * A projected service-account token volume: who the token is for and how long it lives.
 *
 * @public
 */
export interface ProjectedToken {
  volume: string;
  /** Absent: the API server's own audience (its issuer), which STS never accepts. */
  audience?: string;
  /** Absent: the Kubernetes default of 3600 s. */
  expirationSeconds?: number;
}

/**
 * What one pod tells about its AWS credentials, read from its spec alone. Small by design
 * (flags, names): the backend keeps one per workload, not the pod.
 *
 * @public
 */
export interface PodRuntimeFacts {
  /** Every container the webhook mutates has `AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE`. */
  irsaEnv: boolean;
  /** The projected `aws-iam-token` volume is there. */
  irsaVolume: boolean;
  /** A container has `AWS_CONTAINER_CREDENTIALS_FULL_URI`. */
  podIdentityEnv: boolean;
  /**
   * Every container the webhook mutates has `AWS_CONTAINER_CREDENTIALS_FULL_URI` and
   * `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, and the `eks-pod-identity-token` volume is there.
   */
  podIdentityInjected: boolean;
  /** A container has `AWS_ACCESS_KEY_ID` or `AWS_SECRET_ACCESS_KEY` in `env`. */
  staticKeys: boolean;
  /** Labelled `eks.amazonaws.com/skip-pod-identity-webhook: "true"`. */
  skipWebhook: boolean;
  /** `spec.hostNetwork: true`. */
  hostNetwork: boolean;
  /** Scheduled by `fargate-scheduler` or onto a Fargate node. */
  fargate: boolean;
  /** A container runs as non-root (its own securityContext over the pod's) and the pod sets no `fsGroup`. */
  nonRootWithoutFsGroup: boolean;
  /** Distinct literal `AWS_ROLE_ARN` values. */
  roleArns: string[];
  /** Credential variables set through `env`, literal or by reference. */
  credentialEnv: CredentialEnvSource[];
  /** `envFrom` references, whose variables come from the objects' key names. */
  envFrom: EnvFromReference[];
  /** Mount paths of volumes at a shared credentials location (`~/.aws`, `AWS_SHARED_CREDENTIALS_FILE`). */
  credentialsFileMounts: string[];
  /** Projected service-account token volumes. */
  serviceAccountTokens: ProjectedToken[];
  /** The pod's creation time (RFC 3339), when known. */
  createdAt?: string;
}

/**
 * A credential source observed in a service account's pods, by kind of provider it feeds.
 *
 * @public
 */
export interface ShadowingSource {
  /** The variable (`AWS_ACCESS_KEY_ID`, `AWS_PROFILE`, …) or, for a mount, the mount path. */
  variable: string;
  via: CredentialEnvVia | 'file-mount';
  /** The Secret's or ConfigMap's name. */
  source?: string;
  podCount: number;
}
