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
import { PodIdentityAssociation, Role } from '../domain/types';
import { podIdentityAssociationChecks } from '../checks/podIdentityChainChecks';
import { runChecks } from '../checks/types';
import { buildIdentityReport } from '../report/buildIdentityReport';
import { podIdentityTrustPolicy } from '../testing';
import { evaluatePodIdentityChain } from './podIdentityChain';

// Cases from the EKS User Guide ("Access AWS resources using EKS Pod Identity target IAM roles",
// "Create IAM role with trust policy required by EKS Pod Identity"), the EKS API reference
// (PodIdentityAssociation: externalId, disableSessionTags, policy) and the IAM User Guide (role
// chaining needs the caller's permission and the target's trust; session tags are transitive).

const CLUSTER_ACCOUNT = '111122223333';
const TARGET_ACCOUNT = '444455556666';
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${CLUSTER_ACCOUNT}:cluster/prod`;
const FIRST = `arn:aws:iam::${CLUSTER_ACCOUNT}:role/eks-pod-identity-primary-role`;
const TARGET = `arn:aws:iam::${TARGET_ACCOUNT}:role/reports-reader`;
const EXTERNAL_ID = 'eu-west-1/111122223333/prod/reports/reports-api';

/** The EKS User Guide's Pod Identity trust of the cluster's account and cluster, with `extra` replacing its keys. */
const pods = (extra: object = {}) => {
  const trust = podIdentityTrustPolicy({ accountId: CLUSTER_ACCOUNT, clusterArn: CLUSTER_ARN });
  return { ...trust, Statement: [{ ...trust.Statement[0], ...extra }] };
};
const targetTrust = (statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const pinnedTarget = targetTrust([
  { Effect: 'Allow', Principal: { AWS: FIRST }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } } },
  { Effect: 'Allow', Principal: { AWS: FIRST }, Action: 'sts:TagSession' },
]);
const mayAssumeTarget = {
  name: 'assume-target',
  kind: 'inline' as const,
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: TARGET }] },
};

function role(arn: string, trustPolicy: unknown, permissionPolicies: Role['permissionPolicies'] = []): Role {
  const [, , , , accountId, resource] = arn.split(':');
  return { arn, name: resource.split('/').pop()!, accountId, trustPolicy, permissionPolicies };
}
const association = (extra: Partial<PodIdentityAssociation> = {}): PodIdentityAssociation => ({
  associationId: 'a-0123456789abcdefg',
  cluster: 'prod',
  namespace: 'reports',
  serviceAccount: 'reports-api',
  roleArn: FIRST,
  ...extra,
});
const request = { accountId: CLUSTER_ACCOUNT, clusterArn: CLUSTER_ARN, clusterName: 'prod', namespace: 'reports', serviceAccount: 'reports-api' };
const chainOf = (a: PodIdentityAssociation, roles: Role[]) =>
  evaluatePodIdentityChain({ association: a, request, roles: new Map(roles.map(r => [r.arn, r])) });
const findingIds = (a: PodIdentityAssociation, roles: Role[]) => {
  const chain = chainOf(a, roles);
  const byArn = new Map(roles.map(r => [r.arn, r]));
  return runChecks(
    podIdentityAssociationChecks,
    { association: a, chain, associationRole: byArn.get(a.roleArn), targetRole: a.targetRoleArn ? byArn.get(a.targetRoleArn) : undefined },
    { kind: 'association', ref: 'a' },
  ).map(f => f.id);
};

describe('evaluatePodIdentityChain', () => {
  it('one hop: pods.eks.amazonaws.com assumes the association role with AssumeRole and TagSession', () => {
    const chain = chainOf(association(), [role(FIRST, pods())]);
    expect(chain).toMatchObject({ allowed: true, effectiveRoleArn: FIRST, sessionTags: true });
    expect(chain.hops).toHaveLength(1);
  });

  it('one hop denied when the trust pins another cluster (aws:SourceArn)', () => {
    const chain = chainOf(association(), [
      role(FIRST, pods({ Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:eks:eu-west-1:${CLUSTER_ACCOUNT}:cluster/other` } } })),
    ]);
    expect(chain).toMatchObject({ allowed: false, failingHop: 0 });
  });

  it('two hops allowed: the target trusts the association role with the external id, and the first role may assume the target', () => {
    const chain = chainOf(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID }), [
      role(FIRST, pods(), [mayAssumeTarget]),
      role(TARGET, pinnedTarget),
    ]);
    expect(chain.allowed).toBe(true);
    expect(chain.effectiveRoleArn).toBe(TARGET);
    expect(chain.hops.map(h => [h.step, h.allowed, h.callerPermitted])).toEqual([
      ['association-role', true, undefined],
      ['target-role', true, true],
    ]);
  });

  it('target hop denied when the external id differs (confused-deputy protection)', () => {
    const chain = chainOf(association({ targetRoleArn: TARGET, externalId: 'another-association' }), [
      role(FIRST, pods(), [mayAssumeTarget]),
      role(TARGET, pinnedTarget),
    ]);
    expect(chain).toMatchObject({ allowed: false, failingHop: 1 });
    expect(chain.hops[1].reason).toMatch(/does not admit a session of .*eks-pod-identity-primary-role with external id another-association/);
  });

  it("target hop denied when the first role's own permissions do not allow sts:AssumeRole on the target (both sides of a chain)", () => {
    const chain = chainOf(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID }), [role(FIRST, pods()), role(TARGET, pinnedTarget)]);
    expect(chain).toMatchObject({ allowed: false, failingHop: 1 });
    expect(chain.hops[1]).toMatchObject({ callerPermitted: false, trust: { allowed: true } });
  });

  it('a target trust that names the role admits its sessions (IAM role principals)', () => {
    const chain = chainOf(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID }), [
      role(FIRST, pods(), [mayAssumeTarget]),
      role(TARGET, targetTrust([{ Effect: 'Allow', Principal: { AWS: FIRST }, Action: ['sts:AssumeRole', 'sts:TagSession'] }])),
    ]);
    expect(chain.allowed).toBe(true);
  });

  it('with session tags on, the target must allow sts:TagSession for the transitive tags; with tags disabled only AssumeRole is called', () => {
    const noTag = targetTrust([{ Effect: 'Allow', Principal: { AWS: FIRST }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } } }]);
    const onlyAssume = { ...mayAssumeTarget, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: TARGET }] } };
    const tagged = chainOf(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID }), [role(FIRST, pods(), [onlyAssume]), role(TARGET, noTag)]);
    expect(tagged).toMatchObject({ allowed: false, failingHop: 1 });
    const untagged = chainOf(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID, disableSessionTags: true }), [
      role(FIRST, pods(), [onlyAssume]),
      role(TARGET, noTag),
    ]);
    expect(untagged).toMatchObject({ allowed: true, sessionTags: false });
  });

  it('the transitive session tags are visible to the target trust (aws:PrincipalTag and aws:RequestTag)', () => {
    const byNamespace = targetTrust([
      { Effect: 'Allow', Principal: { AWS: FIRST }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'reports' } } },
    ]);
    const ok = chainOf(association({ targetRoleArn: TARGET }), [role(FIRST, pods(), [mayAssumeTarget]), role(TARGET, byNamespace)]);
    expect(ok.allowed).toBe(true);
    const untagged = chainOf(association({ targetRoleArn: TARGET, disableSessionTags: true }), [role(FIRST, pods(), [mayAssumeTarget]), role(TARGET, byNamespace)]);
    expect(untagged).toMatchObject({ allowed: false, failingHop: 1 });
  });

  it('an explicit Deny in the first role\'s permissions wins over its Allow', () => {
    const deny = { name: 'deny', kind: 'inline' as const, document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }] } };
    const chain = chainOf(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID }), [role(FIRST, pods(), [mayAssumeTarget, deny]), role(TARGET, pinnedTarget)]);
    expect(chain.hops[1].callerPermitted).toBe(false);
  });

  it('a target role that is not read leaves the chain undecided, never allowed', () => {
    const chain = chainOf(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID }), [role(FIRST, pods(), [mayAssumeTarget])]);
    expect(chain.allowed).toBeUndefined();
    expect(chain.hops[1].reason).toMatch(/not found/);
  });
});

