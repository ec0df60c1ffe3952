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
import { parsePolicy } from '../policy/parsePolicy';
import {
  createPermissionCheckContext,
  permissionChecks,
} from '../checks/permissionChecks';
import { createTrustCheckContext, trustChecks } from '../checks/trustChecks';
import { runChecks } from '../checks/types';
import { evaluateIrsaTrust } from '../evaluate/workloadRequests';
import {
  generateIrsaTrustPolicy,
  generatePermissionPolicy,
  generatePodIdentityTrustPolicy,
} from './generatePolicies';
import { permissionPresets } from './presets';
import { podIdentityTrustPolicy } from '../testing';

const ISSUER =
  'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';
const HOST =
  'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';

describe('generatePermissionPolicy (golden)', () => {
  it('s3-read', () => {
    const result = generatePermissionPolicy([
      { preset: 's3-read', resource: 'arn:aws:s3:::sdc-ingest-bucket' },
    ]);
    expect(result.ok && result.value.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'S3Read1',
          Effect: 'Allow',
          Action: ['s3:ListBucket', 's3:GetBucketLocation'],
          Resource: 'arn:aws:s3:::sdc-ingest-bucket',
        },
        {
          Sid: 'S3Read2',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:GetObjectVersion'],
          Resource: 'arn:aws:s3:::sdc-ingest-bucket/*',
        },
      ],
    });
  });

  it('s3-write + s3-list on the same bucket', () => {
    const result = generatePermissionPolicy([
      { preset: 's3-list', resource: 'arn:aws:s3:::logs-bucket' },
      { preset: 's3-write', resource: 'arn:aws:s3:::logs-bucket' },
    ]);
    expect(result.ok && result.value.document.Statement).toEqual([
      {
        Sid: 'S3List1',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: 'arn:aws:s3:::logs-bucket',
      },
      {
        Sid: 'S3Write1',
        Effect: 'Allow',
        Action: ['s3:ListBucketMultipartUploads'],
        Resource: 'arn:aws:s3:::logs-bucket',
      },
      {
        Sid: 'S3Write2',
        Effect: 'Allow',
        Action: [
          's3:PutObject',
          's3:DeleteObject',
          's3:AbortMultipartUpload',
          's3:ListMultipartUploadParts',
        ],
        Resource: 'arn:aws:s3:::logs-bucket/*',
      },
    ]);
  });

  it.each([
    [
      'sqs-consume',
      'arn:aws:sqs:eu-west-1:111122223333:orders',
      {
        Sid: 'SqsConsume1',
        Effect: 'Allow',
        Action: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        Resource: 'arn:aws:sqs:eu-west-1:111122223333:orders',
      },
    ],
    [
      'sqs-produce',
      'arn:aws:sqs:eu-west-1:111122223333:orders.fifo',
      {
        Sid: 'SqsProduce1',
        Effect: 'Allow',
        Action: [
          'sqs:SendMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        Resource: 'arn:aws:sqs:eu-west-1:111122223333:orders.fifo',
      },
    ],
    [
      'sns-publish',
      'arn:aws:sns:eu-west-1:111122223333:events',
      {
        Sid: 'SnsPublish1',
        Effect: 'Allow',
        Action: ['sns:Publish'],
        Resource: 'arn:aws:sns:eu-west-1:111122223333:events',
      },
    ],
    [
      'dynamodb-read',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      {
        Sid: 'DynamodbRead1',
        Effect: 'Allow',
        Action: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:DescribeTable',
          'dynamodb:ConditionCheckItem',
        ],
        Resource: [
          'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
          'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/index/*',
        ],
      },
    ],
    [
      'dynamodb-write',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      {
        Sid: 'DynamodbWrite1',
        Effect: 'Allow',
        Action: [
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:DescribeTable',
          'dynamodb:ConditionCheckItem',
        ],
        Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      },
    ],
    [
      'secretsmanager-read-prefix',
      'arn:aws:secretsmanager:eu-central-1:054000737513:secret:k8s-main/',
      {
        Sid: 'SecretsmanagerReadPrefix1',
        Effect: 'Allow',
        Action: [
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
        ],
        Resource:
          'arn:aws:secretsmanager:eu-central-1:054000737513:secret:k8s-main/*',
      },
    ],
    [
      'kms-decrypt',
      'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      {
        Sid: 'KmsDecrypt1',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource:
          'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
    ],
  ])('%s', (preset, resource, statement) => {
    const result = generatePermissionPolicy([{ preset, resource }]);
    expect(result.ok && result.value.document).toEqual({
      Version: '2012-10-17',
      Statement: [statement],
    });
  });

  it('every preset output is valid, known to the action data, and passes the permission checks', () => {
    const examples: Record<string, string> = {
      s3: 'arn:aws:s3:::example-bucket',
      sqs: 'arn:aws:sqs:eu-west-1:111122223333:q',
      sns: 'arn:aws:sns:eu-west-1:111122223333:t',
      dynamodb: 'arn:aws:dynamodb:eu-west-1:111122223333:table/tbl',
      secretsmanager:
        'arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/',
      kms: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    };
    for (const preset of permissionPresets) {
      const result = generatePermissionPolicy([
        { preset: preset.id, resource: examples[preset.service] },
      ]);
      if (!result.ok) throw new Error(result.error);
      expect(parsePolicy(result.value.text).ok).toBe(true);
      const findings = runChecks(
        permissionChecks,
        createPermissionCheckContext({
          subjectRef: preset.id,
          policies: [
            {
              name: preset.id,
              kind: 'inline',
              document: result.value.document,
            },
          ],
        }),
        { kind: 'policy', ref: preset.id },
      );
      expect(findings).toEqual([]);
    }
  });

  it.each([
    ['nope', 'arn:aws:s3:::bucket', /unknown preset "nope"/],
    ['s3-read', 'arn:aws:s3:::*', /wildcards/],
    ['s3-read', 'arn:aws:s3:::my-bucket*', /wildcards/],
    ['s3-read', 'arn:aws:s3:::MyBucket', /bucket name/],
    ['s3-read', 'arn:aws:s3:::ab', /3 to 63/],
    ['s3-read', 'arn:aws:s3:::192.168.5.4', /IP address/],
    ['s3-read', 'arn:aws:s3:::a..b', /adjacent periods/],
    ['s3-read', 'arn:aws:s3:::xn--bucket', /xn--/],
    ['s3-read', 'arn:aws:s3:::bucket-s3alias', /-s3alias/],
    ['s3-read', 'arn:aws:s3:::bucket/key', /bucket only/],
    ['s3-read', 'arn:aws:sqs:eu-west-1:111122223333:q', /not an s3 ARN/],
    [
      'kms-decrypt',
      'arn:aws:kms:eu-west-1:111122223333:alias/app',
      /not an alias/,
    ],
    ['sqs-consume', 'arn:aws:sqs:eu-west-1:111122223333:q"}', /quotes, braces/],
    ['sqs-consume', 'arn:aws:sqs:eu-west-1:12345:q', /12 digits/],
    [
      'secretsmanager-read-prefix',
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:',
      /empty resource|must look like/,
    ],
  ])('rejects %s %s', (preset, resource, error) => {
    const result = generatePermissionPolicy([{ preset, resource }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
  });
});

