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
  normalizeIssuer,
  parseArn,
  parseRoleArn,
  parseServiceAccountRef,
  validateAccountId,
  validateNamespace,
  validateRoleName,
  validateRolePath,
  validateS3BucketName,
  validateServiceAccountName,
} from './identifiers';

describe('parsing helpers (security.md §3 bad inputs)', () => {
  it.each([
    '../kube-system',
    'a/b',
    'Payments',
    '-ns',
    'ns-',
    'a'.repeat(64),
    '',
  ])('rejects namespace %p', ns => {
    expect(validateNamespace(ns).ok).toBe(false);
  });
  it.each(['payments', 'a', 'team-a-1'])('accepts namespace %p', ns =>
    expect(validateNamespace(ns).ok).toBe(true),
  );

  it.each(['*', 'sa:evil', 'sa/../x', 'Upper', 'a'.repeat(254), '', 'a?'])(
    'rejects service account %p',
    name => {
      expect(validateServiceAccountName(name).ok).toBe(false);
    },
  );
  it.each(['api', 'api.v2', 'default'])('accepts service account %p', name =>
    expect(validateServiceAccountName(name).ok).toBe(true),
  );

  it('parses ns/name and names the bad part', () => {
    expect(parseServiceAccountRef('payments/api')).toEqual({
      ok: true,
      value: { namespace: 'payments', name: 'api' },
    });
    expect(parseServiceAccountRef('payments')).toMatchObject({
      ok: false,
      error: expect.stringContaining('namespace/name'),
    });
    expect(parseServiceAccountRef('Pay/api')).toMatchObject({
      ok: false,
      error: expect.stringContaining('namespace'),
    });
    expect(parseServiceAccountRef('pay/a:b')).toMatchObject({
      ok: false,
      error: expect.stringContaining('service account'),
    });
  });

  it.each(['my role', 'a/b', 'x'.repeat(65), ''])(
    'rejects role name %p',
    name => expect(validateRoleName(name).ok).toBe(false),
  );
  it.each(['app-role', 'a+b=c,d.e@f_g'])('accepts role name %p', name =>
    expect(validateRoleName(name).ok).toBe(true),
  );
  it.each(['/', '/team/', '/a/b/'])('accepts path %p', p =>
    expect(validateRolePath(p).ok).toBe(true),
  );
  it.each(['team/', '/team', '//x', `/${'a'.repeat(512)}/`])(
    'rejects path %p',
    p => expect(validateRolePath(p).ok).toBe(false),
  );

  it.each(['12345678901', '1234567890123', 'abcdefghijkl', ''])(
    'rejects account %p',
    a => expect(validateAccountId(a).ok).toBe(false),
  );
  it('accepts a 12-digit account', () =>
    expect(validateAccountId('012345678901').ok).toBe(true));

  it.each([
    '*',
    'my-bucket*',
    'MyBucket',
    'ab',
    'a'.repeat(64),
    '192.168.5.4',
    'a..b',
    'xn--x',
    'sthree-x',
    'amzn-s3-demo-x',
    'x-s3alias',
    'x--ol-s3',
    'x.mrap',
    'x--x-s3',
    'x--table-s3',
    '-abc',
  ])('rejects bucket %p', b => {
    expect(validateS3BucketName(b).ok).toBe(false);
  });
  it.each(['my-bucket', 'logs.example.com', 'abc'])('accepts bucket %p', b =>
    expect(validateS3BucketName(b).ok).toBe(true),
  );

  it('parses ARNs and rejects injection characters', () => {
    expect(parseArn('arn:aws:s3:::bucket/a:b')).toEqual({
      ok: true,
      value: {
        partition: 'aws',
        service: 's3',
        region: '',
        accountId: '',
        resource: 'bucket/a:b',
      },
    });
    expect(parseArn('arn:aws:s3:::b"}').ok).toBe(false);
    expect(parseArn('arn:aws:s3').ok).toBe(false);
    expect(parseArn(42).ok).toBe(false);
  });

  it('parses role ARNs with paths', () => {
    expect(
      parseRoleArn('arn:aws:iam::054000737513:role/k8s-main/ExternalSecrets'),
    ).toEqual({
      ok: true,
      value: {
        arn: 'arn:aws:iam::054000737513:role/k8s-main/ExternalSecrets',
        partition: 'aws',
        accountId: '054000737513',
        path: '/k8s-main/',
        name: 'ExternalSecrets',
      },
    });
    expect(parseRoleArn('arn:aws:iam::054000737513:user/x').ok).toBe(false);
    expect(parseRoleArn('arn:aws-xx:iam::054000737513:role/x').ok).toBe(false);
  });

  it.each([
    [
      'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC/',
      'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    ],
    [
      'OIDC.EKS.eu-west-1.amazonaws.com/id/ABC',
      'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    ],
    [
      'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
      'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    ],
  ])('normalises issuer %p', (input, hostPath) => {
    expect(normalizeIssuer(input)).toEqual({
      ok: true,
      value: { hostPath, url: `https://${hostPath}` },
    });
  });
  it.each([
    'http://oidc.example.com',
    '',
    'https://',
    'https://exa mple.com',
    'https://x.com/*',
  ])('rejects issuer %p', i => {
    expect(normalizeIssuer(i).ok).toBe(false);
  });
});
