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
import { badRoleRequestCases } from '../testing/badRoleRequests';
import { planRoleRequest, RoleRequestDraft } from './planRoleRequest';
import { RoleRequestDirectory } from './requestDirectory';

const directory: RoleRequestDirectory = {
  accountIds: ['111111111111', '222222222222'],
  clusters: [
    { name: 'east', accountId: '111111111111', region: 'us-east-1', issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST' },
    { name: 'west', accountId: '222222222222', region: 'eu-west-1', eksClusterName: 'west-eks' },
  ],
};

const base: RoleRequestDraft = {
  entityRef: 'component:default/reports',
  roleName: 'reports-s3',
  clusters: ['east'],
  namespace: 'reports',
  serviceAccount: 'reports',
  access: [{ resource: 'arn:aws:s3:::reports-bucket', accessLevel: 'read-write' }],
};

describe('planRoleRequest', () => {
  it('plans an IRSA role with read and write presets', () => {
    const result = planRoleRequest(base, directory);
    if (!result.ok) throw new Error(result.error);
    const { plan } = result;
    expect(plan.roleArn).toBe('arn:aws:iam::111111111111:role/reports-s3');
    expect(plan.grants.map(g => g.preset)).toEqual(['s3-read', 's3-write']);
    expect((plan.trustPolicy.document.Statement as Array<{ Condition?: unknown }>)[0].Condition).toEqual({
      StringEquals: {
        'oidc.eks.us-east-1.amazonaws.com/id/EAST:aud': 'sts.amazonaws.com',
        'oidc.eks.us-east-1.amazonaws.com/id/EAST:sub': 'system:serviceaccount:reports:reports',
      },
    });
    expect(plan.findings.filter(f => f.severity !== 'info')).toEqual([]);
    expect(plan.risk).toBe('none');
  });

  it('takes a supplied issuer only where configuration has none', () => {
    const west = planRoleRequest(
      { ...base, clusters: [{ name: 'west', issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/WEST/' }], accountId: '222222222222' },
      directory,
    );
    expect(west.ok && west.plan.input.clusters[0].issuer).toBe('https://oidc.eks.eu-west-1.amazonaws.com/id/WEST');
    const overridden = planRoleRequest({ ...base, clusters: [{ name: 'east', issuer: 'https://evil.example.com/id/X' }] }, directory);
    expect(overridden).toMatchObject({ ok: false, field: 'clusters[0].issuer' });
    expect(planRoleRequest({ ...base, clusters: ['west'] }, directory)).toMatchObject({ ok: false, field: 'clusters[0].issuer' });
  });

  it('plans a Pod Identity role pinned to the cluster', () => {
    const result = planRoleRequest({ ...base, binding: 'pod-identity' }, directory);
    if (!result.ok) throw new Error(result.error);
    expect(JSON.stringify(result.plan.trustPolicy.document)).toContain('arn:aws:eks:us-east-1:111111111111:cluster/east');
    expect(planRoleRequest({ ...base, binding: 'pod-identity', accountId: '222222222222' }, directory)).toMatchObject({
      ok: false,
      field: 'clusters',
    });
  });

  it('records a declared owner, normalised, and leaves it out when none is given', () => {
    const declared = planRoleRequest({ ...base, owner: 'app-team' }, directory);
    expect(declared.ok && declared.plan.input.owner).toBe('group:default/app-team');
    const user = planRoleRequest({ ...base, owner: 'User:Default/Jane' }, directory);
    expect(user.ok && user.plan.input.owner).toBe('user:default/jane');
    const none = planRoleRequest({ ...base, owner: null }, directory);
    expect(none.ok && 'owner' in none.plan.input).toBe(false);
  });

  it.each([
    ['namespace', { namespace: '../kube-system' }],
    ['namespace', { namespace: 'kube-system' }],
    ['serviceAccount', { serviceAccount: 'default' }],
    ['roleName', { roleName: 'a b' }],
    ['accountId', { accountId: '333333333333' }],
    ['clusters[0]', { clusters: ['nope'] }],
    ['access[0].resource', { access: [{ resource: 'arn:aws:s3:::*', accessLevel: 'read' }] }],
    ['access[0].accessLevel', { access: [{ resource: 'arn:aws:s3:::ok-bucket', accessLevel: 'admin' }] }],
    ['access[0].accessLevel', { access: [{ resource: 'arn:aws:sns:us-east-1:111111111111:t', accessLevel: 'read' }] }],
    ['entityRef', { entityRef: 'group:default/x' }],
    ['trustPolicyQuota', { trustPolicyQuota: 5000 }],
    ['owner', { owner: 'component:default/x' }],
  ])('names the field %s', (field, patch) => {
    const result = planRoleRequest({ ...base, ...patch } as RoleRequestDraft, directory);
    expect(result).toMatchObject({ ok: false, field });
  });
});

describe('planRoleRequest bad-input suite (security.md §3)', () => {
  const suiteDirectory: RoleRequestDirectory = {
    accountIds: ['111111111111', '222222222222'],
    clusters: [
      { name: 'sandbox-east', accountId: '111111111111', region: 'us-east-1', issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST' },
      { name: 'sandbox-west', accountId: '222222222222', region: 'eu-west-1' },
    ],
  };
  const valid: RoleRequestDraft = { ...base, clusters: ['sandbox-east'] };

  it('accepts the valid base request', () => {
    expect(planRoleRequest(valid, suiteDirectory).ok).toBe(true);
  });

  it.each(badRoleRequestCases.map(c => [c.name, c] as const))('rejects %s', (_name, c) => {
    const result = planRoleRequest({ ...valid, ...c.patch }, suiteDirectory);
    expect(result).toMatchObject({ ok: false, field: c.field });
    expect(result.ok || result.error.length < 400).toBe(true);
  });
});
