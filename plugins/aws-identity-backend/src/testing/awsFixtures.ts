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

// Test data only: roles and clusters written as AWS's documentation shows them.

import { Role } from '@internal/plugin-aws-identity-common';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
/** The issuer form of the EKS documentation (`oidc.eks.<region>.amazonaws.com/id/<id>`). */
export const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
export const OTHER_ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/5C54DDF35ER19312844C7333374CC09D';

/**
 * The trust policy the EKS user guide gives for IAM roles for service accounts: the cluster's
 * OIDC provider may assume the role with a web identity whose `sub` is exactly the service
 * account and whose `aud` is STS.
 */
export function irsaTrust(issuer: string, namespace: string, serviceAccount: string, accountId = ACCOUNT) {
  const hostPath = issuer.replace(/^https:\/\//, '');
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${accountId}:oidc-provider/${hostPath}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${hostPath}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
            [`${hostPath}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  };
}

/** The trust policy the EKS user guide gives for EKS Pod Identity roles. */
export const POD_IDENTITY_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowEksAuthToAssumeRoleForPodIdentity',
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    },
  ],
};

/** A role as IAM's GetAccountAuthorizationDetails returns it, with one inline read policy. */
export function role(name: string, trustPolicy: unknown, accountId = ACCOUNT): Role {
  return {
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    name,
    accountId,
    path: '/',
    // IAM returns policy documents URL-encoded.
    trustPolicy: encodeURIComponent(JSON.stringify(trustPolicy)),
    permissionPolicies: [
      {
        name: `${name}-read`,
        kind: 'inline',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}-bucket/*` }],
        },
      },
    ],
  };
}
