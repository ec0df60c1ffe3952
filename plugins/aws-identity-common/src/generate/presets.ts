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
import { AccessLevel } from '../actions/encodeActionData';
import {
  ParsedArn,
  parseConcreteArn,
  validateS3BucketName,
} from '../parse/identifiers';
import { ParseResult, fail, ok, quote } from '../parse/result';
import { PolicyStatement } from '../policy/types';

/**
 * A least-privilege permission template for one kind of resource.
 *
 * @public
 */
export interface PermissionPreset {
  /** Stable id used by the scaffolder and the CLI, e.g. `s3-read`. */
  id: string;
  title: string;
  description: string;
  service: string;
  /** The highest access level the preset grants. */
  accessLevel: AccessLevel;
  /** What `--resource` must be, with an example. */
  resourceHint: string;
  /** Validates the resource ARN; the error names what is wrong. */
  validateResource(arn: string): ParseResult<ParsedArn>;
  /** The statements for one validated resource (without Sid). */
  statements(arn: ParsedArn, raw: string): PolicyStatement[];
}

function expect(
  service: string,
  check: (arn: ParsedArn) => string | undefined,
): (raw: string) => ParseResult<ParsedArn> {
  return raw => {
    const parsed = parseConcreteArn(raw);
    if (!parsed.ok) return parsed;
    if (parsed.value.service !== service) {
      return fail(`resource ${quote(raw)} is not an ${service} ARN`);
    }
    const problem = check(parsed.value);
    return problem ? fail(`resource ${quote(raw)} ${problem}`) : parsed;
  };
}

const s3Bucket = expect('s3', arn => {
  if (arn.region || arn.accountId)
    return 'must be a bucket ARN: arn:aws:s3:::<bucket>';
  if (arn.resource.includes('/'))
    return 'must name the bucket only, without an object key';
  const name = validateS3BucketName(arn.resource);
  return name.ok ? undefined : name.error;
});

const regional = (service: string, resourcePattern: RegExp, shape: string) =>
  expect(service, arn => {
    if (!arn.region || !arn.accountId)
      return `must include region and account: ${shape}`;
    return resourcePattern.test(arn.resource)
      ? undefined
      : `must look like ${shape}`;
  });

const sqsQueue = regional(
  'sqs',
  /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/,
  'arn:aws:sqs:<region>:<account>:<queue>',
);
const snsTopic = regional(
  'sns',
  /^[A-Za-z0-9_-]{1,256}(\.fifo)?$/,
  'arn:aws:sns:<region>:<account>:<topic>',
);
const dynamoTable = regional(
  'dynamodb',
  /^table\/[A-Za-z0-9_.-]{3,255}$/,
  'arn:aws:dynamodb:<region>:<account>:table/<name>',
);
const secretPrefix = regional(
  'secretsmanager',
  /^secret:[A-Za-z0-9/_+=.@-]{1,512}$/,
  'arn:aws:secretsmanager:<region>:<account>:secret:<prefix>',
);
const kmsKey = regional(
  'kms',
  /^key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/,
  'arn:aws:kms:<region>:<account>:key/<key-id> (a key ARN, not an alias)',
);

const S3_LIST = ['s3:ListBucket', 's3:GetBucketLocation'];

/**
 * The built-in presets. The scaffolder offers exactly these.
 *
 * @public
 */
