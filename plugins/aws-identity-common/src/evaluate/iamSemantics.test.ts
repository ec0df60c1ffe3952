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

/*
 * Table cases for the IAM semantics the evaluator gained in issue 14, each
 * written from the IAM User Guide, not from the implementation:
 * - "IAM policy elements: Variables and tags" (where variables may appear,
 *   default values, special characters, unresolvable variables),
 * - "IAM JSON policy elements: Condition operators" (string, ARN, IP address,
 *   …IfExists, Null), "Single-valued vs. multivalued context keys",
 *   "Multivalued context key examples" (ForAllValues / ForAnyValue and the
 *   documented pitfalls),
 * - "IAM JSON policy elements: Principal" (role and role-session principals),
 * - "IAM JSON policy elements: Resource / NotResource",
 * - EKS User Guide, "Define permissions for EKS Pod Identities to assume
 *   roles based on tags" (the session tags).
 * Where the documentation leaves a choice, the row name says "decision:".
 */
import { PolicyStatement } from '../policy/types';
import {
  Decision,
  EvaluationRequest,
  evaluatePolicyDocument,
} from './evaluatePolicy';
import { podIdentitySessionContext } from './workloadRequests';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app/session-1`;

type Row = [string, unknown, EvaluationRequest, Decision];

const doc = (...statements: PolicyStatement[]) => ({
  Version: '2012-10-17',
  Statement: statements,
});

/** A request by a session of role `app` (an identity-policy evaluation). */
const req = (over: Partial<EvaluationRequest> = {}): EvaluationRequest => ({
  principal: { type: 'AWS', id: SESSION, accountId: ACCOUNT },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::mybucket/David/notes.txt',
  context: {},
  ...over,
});
const allow = (extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: '*',
  ...extra,
});
const deny = (extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Effect: 'Deny',
  Action: 's3:GetObject',
  Resource: '*',
  ...extra,
});
const home = 'arn:aws:s3:::mybucket/${aws:username}/*';
const user = (name: string) => ({ 'aws:username': name });

// Pod Identity session of service account `api` in namespace `team-a`.
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;
const pod = (namespace: string, extra: { disableSessionTags?: boolean } = {}) =>
  podIdentitySessionContext({
    accountId: ACCOUNT,
    clusterArn: CLUSTER_ARN,
    clusterName: 'prod',
    namespace,
    serviceAccount: 'api',
    podName: 'api-7d9f',
    podUid: '0b1c2d3e',
    ...extra,
  });
const ABAC = 'arn:aws:s3:::bucket/${aws:PrincipalTag/kubernetes-namespace}/*';

const resourceVariables: Row[] = [
  [
    'Resource variable ${aws:username} is replaced by the friendly name of the user',
    doc(allow({ Resource: home })),
    req({ context: user('David') }),
    'allow',
  ],
  [
    "Resource variable: another user's home directory does not match",
    doc(allow({ Resource: home })),
    req({ context: user('Adele') }),
    'implicit-deny',
  ],
  [
    'Resource variable without a value in the request: the statement does not apply',
    doc(allow({ Resource: home })),
    req(),
    'implicit-deny',
  ],
  [
    'Deny whose Resource variable cannot be resolved does not apply',
    doc(allow(), deny({ Resource: home })),
    req(),
    'allow',
  ],
  [
    'Deny whose Resource variable resolves denies the matching object',
    doc(allow(), deny({ Resource: home })),
    req({ context: user('David') }),
    'explicit-deny',
  ],
  [
    "NotResource with a variable excludes the user's own objects",
    doc(allow({ Resource: undefined, NotResource: home })),
    req({ context: user('David') }),
    'implicit-deny',
  ],
  [
    'NotResource with a variable applies to objects outside the excluded prefix',
    doc(allow({ Resource: undefined, NotResource: home })),
    req({ context: user('Adele') }),
    'allow',
  ],
  [
    'NotResource with an unresolvable variable: the statement does not apply (not "excludes nothing")',
    doc(allow({ Resource: undefined, NotResource: home })),
    req(),
    'implicit-deny',
  ],
  [
    'decision: one unresolvable Resource entry invalidates the statement even when another entry matches',
    doc(allow({ Resource: [home, 'arn:aws:s3:::mybucket/*'] })),
    req(),
    'implicit-deny',
  ],
  [
    'SQS queue named after the user (arn:aws:sqs:us-east-2:*:${aws:username}-queue)',
    doc({
      Effect: 'Allow',
      Action: 'sqs:*',
      Resource: 'arn:aws:sqs:us-east-2:*:${aws:username}-queue',
    }),
    req({
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:us-east-2:${ACCOUNT}:David-queue`,
      context: user('David'),
    }),
    'allow',
  ],
  [
    "SQS queue of another user's name is not matched",
    doc({
      Effect: 'Allow',
      Action: 'sqs:*',
      Resource: 'arn:aws:sqs:us-east-2:*:${aws:username}-queue',
    }),
    req({
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:us-east-2:${ACCOUNT}:Adele-queue`,
      context: user('David'),
    }),
    'implicit-deny',
  ],
  [
    'IAM user manages own access keys (arn:aws:iam::account-id:user/${aws:username})',
    doc({
      Effect: 'Allow',
      Action: 'iam:*AccessKey*',
      Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
    }),
    req({
      action: 'iam:CreateAccessKey',
      resource: `arn:aws:iam::${ACCOUNT}:user/David`,
      context: user('David'),
    }),
    'allow',
  ],
  [
    'a variable before the fifth colon (account) is not substituted: it stays text',
    doc(
      allow({
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:us-east-2:${aws:PrincipalAccount}:queue',
      }),
    ),
    req({
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:us-east-2:${ACCOUNT}:queue`,
      context: { 'aws:PrincipalAccount': ACCOUNT },
    }),
    'implicit-deny',
  ],
  [
    'a variable in the Region part is not substituted either',
    doc(
      allow({
        Action: 'sqs:SendMessage',
        Resource: `arn:aws:sqs:\${aws:RequestedRegion}:${ACCOUNT}:queue`,
      }),
    ),
    req({
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:us-east-2:${ACCOUNT}:queue`,
      context: { 'aws:RequestedRegion': 'us-east-2' },
    }),
    'implicit-deny',
  ],
  [
    'tag as a variable in the resource (bucket/${aws:PrincipalTag/department})',
    doc(
      allow({ Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/department}' }),
    ),
    req({
      resource: 'arn:aws:s3:::bucket/hr',
      context: { 'aws:PrincipalTag/department': 'hr' },
    }),
    'allow',
  ],
  [
    'a substituted value is literal: a "*" tag value does not act as a wildcard',
    doc(
      allow({ Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/department}' }),
    ),
    req({
      resource: 'arn:aws:s3:::bucket/hr',
      context: { 'aws:PrincipalTag/department': '*' },
    }),
    'implicit-deny',
  ],
  [
    'a substituted "*" matches an object literally named "*"',
    doc(
      allow({ Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/department}' }),
    ),
    req({
      resource: 'arn:aws:s3:::bucket/*',
      context: { 'aws:PrincipalTag/department': '*' },
    }),
    'allow',
  ],
  [
    '${*} in a Resource is a literal asterisk',
    doc(allow({ Resource: 'arn:aws:s3:::bucket/a${*}b' })),
    req({ resource: 'arn:aws:s3:::bucket/a*b' }),
    'allow',
  ],
  [
    '${*} in a Resource does not match other characters',
    doc(allow({ Resource: 'arn:aws:s3:::bucket/a${*}b' })),
    req({ resource: 'arn:aws:s3:::bucket/axxb' }),
    'implicit-deny',
  ],
  [
    '${?} in a Resource is a literal question mark, not one character',
    doc(allow({ Resource: 'arn:aws:s3:::bucket/why${?}' })),
    req({ resource: 'arn:aws:s3:::bucket/whyx' }),
    'implicit-deny',
  ],
  [
    '${$} in a Resource is a dollar sign',
    doc(allow({ Resource: 'arn:aws:s3:::bucket/${$}price' })),
    req({ resource: 'arn:aws:s3:::bucket/$price' }),
    'allow',
  ],
  [
    "default value: ${aws:userid, 'anonymous'} for a request without aws:userid",
    doc(
      allow({ Resource: "arn:aws:s3:::bucket/${aws:userid, 'anonymous'}/*" }),
    ),
    req({ resource: 'arn:aws:s3:::bucket/anonymous/x' }),
    'allow',
  ],
  [
    'default value is not used when the key has a value',
    doc(
      allow({ Resource: "arn:aws:s3:::bucket/${aws:userid, 'anonymous'}/*" }),
    ),
    req({
      resource: 'arn:aws:s3:::bucket/anonymous/x',
      context: { 'aws:userid': 'AIDAJQABLZS4A3QDU576Q' },
    }),
    'implicit-deny',
  ],
  [
    'the key value wins over the default',
    doc(
      allow({ Resource: "arn:aws:s3:::bucket/${aws:userid, 'anonymous'}/*" }),
    ),
    req({
      resource: 'arn:aws:s3:::bucket/AIDAJQABLZS4A3QDU576Q/x',
      context: { 'aws:userid': 'AIDAJQABLZS4A3QDU576Q' },
    }),
    'allow',
  ],
  [
    'key names inside a variable are case-insensitive (${AWS:UserName})',
    doc(allow({ Resource: 'arn:aws:s3:::mybucket/${AWS:UserName}/*' })),
    req({ context: user('David') }),
    'allow',
  ],
  [
    'default values are case-sensitive',
    doc(
      allow({ Resource: "arn:aws:s3:::bucket/${aws:userid, 'Anonymous'}/*" }),
    ),
    req({ resource: 'arn:aws:s3:::bucket/anonymous/x' }),
    'implicit-deny',
  ],
  [
    'decision: spaces around the key and the quoted default are ignored',
    doc(
      allow({ Resource: "arn:aws:s3:::bucket/${ aws:userid ,  'guest' }/*" }),
    ),
    req({ resource: 'arn:aws:s3:::bucket/guest/x' }),
    'allow',
  ],
  [
    'decision: a multivalued key cannot be a variable, so it resolves like an absent key',
    doc(allow({ Resource: 'arn:aws:s3:::bucket/${aws:TagKeys}/*' })),
    req({
      resource: 'arn:aws:s3:::bucket/team/x',
      context: { 'aws:TagKeys': ['team'] },
    }),
    'implicit-deny',
  ],
  [
    'decision: a multivalued key used as a variable falls back to its default',
    doc(allow({ Resource: "arn:aws:s3:::bucket/${aws:TagKeys, 'none'}/*" })),
    req({
      resource: 'arn:aws:s3:::bucket/none/x',
      context: { 'aws:TagKeys': ['team'] },
    }),
    'allow',
  ],
  [
    'Version 2008-10-17 treats a Resource variable as literal text',
    { Version: '2008-10-17', Statement: [allow({ Resource: home })] },
    req({ context: user('David') }),
    'implicit-deny',
  ],
  [
    'no Version element: variables are literal text (the default is 2008-10-17)',
    { Statement: [allow({ Resource: home })] },
    req({ context: user('David') }),
    'implicit-deny',
  ],
  [
    'decision: an unclosed "${" is text, not a variable',
    doc(allow({ Resource: 'arn:aws:s3:::bucket/${aws:username' })),
    req({
      resource: 'arn:aws:s3:::bucket/${aws:username',
      context: user('David'),
    }),
    'allow',
  ],
  [
    'decision: "${}" names no key and cannot be resolved',
    doc(allow({ Resource: 'arn:aws:s3:::bucket/${}' })),
    req({ resource: 'arn:aws:s3:::bucket/' }),
    'implicit-deny',
  ],
  [
    'decision: a default without single quotes (${aws:username, anon}) is no default',
    doc(allow({ Resource: 'arn:aws:s3:::bucket/${aws:username, anon}' })),
    req({ resource: 'arn:aws:s3:::bucket/anon' }),
    'implicit-deny',
  ],
  [
    'aws:SourceAccount as a variable in a bucket name (resource portion)',
    doc(allow({ Resource: 'arn:aws:s3:::logs-${aws:SourceAccount}/*' })),
    req({
      resource: `arn:aws:s3:::logs-${ACCOUNT}/2026/01.gz`,
      context: { 'aws:SourceAccount': ACCOUNT },
    }),
    'allow',
  ],
];

const conditionVariables: Row[] = [
  [
    'StringEquals with ${aws:username} matches the own prefix',
    doc(
      allow({
        Condition: { StringEquals: { 's3:prefix': '${aws:username}/' } },
      }),
    ),
    req({ context: { ...user('David'), 's3:prefix': 'David/' } }),
    'allow',
  ],
  [
    "StringEquals with ${aws:username} does not match another user's prefix",
    doc(
      allow({
        Condition: { StringEquals: { 's3:prefix': '${aws:username}/' } },
      }),
    ),
    req({ context: { ...user('David'), 's3:prefix': 'Adele/' } }),
    'implicit-deny',
  ],
  [
    'StringNotEquals with an unresolvable variable: the statement does not apply (it used to allow)',
    doc(
      allow({
        Condition: { StringNotEquals: { 's3:prefix': '${aws:username}/' } },
      }),
    ),
    req({ context: { 's3:prefix': 'David/' } }),
    'implicit-deny',
  ],
  [
    'StringNotEquals with a resolved variable is true for another value',
    doc(
      allow({
        Condition: { StringNotEquals: { 's3:prefix': '${aws:username}/' } },
      }),
    ),
    req({ context: { ...user('David'), 's3:prefix': 'Adele/' } }),
    'allow',
  ],
  [
    'StringNotLike with an unresolvable variable: the statement does not apply',
    doc(
      allow({
        Condition: { StringNotLike: { 's3:prefix': 'home/${aws:username}/*' } },
      }),
    ),
    req({ context: { 's3:prefix': 'home/x/y' } }),
    'implicit-deny',
  ],
  [
    'StringNotEqualsIgnoreCase with an unresolvable variable: the statement does not apply',
    doc(
      allow({
        Condition: {
          StringNotEqualsIgnoreCase: {
            'aws:PrincipalTag/team': '${aws:ResourceTag/team}',
          },
        },
      }),
    ),
    req({ context: { 'aws:PrincipalTag/team': 'a' } }),
    'implicit-deny',
  ],
  [
    'Deny with StringNotEquals whose variable cannot be resolved does not deny',
    doc(
      allow(),
      deny({
        Condition: {
          StringNotEquals: {
            'aws:PrincipalTag/team': '${aws:ResourceTag/team}',
          },
        },
      }),
    ),
    req({ context: { 'aws:PrincipalTag/team': 'a' } }),
    'allow',
  ],
  [
    'Deny with StringNotEquals and a resolved, different value denies (ABAC guard)',
    doc(
      allow(),
      deny({
        Condition: {
          StringNotEquals: {
            'aws:PrincipalTag/team': '${aws:ResourceTag/team}',
          },
        },
      }),
    ),
    req({
      context: { 'aws:PrincipalTag/team': 'a', 'aws:ResourceTag/team': 'b' },
    }),
    'explicit-deny',
  ],
  [
    'ArnNotLike with an unresolvable variable: the statement does not apply',
    doc(
      allow({
        Condition: {
          ArnNotLike: {
            'aws:PrincipalArn':
              'arn:aws:iam::*:role/${aws:PrincipalTag/team}-*',
          },
        },
      }),
    ),
    req({ context: { 'aws:PrincipalArn': ROLE } }),
    'implicit-deny',
  ],
  [
    'ArnLike with a variable in the resource part of the ARN',
    doc(
      allow({
        Condition: {
          ArnLike: {
            'aws:PrincipalArn':
              'arn:aws:iam::*:role/${aws:PrincipalTag/team}-*',
          },
        },
      }),
    ),
    req({
      context: {
        'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/payments-api`,
        'aws:PrincipalTag/team': 'payments',
      },
    }),
    'allow',
  ],
  [
    'ArnEquals with a variable: the substituted value is literal within its component',
    doc(
      allow({
        Condition: {
          ArnEquals: {
            'aws:SourceArn':
              'arn:aws:sns:us-east-1:*:${aws:PrincipalTag/topic}',
          },
        },
      }),
    ),
    req({
      context: {
        'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`,
        'aws:PrincipalTag/topic': 'a*',
      },
    }),
    'implicit-deny',
  ],
  [
    'StringEqualsIgnoreCase with a variable ignores case on both sides',
    doc(
      allow({
        Condition: {
          StringEqualsIgnoreCase: { 's3:prefix': '${aws:PrincipalTag/team}' },
        },
      }),
    ),
    req({
      context: { 's3:prefix': 'PAYMENTS', 'aws:PrincipalTag/team': 'payments' },
    }),
    'allow',
  ],
  [
    'StringLike: a "?" in the substituted value is literal',
    doc(
      allow({ Condition: { StringLike: { 's3:prefix': '${aws:username}' } } }),
    ),
    req({ context: { ...user('a?c'), 's3:prefix': 'abc' } }),
    'implicit-deny',
  ],
  [
    'StringLike: wildcards written around a variable still match',
    doc(
      allow({
        Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
      }),
    ),
    req({
      context: { ...user('David'), 's3:prefix': 'home/David/photos/2026' },
    }),
    'allow',
  ],
  [
    'NumericEquals does not take variables: ${…} is compared as text and never matches',
    doc(
      allow({
        Condition: {
          NumericEquals: { 's3:max-keys': '${aws:PrincipalTag/max}' },
        },
      }),
    ),
    req({ context: { 's3:max-keys': '10', 'aws:PrincipalTag/max': '10' } }),
    'implicit-deny',
  ],
  [
    'DateLessThan does not take variables',
    doc(
      allow({
        Condition: {
          DateLessThan: { 'aws:CurrentTime': '${aws:PrincipalTag/expires}' },
        },
      }),
    ),
    req({
      context: {
        'aws:CurrentTime': '2026-01-01T00:00:00Z',
        'aws:PrincipalTag/expires': '2027-01-01T00:00:00Z',
      },
    }),
    'implicit-deny',
  ],
  [
    'decision: Bool does not take variables (the variables page lists Boolean among the operators without them)',
    doc(
      allow({
        Condition: {
          Bool: { 'aws:SecureTransport': '${aws:PrincipalTag/tls}' },
        },
      }),
    ),
    req({
      context: {
        'aws:SecureTransport': 'true',
        'aws:PrincipalTag/tls': 'true',
      },
    }),
    'implicit-deny',
  ],
  [
    'IpAddress does not take variables',
    doc(
      allow({
        Condition: {
          IpAddress: { 'aws:SourceIp': '${aws:PrincipalTag/cidr}' },
        },
      }),
    ),
    req({
      context: {
        'aws:SourceIp': '203.0.113.7',
        'aws:PrincipalTag/cidr': '203.0.113.0/24',
      },
    }),
    'implicit-deny',
  ],
  [
    'Null does not take variables: a "${…}" value is neither "true" nor "false"',
    doc(
      allow({
        Condition: {
          Null: { 'aws:TokenIssueTime': '${aws:PrincipalTag/flag}' },
        },
      }),
    ),
    req({ context: { 'aws:PrincipalTag/flag': 'true' } }),
    'implicit-deny',
  ],
  [
    'decision: a negated operator on an absent condition key is true before any variable is read',
    doc(
      allow({
        Condition: { StringNotEquals: { 's3:prefix': '${aws:username}/' } },
      }),
    ),
    req(),
    'allow',
  ],
  [
    'decision: …IfExists on an absent key is true without resolving its variables (what the guide recommends against invalid statements)',
    doc(
      allow({
        Condition: {
          StringEqualsIfExists: { 's3:prefix': '${aws:username}/' },
        },
      }),
    ),
    req(),
    'allow',
  ],
  [
    '…IfExists on a present key with an unresolvable variable: the statement does not apply',
    doc(
      allow({
        Condition: {
          StringEqualsIfExists: { 's3:prefix': '${aws:username}/' },
        },
      }),
    ),
    req({ context: { 's3:prefix': 'David/' } }),
    'implicit-deny',
  ],
  [
    'ForAllValues resolves a variable in each policy value',
    doc(
      allow({
        Condition: {
          'ForAllValues:StringEquals': {
            'aws:TagKeys': ['${aws:PrincipalTag/allowed}', 'env'],
          },
        },
      }),
    ),
    req({
      context: {
        'aws:TagKeys': ['team', 'env'],
        'aws:PrincipalTag/allowed': 'team',
      },
    }),
    'allow',
  ],
  [
    'decision: one unresolvable value among several invalidates the statement although another value matches',
    doc(
      allow({
        Condition: {
          StringEquals: { 's3:prefix': ['${aws:username}/', 'public/'] },
        },
      }),
    ),
    req({ context: { 's3:prefix': 'public/' } }),
    'implicit-deny',
  ],
  [
    'Version 2008-10-17: a condition variable is compared as text',
    {
      Version: '2008-10-17',
      Statement: [
        allow({
          Condition: { StringEquals: { 's3:prefix': '${aws:username}' } },
        }),
      ],
    },
    req({ context: { 's3:prefix': '${aws:username}', ...user('David') } }),
    'allow',
  ],
];

