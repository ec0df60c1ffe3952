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
  EvaluationRequest,
  evaluatePolicy,
  evaluatePolicyDocument,
} from './evaluatePolicy';
import { analyzeTrustBreadth } from './trustBreadth';
import {
  irsaRequest,
  podIdentityRequests,
  podIdentitySessionContext,
} from './workloadRequests';
import { parsePolicy } from '../policy/parsePolicy';

// A small seeded PRNG (mulberry32) so failures reproduce.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Keys and strings biased towards policy vocabulary, so that random
// documents often get deep into the parser and evaluator.
const KEYS = [
  'Version',
  'Statement',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'Sid',
  'Federated',
  'AWS',
  'Service',
  'StringEquals',
  'StringLike',
  'ForAllValues:StringNotLikeIfExists',
  'Null',
  'Bool',
  'ArnLike',
  'NumericLessThan',
  'IpAddress',
  'NotIpAddress',
  'IpAddressIfExists',
  'StringNotEquals',
  'StringNotLike',
  'ArnNotLike',
  'ArnLike',
  'ForAnyValue:StringLike',
  'StringEqualsIfExists',
  'aws:SourceIp',
  'aws:username',
  'aws:PrincipalTag/kubernetes-namespace',
  'oidc.eks.eu-west-1.amazonaws.com/id/X:sub',
  'oidc.eks.eu-west-1.amazonaws.com/id/X:aud',
  'DateLessThan',
  '__proto__',
  'constructor',
  'x',
];
const STRINGS = [
  '2012-10-17',
  'Allow',
  'Deny',
  '*',
  'sts:*',
  'sts:AssumeRoleWithWebIdentity',
  'system:serviceaccount:*',
  '${aws:username}',
  '${*}',
  '${?}${$}',
  "${aws:userid, 'anonymous'}",
  '${',
  '${}',
  '${aws:TagKeys}',
  '${oidc.eks.eu-west-1.amazonaws.com/id/X:sub}',
  'arn:aws:s3:::bucket/${aws:PrincipalTag/kubernetes-namespace}/*',
  'arn:aws:sqs:${aws:username}:*:q',
  'system:serviceaccount:*i',
  'system:serviceaccount:team-?:${aws:username}',
  '2001:DB8:1234:5678::/64',
  '::ffff:203.0.113.7',
  '::/0',
  'fe80::1%eth0',
  '1::2::3',
  '10.0.0.0/33',
  '203.0.113.7',
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X',
  'oidc.eks.eu-west-1.amazonaws.com/id/X:sub',
  'true',
  '10.0.0.0/8',
  '',
  '%7B',
  '?',
  'a'.repeat(300),
];

function randomJson(next: () => number, depth: number): unknown {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const r = next();
  if (depth <= 0 || r < 0.3) {
    const s = next();
    if (s < 0.5) return pick(STRINGS);
    if (s < 0.65) return Math.floor(next() * 2000) - 1000;
    if (s < 0.75) return next() < 0.5;
    if (s < 0.85) return null;
    return String.fromCharCode(Math.floor(next() * 0xffff));
  }
  if (r < 0.55)
    return Array.from({ length: Math.floor(next() * 4) }, () =>
      randomJson(next, depth - 1),
    );
  const out: Record<string, unknown> = {};
  const n = Math.floor(next() * 5);
  for (let i = 0; i < n; i++) out[pick(KEYS)] = randomJson(next, depth - 1);
  return out;
}

const request = irsaRequest({
  issuerHostPath: 'oidc.eks.eu-west-1.amazonaws.com/id/X',
  accountId: '111122223333',
  namespace: 'a',
  serviceAccount: 'b',
});
const pod = {
  accountId: '111122223333',
  clusterArn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
  namespace: 'team-a',
  serviceAccount: 'api',
};
// Requests that make variables resolve (or not) and IPv6 addresses compare.
const requests: EvaluationRequest[] = [
  request,
  ...podIdentityRequests(pod),
  {
    principal: {
      type: 'AWS',
      id: 'arn:aws:sts::111122223333:assumed-role/app/s',
      accountId: '111122223333',
    },
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::bucket/team-a/x',
    context: {
      ...podIdentitySessionContext(pod),
      'aws:username': 'a*b?${x}',
      'aws:SourceIp': '2001:db8:1234:5678::1',
      'aws:TagKeys': ['team', ''],
    },
  },
  {
    principal: { type: 'AWS', id: '*', accountId: '111122223333' },
    action: 's3:GetObject',
    resource: '${aws:username}',
    context: { 'aws:SourceIp': 'not-an-ip', 'aws:username': '' },
  },
];

