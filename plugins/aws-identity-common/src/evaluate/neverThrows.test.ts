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
import { evaluatePolicyDocument } from './evaluatePolicy';
import { irsaRequest } from './workloadRequests';
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

describe('the evaluator never throws on arbitrary JSON', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: 2,000 random documents', seed => {
    const next = rng(seed);
    for (let i = 0; i < 2000; i++) {
      const value =
        i % 2 === 0
          ? { Version: '2012-10-17', Statement: randomJson(next, 5) }
          : randomJson(next, 6);
      const text = JSON.stringify(value) ?? 'undefined';
      expect(() => evaluatePolicyDocument(value, request)).not.toThrow();
      expect(() => evaluatePolicyDocument(text, request)).not.toThrow();
      const result = evaluatePolicyDocument(value, request);
      expect(['allow', 'explicit-deny', 'implicit-deny', 'invalid']).toContain(
        result.decision,
      );
    }
  });

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