const podIdentityAbac: Row[] = [
  [
    "Pod Identity ABAC: the session's kubernetes-namespace tag selects its own prefix",
    doc(allow({ Resource: ABAC })),
    req({
      resource: 'arn:aws:s3:::bucket/team-a/report.csv',
      context: pod('team-a'),
    }),
    'allow',
  ],
  [
    "Pod Identity ABAC: another namespace's prefix is not granted",
    doc(allow({ Resource: ABAC })),
    req({
      resource: 'arn:aws:s3:::bucket/team-b/report.csv',
      context: pod('team-a'),
    }),
    'implicit-deny',
  ],
  [
    'Pod Identity ABAC with session tags disabled: the variable stays unresolved and nothing is granted',
    doc(allow({ Resource: ABAC })),
    req({
      resource: 'arn:aws:s3:::bucket/team-a/report.csv',
      context: pod('team-a', { disableSessionTags: true }),
    }),
    'implicit-deny',
  ],
  [
    'Pod Identity ABAC condition: object tag equals the session tag',
    doc(
      allow({
        Condition: {
          StringEquals: {
            's3:ExistingObjectTag/kubernetes-namespace':
              '${aws:PrincipalTag/kubernetes-namespace}',
          },
        },
      }),
    ),
    req({
      context: {
        ...pod('team-a'),
        's3:ExistingObjectTag/kubernetes-namespace': 'team-a',
      },
    }),
    'allow',
  ],
  [
    'Pod Identity ABAC condition on eks-cluster-name and kubernetes-service-account together',
    doc(
      allow({
        Resource:
          'arn:aws:s3:::bucket/${aws:PrincipalTag/eks-cluster-name}/${aws:PrincipalTag/kubernetes-service-account}/*',
      }),
    ),
    req({ resource: 'arn:aws:s3:::bucket/prod/api/x', context: pod('team-a') }),
    'allow',
  ],
  [
    'Pod Identity session tags include the pod name (kubernetes-pod-name)',
    doc(
      allow({
        Resource:
          'arn:aws:s3:::scratch/${aws:PrincipalTag/kubernetes-pod-name}/*',
      }),
    ),
    req({
      resource: 'arn:aws:s3:::scratch/api-7d9f/tmp',
      context: pod('team-a'),
    }),
    'allow',
  ],
  [
    'Pod Identity session tags include the pod UID (kubernetes-pod-uid)',
    doc(
      allow({
        Resource:
          'arn:aws:s3:::scratch/${aws:PrincipalTag/kubernetes-pod-uid}/*',
      }),
    ),
    req({
      resource: 'arn:aws:s3:::scratch/0b1c2d3e/tmp',
      context: pod('team-a'),
    }),
    'allow',
  ],
  [
    'Pod Identity ArnEquals on the eks-cluster-arn session tag',
    doc(
      allow({
        Condition: {
          ArnEquals: { 'aws:SourceArn': '${aws:PrincipalTag/eks-cluster-arn}' },
        },
      }),
    ),
    req({ context: { ...pod('team-a'), 'aws:SourceArn': CLUSTER_ARN } }),
    'allow',
  ],
];

