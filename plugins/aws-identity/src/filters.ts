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

import { Entity } from '@backstage/catalog-model';

/**
 * The annotations the Backstage Kubernetes plugin uses to find an entity's workloads;
 * aws-identity reads the same ones so that a portal needs no extra annotation.
 */
const KUBERNETES_ANNOTATIONS = [
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-label-selector',
];

/**
 * Catalog annotations that declare the AWS identity a component expects, before
 * (or without) it running anywhere.
 *
 * @public
 */
export const AWS_IDENTITY_ANNOTATIONS = {
  /** `<namespace>/<name>` of the service account the component will run as. */
  serviceAccount: 'aws-identity.io/service-account',
  /** ARN of the IAM role the service account should be bound to. */
  roleArn: 'aws-identity.io/role-arn',
  /** Cluster the component is meant to run on. */
  cluster: 'aws-identity.io/cluster',
  /** `none` when the component declares it needs no AWS access. */
  awsAccess: 'aws-identity.io/aws-access',
} as const;

/**
 * The identity an entity declares in its catalog annotations.
 *
 * @public
 */
export interface ExpectedIdentity {
  namespace?: string;
  serviceAccount?: string;
  roleArn?: string;
  cluster?: string;
  /** The entity says it needs no AWS access. */
  noAwsAccess: boolean;
}

/**
 * Reads the expected identity from an entity's `aws-identity.io/*` annotations.
 *
 * @public
 */
export function expectedIdentityOf(
  entity: Entity,
): ExpectedIdentity | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const sa = annotations[AWS_IDENTITY_ANNOTATIONS.serviceAccount]?.trim();
  const roleArn = annotations[AWS_IDENTITY_ANNOTATIONS.roleArn]?.trim();
  const cluster = annotations[AWS_IDENTITY_ANNOTATIONS.cluster]?.trim();
  const noAwsAccess =
    annotations[AWS_IDENTITY_ANNOTATIONS.awsAccess]?.trim().toLowerCase() ===
    'none';
  if (!sa && !roleArn && !cluster && !noAwsAccess) return undefined;
  const [namespace, serviceAccount] = sa?.includes('/')
    ? sa.split('/', 2)
    : [undefined, sa || undefined];
  return {
    namespace: namespace || undefined,
    serviceAccount,
    roleArn: roleArn || undefined,
    cluster: cluster || undefined,
    noAwsAccess,
  };
}

/**
 * Whether the AWS identity tab applies to an entity: it runs on Kubernetes, or
 * declares the AWS identity it expects.
 *
 * @public
 */
export function isAwsIdentityAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return (
    KUBERNETES_ANNOTATIONS.some(key => Boolean(annotations[key])) ||
    expectedIdentityOf(entity) !== undefined
  );
}