export const permissionPresets: ReadonlyArray<PermissionPreset> = [
  {
    id: 's3-list',
    title: 'S3: list a bucket',
    description: 'List object keys of one bucket.',
    service: 's3',
    accessLevel: 'List',
    resourceHint: 'bucket ARN, e.g. arn:aws:s3:::my-bucket',
    validateResource: s3Bucket,
    statements: (_arn, raw) => [
      { Effect: 'Allow', Action: S3_LIST, Resource: raw },
    ],
  },
  {
    id: 's3-read',
    title: 'S3: read objects',
    description: 'List one bucket and read its objects.',
    service: 's3',
    accessLevel: 'Read',
    resourceHint: 'bucket ARN, e.g. arn:aws:s3:::my-bucket',
    validateResource: s3Bucket,
    statements: (_arn, raw) => [
      { Effect: 'Allow', Action: S3_LIST, Resource: raw },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: `${raw}/*`,
      },
    ],
  },
  {
    id: 's3-write',
    title: 'S3: write objects',
    description:
      'Write and delete objects of one bucket, including multipart uploads.',
    service: 's3',
    accessLevel: 'Write',
    resourceHint: 'bucket ARN, e.g. arn:aws:s3:::my-bucket',
    validateResource: s3Bucket,
    statements: (_arn, raw) => [
      {
        Effect: 'Allow',
        Action: ['s3:ListBucketMultipartUploads'],
        Resource: raw,
      },
      {
        Effect: 'Allow',
        Action: [
          's3:PutObject',
          's3:DeleteObject',
          's3:AbortMultipartUpload',
          's3:ListMultipartUploadParts',
        ],
        Resource: `${raw}/*`,
      },
    ],
  },
  {
    id: 'sqs-consume',
    title: 'SQS: consume messages',
    description:
      'Receive, delete and extend visibility of messages of one queue.',
    service: 'sqs',
    accessLevel: 'Write',
    resourceHint: 'queue ARN, e.g. arn:aws:sqs:eu-west-1:123456789012:orders',
    validateResource: sqsQueue,
    statements: (_arn, raw) => [
      {
        Effect: 'Allow',
        Action: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        Resource: raw,
      },
    ],
  },
  {
    id: 'sqs-produce',
    title: 'SQS: send messages',
    description: 'Send messages to one queue.',
    service: 'sqs',
    accessLevel: 'Write',
    resourceHint: 'queue ARN, e.g. arn:aws:sqs:eu-west-1:123456789012:orders',
    validateResource: sqsQueue,
    statements: (_arn, raw) => [
      {
        Effect: 'Allow',
        Action: [
          'sqs:SendMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        Resource: raw,
      },
    ],
  },
  {
    id: 'sns-publish',
    title: 'SNS: publish',
    description: 'Publish to one topic.',
    service: 'sns',
    accessLevel: 'Write',
    resourceHint: 'topic ARN, e.g. arn:aws:sns:eu-west-1:123456789012:events',
    validateResource: snsTopic,
    statements: (_arn, raw) => [
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: raw },
    ],
  },
  {
    id: 'dynamodb-read',
    title: 'DynamoDB: read a table',
    description: 'Get, query and scan one table and its indexes.',
    service: 'dynamodb',
    accessLevel: 'Read',
    resourceHint:
      'table ARN, e.g. arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
    validateResource: dynamoTable,
    statements: (_arn, raw) => [
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:DescribeTable',
          'dynamodb:ConditionCheckItem',
        ],
        Resource: [raw, `${raw}/index/*`],
      },
    ],
  },
  {
    id: 'dynamodb-write',
    title: 'DynamoDB: write a table',
    description: 'Put, update and delete items of one table.',
    service: 'dynamodb',
    accessLevel: 'Write',
    resourceHint:
      'table ARN, e.g. arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
    validateResource: dynamoTable,
    statements: (_arn, raw) => [
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:DescribeTable',
          'dynamodb:ConditionCheckItem',
        ],
        Resource: raw,
      },
    ],
  },
  {
    id: 'secretsmanager-read-prefix',
    title: 'Secrets Manager: read secrets under a prefix',
    description:
      'Read the values of the secrets whose names start with a prefix.',
    service: 'secretsmanager',
    accessLevel: 'Read',
    resourceHint:
      'secret ARN prefix, e.g. arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments/',
    validateResource: secretPrefix,
    // Secret ARNs end in a random 6-character suffix, so a prefix is the
    // narrowest stable scope; the trailing `*` also covers that suffix.
    statements: (_arn, raw) => [
      {
        Effect: 'Allow',
        Action: [
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
        ],
        Resource: `${raw}*`,
      },
    ],
  },
  {
    id: 'kms-decrypt',
    title: 'KMS: decrypt with a key',
    description: 'Decrypt data encrypted under one key.',
    service: 'kms',
    accessLevel: 'Write',
    resourceHint:
      'key ARN, e.g. arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    validateResource: kmsKey,
    statements: (_arn, raw) => [
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: raw,
      },
    ],
  },
];

/**
 * Looks up a preset by id.
 *
 * @internal
 */
export function findPermissionPreset(id: string): PermissionPreset | undefined {
  return permissionPresets.find(p => p.id === id);
}

/** @internal */
export function validatePresetRequest(
  preset: string,
  resource: string,
): ParseResult<{ preset: PermissionPreset; arn: ParsedArn }> {
  const found = findPermissionPreset(preset);
  if (!found) {
    return fail(
      `unknown preset ${quote(preset)}; known presets: ${permissionPresets
        .map(p => p.id)
        .join(', ')}`,
    );
  }
  const arn = found.validateResource(resource);
  if (!arn.ok) return fail(arn.error);
  return ok({ preset: found, arn: arn.value });
}