const ipRange = (
  range: string | string[],
  ip: string | string[],
  op = 'IpAddress',
): [unknown, EvaluationRequest] => [
  doc(allow({ Condition: { [op]: { 'aws:SourceIp': range } } })),
  req({ context: { 'aws:SourceIp': ip } }),
];
const ip = (
  name: string,
  range: string | string[],
  address: string | string[],
  expected: Decision,
  op = 'IpAddress',
): Row => [name, ...ipRange(range, address, op), expected];

const ipAddresses: Row[] = [
  ip(
    'IPv6 range in CIDR notation (2001:DB8:1234:5678::/64) contains an address of the network',
    '2001:DB8:1234:5678::/64',
    '2001:db8:1234:5678:abcd::1',
    'allow',
  ),
  ip(
    'IPv6 range does not contain an address of the next network',
    '2001:DB8:1234:5678::/64',
    '2001:db8:1234:5679::1',
    'implicit-deny',
  ),
  ip(
    'IPv6 hexadecimal digits compare without case',
    '2001:db8:abcd::/48',
    '2001:DB8:ABCD:1::1',
    'allow',
  ),
  ip(
    'IPv6 "::" stands for groups of zeros: compressed and full forms are the same address',
    '2001:db8::1',
    '2001:0db8:0000:0000:0000:0000:0000:0001',
    'allow',
  ),
  ip(
    'an IPv6 address without a prefix is a single address (/128)',
    '2001:db8::1',
    '2001:db8::1',
    'allow',
  ),
  ip(
    'an IPv6 address without a prefix does not contain its neighbour',
    '2001:db8::1',
    '2001:db8::2',
    'implicit-deny',
  ),
  ip(
    'an IPv4 address without a prefix is /32',
    '203.0.113.7',
    '203.0.113.7',
    'allow',
  ),
  ip(
    'an IPv4 address without a prefix does not contain its neighbour',
    '203.0.113.7',
    '203.0.113.8',
    'implicit-deny',
  ),
  ip(
    'an explicit /32 is one address',
    '203.0.113.7/32',
    '203.0.113.7',
    'allow',
  ),
  ip(
    'a /20 prefix that is not on an octet boundary: last address inside',
    '10.0.16.0/20',
    '10.0.31.255',
    'allow',
  ),
  ip(
    'a /20 prefix that is not on an octet boundary: next address outside',
    '10.0.16.0/20',
    '10.0.32.0',
    'implicit-deny',
  ),
  ip(
    'an IPv6 /60 prefix that is not on a group boundary: inside',
    '2001:db8:0:10::/60',
    '2001:db8:0:1f::1',
    'allow',
  ),
  ip(
    'an IPv6 /60 prefix that is not on a group boundary: outside',
    '2001:db8:0:10::/60',
    '2001:db8:0:20::1',
    'implicit-deny',
  ),
  ip(
    '0.0.0.0/0 contains every IPv4 address',
    '0.0.0.0/0',
    '198.51.100.1',
    'allow',
  ),
  ip('::/0 contains every IPv6 address', '::/0', '2001:db8::1', 'allow'),
  ip(
    'decision: families never mix: ::/0 does not contain an IPv4 address',
    '::/0',
    '198.51.100.1',
    'implicit-deny',
  ),
  ip(
    'families never mix: an IPv4 range does not contain an IPv6 address',
    '0.0.0.0/0',
    '2001:db8::1',
    'implicit-deny',
  ),
  ip(
    'decision: an IPv4-mapped IPv6 address is IPv6, not in the IPv4 range',
    '203.0.113.0/24',
    '::ffff:203.0.113.7',
    'implicit-deny',
  ),
  ip(
    'an IPv4-mapped IPv6 address is in ::ffff:0:0/96',
    '::ffff:0:0/96',
    '::ffff:203.0.113.7',
    'allow',
  ),
  ip(
    'an IPv6 range written with an embedded IPv4 tail (64:ff9b::/96)',
    '64:ff9b::/96',
    '64:ff9b::192.0.2.33',
    'allow',
  ),
  ip(
    "mixing IPv4 and IPv6 ranges (the guide's example): an IPv6 caller matches its range",
    ['203.0.113.0/24', '2001:DB8:1234:5678::/64'],
    '2001:db8:1234:5678::99',
    'allow',
  ),
  ip(
    "mixing IPv4 and IPv6 ranges (the guide's example): an IPv4 caller matches its range",
    ['203.0.113.0/24', '2001:DB8:1234:5678::/64'],
    '203.0.113.99',
    'allow',
  ),
  ip(
    'decision: host bits set in a range are ignored (203.0.113.7/24 is 203.0.113.0/24)',
    '203.0.113.7/24',
    '203.0.113.200',
    'allow',
  ),
  ip(
    'NotIpAddress: an IPv6 address outside the range is true',
    '2001:db8::/32',
    '2001:db9::1',
    'allow',
    'NotIpAddress',
  ),
  ip(
    'NotIpAddress: an IPv6 address inside the range is false',
    '2001:db8::/32',
    '2001:db8::1',
    'implicit-deny',
    'NotIpAddress',
  ),
  ip(
    'NotIpAddress: an IPv4 address is outside an IPv6 range',
    '2001:db8::/32',
    '198.51.100.1',
    'allow',
    'NotIpAddress',
  ),
  ip(
    'decision: a policy value that is not an address matches nothing (IpAddress false)',
    'corporate-network',
    '203.0.113.7',
    'implicit-deny',
  ),
  ip(
    'decision: a policy value that is not an address cannot be compared, so NotIpAddress is false too (like an unresolvable variable)',
    'corporate-network',
    '203.0.113.7',
    'implicit-deny',
    'NotIpAddress',
  ),
  ip(
    'decision: a prefix longer than the family (/33) makes the value malformed',
    '203.0.113.0/33',
    '203.0.113.7',
    'implicit-deny',
  ),
  ip(
    'decision: an IPv4 octet above 255 makes the value malformed',
    '203.0.113.256',
    '203.0.113.0',
    'implicit-deny',
  ),
  ip(
    'decision: two "::" make an IPv6 value malformed',
    '2001::db8::1',
    '2001::db8:0:1',
    'implicit-deny',
  ),
  ip(
    'decision: nine IPv6 groups make the value malformed',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8',
    'implicit-deny',
  ),
  ip(
    'decision: a request address that is not an address is in no range',
    '0.0.0.0/0',
    'unknown',
    'implicit-deny',
  ),
  ip(
    'decision: a request value that is not an address cannot be compared, so NotIpAddress is false too',
    '10.0.0.0/8',
    'unknown',
    'implicit-deny',
    'NotIpAddress',
  ),
  ip(
    'decision: a range given as the request address is malformed',
    '10.0.0.0/8',
    '10.1.0.0/16',
    'implicit-deny',
  ),
  ip(
    'decision: an IPv6 zone id (fe80::1%eth0) is not an address IAM compares',
    'fe80::/10',
    'fe80::1%eth0',
    'implicit-deny',
  ),
  ip(
    'a multivalued aws:SourceIp without a set operator does not match',
    '10.0.0.0/8',
    ['10.0.0.1'],
    'implicit-deny',
  ),
  [
    'Deny with NotIpAddress outside the corporate IPv4 and IPv6 ranges denies an unlisted IPv6 caller',
    doc(
      allow(),
      deny({
        Condition: {
          NotIpAddress: {
            'aws:SourceIp': ['203.0.113.0/24', '2001:db8:1234::/48'],
          },
        },
      }),
    ),
    req({ context: { 'aws:SourceIp': '2001:db8:9999::1' } }),
    'explicit-deny',
  ],
  [
    'Deny with NotIpAddress lets a listed IPv6 caller through',
    doc(
      allow(),
      deny({
        Condition: {
          NotIpAddress: {
            'aws:SourceIp': ['203.0.113.0/24', '2001:db8:1234::/48'],
          },
        },
      }),
    ),
    req({ context: { 'aws:SourceIp': '2001:db8:1234:1::1' } }),
    'allow',
  ],
  [
    'IpAddressIfExists on a request without aws:SourceIp (VPC endpoint) is true',
    doc(
      allow({
        Condition: { IpAddressIfExists: { 'aws:SourceIp': '2001:db8::/32' } },
      }),
    ),
    req(),
    'allow',
  ],
];

