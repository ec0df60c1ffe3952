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
import { SEED_001_PERMISSIONS } from '../__fixtures__/seeds';
import { podIdentitySessionContext } from '../evaluate/workloadRequests';
import { summarizePermissions } from './summarizePermissions';

const parse = (doc: unknown) => {
  const parsed = parsePolicy(doc);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('summarizePermissions', () => {
  it('groups seed 001 by service and access level', () => {
    const summary = summarizePermissions([parse(SEED_001_PERMISSIONS)]);
    expect(summary.services).toEqual([
      {
        service: 'secretsmanager',
        levels: [
          {
            accessLevel: 'List',
            actions: ['secretsmanager:ListSecrets'],
            resources: ['*'],
            anyResource: true,
            conditional: false,
          },
          {
            accessLevel: 'Read',
            actions: [
              'secretsmanager:DescribeSecret',
              'secretsmanager:GetResourcePolicy',
              'secretsmanager:GetSecretValue',
              'secretsmanager:ListSecretVersionIds',
            ],
            resources: [
              'arn:aws:secretsmanager:eu-central-1:054000737513:secret:k8s-main/*',
            ],
            anyResource: false,
            conditional: false,
          },
        ],
      },
    ]);
  });

  it('expands wildcards, reports unknown services and Action "*"', () => {
    const summary = summarizePermissions([
      parse({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['sqs:Receive*', 'madeup:Thing'],
            Resource: 'arn:aws:sqs:eu-west-1:111122223333:q',
            Condition: { Bool: { 'aws:SecureTransport': 'true' } },
          },
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
        ],
      }),
    ]);
    expect(summary.services.map(s => s.service)).toEqual([
      '*',
      'madeup',
      'sqs',
    ]);
    expect(summary.services[0].levels[0]).toMatchObject({
      accessLevel: 'All',
      anyResource: true,
    });
    expect(summary.services[1].levels[0]).toMatchObject({
      accessLevel: 'Unknown',
      actions: ['madeup:Thing'],
    });
    expect(summary.services[2].levels[0]).toMatchObject({
      accessLevel: 'Read',
      actions: ['sqs:ReceiveMessage'],
      conditional: true,
    });
    expect(summary.wildcardActions).toEqual(['*', 'sqs:Receive*']);
    expect(summary.denyStatements).toBe(1);
  });

  describe('policy variables with a workload context (Pod Identity ABAC)', () => {
    const abac = parse({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource:
            'arn:aws:s3:::bucket/${aws:PrincipalTag/kubernetes-namespace}/*',
        },
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::bucket',
        },
      ],
    });
    const workload = {
      accountId: '111122223333',
      clusterArn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
      clusterName: 'prod',
      namespace: 'team-a',
      serviceAccount: 'api',
    };
    const resourcesOf = (summary: ReturnType<typeof summarizePermissions>) =>
      summary.services.flatMap(s => s.levels.flatMap(l => l.resources));

    it('without a context shows the variable as written', () => {
      const summary = summarizePermissions([abac]);
      expect(resourcesOf(summary)).toContain(
        'arn:aws:s3:::bucket/${aws:PrincipalTag/kubernetes-namespace}/*',
      );
      expect(summary.unresolved).toBeUndefined();
    });

    it("resolves the session tags to the workload's own prefix", () => {
      const summary = summarizePermissions([abac], {
        context: podIdentitySessionContext(workload),
      });
      expect(resourcesOf(summary)).toContain('arn:aws:s3:::bucket/team-a/*');
      expect(summary.unresolved).toEqual([]);
    });

    it('with session tags disabled leaves the statement out and says which variable is unresolved', () => {
      const summary = summarizePermissions([abac], {
        context: podIdentitySessionContext({
          ...workload,
          disableSessionTags: true,
        }),
      });
      expect(
        summary.services.flatMap(s => s.levels.flatMap(l => l.actions)),
      ).toEqual(['s3:ListBucket']);
      expect(summary.unresolved).toEqual([
        {
          policyIndex: 0,
          statementIndex: 0,
          variables: ['${aws:PrincipalTag/kubernetes-namespace}'],
        },
      ]);
    });

    it('substitutes only in the resource portion of the ARN', () => {
      const summary = summarizePermissions(
        [
          parse({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'sqs:SendMessage',
                Resource: 'arn:aws:sqs:${aws:RequestedRegion}:*:q',
              },
            ],
          }),
        ],
        { context: { 'aws:RequestedRegion': 'eu-west-1' } },
      );
      expect(resourcesOf(summary)).toEqual([
        'arn:aws:sqs:${aws:RequestedRegion}:*:q',
      ]);
    });
  });
});