describe('the evaluator never throws on arbitrary JSON', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: 2,000 random documents', seed => {
    const next = rng(seed);
    for (let i = 0; i < 2000; i++) {
      const value =
        i % 2 === 0
          ? { Version: '2012-10-17', Statement: randomJson(next, 5) }
          : randomJson(next, 6);
      const text = JSON.stringify(value) ?? 'undefined';
      const r = requests[i % requests.length];
      expect(() => evaluatePolicyDocument(value, r)).not.toThrow();
      expect(() => evaluatePolicyDocument(text, r)).not.toThrow();
      const result = evaluatePolicyDocument(value, r);
      expect(['allow', 'explicit-deny', 'implicit-deny', 'invalid']).toContain(
        result.decision,
      );
      // Traces and explanations are built lazily: reading them must not throw.
      expect(() => JSON.stringify(result)).not.toThrow();
    }
  });

  it.each([1, 2, 3])(
    'seed %i: breadth analysis never throws, and every witness is admitted',
    seed => {
      const next = rng(seed * 7919);
      const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
      const provider =
        'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X';
      const key = (claim: string) =>
        `oidc.eks.eu-west-1.amazonaws.com/id/X:${claim}`;
      const operators = [
        'StringLike',
        'StringEquals',
        'StringNotLike',
        'StringNotEquals',
        'ForAnyValue:StringLike',
        'StringLikeIfExists',
        'StringEqualsIgnoreCase',
        'NumericEquals',
        'Null',
      ];
      const values = [
        ...STRINGS,
        'system:serviceaccount:*',
        'system:serviceaccount:app:*',
        'system:serviceaccount:*:api',
        'system:serviceaccount:app:api',
        'sts.*',
        'sts.amazonaws.com',
        'false',
      ];
      let witnesses = 0;
      for (let i = 0; i < 150; i++) {
        const statements = Array.from(
          { length: 1 + Math.floor(next() * 3) },
          () => ({
            Effect: next() < 0.75 ? 'Allow' : 'Deny',
            Principal: next() < 0.8 ? { Federated: provider } : '*',
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              [pick(operators)]: {
                [key(next() < 0.8 ? 'sub' : 'aud')]: Array.from(
                  { length: 1 + Math.floor(next() * 2) },
                  () => pick(values),
                ),
              },
            },
          }),
        );
        const parsed = parsePolicy({
          Version: '2012-10-17',
          Statement: statements,
        });
        if (!parsed.ok) continue;
        const breadth = analyzeTrustBreadth(parsed.value, {
          issuerHostPath: 'oidc.eks.eu-west-1.amazonaws.com/id/X',
          namespace: 'app',
          serviceAccount: 'api',
        });
        for (const b of breadth) {
          for (const s of b.statements) {
            for (const w of [
              s.otherNamespace,
              ...s.otherServiceAccounts.map(o => o.witness),
            ]) {
              if (!w) continue;
              witnesses++;
              const decision = evaluatePolicy(
                parsed.value,
                irsaRequest({
                  issuerHostPath: 'oidc.eks.eu-west-1.amazonaws.com/id/X',
                  accountId: '111122223333',
                  namespace: w.namespace,
                  serviceAccount: w.serviceAccount,
                }),
              );
              expect(decision.allowed).toBe(true);
            }
          }
        }
      }
      // The generator reaches wide trusts, so witnesses were really checked.
      expect(witnesses).toBeGreaterThan(10);
    },
  );

  it('survives hostile objects and truncated text', () => {
    const hostile = Object.defineProperty({}, 'Statement', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    expect(parsePolicy(hostile).ok).toBe(false);
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*' }],
    });
    for (let i = 0; i < text.length; i++) {
      expect(() =>
        evaluatePolicyDocument(text.slice(0, i), request),
      ).not.toThrow();
    }
    expect(evaluatePolicyDocument('%E0%A4%A', request).decision).toBe(
      'invalid',
    );
    expect(evaluatePolicyDocument(undefined, request).decision).toBe('invalid');
  });
});
