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

// Real-world documents from shared/seeds (public blog posts), verbatim apart
// from whitespace. Test fixtures only.

/** seeds/001: canida external-secrets trust policy (eu-central-1). */
export const SEED_001_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: {
        Federated:
          'arn:aws:iam::054000737513:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/81E1F9ED8100DE07F6B96AF57C8191BC',
      },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'oidc.eks.eu-central-1.amazonaws.com/id/81E1F9ED8100DE07F6B96AF57C8191BC:sub':
            'system:serviceaccount:external-secrets:aws-secretsmanager',
        },
      },
    },
  ],
};
/** Issuer of seed 001. */
export const SEED_001_ISSUER =
  'oidc.eks.eu-central-1.amazonaws.com/id/81E1F9ED8100DE07F6B96AF57C8191BC';

/** seeds/001: the secrets-manager permission policy (prefix read + ListSecrets on *). */
export const SEED_001_PERMISSIONS = {
  Statement: [
    {
      Action: [
        'secretsmanager:GetResourcePolicy',
        'secretsmanager:GetSecretValue',
        'secretsmanager:DescribeSecret',
        'secretsmanager:ListSecretVersionIds',
      ],
      Effect: 'Allow',
      Resource: [
        'arn:aws:secretsmanager:eu-central-1:054000737513:secret:k8s-main/*',
      ],
    },
    { Action: 'secretsmanager:ListSecrets', Effect: 'Allow', Resource: '*' },
  ],
  Version: '2012-10-17',
};

/** seeds/003: StreamSets trust policy (us-west-2, sub only, no aud). */
export const SEED_003_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: {
        Federated:
          'arn:aws:iam::501672548510:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/50DCD1E10C8BAD2EC2B3E0E84647098C',
      },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'oidc.eks.us-west-2.amazonaws.com/id/50DCD1E10C8BAD2EC2B3E0E84647098C:sub':
            'system:serviceaccount:ns1:sdc',
        },
      },
    },
  ],
};
/** Issuer of seed 003. */
export const SEED_003_ISSUER =
  'oidc.eks.us-west-2.amazonaws.com/id/50DCD1E10C8BAD2EC2B3E0E84647098C';

/** seeds/003: S3 ingest permission policy. */
export const SEED_003_PERMISSIONS = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'VisualEditor0',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:GetObject', 's3:ListBucket'],
      Resource: [
        'arn:aws:s3:::sdc-ingest-bucket/*',
        'arn:aws:s3:::sdc-ingest-bucket',
      ],
    },
  ],
};
