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
import {
  canonicalPolicy,
  policyIdentity,
  statementIdentity,
} from './canonicalPolicy';

// Cases from the IAM JSON policy element reference (Statement, Sid, Action, Resource, Principal,
// Condition, "Creating a condition with multiple keys or values") and the policy evaluation logic.
const read = {
  Sid: 'Read',
  Effect: 'Allow',
  Action: ['s3:GetObject', 's3:GetObjectVersion'],
  Resource: 'arn:aws:s3:::reports/*',
};
const list = {
  Sid: 'List',
  Effect: 'Allow',
  Action: 's3:ListBucket',
  Resource: 'arn:aws:s3:::reports',
};
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

describe('policyIdentity', () => {
  it('does not depend on statement order: every statement is evaluated', () => {
    expect(policyIdentity(doc(read, list))).toBe(
      policyIdentity(doc(list, read)),
    );
  });

  it('reads a single statement object as a list of one', () => {
    expect(policyIdentity({ Version: '2012-10-17', Statement: read })).toBe(
      policyIdentity(doc(read)),
    );
  });

  it('reads Action, Resource and NotAction values as sets; a string is a list of one', () => {
    expect(
      policyIdentity(
        doc({
          ...read,
          Action: ['s3:GetObjectVersion', 's3:GetObject', 's3:GetObject'],
        }),
      ),
    ).toBe(policyIdentity(doc(read)));
    expect(
      policyIdentity(doc({ ...list, Resource: ['arn:aws:s3:::reports'] })),
    ).toBe(policyIdentity(doc(list)));
    const deny = {
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*'],
      Resource: '*',
    };
    expect(
      policyIdentity(doc({ ...deny, NotAction: ['sts:*', 'iam:*'] })),
    ).toBe(policyIdentity(doc(deny)));
  });

  it('reads principal identifiers as sets, per principal type', () => {
    const trust = (aws: string | string[]) => ({
      Effect: 'Allow',
      Principal: { AWS: aws },
      Action: 'sts:AssumeRole',
    });
    const a = 'arn:aws:iam::111122223333:role/a';
    const b = 'arn:aws:iam::111122223333:role/b';
    expect(policyIdentity(doc(trust([a, b])))).toBe(
      policyIdentity(doc(trust([b, a]))),
    );
    expect(policyIdentity(doc(trust(a)))).toBe(policyIdentity(doc(trust([a]))));
  });

  it('reads the values of one condition key as a set (they are OR-ed) and compares them as strings', () => {
    const withCondition = (values: unknown) => ({
      ...read,
      Condition: { StringEquals: { 'aws:PrincipalTag/team': values } },
    });
    expect(policyIdentity(doc(withCondition(['b', 'a'])))).toBe(
      policyIdentity(doc(withCondition(['a', 'b']))),
    );
    expect(policyIdentity(doc(withCondition(['a'])))).toBe(
      policyIdentity(doc(withCondition('a'))),
    );
    const secure = (value: unknown) => ({
      ...read,
      Condition: { Bool: { 'aws:SecureTransport': value } },
    });
    expect(policyIdentity(doc(secure(true)))).toBe(
      policyIdentity(doc(secure('true'))),
    );
  });

  it('leaves Sid out: it is a label and grants nothing', () => {
    expect(policyIdentity(doc({ ...read, Sid: 'Other' }))).toBe(
      policyIdentity(doc(read)),
    );
    expect(statementIdentity(read)).toBe(
      statementIdentity({ ...read, Sid: undefined }),
    );
  });

  it('tells apart what IAM evaluates differently', () => {
    const base = policyIdentity(doc(read));
    expect(policyIdentity(doc({ ...read, Effect: 'Deny' }))).not.toBe(base);
    expect(
      policyIdentity(doc({ ...read, Resource: 'arn:aws:s3:::other/*' })),
    ).not.toBe(base);
    expect(
      policyIdentity(
        doc({ ...read, NotResource: read.Resource, Resource: undefined }),
      ),
    ).not.toBe(base);
    // Conditions on different keys are AND-ed: not the same as one key with both values.
    expect(
      policyIdentity(
        doc({
          ...read,
          Condition: { StringEquals: { 'aws:a': 'x', 'aws:b': 'y' } },
        }),
      ),
    ).not.toBe(
      policyIdentity(
        doc({ ...read, Condition: { StringEquals: { 'aws:a': ['x', 'y'] } } }),
      ),
    );
    // Policy variables only work with 2012-10-17; no Version means 2008-10-17.
    expect(policyIdentity({ Statement: [read] })).not.toBe(base);
  });
});

describe('canonicalPolicy', () => {
  it('writes a document one way, keeping Sids for people to read', () => {
    expect(
      canonicalPolicy({
        Version: '2012-10-17',
        Statement: [
          { ...read, Action: ['s3:GetObjectVersion', 's3:GetObject'] },
          { ...list, Action: ['s3:ListBucket'] },
        ],
      }),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        { ...list, Action: 's3:ListBucket' },
        { ...read, Action: ['s3:GetObject', 's3:GetObjectVersion'] },
      ],
    });
  });

  it('drops a statement written twice', () => {
    expect(canonicalPolicy(doc(read, read))).toEqual(doc(read));
  });

  it('returns what is not a policy object as it is', () => {
    expect(canonicalPolicy('text')).toBe('text');
    expect(canonicalPolicy({ Version: '2012-10-17' })).toEqual({
      Version: '2012-10-17',
    });
  });
});
