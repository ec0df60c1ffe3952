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
 * Table-driven evaluation cases written from the IAM User Guide
 * ("Policy evaluation logic", "IAM JSON policy elements: Principal / Action /
 * NotAction / Resource / Condition", "Condition operators", "Single-valued vs.
 * multivalued context keys", "Policy variables") and security.md §0.1 — not
 * from the implementation. Each row: description, policy, request, expected
 * decision.
 */
import { PolicyStatement } from '../policy/types';
import {
  SEED_001_ISSUER,
  SEED_001_TRUST,
  SEED_003_ISSUER,
  SEED_003_TRUST,
} from '../__fixtures__/seeds';
import {
  Decision,
  EvaluationRequest,
  evaluatePolicyDocument,
} from './evaluatePolicy';
import { irsaRequest, podIdentityRequests } from './workloadRequests';

import {
  ACCOUNT,
  AUD,
  ISSUER,
  OTHER_ISSUER,
  PROVIDER,
  SUB,
  podIdentityStatement as pidTrust,
  webIdentityStatement as wi,
} from '../__fixtures__/exampleCluster';

const OTHER_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${OTHER_ISSUER}`;
const WI = 'sts:AssumeRoleWithWebIdentity';

type Row = [
  string,
  PolicyStatement | PolicyStatement[] | unknown,
  EvaluationRequest,
  Decision | 'invalid',
];

const doc = (statement: PolicyStatement | PolicyStatement[]) => ({
  Version: '2012-10-17',
  Statement: statement,
});

/** The IRSA request of namespace/name through ISSUER. */
const sa = (
  namespace: string,
  name: string,
  audience?: string,
  issuer = ISSUER,
) =>
  irsaRequest({
    issuerHostPath: issuer,
    accountId: ACCOUNT,
    namespace,
    serviceAccount: name,
    audience,
  });

/** A generic request with a chosen principal, action, resource and context. */
const req = (over: Partial<EvaluationRequest> = {}): EvaluationRequest => ({
  principal: {
    type: 'AWS',
    id: `arn:aws:iam::${ACCOUNT}:role/app`,
    accountId: ACCOUNT,
  },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket/key.txt',
  context: {},
  ...over,
});
const allowS3 = (extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::bucket/*',
  ...extra,
});

const structure: Row[] = [
  [
    'Statement as a single object',
    {
      Version: '2012-10-17',
      Statement: wi({ StringEquals: { [SUB]: 'system:serviceaccount:a:b' } }),
    },
    sa('a', 'b'),
    'allow',
  ],
  [
    'Statement as a list',
    doc([wi({ StringEquals: { [SUB]: 'system:serviceaccount:a:b' } })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'no applicable statement is an implicit deny',
    doc([wi({ StringEquals: { [SUB]: 'system:serviceaccount:a:b' } })]),
    sa('a', 'c'),
    'implicit-deny',
  ],
  [
    'any applicable Allow is enough',
    doc([
      wi({ StringEquals: { [SUB]: 'system:serviceaccount:x:y' } }),
      wi({ StringEquals: { [SUB]: 'system:serviceaccount:a:b' } }),
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'explicit Deny overrides Allow',
    doc([
      wi(),
      { Effect: 'Deny', Principal: { Federated: PROVIDER }, Action: WI },
    ]),
    sa('a', 'b'),
    'explicit-deny',
  ],
  [
    'Deny for another action does not apply',
    doc([wi(), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'Deny listed first still wins',
    doc([{ Effect: 'Deny', Principal: '*', Action: 'sts:*' }, wi()]),
    sa('a', 'b'),
    'explicit-deny',
  ],
  [
    'only Deny statements: implicit deny when they do not apply',
    doc([{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'only Deny statements that apply: explicit deny',
    doc([{ Effect: 'Deny', Principal: '*', Action: '*' }]),
    sa('a', 'b'),
    'explicit-deny',
  ],
  [
    'Version 2008-10-17 is accepted',
    { Version: '2008-10-17', Statement: [wi()] },
    sa('a', 'b'),
    'allow',
  ],
  [
    'missing Version is accepted (2008 rules)',
    { Statement: [wi()] },
    sa('a', 'b'),
    'allow',
  ],
  [
    'Sid does not change evaluation',
    doc([wi(undefined, { Sid: 'Trust' })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'an empty Condition block imposes nothing',
    doc([wi({})]),
    sa('a', 'b'),
    'allow',
  ],
];

const principals: Row[] = [
  [
    'Federated principal matches the provider ARN',
    doc([wi()]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'Federated principal of another issuer does not match',
    doc([wi()]),
    sa('a', 'b', undefined, OTHER_ISSUER),
    'implicit-deny',
  ],
  [
    'Federated list: either provider matches',
    doc([
      wi(undefined, { Principal: { Federated: [OTHER_PROVIDER, PROVIDER] } }),
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'Principal "*" matches a federated caller',
    doc([{ Effect: 'Allow', Principal: '*', Action: WI }]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'Principal {"AWS": "*"} is the same as "*"',
    doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: WI }]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'AWS principal does not match a federated caller',
    doc([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: WI,
      },
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'Service principal does not match a federated caller',
    doc([
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: WI,
      },
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'NotPrincipal excluding the provider does not apply',
    doc([
      { Effect: 'Allow', NotPrincipal: { Federated: PROVIDER }, Action: WI },
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'NotPrincipal excluding another provider applies',
    doc([
      {
        Effect: 'Allow',
        NotPrincipal: { Federated: OTHER_PROVIDER },
        Action: WI,
      },
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'Deny with NotPrincipal denies everyone else',
    doc([
      wi(),
      {
        Effect: 'Deny',
        NotPrincipal: { Federated: OTHER_PROVIDER },
        Action: '*',
      },
    ]),
    sa('a', 'b'),
    'explicit-deny',
  ],
  [
    'account id principal covers a role of that account',
    doc([
      {
        Effect: 'Allow',
        Principal: { AWS: ACCOUNT },
        Action: 'sts:AssumeRole',
      },
    ]),
    req({ action: 'sts:AssumeRole', resource: undefined }),
    'allow',
  ],
  [
    ':root principal covers a role of that account',
    doc([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
      },
    ]),
    req({ action: 'sts:AssumeRole', resource: undefined }),
    'allow',
  ],
  [
    ':root of another account does not match',
    doc([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::999988887777:root' },
        Action: 'sts:AssumeRole',
      },
    ]),
    req({ action: 'sts:AssumeRole', resource: undefined }),
    'implicit-deny',
  ],
  [
    'exact role ARN principal matches that role',
    doc([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` },
        Action: 'sts:AssumeRole',
      },
    ]),
    req({ action: 'sts:AssumeRole', resource: undefined }),
    'allow',
  ],
  [
    'exact role ARN principal does not match another role',
    doc([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/other` },
        Action: 'sts:AssumeRole',
      },
    ]),
    req({ action: 'sts:AssumeRole', resource: undefined }),
    'implicit-deny',
  ],
  [
    'service principal matches the service',
    doc([
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ]),
    podIdentityRequests({
      accountId: ACCOUNT,
      namespace: 'a',
      serviceAccount: 'b',
    })[0],
    'allow',
  ],
  [
    'another service principal does not match',
    doc([
      {
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ]),
    podIdentityRequests({
      accountId: ACCOUNT,
      namespace: 'a',
      serviceAccount: 'b',
    })[0],
    'implicit-deny',
  ],
  [
    'no Principal element (identity policy) applies to the caller',
    doc([allowS3()]),
    req(),
    'allow',
  ],
];

const actions: Row[] = [
  ['exact action', doc([wi()]), sa('a', 'b'), 'allow'],
  [
    'action names are case-insensitive',
    doc([wi(undefined, { Action: 'STS:assumerolewithwebidentity' })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'service wildcard sts:*',
    doc([wi(undefined, { Action: 'sts:*' })]),
    sa('a', 'b'),
    'allow',
  ],
  ['Action "*"', doc([wi(undefined, { Action: '*' })]), sa('a', 'b'), 'allow'],
  [
    'prefix wildcard sts:AssumeRole*',
    doc([wi(undefined, { Action: 'sts:AssumeRole*' })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'suffix wildcard sts:*Identity',
    doc([wi(undefined, { Action: 'sts:*Identity' })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'sts:AssumeRole does not cover AssumeRoleWithWebIdentity',
    doc([wi(undefined, { Action: 'sts:AssumeRole' })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    '? matches exactly one character',
    doc([wi(undefined, { Action: 'sts:AssumeRoleWithWebIdentit?' })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    '? does not match zero characters',
    doc([wi(undefined, { Action: 'sts:AssumeRoleWithWebIdentity?' })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'other service wildcard does not match',
    doc([wi(undefined, { Action: 's3:*' })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'action list: one entry matches',
    doc([wi(undefined, { Action: ['sts:TagSession', WI] })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'NotAction listing the action does not apply',
    doc([
      { Effect: 'Allow', Principal: { Federated: PROVIDER }, NotAction: WI },
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'NotAction listing another action applies',
    doc([
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        NotAction: 'sts:AssumeRole',
      },
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'NotAction wildcard covering the action does not apply',
    doc([
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        NotAction: 'sts:*',
      },
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'Deny with NotAction of another action denies this one',
    doc([
      wi(),
      { Effect: 'Deny', Principal: '*', NotAction: 'sts:TagSession' },
    ]),
    sa('a', 'b'),
    'explicit-deny',
  ],
  [
    'identity policy: s3:Get* covers GetObject',
    doc([allowS3({ Action: 's3:Get*' })]),
    req(),
    'allow',
  ],
  [
    'identity policy: s3:Put* does not cover GetObject',
    doc([allowS3({ Action: 's3:Put*' })]),
    req(),
    'implicit-deny',
  ],
];

const resources: Row[] = [
  ['Resource wildcard matches the object', doc([allowS3()]), req(), 'allow'],
  [
    'Resource * crosses "/" in object keys',
    doc([allowS3()]),
    req({ resource: 'arn:aws:s3:::bucket/a/b/c.txt' }),
    'allow',
  ],
  [
    'Resource of another bucket does not match',
    doc([allowS3()]),
    req({ resource: 'arn:aws:s3:::other/key.txt' }),
    'implicit-deny',
  ],
  [
    'bucket ARN alone does not cover objects',
    doc([allowS3({ Resource: 'arn:aws:s3:::bucket' })]),
    req(),
    'implicit-deny',
  ],
  [
    'Resource matching is case-sensitive',
    doc([allowS3({ Resource: 'arn:aws:s3:::Bucket/*' })]),
    req(),
    'implicit-deny',
  ],
  [
    'Resource "*" matches everything',
    doc([allowS3({ Resource: '*' })]),
    req(),
    'allow',
  ],
  [
    'Resource list: one entry matches',
    doc([allowS3({ Resource: ['arn:aws:s3:::x/*', 'arn:aws:s3:::bucket/*'] })]),
    req(),
    'allow',
  ],
  [
    'Resource ? matches one character',
    doc([allowS3({ Resource: 'arn:aws:s3:::bucket/key.tx?' })]),
    req(),
    'allow',
  ],
  [
    'NotResource excluding the object does not apply',
    doc([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        NotResource: 'arn:aws:s3:::bucket/*',
      },
    ]),
    req(),
    'implicit-deny',
  ],
  [
    'NotResource excluding another bucket applies',
    doc([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        NotResource: 'arn:aws:s3:::secret/*',
      },
    ]),
    req(),
    'allow',
  ],
  [
    'Deny on a prefix denies matching objects',
    doc([
      allowS3(),
      { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/key*' },
    ]),
    req(),
    'explicit-deny',
  ],
  [
    'Deny on a prefix leaves others allowed',
    doc([
      allowS3(),
      {
        Effect: 'Deny',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::bucket/private/*',
      },
    ]),
    req(),
    'allow',
  ],
];

const strings: Row[] = [
  [
    'StringEquals exact subject',
    doc([wi({ StringEquals: { [SUB]: 'system:serviceaccount:a:b' } })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'StringEquals values are case-sensitive',
    doc([wi({ StringEquals: { [SUB]: 'System:ServiceAccount:a:b' } })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'condition keys are case-insensitive',
    doc([
      wi({
        StringEquals: { [SUB.toUpperCase()]: 'system:serviceaccount:a:b' },
      }),
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'several values for one key are OR-ed',
    doc([
      wi({
        StringEquals: {
          [SUB]: ['system:serviceaccount:x:y', 'system:serviceaccount:a:b'],
        },
      }),
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'value list not containing the subject',
    doc([
      wi({
        StringEquals: {
          [SUB]: ['system:serviceaccount:x:y', 'system:serviceaccount:a:c'],
        },
      }),
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'several keys under one operator are AND-ed (both match)',
    doc([
      wi({
        StringEquals: {
          [SUB]: 'system:serviceaccount:a:b',
          [AUD]: 'sts.amazonaws.com',
        },
      }),
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'several keys are AND-ed (aud differs)',
    doc([
      wi({
        StringEquals: {
          [SUB]: 'system:serviceaccount:a:b',
          [AUD]: 'sts.amazonaws.com',
        },
      }),
    ]),
    sa('a', 'b', 'other'),
    'implicit-deny',
  ],
  [
    'several operators are AND-ed (both match)',
    doc([
      wi({
        StringEquals: { [AUD]: 'sts.amazonaws.com' },
        StringLike: { [SUB]: 'system:serviceaccount:a:*' },
      }),
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'several operators are AND-ed (one fails)',
    doc([
      wi({
        StringEquals: { [AUD]: 'sts.amazonaws.com' },
        StringLike: { [SUB]: 'system:serviceaccount:z:*' },
      }),
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'StringEquals treats * literally',
    doc([wi({ StringEquals: { [SUB]: 'system:serviceaccount:a:*' } })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'StringEquals treats ? literally',
    doc([wi({ StringEquals: { [SUB]: 'system:serviceaccount:a:?' } })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'StringLike * matches the rest',
    doc([wi({ StringLike: { [SUB]: 'system:serviceaccount:a:*' } })]),
    sa('a', 'anything'),
    'allow',
  ],
  [
    'StringLike * crosses ":" (namespace wildcard)',
    doc([wi({ StringLike: { [SUB]: 'system:serviceaccount:*' } })]),
    sa('kube-system', 'x'),
    'allow',
  ],
  [
    'StringLike "*" alone matches every subject',
    doc([wi({ StringLike: { [SUB]: '*' } })]),
    sa('q', 'r'),
    'allow',
  ],
  [
    'StringLike team-* also matches team-evil',
    doc([wi({ StringLike: { [SUB]: 'system:serviceaccount:team-*:api' } })]),
    sa('team-evil', 'api'),
    'allow',
  ],
  [
    'StringLike team-*:api does not match another name',
    doc([wi({ StringLike: { [SUB]: 'system:serviceaccount:team-*:api' } })]),
    sa('team-a', 'worker'),
    'implicit-deny',
  ],
  [
    'StringLike *:default matches default in any namespace',
    doc([wi({ StringLike: { [SUB]: 'system:serviceaccount:*:default' } })]),
    sa('other', 'default'),
    'allow',
  ],
  [
    'StringLike ? matches one character',
    doc([wi({ StringLike: { [SUB]: 'system:serviceaccount:a:b?' } })]),
    sa('a', 'b1'),
    'allow',
  ],
  [
    'StringLike ? does not match two characters',
    doc([wi({ StringLike: { [SUB]: 'system:serviceaccount:a:b?' } })]),
    sa('a', 'b12'),
    'implicit-deny',
  ],
  [
    'StringLike is case-sensitive',
    doc([wi({ StringLike: { [SUB]: 'system:serviceaccount:A:*' } })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'StringLike without wildcard is exact',
    doc([wi({ StringLike: { [SUB]: 'system:serviceaccount:a:b' } })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'StringNotEquals excludes the listed subject',
    doc([wi({ StringNotEquals: { [SUB]: 'system:serviceaccount:a:b' } })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'StringNotEquals admits every other subject',
    doc([wi({ StringNotEquals: { [SUB]: 'system:serviceaccount:a:b' } })]),
    sa('x', 'y'),
    'allow',
  ],
  [
    'StringNotEquals with a list needs no value to match',
    doc([
      wi({
        StringNotEquals: {
          [SUB]: ['system:serviceaccount:x:y', 'system:serviceaccount:a:b'],
        },
      }),
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'StringNotLike excludes matching subjects',
    doc([wi({ StringNotLike: { [SUB]: 'system:serviceaccount:kube-*' } })]),
    sa('kube-system', 'x'),
    'implicit-deny',
  ],
  [
    'StringNotLike admits non-matching subjects',
    doc([wi({ StringNotLike: { [SUB]: 'system:serviceaccount:kube-*' } })]),
    sa('apps', 'x'),
    'allow',
  ],
  [
    'StringEqualsIgnoreCase ignores case',
    doc([
      wi({ StringEqualsIgnoreCase: { [SUB]: 'SYSTEM:SERVICEACCOUNT:A:B' } }),
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'StringEqualsIgnoreCase still compares the text',
    doc([
      wi({ StringEqualsIgnoreCase: { [SUB]: 'SYSTEM:SERVICEACCOUNT:A:C' } }),
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'StringNotEqualsIgnoreCase excludes regardless of case',
    doc([
      wi({ StringNotEqualsIgnoreCase: { [SUB]: 'SYSTEM:SERVICEACCOUNT:A:B' } }),
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'aud condition matching the default audience',
    doc([wi({ StringEquals: { [AUD]: 'sts.amazonaws.com' } })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'aud condition rejects another audience',
    doc([wi({ StringEquals: { [AUD]: 'sts.amazonaws.com' } })]),
    sa('a', 'b', 'vault'),
    'implicit-deny',
  ],
  [
    'numbers in condition values are compared as strings',
    doc([allowS3({ Condition: { StringEquals: { 's3:max-keys': 10 } } })]),
    req({ context: { 's3:max-keys': '10' } }),
    'allow',
  ],
  [
    'booleans in String values are compared as "true"',
    doc([
      allowS3({ Condition: { StringEquals: { 'aws:SecureTransport': true } } }),
    ]),
    req({ context: { 'aws:SecureTransport': 'true' } }),
    'allow',
  ],
];

const missingKeys: Row[] = [
  [
    "StringEquals on another issuer's key: key absent, false",
    doc([
      wi({
        StringEquals: { [`${OTHER_ISSUER}:sub`]: 'system:serviceaccount:a:b' },
      }),
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'StringLike on an absent key is false',
    doc([wi({ StringLike: { [`${OTHER_ISSUER}:sub`]: '*' } })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'StringNotEquals on an absent key is true (fail-open)',
    doc([
      wi({
        StringNotEquals: {
          [`${OTHER_ISSUER}:sub`]: 'system:serviceaccount:kube-system:x',
        },
      }),
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'StringNotLike on an absent key is true',
    doc([wi({ StringNotLike: { [`${OTHER_ISSUER}:sub`]: '*' } })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'StringNotEqualsIgnoreCase on an absent key is true',
    doc([wi({ StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'x' } })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'StringEqualsIfExists on an absent key is true',
    doc([
      wi({
        StringEqualsIfExists: {
          [`${OTHER_ISSUER}:sub`]: 'system:serviceaccount:a:b',
        },
      }),
    ]),
    sa('x', 'y'),
    'allow',
  ],
  [
    'StringEqualsIfExists on a present, different value is false',
    doc([wi({ StringEqualsIfExists: { [SUB]: 'system:serviceaccount:a:b' } })]),
    sa('x', 'y'),
    'implicit-deny',
  ],
  [
    'StringLikeIfExists on a present, matching value is true',
    doc([wi({ StringLikeIfExists: { [SUB]: 'system:serviceaccount:a:*' } })]),
    sa('a', 'y'),
    'allow',
  ],
  [
    'ForAllValues on an absent key is true',
    doc([
      wi({
        'ForAllValues:StringEquals': {
          [`${OTHER_ISSUER}:sub`]: 'system:serviceaccount:a:b',
        },
      }),
    ]),
    sa('x', 'y'),
    'allow',
  ],
  [
    'ForAnyValue on an absent key is false',
    doc([
      wi({
        'ForAnyValue:StringEquals': {
          [`${OTHER_ISSUER}:sub`]: 'system:serviceaccount:a:b',
        },
      }),
    ]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'Null true: key absent matches',
    doc([wi({ Null: { 'aws:PrincipalTag/team': 'true' } })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'Null false: key absent does not match',
    doc([wi({ Null: { 'aws:PrincipalTag/team': 'false' } })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'Null false: key present matches',
    doc([wi({ Null: { [SUB]: 'false' } })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'Null true: key present does not match',
    doc([wi({ Null: { [SUB]: 'true' } })]),
    sa('a', 'b'),
    'implicit-deny',
  ],
  [
    'Null given as a JSON boolean',
    doc([wi({ Null: { [SUB]: false } })]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'ArnEqualsIfExists on an absent key is true',
    doc([
      allowS3({
        Condition: {
          ArnEqualsIfExists: {
            'aws:SourceArn': 'arn:aws:eks:eu-west-1:111122223333:cluster/a',
          },
        },
      }),
    ]),
    req(),
    'allow',
  ],
  [
    'BoolIfExists on an absent key is true',
    doc([
      allowS3({
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
    ]),
    req(),
    'allow',
  ],
  [
    'Bool on an absent key is false',
    doc([
      allowS3({
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
    ]),
    req(),
    'implicit-deny',
  ],
  [
    'NumericLessThan on an absent key is false',
    doc([allowS3({ Condition: { NumericLessThan: { 's3:max-keys': '10' } } })]),
    req(),
    'implicit-deny',
  ],
  [
    'ArnNotEquals on an absent key is true',
    doc([
      allowS3({
        Condition: {
          ArnNotEquals: {
            'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t',
          },
        },
      }),
    ]),
    req(),
    'allow',
  ],
  [
    'NotIpAddress on an absent key is true',
    doc([
      allowS3({
        Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      }),
    ]),
    req(),
    'allow',
  ],
  [
    'Deny with StringNotEquals on an absent key applies (deny wins)',
    doc([
      wi(),
      {
        Effect: 'Deny',
        Principal: '*',
        Action: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'a' } },
      },
    ]),
    sa('a', 'b'),
    'explicit-deny',
  ],
  [
    'Deny with StringEquals on an absent key does not apply',
    doc([
      wi(),
      {
        Effect: 'Deny',
        Principal: '*',
        Action: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } },
      },
    ]),
    sa('a', 'b'),
    'allow',
  ],
];

const tagKeys = (keys: string[]) => req({ context: { 'aws:TagKeys': keys } });
const sets: Row[] = [
  [
    'ForAllValues: every request value in the list',
    doc([
      allowS3({
        Condition: {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
        },
      }),
    ]),
    tagKeys(['team', 'env']),
    'allow',
  ],
  [
    'ForAllValues: subset is enough',
    doc([
      allowS3({
        Condition: {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
        },
      }),
    ]),
    tagKeys(['team']),
    'allow',
  ],
  [
    'ForAllValues: one value outside the list fails',
    doc([
      allowS3({
        Condition: {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
        },
      }),
    ]),
    tagKeys(['team', 'cost']),
    'implicit-deny',
  ],
  [
    'ForAllValues: empty request list is true',
    doc([
      allowS3({
        Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
      }),
    ]),
    tagKeys([]),
    'allow',
  ],
  [
    'ForAnyValue: one value in the list is enough',
    doc([
      allowS3({
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } },
      }),
    ]),
    tagKeys(['cost', 'team']),
    'allow',
  ],
  [
    'ForAnyValue: no value in the list fails',
    doc([
      allowS3({
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } },
      }),
    ]),
    tagKeys(['cost']),
    'implicit-deny',
  ],
  [
    'ForAnyValue: empty request list is false',
    doc([
      allowS3({
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } },
      }),
    ]),
    tagKeys([]),
    'implicit-deny',
  ],
  [
    'ForAllValues:StringLike with patterns',
    doc([
      allowS3({
        Condition: {
          'ForAllValues:StringLike': {
            'aws:TagKeys': ['kubernetes-*', 'eks-*'],
          },
        },
      }),
    ]),
    tagKeys(['kubernetes-namespace', 'eks-cluster-arn']),
    'allow',
  ],
  [
    'ForAllValues:StringLike one value matches no pattern',
    doc([
      allowS3({
        Condition: {
          'ForAllValues:StringLike': { 'aws:TagKeys': ['kubernetes-*'] },
        },
      }),
    ]),
    tagKeys(['kubernetes-namespace', 'owner']),
    'implicit-deny',
  ],
  [
    'ForAnyValue:StringNotEquals: some value outside the list',
    doc([
      allowS3({
        Condition: {
          'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] },
        },
      }),
    ]),
    tagKeys(['team', 'cost']),
    'allow',
  ],
  [
    'ForAnyValue:StringNotEquals: all values in the list',
    doc([
      allowS3({
        Condition: {
          'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] },
        },
      }),
    ]),
    tagKeys(['team']),
    'implicit-deny',
  ],
  [
    'ForAllValues:StringNotEquals: no value in the list',
    doc([
      allowS3({
        Condition: {
          'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] },
        },
      }),
    ]),
    tagKeys(['team', 'cost']),
    'allow',
  ],
  [
    'ForAllValues:StringNotEquals: a value in the list fails',
    doc([
      allowS3({
        Condition: {
          'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] },
        },
      }),
    ]),
    tagKeys(['team', 'secret']),
    'implicit-deny',
  ],
  [
    'ForAnyValue on a single-valued key behaves as "equals"',
    doc([
      wi({
        'ForAnyValue:StringEquals': { [SUB]: 'system:serviceaccount:a:b' },
      }),
    ]),
    sa('a', 'b'),
    'allow',
  ],
  [
    'ForAllValues on a single-valued key with another value fails',
    doc([
      wi({
        'ForAllValues:StringEquals': { [SUB]: 'system:serviceaccount:a:b' },
      }),
    ]),
    sa('x', 'y'),
    'implicit-deny',
  ],
  [
    'ForAllValues:StringEqualsIgnoreCase compares without case',
    doc([
      allowS3({
        Condition: {
          'ForAllValues:StringEqualsIgnoreCase': { 'aws:TagKeys': ['TEAM'] },
        },
      }),
    ]),
    tagKeys(['team']),
    'allow',
  ],
];

const typed: Row[] = [
  [
    'Bool true matches "true"',
    doc([allowS3({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]),
    req({ context: { 'aws:SecureTransport': 'true' } }),
    'allow',
  ],
  [
    'Bool true does not match "false"',
    doc([allowS3({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]),
    req({ context: { 'aws:SecureTransport': 'false' } }),
    'implicit-deny',
  ],
  [
    'Bool given as JSON boolean false',
    doc([allowS3({ Condition: { Bool: { 'aws:SecureTransport': false } } })]),
    req({ context: { 'aws:SecureTransport': 'false' } }),
    'allow',
  ],
  [
    'Deny unless SecureTransport (Bool false) applies on http',
    doc([
      allowS3(),
      {
        Effect: 'Deny',
        Action: 's3:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]),
    req({ context: { 'aws:SecureTransport': 'false' } }),
    'explicit-deny',
  ],
  [
    'NumericLessThan true',
    doc([allowS3({ Condition: { NumericLessThan: { 's3:max-keys': '10' } } })]),
    req({ context: { 's3:max-keys': '5' } }),
    'allow',
  ],
  [
    'NumericLessThan false at equality',
    doc([allowS3({ Condition: { NumericLessThan: { 's3:max-keys': '10' } } })]),
    req({ context: { 's3:max-keys': '10' } }),
    'implicit-deny',
  ],
  [
    'NumericLessThanEquals true at equality',
    doc([
      allowS3({
        Condition: { NumericLessThanEquals: { 's3:max-keys': '10' } },
      }),
    ]),
    req({ context: { 's3:max-keys': '10' } }),
    'allow',
  ],
  [
    'NumericEquals compares numerically (10 = 10.0)',
    doc([allowS3({ Condition: { NumericEquals: { 's3:max-keys': '10' } } })]),
    req({ context: { 's3:max-keys': '10.0' } }),
    'allow',
  ],
  [
    'NumericGreaterThan false',
    doc([
      allowS3({ Condition: { NumericGreaterThan: { 's3:max-keys': '10' } } }),
    ]),
    req({ context: { 's3:max-keys': '3' } }),
    'implicit-deny',
  ],
  [
    'NumericGreaterThanEquals true',
    doc([
      allowS3({
        Condition: { NumericGreaterThanEquals: { 's3:max-keys': 10 } },
      }),
    ]),
    req({ context: { 's3:max-keys': '11' } }),
    'allow',
  ],
  [
    'NumericNotEquals true',
    doc([
      allowS3({ Condition: { NumericNotEquals: { 's3:max-keys': '10' } } }),
    ]),
    req({ context: { 's3:max-keys': '11' } }),
    'allow',
  ],
  [
    'Numeric with a non-number request value is false',
    doc([allowS3({ Condition: { NumericLessThan: { 's3:max-keys': '10' } } })]),
    req({ context: { 's3:max-keys': 'abc' } }),
    'implicit-deny',
  ],
  [
    'DateLessThan with ISO 8601 dates',
    doc([
      allowS3({
        Condition: {
          DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
        },
      }),
    ]),
    req({ context: { 'aws:CurrentTime': '2026-06-01T12:00:00Z' } }),
    'allow',
  ],
  [
    'DateGreaterThan false',
    doc([
      allowS3({
        Condition: {
          DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
        },
      }),
    ]),
    req({ context: { 'aws:CurrentTime': '2026-06-01T12:00:00Z' } }),
    'implicit-deny',
  ],
  [
    'DateGreaterThanEquals with epoch seconds',
    doc([
      allowS3({
        Condition: { DateGreaterThanEquals: { 'aws:EpochTime': '1700000000' } },
      }),
    ]),
    req({ context: { 'aws:EpochTime': '1800000000' } }),
    'allow',
  ],
  [
    'IpAddress inside the CIDR',
    doc([
      allowS3({
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      }),
    ]),
    req({ context: { 'aws:SourceIp': '203.0.113.7' } }),
    'allow',
  ],
  [
    'IpAddress outside the CIDR',
    doc([
      allowS3({
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      }),
    ]),
    req({ context: { 'aws:SourceIp': '198.51.100.7' } }),
    'implicit-deny',
  ],
  [
    'NotIpAddress outside the CIDR is true',
    doc([
      allowS3({
        Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      }),
    ]),
    req({ context: { 'aws:SourceIp': '203.0.113.7' } }),
    'allow',
  ],
  [
    'IpAddress list is OR-ed',
    doc([
      allowS3({
        Condition: {
          IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.7/32'] },
        },
      }),
    ]),
    req({ context: { 'aws:SourceIp': '203.0.113.7' } }),
    'allow',
  ],
  [
    'ArnEquals exact',
    doc([
      allowS3({
        Condition: {
          ArnEquals: {
            'aws:SourceArn': 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
          },
        },
      }),
    ]),
    req({
      context: {
        'aws:SourceArn': 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
      },
    }),
    'allow',
  ],
  [
    'ArnEquals different cluster',
    doc([
      allowS3({
        Condition: {
          ArnEquals: {
            'aws:SourceArn': 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
          },
        },
      }),
    ]),
    req({
      context: {
        'aws:SourceArn': 'arn:aws:eks:eu-west-1:111122223333:cluster/dev',
      },
    }),
    'implicit-deny',
  ],
  [
    'ArnLike wildcard in the resource part',
    doc([
      allowS3({
        Condition: {
          ArnLike: { 'aws:SourceArn': 'arn:aws:eks:*:111122223333:cluster/*' },
        },
      }),
    ]),
    req({
      context: {
        'aws:SourceArn': 'arn:aws:eks:us-east-1:111122223333:cluster/x',
      },
    }),
    'allow',
  ],
  [
    'ArnLike region wildcard does not swallow the account',
    doc([
      allowS3({
        Condition: {
          ArnLike: { 'aws:SourceArn': 'arn:aws:eks:*:111122223333:cluster/*' },
        },
      }),
    ]),
    req({
      context: {
        'aws:SourceArn': 'arn:aws:eks:us-east-1:999988887777:cluster/x',
      },
    }),
    'implicit-deny',
  ],
  [
    'ArnLike is case-sensitive',
    doc([
      allowS3({
        Condition: {
          ArnLike: {
            'aws:SourceArn': 'arn:aws:eks:*:111122223333:cluster/Prod',
          },
        },
      }),
    ]),
    req({
      context: {
        'aws:SourceArn': 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
      },
    }),
    'implicit-deny',
  ],
  [
    'ArnNotLike excludes matching ARNs',
    doc([
      allowS3({
        Condition: {
          ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin-*' },
        },
      }),
    ]),
    req({
      context: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/admin-x' },
    }),
    'implicit-deny',
  ],
  [
    'ArnLike with a value that is not an ARN is false',
    doc([
      allowS3({
        Condition: {
          ArnLike: { 'aws:SourceArn': 'arn:aws:eks:*:*:cluster/*' },
        },
      }),
    ]),
    req({ context: { 'aws:SourceArn': 'not-an-arn' } }),
    'implicit-deny',
  ],
  [
    'BinaryEquals compares base64 text',
    doc([allowS3({ Condition: { BinaryEquals: { 'aws:Blob': 'QmluYXJ5' } } })]),
    req({ context: { 'aws:Blob': 'QmluYXJ5' } }),
    'allow',
  ],
];

const variables: Row[] = [
  [
    'policy variable in StringLike is substituted',
    doc([
      allowS3({
        Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
      }),
    ]),
    req({ context: { 'aws:username': 'ana', 's3:prefix': 'home/ana/docs' } }),
    'allow',
  ],
  [
    'policy variable: another user does not match',
    doc([
      allowS3({
        Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
      }),
    ]),
    req({ context: { 'aws:username': 'ana', 's3:prefix': 'home/bob/docs' } }),
    'implicit-deny',
  ],
  [
    'policy variable missing: no match',
    doc([
      allowS3({
        Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
      }),
    ]),
    req({ context: { 's3:prefix': 'home//docs' } }),
    'implicit-deny',
  ],
  [
    'policy variable default value',
    doc([
      allowS3({
        Condition: {
          StringEquals: { 's3:prefix': "${aws:PrincipalTag/team, 'none'}" },
        },
      }),
    ]),
    req({ context: { 's3:prefix': 'none' } }),
    'allow',
  ],
  [
    '${*} is a literal star',
    doc([allowS3({ Condition: { StringLike: { 's3:prefix': 'a${*}b' } } })]),
    req({ context: { 's3:prefix': 'a*b' } }),
    'allow',
  ],
  [
    '${*} does not act as a wildcard',
    doc([allowS3({ Condition: { StringLike: { 's3:prefix': 'a${*}b' } } })]),
    req({ context: { 's3:prefix': 'axxb' } }),
    'implicit-deny',
  ],
  [
    'variable value is literal inside StringLike',
    doc([
      allowS3({
        Condition: { StringLike: { 's3:prefix': '${aws:username}' } },
      }),
    ]),
    req({ context: { 'aws:username': 'a*', 's3:prefix': 'abc' } }),
    'implicit-deny',
  ],
  [
    'Version 2008-10-17 treats ${…} as text',
    {
      Version: '2008-10-17',
      Statement: [
        allowS3({
          Condition: { StringEquals: { 's3:prefix': '${aws:username}' } },
        }),
      ],
    },
    req({ context: { 'aws:username': 'ana', 's3:prefix': 'ana' } }),
    'implicit-deny',
  ],
];

const invalid: Row[] = [
  ['not an object', 42, sa('a', 'b'), 'invalid'],
  ['null', null, sa('a', 'b'), 'invalid'],
  ['array at top level', [wi()], sa('a', 'b'), 'invalid'],
  ['missing Statement', { Version: '2012-10-17' }, sa('a', 'b'), 'invalid'],
  [
    'empty Statement list',
    { Version: '2012-10-17', Statement: [] },
    sa('a', 'b'),
    'invalid',
  ],
  [
    'Effect not Allow/Deny',
    doc([{ ...wi(), Effect: 'allow' as 'Allow' }]),
    sa('a', 'b'),
    'invalid',
  ],
  [
    'Action and NotAction together',
    doc([{ ...wi(), NotAction: 's3:*' }]),
    sa('a', 'b'),
    'invalid',
  ],
  [
    'neither Action nor NotAction',
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*' }] },
    sa('a', 'b'),
    'invalid',
  ],
  [
    'unknown condition operator',
    doc([wi({ StringEqualz: { [SUB]: 'x' } } as never)]),
    sa('a', 'b'),
    'invalid',
  ],
  [
    'NullIfExists is not an operator',
    doc([wi({ NullIfExists: { [SUB]: 'true' } } as never)]),
    sa('a', 'b'),
    'invalid',
  ],
  [
    'condition value is an object',
    doc([wi({ StringEquals: { [SUB]: { x: 1 } } } as never)]),
    sa('a', 'b'),
    'invalid',
  ],
  [
    'unknown principal type',
    doc([{ ...wi(), Principal: { Cognito: 'x' } } as never]),
    sa('a', 'b'),
    'invalid',
  ],
  [
    'Principal and NotPrincipal together',
    doc([{ ...wi(), NotPrincipal: '*' }]),
    sa('a', 'b'),
    'invalid',
  ],
  [
    'unknown statement element',
    doc([{ ...wi(), Resources: '*' } as never]),
    sa('a', 'b'),
    'invalid',
  ],
  [
    'invalid JSON text',
    '{"Version": "2012-10-17", "Statement": [',
    sa('a', 'b'),
    'invalid',
  ],
  [
    'unsupported Version',
    { Version: '2020-01-01', Statement: [wi()] },
    sa('a', 'b'),
    'invalid',
  ],
  ['JSON text is accepted', JSON.stringify(doc([wi()])), sa('a', 'b'), 'allow'],
  [
    'URL-encoded JSON text (as IAM returns it) is accepted',
    encodeURIComponent(JSON.stringify(doc([wi()]))),
    sa('a', 'b'),
    'allow',
  ],
];

const podIdentity = (
  namespace: string,
  name: string,
  accountId = ACCOUNT,
  clusterArn = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`,
) =>
  podIdentityRequests({
    accountId,
    clusterArn,
    clusterName: 'prod',
    namespace,
    serviceAccount: name,
  });
const pod: Row[] = [
  [
    'Pod Identity: AssumeRole allowed by the documented trust',
    doc([pidTrust()]),
    podIdentity('a', 'b')[0],
    'allow',
  ],
  [
    'Pod Identity: TagSession allowed by the documented trust',
    doc([pidTrust()]),
    podIdentity('a', 'b')[1],
    'allow',
  ],
  [
    'Pod Identity: TagSession missing from the trust',
    doc([pidTrust({ Action: 'sts:AssumeRole' })]),
    podIdentity('a', 'b')[1],
    'implicit-deny',
  ],
  [
    'Pod Identity: aws:SourceAccount of another account',
    doc([pidTrust()]),
    podIdentity('a', 'b', '999988887777')[0],
    'implicit-deny',
  ],
  [
    'Pod Identity: ArnEquals aws:SourceArn pins the cluster',
    doc([
      pidTrust({
        Condition: {
          ArnEquals: {
            'aws:SourceArn': `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`,
          },
        },
      }),
    ]),
    podIdentity('a', 'b')[0],
    'allow',
  ],
  [
    'Pod Identity: another cluster is rejected by aws:SourceArn',
    doc([
      pidTrust({
        Condition: {
          ArnEquals: {
            'aws:SourceArn': `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`,
          },
        },
      }),
    ]),
    podIdentity(
      'a',
      'b',
      ACCOUNT,
      `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/dev`,
    )[0],
    'implicit-deny',
  ],
  [
    'Pod Identity: session tag condition on namespace',
    doc([
      pidTrust({
        Condition: {
          StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'a' },
        },
      }),
    ]),
    podIdentity('a', 'b')[1],
    'allow',
  ],
  [
    'Pod Identity: session tag condition rejects another namespace',
    doc([
      pidTrust({
        Condition: {
          StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'a' },
        },
      }),
    ]),
    podIdentity('x', 'b')[1],
    'implicit-deny',
  ],
  [
    'Pod Identity: ForAllValues on aws:TagKeys admits the EKS tags',
    doc([
      pidTrust({
        Condition: {
          'ForAllValues:StringLike': {
            'aws:TagKeys': ['kubernetes-*', 'eks-*'],
          },
        },
      }),
    ]),
    podIdentity('a', 'b')[1],
    'allow',
  ],
  [
    'Pod Identity: web identity statement does not admit the service',
    doc([wi()]),
    podIdentity('a', 'b')[0],
    'implicit-deny',
  ],
];

