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

import { podIdentityTrustPolicy } from '@internal/plugin-aws-identity-common/testing';
import { PolicyDocument, SeedContext } from './types';

/** Provider ARN for a cluster's issuer in `accountId`. */
export function providerArn(
  ctx: SeedContext,
  accountId: string,
  cluster: string,
): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${ctx.issuerHost(cluster)}`;
}

/** `system:serviceaccount:<ns>:<sa>` */
export function subject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** Options for {@link irsaTrust}. */
export interface IrsaTrustOptions {
  accountId: string;
  /** Cluster whose provider is the Federated principal. */
  cluster: string;
  /** `sub` value(s); omitted = no `sub` condition (IRSA-T01). */
  sub?: string | string[];
  /** Operator for `sub` (default StringEquals). */
  subOperator?: 'StringEquals' | 'StringLike';
  /** Include `aud = sts.amazonaws.com` (default true). */
  aud?: boolean;
}

/** An IRSA trust policy in the shape the EKS user guide documents. */
export function irsaTrust(
  ctx: SeedContext,
  o: IrsaTrustOptions,
): PolicyDocument {
  const host = ctx.issuerHost(o.cluster);
  const condition: Record<string, Record<string, unknown>> = {};
  const add = (op: string, key: string, value: unknown) => {
    condition[op] = { ...(condition[op] ?? {}), [key]: value };
  };
  if (o.sub !== undefined)
    add(o.subOperator ?? 'StringEquals', `${host}:sub`, o.sub);
  if (o.aud !== false) add('StringEquals', `${host}:aud`, 'sts.amazonaws.com');
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn(ctx, o.accountId, o.cluster) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
      },
    ],
  };
}

/** EKS Pod Identity trust (principal `pods.eks.amazonaws.com`, AssumeRole + TagSession). */
export function podIdentityTrust(accountId: string): PolicyDocument {
  return podIdentityTrustPolicy({ accountId });
}

/** S3 access to one bucket (ListBucket on the bucket, object actions on its keys). */
export function s3BucketPolicy(
  bucket: string,
  objectActions: string[],
): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`],
      },
      ...(objectActions.length
        ? [
            {
              Effect: 'Allow',
              Action: objectActions,
              Resource: [`arn:aws:s3:::${bucket}/*`],
            },
          ]
        : []),
    ],
  };
}