const trust = (principal: unknown, extra: Partial<PolicyStatement> = {}) =>
  doc({
    Effect: 'Allow',
    Principal: principal as PolicyStatement['Principal'],
    Action: 'sts:AssumeRole',
    ...extra,
  });
const assume = (id: string, accountId = ACCOUNT): EvaluationRequest => ({
  principal: { type: 'AWS', id, accountId },
  action: 'sts:AssumeRole',
  context: {},
});

const principals: Row[] = [
  [
    'a role ARN in Principal matches a session of that role (assumed-role ARN)',
    trust({ AWS: ROLE }),
    assume(SESSION),
    'allow',
  ],
  [
    'a role ARN with a path matches its sessions, whose ARN omits the path',
    trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/team/app` }),
    assume(SESSION),
    'allow',
  ],
  [
    'a role ARN does not match a session of another role',
    trust({ AWS: ROLE }),
    assume(`arn:aws:sts::${ACCOUNT}:assumed-role/other/session-1`),
    'implicit-deny',
  ],
  [
    'a role ARN does not match a session of a role whose name only starts the same',
    trust({ AWS: ROLE }),
    assume(`arn:aws:sts::${ACCOUNT}:assumed-role/app-admin/session-1`),
    'implicit-deny',
  ],
  [
    'a role ARN does not match a session of the same role name in another account',
    trust({ AWS: ROLE }),
    assume(
      `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/app/session-1`,
      OTHER_ACCOUNT,
    ),
    'implicit-deny',
  ],
  [
    'a role ARN does not match a session in another partition',
    trust({ AWS: ROLE }),
    assume(`arn:aws-cn:sts::${ACCOUNT}:assumed-role/app/session-1`),
    'implicit-deny',
  ],
  [
    'an assumed-role session ARN in Principal matches that session',
    trust({ AWS: SESSION }),
    assume(SESSION),
    'allow',
  ],
  [
    'an assumed-role session ARN in Principal does not match another session of the role',
    trust({ AWS: SESSION }),
    assume(`arn:aws:sts::${ACCOUNT}:assumed-role/app/session-2`),
    'implicit-deny',
  ],
  [
    'a wildcard cannot match part of a principal ARN (role/*)',
    trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/*` }),
    assume(SESSION),
    'implicit-deny',
  ],
  [
    'an account id principal covers sessions of that account',
    trust({ AWS: ACCOUNT }),
    assume(SESSION),
    'allow',
  ],
  [
    'arn:aws:iam::ACCOUNT:root covers sessions of that account',
    trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    assume(SESSION),
    'allow',
  ],
  [
    'arn:aws:iam::ACCOUNT:root of another account does not cover the session',
    trust({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }),
    assume(SESSION),
    'implicit-deny',
  ],
  ['Principal "*" covers a role session', trust('*'), assume(SESSION), 'allow'],
  [
    'Principal {"AWS": "*"} covers a role session',
    trust({ AWS: '*' }),
    assume(SESSION),
    'allow',
  ],
  [
    'a Deny naming the role applies to its sessions',
    doc(
      {
        Effect: 'Allow',
        Principal: { AWS: ACCOUNT },
        Action: 'sts:AssumeRole',
      },
      { Effect: 'Deny', Principal: { AWS: ROLE }, Action: 'sts:AssumeRole' },
    ),
    assume(SESSION),
    'explicit-deny',
  ],
  [
    'NotPrincipal naming the role excludes its sessions from a Deny',
    doc(
      {
        Effect: 'Allow',
        Principal: { AWS: ACCOUNT },
        Action: 'sts:AssumeRole',
      },
      { Effect: 'Deny', NotPrincipal: { AWS: ROLE }, Action: 'sts:AssumeRole' },
    ),
    assume(SESSION),
    'allow',
  ],
  [
    'a bucket policy granting a role covers requests by its sessions',
    doc({
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::mybucket/*',
    }),
    req(),
    'allow',
  ],
  [
    'the user name part of an IAM user principal is case-sensitive',
    trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/Bob` }),
    assume(`arn:aws:iam::${ACCOUNT}:user/bob`),
    'implicit-deny',
  ],
];

const tagKeys = (keys: string[] | string | undefined) =>
  req({ context: keys === undefined ? {} : { 'aws:TagKeys': keys } });
const cond = (operator: string, key: string, values: unknown) =>
  doc(
    allow({
      Condition: {
        [operator]: { [key]: values },
      } as PolicyStatement['Condition'],
    }),
  );

const malformedAndSets: Row[] = [
  [
    'decision: a numeric policy value that is not a number matches nothing (NumericLessThan false)',
    cond('NumericLessThan', 's3:max-keys', 'ten'),
    req({ context: { 's3:max-keys': '5' } }),
    'implicit-deny',
  ],
  [
    'decision: a malformed numeric value cannot be compared, so NumericNotEquals is false too',
    cond('NumericNotEquals', 's3:max-keys', 'ten'),
    req({ context: { 's3:max-keys': '5' } }),
    'implicit-deny',
  ],
  [
    'decision: a request value that is not a number fails NumericLessThanIfExists (the key exists)',
    cond('NumericLessThanIfExists', 's3:max-keys', '10'),
    req({ context: { 's3:max-keys': 'many' } }),
    'implicit-deny',
  ],
  [
    'NumericLessThanIfExists on an absent key is true whatever the policy value',
    cond('NumericLessThanIfExists', 's3:max-keys', 'ten'),
    req(),
    'allow',
  ],
  [
    'decision: a date policy value that is neither ISO 8601 nor epoch matches nothing (DateLessThan false)',
    cond('DateLessThan', 'aws:CurrentTime', 'tomorrow'),
    req({ context: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }),
    'implicit-deny',
  ],
  [
    'decision: a malformed date cannot be compared, so DateNotEquals is false too',
    cond('DateNotEquals', 'aws:CurrentTime', 'tomorrow'),
    req({ context: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }),
    'implicit-deny',
  ],
  [
    'date values in epoch seconds compare with ISO 8601 ones',
    cond('DateLessThan', 'aws:CurrentTime', '1767225600'),
    req({ context: { 'aws:CurrentTime': '2025-12-31T00:00:00Z' } }),
    'allow',
  ],
  [
    'DateGreaterThanIfExists on an absent key (long-term credentials have no aws:TokenIssueTime) is true',
    cond(
      'DateGreaterThanIfExists',
      'aws:TokenIssueTime',
      '2020-01-01T00:00:01Z',
    ),
    req(),
    'allow',
  ],
  [
    'decision: Bool with a value other than true/false matches nothing',
    cond('Bool', 'aws:SecureTransport', 'yes'),
    req({ context: { 'aws:SecureTransport': 'true' } }),
    'implicit-deny',
  ],
  [
    'decision: a request value that is not an ARN matches no ARN pattern (ArnLike false)',
    cond('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:*:topic'),
    req({ context: { 'aws:SourceArn': 'topic' } }),
    'implicit-deny',
  ],
  [
    'decision: a request value that is not an ARN cannot be compared, so ArnNotLike is false too',
    cond('ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*:*:topic'),
    req({ context: { 'aws:SourceArn': 'topic' } }),
    'implicit-deny',
  ],
  [
    'decision: one malformed value among valid ones makes NumericNotEquals false even when the others differ',
    cond('NumericNotEquals', 's3:max-keys', ['10', 'ten']),
    req({ context: { 's3:max-keys': '5' } }),
    'implicit-deny',
  ],
  [
    'NumericNotEquals with valid values that all differ is true',
    cond('NumericNotEquals', 's3:max-keys', ['10', '20']),
    req({ context: { 's3:max-keys': '5' } }),
    'allow',
  ],
  [
    'decision: a policy value that is not an ARN cannot be compared, so ArnNotEquals is false',
    cond('ArnNotEquals', 'aws:SourceArn', 'arn:::topic'),
    req({
      context: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic' },
    }),
    'implicit-deny',
  ],
  [
    'ArnNotLike with a resolved variable and a different ARN is true',
    cond(
      'ArnNotLike',
      'aws:SourceArn',
      'arn:aws:iam::111122223333:user/${aws:username}',
    ),
    req({
      context: {
        'aws:SourceArn': 'arn:aws:iam::111122223333:user/bob',
        'aws:username': 'alice',
      },
    }),
    'allow',
  ],
  [
    'decision: a request date that is neither ISO 8601 nor epoch makes DateNotEquals false',
    cond('DateNotEquals', 'aws:CurrentTime', '2026-01-01T00:00:00Z'),
    req({ context: { 'aws:CurrentTime': 'yesterday' } }),
    'implicit-deny',
  ],
  [
    'decision: ForAnyValue:NumericNotEquals is true when one readable request value differs (an unreadable one does not count)',
    cond('ForAnyValue:NumericNotEquals', 's3:max-keys', '10'),
    req({ context: { 's3:max-keys': ['x', '5'] } }),
    'allow',
  ],
  [
    'decision: ForAllValues:NumericNotEquals is false when one request value is unreadable',
    cond('ForAllValues:NumericNotEquals', 's3:max-keys', '10'),
    req({ context: { 's3:max-keys': ['x', '5'] } }),
    'implicit-deny',
  ],
  [
    'StringNotEqualsIfExists on a present, different value is true',
    cond('StringNotEqualsIfExists', 'aws:PrincipalTag/team', 'admins'),
    req({ context: { 'aws:PrincipalTag/team': 'dev' } }),
    'allow',
  ],
  [
    'StringNotEqualsIfExists on a present, equal value is false',
    cond('StringNotEqualsIfExists', 'aws:PrincipalTag/team', 'admins'),
    req({ context: { 'aws:PrincipalTag/team': 'admins' } }),
    'implicit-deny',
  ],
  [
    'negated operator with several values is NOR: equal to one of them is false',
    cond('StringNotEquals', 'aws:PrincipalTag/team', ['a', 'b']),
    req({ context: { 'aws:PrincipalTag/team': 'b' } }),
    'implicit-deny',
  ],
  [
    'decision: a multivalued key needs a set operator, so StringEquals without one is false',
    cond('StringEquals', 'aws:TagKeys', 'team'),
    tagKeys(['team']),
    'implicit-deny',
  ],
  [
    'decision: a multivalued key without a set operator is false for StringNotEquals too',
    cond('StringNotEquals', 'aws:TagKeys', 'secret'),
    tagKeys(['team']),
    'implicit-deny',
  ],
  [
    'decision: a multivalued key without a set operator is false for StringLike',
    cond('StringLike', 'aws:TagKeys', '*'),
    tagKeys(['team', 'env']),
    'implicit-deny',
  ],
  [
    'decision: a multivalued key without a set operator is false for …IfExists when the key exists',
    cond('StringEqualsIfExists', 'aws:TagKeys', 'team'),
    tagKeys(['team']),
    'implicit-deny',
  ],
  [
    'decision: a Deny on a multivalued key without a set operator does not apply',
    doc(
      allow(),
      deny({ Condition: { StringEquals: { 'aws:TagKeys': 'secret' } } }),
    ),
    tagKeys(['secret']),
    'allow',
  ],
  [
    'a set operator on a single-valued key treats the value as a set of one (ForAllValues:StringNotEquals)',
    cond('ForAllValues:StringNotEquals', 'aws:PrincipalTag/team', 'admins'),
    req({ context: { 'aws:PrincipalTag/team': 'admins' } }),
    'implicit-deny',
  ],
  [
    'ForAnyValue:StringNotEquals on a single-valued key: the one value is not in the list',
    cond('ForAnyValue:StringNotEquals', 'aws:PrincipalTag/team', 'admins'),
    req({ context: { 'aws:PrincipalTag/team': 'dev' } }),
    'allow',
  ],
  [
    'ForAllValues on an absent single-valued key is true: why set operators on single-valued keys are overly permissive',
    cond('ForAllValues:StringEquals', 'aws:PrincipalTag/team', 'admins'),
    req(),
    'allow',
  ],
  [
    'ForAllValues on an empty string (an empty data set) is true',
    cond('ForAllValues:StringEquals', 'aws:PrincipalTag/team', 'admins'),
    req({ context: { 'aws:PrincipalTag/team': '' } }),
    'allow',
  ],
  [
    'ForAnyValue on an empty string (an empty data set) is false',
    cond('ForAnyValue:StringEquals', 'aws:PrincipalTag/team', ''),
    req({ context: { 'aws:PrincipalTag/team': '' } }),
    'implicit-deny',
  ],
  [
    'ForAllValues on an absent key is true: the documented pitfall of Allow with ForAllValues',
    cond('ForAllValues:StringEquals', 'aws:TagKeys', ['team', 'env']),
    tagKeys(undefined),
    'allow',
  ],
  [
    'ForAllValues with Null false: an absent key no longer passes',
    doc(
      allow({
        Condition: {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
          Null: { 'aws:TagKeys': 'false' },
        },
      }),
    ),
    tagKeys(undefined),
    'implicit-deny',
  ],
  [
    'ForAllValues with Null false: an empty list (empty values) no longer passes',
    doc(
      allow({
        Condition: {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
          Null: { 'aws:TagKeys': 'false' },
        },
      }),
    ),
    tagKeys([]),
    'implicit-deny',
  ],
  [
    'ForAllValues with Null false: a present subset still passes',
    doc(
      allow({
        Condition: {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
          Null: { 'aws:TagKeys': 'false' },
        },
      }),
    ),
    tagKeys(['team']),
    'allow',
  ],
  [
    'Null true: an empty list is null',
    cond('Null', 'aws:TagKeys', 'true'),
    tagKeys([]),
    'allow',
  ],
  [
    'decision: Null true: an empty string is null (a key with an empty value)',
    cond('Null', 'aws:PrincipalTag/team', 'true'),
    req({ context: { 'aws:PrincipalTag/team': '' } }),
    'allow',
  ],
  [
    'Null false: a present value is not null',
    cond('Null', 'aws:PrincipalTag/team', 'false'),
    req({ context: { 'aws:PrincipalTag/team': 'dev' } }),
    'allow',
  ],
  [
    'decision: Null with a value other than true/false matches nothing',
    cond('Null', 'aws:PrincipalTag/team', 'maybe'),
    req({ context: { 'aws:PrincipalTag/team': 'dev' } }),
    'implicit-deny',
  ],
  [
    'Null compares condition keys without case',
    cond('Null', 'AWS:PRINCIPALTAG/TEAM', 'false'),
    req({ context: { 'aws:PrincipalTag/team': 'dev' } }),
    'allow',
  ],
  [
    'Deny ForAllValues:StringNotLike key1* (guide table): key1:legal only does not match the Deny',
    doc(
      allow(),
      deny({
        Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } },
      }),
    ),
    tagKeys(['key1:legal']),
    'allow',
  ],
  [
    'Deny ForAllValues:StringNotLike key1* (guide table): key2:audit matches the Deny',
    doc(
      allow(),
      deny({
        Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } },
      }),
    ),
    tagKeys(['key2:audit']),
    'explicit-deny',
  ],
  [
    'Deny ForAllValues:StringNotLike key1* (guide table): no aws:TagKeys in the request matches the Deny',
    doc(
      allow(),
      deny({
        Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } },
      }),
    ),
    tagKeys(undefined),
    'explicit-deny',
  ],
  [
    'Deny ForAnyValue:StringLike on requested attributes (guide example): one forbidden attribute denies',
    doc(
      allow(),
      deny({
        Condition: {
          'ForAnyValue:StringLike': {
            'dynamodb:requestedAttributes': ['ID', 'PostDateTime'],
          },
        },
      }),
    ),
    req({
      context: {
        'dynamodb:requestedAttributes': ['UserName', 'Message', 'PostDateTime'],
      },
    }),
    'explicit-deny',
  ],
  [
    'Deny ForAnyValue:StringLike on requested attributes (guide example): only UserName does not deny',
    doc(
      allow(),
      deny({
        Condition: {
          'ForAnyValue:StringLike': {
            'dynamodb:requestedAttributes': ['ID', 'PostDateTime'],
          },
        },
      }),
    ),
    req({ context: { 'dynamodb:requestedAttributes': ['UserName'] } }),
    'allow',
  ],
  [
    'Allow ForAllValues:StringLike on requested attributes (guide example): PostDateTime and UserName fail',
    cond('ForAllValues:StringLike', 'dynamodb:requestedAttributes', [
      'PostDateTime',
      'Message',
      'Tags',
    ]),
    req({
      context: { 'dynamodb:requestedAttributes': ['PostDateTime', 'UserName'] },
    }),
    'implicit-deny',
  ],
];

const all = {
  resourceVariables,
  conditionVariables,
  podIdentityAbac,
  ipAddresses,
  principals,
  malformedAndSets,
};

describe('IAM semantics from the IAM User Guide (issue 14)', () => {
  it('has at least 140 cases', () => {
    expect(Object.values(all).flat().length).toBeGreaterThanOrEqual(140);
  });

  for (const [group, rows] of Object.entries(all)) {
    describe(`${group}`, () => {
      it.each(rows)('%s', (_name, policy, request, expected) => {
        expect(evaluatePolicyDocument(policy, request).decision).toBe(expected);
      });
    });
  }
});

describe('unresolved variables explain themselves', () => {
  it('names the variable in the condition trace and the statement reason', () => {
    const result = evaluatePolicyDocument(
      doc(
        allow({
          Condition: { StringNotEquals: { 's3:prefix': '${aws:username}/' } },
        }),
      ),
      req({ context: { 's3:prefix': 'x/' } }),
    );
    if (!result.valid) throw new Error(result.error);
    expect(result.statements[0].conditions[0].unresolved).toEqual([
      '${aws:username}',
    ]);
    expect(result.statements[0].reason).toContain('${aws:username}');
    expect(result.statements[0].reason).toContain('does not apply');
  });

  it('names the variable of a Resource entry', () => {
    const result = evaluatePolicyDocument(
      doc(allow({ Resource: home })),
      req(),
    );
    if (!result.valid) throw new Error(result.error);
    expect(result.statements[0].reason).toMatch(
      /Resource uses policy variable \$\{aws:username\}/,
    );
  });
});