const seedProvider =
  (issuer: string, account: string) => (ns: string, name: string) =>
    irsaRequest({
      issuerHostPath: issuer,
      accountId: account,
      namespace: ns,
      serviceAccount: name,
    });
const seed001 = seedProvider(SEED_001_ISSUER, '054000737513');
const seed003 = seedProvider(SEED_003_ISSUER, '501672548510');
const seeds: Row[] = [
  [
    'seed 001 admits external-secrets/aws-secretsmanager',
    SEED_001_TRUST,
    seed001('external-secrets', 'aws-secretsmanager'),
    'allow',
  ],
  [
    'seed 001 rejects another service account of the namespace',
    SEED_001_TRUST,
    seed001('external-secrets', 'default'),
    'implicit-deny',
  ],
  [
    'seed 001 rejects the same name in another namespace',
    SEED_001_TRUST,
    seed001('default', 'aws-secretsmanager'),
    'implicit-deny',
  ],
  [
    'seed 001 has no aud condition: any audience passes the policy',
    SEED_001_TRUST,
    irsaRequest({
      issuerHostPath: SEED_001_ISSUER,
      accountId: '054000737513',
      namespace: 'external-secrets',
      serviceAccount: 'aws-secretsmanager',
      audience: 'other',
    }),
    'allow',
  ],
  ['seed 003 admits ns1/sdc', SEED_003_TRUST, seed003('ns1', 'sdc'), 'allow'],
  [
    'seed 003 rejects ns1/other',
    SEED_003_TRUST,
    seed003('ns1', 'other'),
    'implicit-deny',
  ],
  [
    'seed 003 rejects a cluster with another issuer',
    SEED_003_TRUST,
    seed001('ns1', 'sdc'),
    'implicit-deny',
  ],
];

