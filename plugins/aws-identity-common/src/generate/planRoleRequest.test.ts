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
import { SEVERITIES } from '../domain/types';
import { badRoleRequestCases } from '../testing/badRoleRequests';
import { planRoleRequest, RoleRequestDraft, withExistingRole } from './planRoleRequest';
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

  // The issuer decides which cluster's tokens the role accepts: it comes from configuration or
  // EKS (the directory), never from the request. This test pinned the old behaviour (a supplied
  // issuer was taken where configuration had none); that was the bug of issue 13.
  it('takes every issuer from the directory, never from the request', () => {
    const supplied = planRoleRequest(
      { ...base, clusters: [{ name: 'west', issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/WEST/' }], accountId: '222222222222' },
      directory,
    );
    expect(supplied).toMatchObject({ ok: false, field: 'clusters[0].issuer' });
    expect(!supplied.ok && supplied.error).toMatch(/unknown.*cannot supply it/);
    const overridden = planRoleRequest({ ...base, clusters: [{ name: 'east', issuer: 'https://evil.example.com/id/X' }] }, directory);
    expect(overridden).toMatchObject({ ok: false, field: 'clusters[0].issuer' });
    expect(!overridden.ok && overridden.error).toContain('https://oidc.eks.us-east-1.amazonaws.com/id/EAST');
    expect(planRoleRequest({ ...base, clusters: ['west'] }, directory)).toMatchObject({ ok: false, field: 'clusters[0].issuer' });
    // Repeating the directory's issuer (in another spelling) is fine: it names the same issuer.
    const repeated = planRoleRequest({ ...base, clusters: [{ name: 'east', issuer: 'oidc.eks.us-east-1.amazonaws.com/id/EAST/' }] }, directory);
    expect(repeated.ok && repeated.plan.input.clusters[0].issuer).toBe('https://oidc.eks.us-east-1.amazonaws.com/id/EAST');
  });

  // The scaffolder's cluster picker sends the cluster with its account and region; like the
  // issuer, they are the directory's to decide, so a value the user edited is refused.
  it('accepts the account and region the directory has for a cluster, and refuses others', () => {
    const picked = planRoleRequest(
      { ...base, clusters: [{ name: 'east', accountId: '111111111111', region: 'us-east-1' }] },
      directory,
    );
    expect(picked.ok && picked.plan.input.clusters[0]).toMatchObject({ name: 'east', accountId: '111111111111', region: 'us-east-1' });
    expect(
      planRoleRequest({ ...base, clusters: [{ name: 'east', accountId: '222222222222' }] }, directory),
    ).toMatchObject({ ok: false, field: 'clusters[0].accountId' });
    expect(
      planRoleRequest({ ...base, clusters: [{ name: 'east', region: 'eu-west-1' }] }, directory),
    ).toMatchObject({ ok: false, field: 'clusters[0].region' });
  });

  it('names the issuer and the OIDC provider ARN the role trusts, per cluster', () => {
    const withWest: RoleRequestDirectory = {
      ...directory,
      clusters: directory.clusters.map(c => (c.name === 'west' ? { ...c, issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST' } : c)),
    };
    const result = planRoleRequest({ ...base, clusters: ['east', 'west'] }, withWest);
    if (!result.ok) throw new Error(result.error);
    // The provider lives in the role's account (IRSA cross-account: the OIDC provider must be
    // created in the account of the role), whatever account the cluster runs in.
    expect(result.plan.oidcProviders).toEqual([
      { cluster: 'east', issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST', oidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EAST' },
      { cluster: 'west', issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST', oidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/WEST' },
    ]);
    // Both issuers are the platform's clusters: IRSA-T09 reports the breadth, not an unknown cluster.
    const t09 = result.plan.findings.find(f => f.id === 'IRSA-T09');
    expect(t09).toMatchObject({ severity: 'medium' });
    expect(t09?.message).not.toContain('Not a known cluster');
    expect(planRoleRequest({ ...base, binding: 'pod-identity' }, directory)).toMatchObject({ ok: true, plan: { risk: expect.any(String) } });
    const pod = planRoleRequest({ ...base, binding: 'pod-identity' }, directory);
    expect(pod.ok && pod.plan.oidcProviders).toBeUndefined();
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

describe('planRoleRequest against a role IAM already has', () => {
  const mine = { 'managed-by': 'aws-identity', 'aws-identity/entity': 'component:default/reports' };
  // IAM: "Role names must be unique within the account. They are not distinguished by case",
  // and the path does not make a name unique. The lookup receives account and name only.
  it.each([
    ['the same name, no tags', 'arn:aws:iam::111111111111:role/reports-s3', undefined],
    ['another case and a path, no tags', 'arn:aws:iam::111111111111:role/k8s-main/Reports-S3', {}],
    ['tags of another tool', 'arn:aws:iam::111111111111:role/REPORTS-S3', { 'managed-by': 'terraform' }],
    ['the portal tag of another entity', 'arn:aws:iam::111111111111:role/reports-s3', { ...mine, 'aws-identity/entity': 'component:default/billing' }],
    ['the portal tag without an entity', 'arn:aws:iam::111111111111:role/reports-s3', { 'managed-by': 'aws-identity' }],
  ])('refuses the name when the existing role has %s (IRSA-R01)', (_case, arn, tags) => {
    const asked: string[] = [];
    const result = planRoleRequest(base, directory, {
      existingRole: (accountId, roleName) => {
        asked.push(`${accountId}:${roleName}`);
        return { arn, tags };
      },
    });
    expect(asked).toEqual(['111111111111:reports-s3']);
    expect(result).toMatchObject({ ok: false, field: 'roleName' });
    expect(!result.ok && result.error).toContain('IRSA-R01');
    expect(!result.ok && result.error).toContain(arn);
  });

  it("plans over the portal's own role for the same entity (tag keys compared case-insensitively, as IAM does)", () => {
    const result = planRoleRequest(base, directory, {
      existingRole: () => ({ arn: 'arn:aws:iam::111111111111:role/reports-s3', tags: { 'Managed-By': 'aws-identity', 'aws-identity/entity': 'component:default/reports' } }),
    });
    expect(result.ok && result.plan.findings.map(f => f.id)).not.toContain('IRSA-R01');
    expect(planRoleRequest(base, directory, { existingRole: () => ({ arn: 'x', tags: mine }) }).ok).toBe(true);
  });

  it('makes a recorded plan critical once a foreign role with its name appears, and clears it when it goes', () => {
    const result = planRoleRequest(base, directory);
    if (!result.ok) throw new Error(result.error);
    const taken = withExistingRole(result.plan, { arn: 'arn:aws:iam::111111111111:role/team/Reports-S3', tags: {} });
    expect(taken.risk).toBe('critical');
    expect(taken.findings[0]).toMatchObject({ id: 'IRSA-R01', severity: 'critical', subject: { kind: 'role', ref: 'arn:aws:iam::111111111111:role/team/Reports-S3' } });
    expect(withExistingRole(taken, undefined)).toMatchObject({ risk: result.plan.risk, findings: result.plan.findings });
    expect(withExistingRole(result.plan, undefined)).toBe(result.plan);
  });
});

describe('planRoleRequest: Secrets Manager prefixes (IRSA-P15)', () => {
  const secret = (prefix: string) => ({
    ...base,
    access: [{ resource: `arn:aws:secretsmanager:us-east-1:111111111111:secret:${prefix}`, preset: 'secretsmanager-read-prefix' }],
  });
  // Secret names share one namespace per account and region; the preset grants `<prefix>*`.
  it.each(['a', 'ab', 'a/', '-_', 'a.b'])('rates the prefix %j high, with a finding and a fix', prefix => {
    const result = planRoleRequest(secret(prefix), directory);
    if (!result.ok) throw new Error(result.error);
    expect(result.plan.risk).toBe('high');
    const finding = result.plan.findings.find(f => f.id === 'IRSA-P15');
    expect(finding).toMatchObject({ severity: 'high', failMode: 'open' });
    expect(finding?.message).toContain(`secret:${prefix}*`);
  });

  it('lists a plan\'s findings most severe first, the order every surface shows', () => {
    // A one-character prefix (high) on a plan that also draws lower findings.
    const result = planRoleRequest(secret('a'), directory);
    if (!result.ok) throw new Error(result.error);
    const taken = withExistingRole(result.plan, { arn: 'arn:aws:iam::111111111111:role/team/Reports-S3', tags: {} });
    for (const plan of [result.plan, taken]) {
      const ranks = plan.findings.map(f => SEVERITIES.indexOf(f.severity));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(taken.findings.map(f => f.severity).slice(0, 2)).toEqual(['critical', 'high']);
  });

  it.each(['payments/', 'app', 'team-a/reports-'])('accepts the prefix %j', prefix => {
    const result = planRoleRequest(secret(prefix), directory);
    expect(result.ok && result.plan.findings.map(f => f.id)).not.toContain('IRSA-P15');
  });
});

// EKS User Guide, "Access AWS resources using EKS Pod Identity target IAM roles" and
// CreatePodIdentityAssociation (targetRoleArn, disableSessionTags, policy).
describe('planRoleRequest: Pod Identity association options', () => {
  const TARGET = 'arn:aws:iam::333333333333:role/reports-archive';
  const podIdentity: RoleRequestDraft = { ...base, binding: 'pod-identity' };
  const readObjects = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports-bucket/*' }] };
  const planOf = (draft: RoleRequestDraft) => {
    const result = planRoleRequest(draft, directory);
    if (!result.ok) throw new Error(`${result.field}: ${result.error}`);
    return result.plan;
  };

  it('with a target role the requested role may only assume it, with sts:TagSession for the transitive session tags', () => {
    const plan = planOf({ ...podIdentity, access: [], targetRoleArn: TARGET });
    expect(plan.input.targetRoleArn).toBe(TARGET);
    expect(plan.grants).toEqual([]);
    expect(plan.permissionPolicy.document.Statement).toEqual([
      { Sid: 'AssumePodIdentityTargetRole', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: TARGET },
    ]);
  });

  it("the target role's trust is generated by the engine and pinned to the requested role", () => {
    const plan = planOf({ ...podIdentity, access: [], targetRoleArn: TARGET });
    expect(plan.targetRoleTrust?.document.Statement).toEqual([
      {
        Sid: 'EksPodIdentityAssociationRole',
        Effect: 'Allow',
        Principal: { AWS: plan.roleArn },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ]);
    // A requester cannot hand in a trust of their own: unknown fields are not read.
    const smuggled = planOf({ ...podIdentity, access: [], targetRoleArn: TARGET, targetRoleTrust: { Statement: [{ Principal: '*' }] } } as RoleRequestDraft);
    expect(smuggled.targetRoleTrust).toEqual(plan.targetRoleTrust);
  });

  it('with session tags disabled the chain needs sts:AssumeRole only', () => {
    const plan = planOf({ ...podIdentity, access: [], targetRoleArn: TARGET, disableSessionTags: true });
    expect(plan.permissionPolicy.document.Statement).toEqual([expect.objectContaining({ Action: ['sts:AssumeRole'] })]);
    expect(plan.targetRoleTrust?.document.Statement).toEqual([expect.objectContaining({ Action: ['sts:AssumeRole'] })]);
  });

  it('keeps the session policy as minified JSON, given as text or as a document', () => {
    const fromText = planOf({ ...podIdentity, disableSessionTags: true, sessionPolicy: JSON.stringify(readObjects, null, 2) });
    const fromDocument = planOf({ ...podIdentity, disableSessionTags: true, sessionPolicy: readObjects });
    expect(fromText.input.sessionPolicy).toBe(JSON.stringify(readObjects));
    expect(fromDocument.input).toEqual(fromText.input);
    expect(fromText.input.disableSessionTags).toBe(true);
    expect(fromText.targetRoleTrust).toBeUndefined();
  });

  it('accepts a session policy of exactly 2,048 characters and warns that the packed size is near the limit (PID-10)', () => {
    const resource = 'arn:aws:s3:::reports-bucket/';
    const shell = JSON.stringify({ ...readObjects, Statement: [{ ...readObjects.Statement[0], Resource: resource }] });
    const exact = { ...readObjects, Statement: [{ ...readObjects.Statement[0], Resource: resource + 'x'.repeat(2048 - shell.length) }] };
    expect(JSON.stringify(exact)).toHaveLength(2048);
    const plan = planOf({ ...podIdentity, disableSessionTags: true, sessionPolicy: exact });
    expect(plan.findings.map(f => f.id)).toContain('PID-10');
    expect(plan.risk).not.toBe('none');
  });

  it('plain Pod Identity plans are unchanged: no association options, no association findings', () => {
    const plan = planOf(podIdentity);
    expect(plan.input).not.toHaveProperty('targetRoleArn');
    expect(plan.input).not.toHaveProperty('sessionPolicy');
    expect(plan.input).not.toHaveProperty('disableSessionTags');
    expect(plan.findings.filter(f => /^PID-(0[5-9]|1\d)$/.test(f.id))).toEqual([]);
  });
});