describe('generateIrsaTrustPolicy (golden)', () => {
  it('one cluster, one service account', () => {
    const result = generateIrsaTrustPolicy({
      accountId: '111122223333',
      issuers: [ISSUER],
      serviceAccounts: [{ namespace: 'payments', name: 'api' }],
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: `arn:aws:iam::111122223333:oidc-provider/${HOST}`,
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${HOST}:aud`]: 'sts.amazonaws.com',
              [`${HOST}:sub`]: 'system:serviceaccount:payments:api',
            },
          },
        },
      ],
    });
    expect(result.value.minifiedLength).toBe(
      JSON.stringify(result.value.document).length,
    );
    expect(result.value.quota).toBe(2048);
  });

  it('is admitted by the evaluator for exactly the listed service accounts and has no trust findings', () => {
    const result = generateIrsaTrustPolicy({
      accountId: '111122223333',
      issuers: [ISSUER, ISSUER.replace('eu-west-1', 'us-east-1')],
      serviceAccounts: [
        { namespace: 'payments', name: 'api' },
        { namespace: 'payments', name: 'worker' },
      ],
    });
    if (!result.ok) throw new Error(result.error);
    const parsed = parsePolicy(result.value.text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.statements).toHaveLength(2);
    const ask = (name: string) =>
      evaluateIrsaTrust(parsed.value, {
        issuerHostPath: HOST,
        accountId: '111122223333',
        namespace: 'payments',
        serviceAccount: name,
      }).allowed;
    expect(ask('api')).toBe(true);
    expect(ask('worker')).toBe(true);
    expect(ask('other')).toBe(false);
    const findings = runChecks(
      trustChecks,
      createTrustCheckContext({
        roleArn: 'arn:aws:iam::111122223333:role/x',
        roleAccountId: '111122223333',
        policy: parsed.value,
      }),
      { kind: 'role', ref: 'x' },
    );
    expect(findings.map(f => f.id)).toEqual(['IRSA-T09']);
  });

  it('fits 4 (cluster, service account) statements in 2,048 and fails clearly beyond the quota', () => {
    const issuers = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        ISSUER.replace('ABCDEF01', `ABCDEF${String(i).padStart(2, '0')}`),
      );
    const sa = [{ namespace: 'payments-service', name: 'payments-api-server' }];
    expect(
      generateIrsaTrustPolicy({
        accountId: '111122223333',
        issuers: issuers(4),
        serviceAccounts: sa,
      }).ok,
    ).toBe(true);
    const over = generateIrsaTrustPolicy({
      accountId: '111122223333',
      issuers: issuers(6),
      serviceAccounts: sa,
    });
    expect(!over.ok && over.error).toMatch(
      /over the 2048-character trust policy quota/,
    );
    expect(
      generateIrsaTrustPolicy({
        accountId: '111122223333',
        issuers: issuers(6),
        serviceAccounts: sa,
        quota: 4096,
      }).ok,
    ).toBe(true);
  });

  it.each([
    [{ accountId: '1234' }, /12 digits/],
    [{ issuers: ['http://oidc.example.com'] }, /https/],
    [
      { serviceAccounts: [{ namespace: '../kube-system', name: 'x' }] },
      /DNS-1123/,
    ],
    [{ serviceAccounts: [{ namespace: 'a', name: '*' }] }, /'\*'/],
    [{ serviceAccounts: [{ namespace: 'a', name: 'sa:evil' }] }, /':'/],
    [{ quota: 8192 }, /between 1 and 4096/],
  ])('rejects bad input %#', (over, error) => {
    const result = generateIrsaTrustPolicy({
      accountId: '111122223333',
      issuers: [ISSUER],
      serviceAccounts: [{ namespace: 'a', name: 'b' }],
      ...over,
    });
    expect(!result.ok && result.error).toMatch(error);
  });
});

describe('generatePodIdentityTrustPolicy (golden)', () => {
  it('pins account and cluster', () => {
    const result = generatePodIdentityTrustPolicy({
      accountId: '111122223333',
      clusterArns: ['arn:aws:eks:eu-west-1:111122223333:cluster/prod'],
    });
    // The golden is the EKS User Guide's trust, with its optional aws:SourceArn condition.
    expect(result.ok && result.value.document).toEqual(
      podIdentityTrustPolicy({
        accountId: '111122223333',
        clusterArn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
      }),
    );
  });

  it('rejects a cluster of another account', () => {
    expect(
      generatePodIdentityTrustPolicy({
        accountId: '111122223333',
        clusterArns: ['arn:aws:eks:eu-west-1:999988887777:cluster/prod'],
      }).ok,
    ).toBe(false);
  });
});