const all = {
  structure,
  principals,
  actions,
  resources,
  strings,
  missingKeys,
  sets,
  typed,
  variables,
  invalid,
  pod,
  seeds,
};

describe('evaluatePolicyDocument (IAM documentation cases)', () => {
  it('has at least 150 cases', () => {
    expect(Object.values(all).flat().length).toBeGreaterThanOrEqual(150);
  });

  for (const [group, rows] of Object.entries(all)) {
    describe(`${group}`, () => {
      it.each(rows)('%s', (_name, policy, request, expected) => {
        const result = evaluatePolicyDocument(policy, request);
        expect(result.decision).toBe(expected);
      });
    });
  }
});

describe('evaluation results explain themselves', () => {
  it('names the deciding Allow statement and its conditions', () => {
    const result = evaluatePolicyDocument(
      doc([
        wi(
          { StringEquals: { [SUB]: 'system:serviceaccount:x:y' } },
          { Sid: 'Other' },
        ),
        wi(
          { StringEquals: { [SUB]: 'system:serviceaccount:a:b' } },
          { Sid: 'Mine' },
        ),
      ]),
      sa('a', 'b'),
    );
    if (!result.valid) throw new Error(result.error);
    expect(result.deciding.map(d => d.sid)).toEqual(['Mine']);
    expect(result.deciding[0].conditions[0].result).toBe(true);
    expect(result.explanation).toContain('Mine');
    expect(result.statements[0].reason).toContain('Condition failed');
  });

  it('names every applying Deny for an explicit deny', () => {
    const result = evaluatePolicyDocument(
      doc([
        wi(),
        { Sid: 'D1', Effect: 'Deny', Principal: '*', Action: 'sts:*' },
        { Sid: 'D2', Effect: 'Deny', Principal: '*', Action: '*' },
      ]),
      sa('a', 'b'),
    );
    if (!result.valid) throw new Error(result.error);
    expect(result.deciding.map(d => d.sid)).toEqual(['D1', 'D2']);
    expect(result.explanation).toMatch(/explicit Deny overrides/i);
  });

  it('says why nothing applied for an implicit deny', () => {
    const result = evaluatePolicyDocument(
      doc([wi(undefined, { Action: 'sts:AssumeRole' })]),
      sa('a', 'b'),
    );
    if (!result.valid) throw new Error(result.error);
    expect(result.deciding).toEqual([]);
    expect(result.explanation).toContain(
      'Action does not match sts:AssumeRoleWithWebIdentity',
    );
  });

  it('returns the parse error for invalid documents', () => {
    const result = evaluatePolicyDocument(
      {
        Statement: [
          { Effect: 'Allow', Action: 's3:*', Condition: { Nope: {} } },
        ],
      },
      req(),
    );
    expect(result).toMatchObject({
      valid: false,
      allowed: false,
      decision: 'invalid',
    });
    expect(!result.valid && result.error).toContain('Nope');
  });
});
