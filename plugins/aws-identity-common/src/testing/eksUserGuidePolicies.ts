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
 * The trust policies the EKS User Guide writes, for tests that need a well-formed binding to
 * start from. Written from the guide, never from this package's generators, so a test that
 * feeds them to the engine checks the engine against the documentation.
 */

/**
 * A trust policy document with the one statement the EKS User Guide writes.
 *
 * @public
 */
export interface ExampleTrustPolicy {
  Version: '2012-10-17';
  Statement: Array<{
    Effect: 'Allow';
    Principal: { Federated: string } | { Service: string };
    Action: string | string[];
    Condition: Record<string, Record<string, string>>;
  }>;
}

/**
 * The IRSA trust of "Assign IAM roles to Kubernetes service accounts": the cluster's IAM OIDC
 * provider as federated principal, `sts:AssumeRoleWithWebIdentity`, and `sub` (the service
 * account) and `aud` (`sts.amazonaws.com`) pinned with `StringEquals`. `issuerHostPath` is the
 * issuer URL without `https://`, as the provider's ARN ends; `subject` is
 * `system:serviceaccount:<namespace>:<name>`.
 *
 * @public
 */
export function irsaTrustPolicy(options: {
  accountId: string;
  issuerHostPath: string;
  subject: string;
}): ExampleTrustPolicy {
  const { accountId, issuerHostPath, subject } = options;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::${accountId}:oidc-provider/${issuerHostPath}`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuerHostPath}:sub`]: subject,
            [`${issuerHostPath}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  };
}

/**
 * The Pod Identity trust of "Create IAM role with trust policy required by EKS Pod Identity":
 * `pods.eks.amazonaws.com` may `sts:AssumeRole` and `sts:TagSession`, restricted to the
 * account by `aws:SourceAccount` and, when `clusterArn` is given, to the cluster by
 * `aws:SourceArn` (the guide's optional confused-deputy condition).
 *
 * @public
 */
export function podIdentityTrustPolicy(options: {
  accountId: string;
  clusterArn?: string;
}): ExampleTrustPolicy {
  const { accountId, clusterArn } = options;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: { 'aws:SourceAccount': accountId },
          ...(clusterArn ? { ArnEquals: { 'aws:SourceArn': clusterArn } } : {}),
        },
      },
    ],
  };
}
