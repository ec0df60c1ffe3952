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

import { EntityIdentityResponse } from '@internal/plugin-aws-identity-common';

/* Responses captured from the sandbox backend (GET /identity), one per verdict. */
export const verifiedResponse: EntityIdentityResponse = {
  entityRef: 'component:default/reports',
  selector: {
    kubernetesId: 'reports',
  },
  serviceAccounts: [
    {
      serviceAccount: {
        cluster: 'sandbox-east',
        namespace: 'reports',
        name: 'reports',
      },
      binding: {
        kind: 'irsa',
        irsaRoleArn: 'arn:aws:iam::111111111111:role/reports-s3-list',
        podIdentityRoleArns: [],
      },
      effectiveIdentity: {
        source: 'irsa',
        roleArn: 'arn:aws:iam::111111111111:role/reports-s3-list',
        basis: 'observed-pods',
        pods: {
          staticKeys: 0,
          irsa: 2,
          podIdentity: 0,
          nodeRole: 0,
        },
        explanation:
          'Of 2 running pods, 2 use IRSA (arn:aws:iam::111111111111:role/reports-s3-list).',
      },
      roles: [
        {
          arn: 'arn:aws:iam::111111111111:role/reports-s3-list',
          via: 'irsa',
          exists: true,
          trust: {
            allowed: true,
            evaluations: [
              {
                action: 'sts:AssumeRoleWithWebIdentity',
                decision: 'allow',
                allowed: true,
                deciding: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub',
                        values: ['system:serviceaccount:reports:reports'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"',
                      },
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud',
                        values: ['sts.amazonaws.com'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                      },
                    ],
                  },
                ],
                statements: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub',
                        values: ['system:serviceaccount:reports:reports'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"',
                      },
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud',
                        values: ['sts.amazonaws.com'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                      },
                    ],
                  },
                ],
                explanation:
                  'Allowed by statement 0: Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com".',
              },
            ],
            deciding: [
              {
                index: 0,
                effect: 'Allow',
                applies: true,
                reason:
                  'Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                conditions: [
                  {
                    operator: 'StringEquals',
                    key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub',
                    values: ['system:serviceaccount:reports:reports'],
                    result: true,
                    reason:
                      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"',
                  },
                  {
                    operator: 'StringEquals',
                    key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud',
                    values: ['sts.amazonaws.com'],
                    result: true,
                    reason:
                      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                  },
                ],
              },
            ],
            explanation:
              'sts:AssumeRoleWithWebIdentity: Allowed by statement 0: Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com".',
          },
          permissions: {
            services: [
              {
                service: 's3',
                levels: [
                  {
                    accessLevel: 'List',
                    actions: ['s3:ListAllMyBuckets', 's3:ListBucket'],
                    resources: ['*', 'arn:aws:s3:::sandbox-reports'],
                    anyResource: true,
                    conditional: false,
                  },
                ],
              },
            ],
            wildcardActions: [],
            denyStatements: 0,
          },
        },
      ],
      findings: [],
      verdict: 'verified',
      verdictReasons: [
        'Bound via irsa; the trust admits this service account and no probe found another one that it admits.',
        'All running pods are injected.',
      ],
    },
    {
      serviceAccount: {
        cluster: 'sandbox-west',
        namespace: 'reports',
        name: 'reports',
      },
      binding: {
        kind: 'irsa',
        irsaRoleArn: 'arn:aws:iam::222222222222:role/reports-s3-list',
        podIdentityRoleArns: [],
      },
      effectiveIdentity: {
        source: 'irsa',
        roleArn: 'arn:aws:iam::222222222222:role/reports-s3-list',
        basis: 'observed-pods',
        pods: {
          staticKeys: 0,
          irsa: 2,
          podIdentity: 0,
          nodeRole: 0,
        },
        explanation:
          'Of 2 running pods, 2 use IRSA (arn:aws:iam::222222222222:role/reports-s3-list).',
      },
      roles: [
        {
          arn: 'arn:aws:iam::222222222222:role/reports-s3-list',
          via: 'irsa',
          exists: true,
          trust: {
            allowed: true,
            evaluations: [
              {
                action: 'sts:AssumeRoleWithWebIdentity',
                decision: 'allow',
                allowed: true,
                deciding: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Federated arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub',
                        values: ['system:serviceaccount:reports:reports'],
                        result: true,
                        reason:
                          'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"',
                      },
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud',
                        values: ['sts.amazonaws.com'],
                        result: true,
                        reason:
                          'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                      },
                    ],
                  },
                ],
                statements: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Federated arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub',
                        values: ['system:serviceaccount:reports:reports'],
                        result: true,
                        reason:
                          'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"',
                      },
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud',
                        values: ['sts.amazonaws.com'],
                        result: true,
                        reason:
                          'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                      },
                    ],
                  },
                ],
                explanation:
                  'Allowed by statement 0: Principal Federated arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com".',
              },
            ],
            deciding: [
              {
                index: 0,
                effect: 'Allow',
                applies: true,
                reason:
                  'Principal Federated arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                conditions: [
                  {
                    operator: 'StringEquals',
                    key: 'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub',
                    values: ['system:serviceaccount:reports:reports'],
                    result: true,
                    reason:
                      'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"',
                  },
                  {
                    operator: 'StringEquals',
                    key: 'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud',
                    values: ['sts.amazonaws.com'],
                    result: true,
                    reason:
                      'oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                  },
                ],
              },
            ],
            explanation:
              'sts:AssumeRoleWithWebIdentity: Allowed by statement 0: Principal Federated arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:reports:reports" satisfies StringEquals "system:serviceaccount:reports:reports"; oidc.eks.eu-west-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com".',
          },
          permissions: {
            services: [
              {
                service: 's3',
                levels: [
                  {
                    accessLevel: 'List',
                    actions: ['s3:ListAllMyBuckets', 's3:ListBucket'],
                    resources: ['*', 'arn:aws:s3:::sandbox-reports'],
                    anyResource: true,
                    conditional: false,
                  },
                ],
              },
            ],
            wildcardActions: [],
            denyStatements: 0,
          },
        },
      ],
      findings: [],
      verdict: 'verified',
      verdictReasons: [
        'Bound via irsa; the trust admits this service account and no probe found another one that it admits.',
        'All running pods are injected.',
      ],
    },
  ],
  sources: [
    {
      source: {
        kind: 'aws-account',
        accountId: '111111111111',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.313Z',
    },
    {
      source: {
        kind: 'aws-account',
        accountId: '222222222222',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.288Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-east',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.360Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-west',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.356Z',
    },
  ],
  dataAsOf: '2026-11-23T15:21:20.288Z',
};

export const brokenResponse: EntityIdentityResponse = {
  entityRef: 'component:default/notifier',
  selector: {
    kubernetesId: 'notifier',
  },
  serviceAccounts: [
    {
      serviceAccount: {
        cluster: 'sandbox-east',
        namespace: 'mc-role-missing',
        name: 'notifier',
      },
      binding: {
        kind: 'irsa',
        irsaRoleArn: 'arn:aws:iam::111111111111:role/mc-role-does-not-exist',
        podIdentityRoleArns: [],
      },
      effectiveIdentity: {
        source: 'irsa',
        roleArn: 'arn:aws:iam::111111111111:role/mc-role-does-not-exist',
        basis: 'observed-pods',
        pods: {
          staticKeys: 0,
          irsa: 1,
          podIdentity: 0,
          nodeRole: 0,
        },
        explanation:
          'Of 1 running pods, 1 use IRSA (arn:aws:iam::111111111111:role/mc-role-does-not-exist).',
      },
      roles: [
        {
          arn: 'arn:aws:iam::111111111111:role/mc-role-does-not-exist',
          via: 'irsa',
          exists: false,
        },
      ],
      findings: [
        {
          id: 'IRSA-B02',
          severity: 'high',
          failMode: 'closed',
          title: 'Annotated role cannot be assumed by this service account',
          subject: {
            kind: 'service-account',
            ref: 'sandbox-east/mc-role-missing/notifier',
          },
          message:
            'Role arn:aws:iam::111111111111:role/mc-role-does-not-exist does not exist.',
          fix: 'Create the role, or add this service account to its trust policy (see the deciding statements).',
          remediation: [
            {
              label: 'Terraform',
              language: 'hcl',
              code: 'resource "aws_iam_role" "mc_role_does_not_exist" {\n  name               = "mc-role-does-not-exist"\n  assume_role_policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [\n      {\n        Effect    = "Allow"\n        Principal = {\n          Federated = "arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj"\n        }\n        Action    = "sts:AssumeRoleWithWebIdentity"\n        Condition = {\n          StringEquals = {\n            "oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud" = "sts.amazonaws.com"\n            "oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub" = "system:serviceaccount:mc-role-missing:notifier"\n          }\n        }\n      },\n    ]\n  })\n}',
            },
            {
              label: 'Trust policy JSON',
              language: 'json',
              code: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud": "sts.amazonaws.com",\n          "oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub": "system:serviceaccount:mc-role-missing:notifier"\n        }\n      }\n    }\n  ]\n}',
            },
          ],
        },
      ],
      verdict: 'broken',
      verdictReasons: [
        'Role arn:aws:iam::111111111111:role/mc-role-does-not-exist does not exist.',
      ],
    },
  ],
  sources: [
    {
      source: {
        kind: 'aws-account',
        accountId: '111111111111',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.313Z',
    },
    {
      source: {
        kind: 'aws-account',
        accountId: '222222222222',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.288Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-east',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.360Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-west',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.356Z',
    },
  ],
  dataAsOf: '2026-11-23T15:21:20.288Z',
};

export const riskyResponse: EntityIdentityResponse = {
  entityRef: 'component:default/report-generator',
  selector: {
    kubernetesId: 'report-generator',
  },
  serviceAccounts: [
    {
      serviceAccount: {
        cluster: 'sandbox-east',
        namespace: 'mc-missing-sub',
        name: 'report-generator',
      },
      binding: {
        kind: 'irsa',
        irsaRoleArn: 'arn:aws:iam::111111111111:role/mc-missing-sub',
        podIdentityRoleArns: [],
      },
      effectiveIdentity: {
        source: 'irsa',
        roleArn: 'arn:aws:iam::111111111111:role/mc-missing-sub',
        basis: 'observed-pods',
        pods: {
          staticKeys: 0,
          irsa: 1,
          podIdentity: 0,
          nodeRole: 0,
        },
        explanation:
          'Of 1 running pods, 1 use IRSA (arn:aws:iam::111111111111:role/mc-missing-sub).',
      },
      roles: [
        {
          arn: 'arn:aws:iam::111111111111:role/mc-missing-sub',
          via: 'irsa',
          exists: true,
          trust: {
            allowed: true,
            evaluations: [
              {
                action: 'sts:AssumeRoleWithWebIdentity',
                decision: 'allow',
                allowed: true,
                deciding: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud',
                        values: ['sts.amazonaws.com'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                      },
                    ],
                  },
                ],
                statements: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud',
                        values: ['sts.amazonaws.com'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                      },
                    ],
                  },
                ],
                explanation:
                  'Allowed by statement 0: Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com".',
              },
            ],
            deciding: [
              {
                index: 0,
                effect: 'Allow',
                applies: true,
                reason:
                  'Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                conditions: [
                  {
                    operator: 'StringEquals',
                    key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud',
                    values: ['sts.amazonaws.com'],
                    result: true,
                    reason:
                      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                  },
                ],
              },
            ],
            explanation:
              'sts:AssumeRoleWithWebIdentity: Allowed by statement 0: Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com".',
          },
          permissions: {
            services: [
              {
                service: 's3',
                levels: [
                  {
                    accessLevel: 'List',
                    actions: ['s3:ListBucket'],
                    resources: ['arn:aws:s3:::sandbox-reports'],
                    anyResource: false,
                    conditional: false,
                  },
                  {
                    accessLevel: 'Read',
                    actions: ['s3:GetObject'],
                    resources: ['arn:aws:s3:::sandbox-reports/*'],
                    anyResource: false,
                    conditional: false,
                  },
                ],
              },
            ],
            wildcardActions: [],
            denyStatements: 0,
          },
        },
      ],
      findings: [
        {
          id: 'IRSA-T01',
          severity: 'critical',
          failMode: 'open',
          title: 'Trust policy has no service account (sub) condition',
          subject: {
            kind: 'statement',
            ref: 'arn:aws:iam::111111111111:role/mc-missing-sub',
            statementIndex: 0,
          },
          message:
            'Statement 0 trusts oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj without any sub condition: an invented service account in an invented namespace is allowed.',
          fix: 'Add "StringEquals": {"<issuer>:sub": "system:serviceaccount:<namespace>:<name>"} to the statement.',
          remediation: [
            {
              label: 'Trust policy JSON',
              language: 'json',
              code: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud": "sts.amazonaws.com",\n          "oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub": "system:serviceaccount:mc-missing-sub:report-generator"\n        }\n      }\n    }\n  ]\n}',
            },
            {
              label: 'Terraform',
              language: 'hcl',
              code: 'resource "aws_iam_role" "mc_missing_sub" {\n  name               = "mc-missing-sub"\n  assume_role_policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [\n      {\n        Effect    = "Allow"\n        Principal = {\n          Federated = "arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj"\n        }\n        Action    = "sts:AssumeRoleWithWebIdentity"\n        Condition = {\n          StringEquals = {\n            "oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud" = "sts.amazonaws.com"\n            "oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub" = "system:serviceaccount:mc-missing-sub:report-generator"\n          }\n        }\n      },\n    ]\n  })\n}',
            },
          ],
        },
      ],
      verdict: 'risky',
      verdictReasons: [
        'IRSA-T01 (critical, fails open): Statement 0 trusts oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj without any sub condition: an invented service account in an invented namespace is allowed.',
      ],
    },
  ],
  sources: [
    {
      source: {
        kind: 'aws-account',
        accountId: '111111111111',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.313Z',
    },
    {
      source: {
        kind: 'aws-account',
        accountId: '222222222222',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.288Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-east',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.360Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-west',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.356Z',
    },
  ],
  dataAsOf: '2026-11-23T15:21:20.288Z',
};

export const notConfiguredResponse: EntityIdentityResponse = {
  entityRef: 'component:default/edgedelta-env-keys',
  selector: {
    kubernetesId: 'edgedelta-env-keys',
  },
  serviceAccounts: [
    {
      serviceAccount: {
        cluster: 'sandbox-east',
        namespace: 'edgedelta-env-keys',
        name: 'edgedelta',
      },
      binding: {
        kind: 'none',
        podIdentityRoleArns: [],
      },
      effectiveIdentity: {
        source: 'static-keys',
        basis: 'observed-pods',
        pods: {
          staticKeys: 4,
          irsa: 0,
          podIdentity: 0,
          nodeRole: 0,
        },
        explanation:
          'Of 4 running pods, 4 use static keys from their environment.',
      },
      roles: [],
      findings: [
        {
          id: 'IRSA-B05',
          severity: 'high',
          failMode: 'open',
          title: 'Static AWS keys in pod environment',
          subject: {
            kind: 'pods',
            ref: 'sandbox-east/edgedelta-env-keys/edgedelta',
          },
          message: '4 of 4 pods have static AWS keys in their environment.',
          fix: 'Remove AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the pod spec, deactivate the keys, and rely on the role.',
          remediation: [
            {
              label: 'kubectl',
              language: 'shell',
              code: '# Remove the keys from the workload, then bind a role instead\nkubectl set env statefulset/edgedelta-compactor -n edgedelta-env-keys AWS_ACCESS_KEY_ID- AWS_SECRET_ACCESS_KEY-\nkubectl set env daemonset/edgedelta -n edgedelta-env-keys AWS_ACCESS_KEY_ID- AWS_SECRET_ACCESS_KEY-\nkubectl set env statefulset/edgedelta-rollup -n edgedelta-env-keys AWS_ACCESS_KEY_ID- AWS_SECRET_ACCESS_KEY-\nkubectl annotate serviceaccount edgedelta -n edgedelta-env-keys \\\n  eks.amazonaws.com/role-arn=arn:aws:iam::<ACCOUNT_ID>:role/<ROLE_NAME> --overwrite',
            },
            {
              label: 'Helm values',
              language: 'yaml',
              code: 'serviceAccount:\n  name: edgedelta\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::<ACCOUNT_ID>:role/<ROLE_NAME>',
            },
          ],
        },
        {
          id: 'IRSA-B07',
          severity: 'medium',
          failMode: 'open',
          title: 'Service account or role shared',
          subject: {
            kind: 'service-account',
            ref: 'sandbox-east/edgedelta-env-keys/edgedelta',
          },
          message:
            '3 workloads share this service account: StatefulSet/edgedelta-compactor, DaemonSet/edgedelta, StatefulSet/edgedelta-rollup.',
          fix: 'Give each workload its own service account and role.',
        },
      ],
      verdict: 'not-configured',
      verdictReasons: [
        'The service account has no IRSA annotation and no Pod Identity association.',
      ],
    },
  ],
  sources: [
    {
      source: {
        kind: 'aws-account',
        accountId: '111111111111',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.313Z',
    },
    {
      source: {
        kind: 'aws-account',
        accountId: '222222222222',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.288Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-east',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.360Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-west',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.356Z',
    },
  ],
  dataAsOf: '2026-11-23T15:21:20.288Z',
};

export const bothResponse: EntityIdentityResponse = {
  entityRef: 'component:default/uploader',
  selector: {
    kubernetesId: 'uploader',
  },
  serviceAccounts: [
    {
      serviceAccount: {
        cluster: 'sandbox-east',
        namespace: 'mc-both',
        name: 'uploader',
      },
      binding: {
        kind: 'both',
        irsaRoleArn: 'arn:aws:iam::111111111111:role/mc-both-irsa',
        podIdentityRoleArns: [
          'arn:aws:iam::111111111111:role/mc-both-pod-identity',
        ],
      },
      effectiveIdentity: {
        source: 'pod-identity',
        roleArn: 'arn:aws:iam::111111111111:role/mc-both-pod-identity',
        basis: 'observed-pods',
        pods: {
          staticKeys: 0,
          irsa: 0,
          podIdentity: 1,
          nodeRole: 0,
        },
        explanation: 'Of 1 running pods, 1 use EKS Pod Identity.',
      },
      roles: [
        {
          arn: 'arn:aws:iam::111111111111:role/mc-both-irsa',
          via: 'irsa',
          exists: true,
          trust: {
            allowed: true,
            evaluations: [
              {
                action: 'sts:AssumeRoleWithWebIdentity',
                decision: 'allow',
                allowed: true,
                deciding: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:mc-both:uploader" satisfies StringEquals "system:serviceaccount:mc-both:uploader"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub',
                        values: ['system:serviceaccount:mc-both:uploader'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:mc-both:uploader" satisfies StringEquals "system:serviceaccount:mc-both:uploader"',
                      },
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud',
                        values: ['sts.amazonaws.com'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                      },
                    ],
                  },
                ],
                statements: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:mc-both:uploader" satisfies StringEquals "system:serviceaccount:mc-both:uploader"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub',
                        values: ['system:serviceaccount:mc-both:uploader'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:mc-both:uploader" satisfies StringEquals "system:serviceaccount:mc-both:uploader"',
                      },
                      {
                        operator: 'StringEquals',
                        key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud',
                        values: ['sts.amazonaws.com'],
                        result: true,
                        reason:
                          'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                      },
                    ],
                  },
                ],
                explanation:
                  'Allowed by statement 0: Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:mc-both:uploader" satisfies StringEquals "system:serviceaccount:mc-both:uploader"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com".',
              },
            ],
            deciding: [
              {
                index: 0,
                effect: 'Allow',
                applies: true,
                reason:
                  'Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:mc-both:uploader" satisfies StringEquals "system:serviceaccount:mc-both:uploader"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                conditions: [
                  {
                    operator: 'StringEquals',
                    key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub',
                    values: ['system:serviceaccount:mc-both:uploader'],
                    result: true,
                    reason:
                      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:mc-both:uploader" satisfies StringEquals "system:serviceaccount:mc-both:uploader"',
                  },
                  {
                    operator: 'StringEquals',
                    key: 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud',
                    values: ['sts.amazonaws.com'],
                    result: true,
                    reason:
                      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com"',
                  },
                ],
              },
            ],
            explanation:
              'sts:AssumeRoleWithWebIdentity: Allowed by statement 0: Principal Federated arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj, Action "sts:AssumeRoleWithWebIdentity", conditions: oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub = "system:serviceaccount:mc-both:uploader" satisfies StringEquals "system:serviceaccount:mc-both:uploader"; oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud = "sts.amazonaws.com" satisfies StringEquals "sts.amazonaws.com".',
          },
          permissions: {
            services: [
              {
                service: 's3',
                levels: [
                  {
                    accessLevel: 'List',
                    actions: ['s3:ListBucket'],
                    resources: ['arn:aws:s3:::sandbox-uploads'],
                    anyResource: false,
                    conditional: false,
                  },
                  {
                    accessLevel: 'Write',
                    actions: ['s3:PutObject'],
                    resources: ['arn:aws:s3:::sandbox-uploads/*'],
                    anyResource: false,
                    conditional: false,
                  },
                ],
              },
            ],
            wildcardActions: [],
            denyStatements: 0,
          },
        },
        {
          arn: 'arn:aws:iam::111111111111:role/mc-both-pod-identity',
          via: 'pod-identity',
          exists: true,
          trust: {
            allowed: true,
            evaluations: [
              {
                action: 'sts:AssumeRole',
                decision: 'allow',
                allowed: true,
                deciding: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Service pods.eks.amazonaws.com, Action "sts:AssumeRole", conditions: aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'aws:SourceAccount',
                        values: ['111111111111'],
                        result: true,
                        reason:
                          'aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                      },
                    ],
                  },
                ],
                statements: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Service pods.eks.amazonaws.com, Action "sts:AssumeRole", conditions: aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'aws:SourceAccount',
                        values: ['111111111111'],
                        result: true,
                        reason:
                          'aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                      },
                    ],
                  },
                ],
                explanation:
                  'Allowed by statement 0: Principal Service pods.eks.amazonaws.com, Action "sts:AssumeRole", conditions: aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111".',
              },
              {
                action: 'sts:TagSession',
                decision: 'allow',
                allowed: true,
                deciding: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Service pods.eks.amazonaws.com, Action "sts:TagSession", conditions: aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'aws:SourceAccount',
                        values: ['111111111111'],
                        result: true,
                        reason:
                          'aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                      },
                    ],
                  },
                ],
                statements: [
                  {
                    index: 0,
                    effect: 'Allow',
                    applies: true,
                    reason:
                      'Principal Service pods.eks.amazonaws.com, Action "sts:TagSession", conditions: aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                    conditions: [
                      {
                        operator: 'StringEquals',
                        key: 'aws:SourceAccount',
                        values: ['111111111111'],
                        result: true,
                        reason:
                          'aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                      },
                    ],
                  },
                ],
                explanation:
                  'Allowed by statement 0: Principal Service pods.eks.amazonaws.com, Action "sts:TagSession", conditions: aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111".',
              },
            ],
            deciding: [
              {
                index: 0,
                effect: 'Allow',
                applies: true,
                reason:
                  'Principal Service pods.eks.amazonaws.com, Action "sts:AssumeRole", conditions: aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                conditions: [
                  {
                    operator: 'StringEquals',
                    key: 'aws:SourceAccount',
                    values: ['111111111111'],
                    result: true,
                    reason:
                      'aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111"',
                  },
                ],
              },
            ],
            explanation:
              'sts:AssumeRole: Allowed by statement 0: Principal Service pods.eks.amazonaws.com, Action "sts:AssumeRole", conditions: aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111". sts:TagSession: Allowed by statement 0: Principal Service pods.eks.amazonaws.com, Action "sts:TagSession", conditions: aws:SourceAccount = "111111111111" satisfies StringEquals "111111111111".',
          },
          permissions: {
            services: [
              {
                service: 's3',
                levels: [
                  {
                    accessLevel: 'List',
                    actions: ['s3:ListBucket'],
                    resources: ['arn:aws:s3:::sandbox-uploads'],
                    anyResource: false,
                    conditional: false,
                  },
                  {
                    accessLevel: 'Read',
                    actions: ['s3:GetObject'],
                    resources: ['arn:aws:s3:::sandbox-uploads/*'],
                    anyResource: false,
                    conditional: false,
                  },
                  {
                    accessLevel: 'Write',
                    actions: ['s3:PutObject'],
                    resources: ['arn:aws:s3:::sandbox-uploads/*'],
                    anyResource: false,
                    conditional: false,
                  },
                ],
              },
            ],
            wildcardActions: [],
            denyStatements: 0,
          },
        },
      ],
      findings: [
        {
          id: 'IRSA-B12',
          severity: 'medium',
          failMode: 'closed',
          title: 'Both IRSA and EKS Pod Identity configured',
          subject: {
            kind: 'service-account',
            ref: 'sandbox-east/mc-both/uploader',
          },
          message:
            "Annotated with arn:aws:iam::111111111111:role/mc-both-irsa and associated with arn:aws:iam::111111111111:role/mc-both-pod-identity; pods get the association's role.",
          fix: 'Remove either the association or the eks.amazonaws.com/role-arn annotation.',
          remediation: [
            {
              label: 'kubectl',
              language: 'shell',
              code: '# Keep EKS Pod Identity, drop the IRSA annotation\nkubectl annotate serviceaccount uploader -n mc-both eks.amazonaws.com/role-arn-',
            },
            {
              label: 'Helm values',
              language: 'yaml',
              code: 'serviceAccount:\n  name: uploader\n  annotations: {}',
            },
          ],
        },
      ],
      verdict: 'verified',
      verdictReasons: [
        'Bound via pod-identity; the trust admits this service account and no probe found another one that it admits.',
        'All running pods are injected.',
      ],
    },
  ],
  sources: [
    {
      source: {
        kind: 'aws-account',
        accountId: '111111111111',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.313Z',
    },
    {
      source: {
        kind: 'aws-account',
        accountId: '222222222222',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:20.288Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-east',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.360Z',
    },
    {
      source: {
        kind: 'cluster',
        cluster: 'sandbox-west',
      },
      state: 'ok',
      lastSuccessAt: '2026-11-23T15:21:50.356Z',
    },
  ],
  dataAsOf: '2026-11-23T15:21:20.288Z',
};