describe('Pod Identity association checks', () => {
  const twoHops = [role(FIRST, pods(), [mayAssumeTarget]), role(TARGET, pinnedTarget)];

  it('PID-05: a session policy without disableSessionTags is rejected by EKS', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] });
    expect(findingIds(association({ sessionPolicy: policy }), [role(FIRST, pods())])).toContain('PID-05');
    expect(findingIds(association({ sessionPolicy: policy, disableSessionTags: true }), [role(FIRST, pods())])).not.toContain('PID-05');
  });

  it('PID-06: a target trust that admits the whole account, or no external id, is flagged; the pinned one is not', () => {
    const account = targetTrust([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${CLUSTER_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: FIRST }, Action: 'sts:TagSession' }]);
    expect(findingIds(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID }), [role(FIRST, pods(), [mayAssumeTarget]), role(TARGET, account)])).toContain('PID-06');
    const noId = targetTrust([{ Effect: 'Allow', Principal: { AWS: FIRST }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]);
    expect(findingIds(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID }), [role(FIRST, pods(), [mayAssumeTarget]), role(TARGET, noId)])).toContain('PID-06');
    expect(findingIds(association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID }), twoHops)).toEqual([]);
  });

  it('PID-07: a broken second hop names the hop and why', () => {
    const ids = findingIds(association({ targetRoleArn: TARGET, externalId: 'other' }), twoHops);
    expect(ids).toContain('PID-07');
  });

  it('PID-08: tags disabled while the effective role reads ${aws:PrincipalTag/kubernetes-namespace}', () => {
    const abac = {
      name: 'abac',
      kind: 'inline' as const,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/kubernetes-namespace}/*' }] },
    };
    expect(findingIds(association({ disableSessionTags: true }), [role(FIRST, pods(), [abac])])).toContain('PID-08');
    expect(findingIds(association(), [role(FIRST, pods(), [abac])])).not.toContain('PID-08');
  });

  it('PID-09: a session policy over 2,048 characters or not JSON', () => {
    const long = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 80 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] });
    expect(long.length).toBeGreaterThan(2048);
    expect(findingIds(association({ sessionPolicy: long, disableSessionTags: true }), [role(FIRST, pods())])).toContain('PID-09');
    expect(findingIds(association({ sessionPolicy: '{', disableSessionTags: true }), [role(FIRST, pods())])).toContain('PID-09');
  });
});

describe('the report carries the chain and breaks on a failing hop', () => {
  it('a broken target hop makes the service account broken, with PID-07', () => {
    const report = buildIdentityReport({
      cluster: { name: 'prod', accountId: CLUSTER_ACCOUNT, arn: CLUSTER_ARN, issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/X' },
      serviceAccount: { cluster: 'prod', namespace: 'reports', name: 'reports-api', annotations: {} },
      roles: [role(FIRST, pods()), role(TARGET, pinnedTarget)],
      oidcProviders: [],
      podIdentityAssociations: [association({ targetRoleArn: TARGET, externalId: EXTERNAL_ID })],
    });
    expect(report.roles[0].podIdentityChains?.[0]).toMatchObject({ allowed: false, failingHop: 1 });
    expect(report.findings.map(f => f.id)).toContain('PID-07');
    expect(report.verdict).toBe('broken');
  });
});
