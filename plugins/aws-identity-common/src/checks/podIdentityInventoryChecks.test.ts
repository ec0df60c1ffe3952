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
import { PodIdentityAssociation } from '../domain/types';
import { evaluatePodIdentityChain } from '../evaluate/podIdentityChain';
import { estimatePackedSession, PACKED_SESSION_BUDGET } from './packedSessionSize';
import { podIdentityAssociationChecks } from './podIdentityChainChecks';
import { podIdentityInventoryFindings } from './podIdentityInventoryChecks';
import { runChecks } from './types';

const ACCOUNT = '111122223333';
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/reports`;
const request = { accountId: ACCOUNT, clusterArn: CLUSTER_ARN, clusterName: 'prod', namespace: 'reports', serviceAccount: 'reports-api' };
const association = (extra: Partial<PodIdentityAssociation> = {}): PodIdentityAssociation => ({
  associationId: 'a-1',
  cluster: 'prod',
  namespace: 'reports',
  serviceAccount: 'reports-api',
  roleArn: ROLE,
  ...extra,
});
/** A session policy whose minified text is `length` characters long. */
function policyOf(length: number): string {
  const base = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/' }] };
  const pad = length - JSON.stringify(base).length;
  base.Statement[0].Resource += 'x'.repeat(pad);
  // Indented, as people write it: whitespace does not count.
  return JSON.stringify(base, null, 2);
}
const pid10 = (a: PodIdentityAssociation) =>
  runChecks(
    podIdentityAssociationChecks,
    { association: a, chain: evaluatePodIdentityChain({ association: a, request, roles: new Map() }), request },
    { kind: 'association', ref: 'a-1' },
  ).filter(f => f.id === 'PID-10');

describe('PID-10: packed session size (STS PackedPolicySize)', () => {
  it('counts the six session tags EKS adds, keys and values, pod name and UID at their maximum', () => {
    const estimate = estimatePackedSession(association(), request);
    expect(estimate.tagCount).toBe(6);
    const keys = ['kubernetes-namespace', 'kubernetes-service-account', 'eks-cluster-arn', 'eks-cluster-name', 'kubernetes-pod-name', 'kubernetes-pod-uid'];
    const values = ['reports', 'reports-api', CLUSTER_ARN, 'prod'];
    expect(estimate.tagCharacters).toBe(keys.join('').length + values.join('').length + 253 + 36);
    expect(estimate.policyCharacters).toBe(0);
  });

  it('with session tags disabled counts no tags, and the session policy minified', () => {
    const text = policyOf(1000);
    const estimate = estimatePackedSession(association({ disableSessionTags: true, sessionPolicy: text }), request);
    expect(estimate).toEqual({ tagCharacters: 0, tagCount: 0, policyCharacters: 1000, ratio: 1000 / PACKED_SESSION_BUDGET });
  });

  it('the six tags alone stay far below the limit: no finding', () => {
    expect(pid10(association())).toEqual([]);
    expect(pid10(association({ targetRoleArn: `arn:aws:iam::444455556666:role/target` }))).toEqual([]);
  });

  it('a session policy at 89% of the budget is not flagged; at 90% it is, as an estimate', () => {
    expect(pid10(association({ disableSessionTags: true, sessionPolicy: policyOf(Math.floor(PACKED_SESSION_BUDGET * 0.89)) }))).toEqual([]);
    const [finding] = pid10(association({ disableSessionTags: true, sessionPolicy: policyOf(Math.ceil(PACKED_SESSION_BUDGET * 0.9)) }));
    expect(finding).toMatchObject({ id: 'PID-10', severity: 'medium', failMode: 'closed', subject: { kind: 'association', ref: 'a-1' } });
    expect(finding.message).toMatch(/about 90% of the limit/);
    expect(finding.message).toMatch(/estimate/);
    expect(finding.message).toMatch(/packed binary form/);
  });

  it('tags and a session policy together count both (transitive into a target role session)', () => {
    // Invalid for EKS (PID-05) but still what STS would have to pack.
    const [finding] = pid10(
      association({ targetRoleArn: 'arn:aws:iam::444455556666:role/target', sessionPolicy: policyOf(1600) }),
    );
    expect(finding.message).toMatch(/6 session tags/);
    expect(finding.message).toMatch(/transitive into the target role session/);
    expect(finding.message).toMatch(/1600-character session policy/);
  });

  it('without the workload (no request) the estimate is skipped', () => {
    const a = association({ disableSessionTags: true, sessionPolicy: policyOf(2000) });
    const ids = runChecks(
      podIdentityAssociationChecks,
      { association: a, chain: evaluatePodIdentityChain({ association: a, request, roles: new Map() }) },
      { kind: 'association', ref: 'a-1' },
    ).map(f => f.id);
    expect(ids).not.toContain('PID-10');
  });
});

describe('PID-11: association for a service account that does not exist', () => {
  const inventory = (complete: boolean, ...serviceAccounts: string[]) =>
    new Map([['prod', { complete, serviceAccounts: new Set(serviceAccounts) }]]);

  it('flags an association whose service account the complete inventory lacks, with the fix', () => {
    const [hit] = podIdentityInventoryFindings({
      associations: [association({ serviceAccount: 'reports-old' })],
      inventories: inventory(true, 'reports/reports-api', 'other/reports-old'),
    });
    expect(hit.findings).toHaveLength(1);
    expect(hit.findings[0]).toMatchObject({ id: 'PID-11', failMode: 'open', subject: { kind: 'association', ref: 'a-1' } });
    expect(hit.findings[0].message).toContain('reports/reports-old');
    expect(hit.findings[0].fix).toContain('aws eks delete-pod-identity-association --cluster-name prod --association-id a-1');
    // Suggests the service accounts the namespace does have, not those of other namespaces.
    expect(hit.findings[0].fix).toContain('(reports-api)');
  });

  it('an existing service account gives no finding', () => {
    expect(podIdentityInventoryFindings({ associations: [association()], inventories: inventory(true, 'reports/reports-api') })).toEqual([]);
  });

  it('an incomplete inventory (source not ok) or an unknown cluster decides nothing', () => {
    expect(podIdentityInventoryFindings({ associations: [association()], inventories: inventory(false) })).toEqual([]);
    expect(podIdentityInventoryFindings({ associations: [association({ cluster: 'elsewhere' })], inventories: inventory(true) })).toEqual([]);
  });

  it('names the target role when the association chains to one', () => {
    const [hit] = podIdentityInventoryFindings({
      associations: [association({ targetRoleArn: 'arn:aws:iam::444455556666:role/target' })],
      inventories: inventory(true),
    });
    expect(hit.findings[0].message).toContain('arn:aws:iam::444455556666:role/target');
    expect(hit.findings[0].fix).toContain('has no service accounts');
  });
});
