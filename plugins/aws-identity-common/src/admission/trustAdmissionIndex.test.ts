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
  ACCOUNT,
  ISSUER,
  OTHER_ISSUER,
  PROVIDER,
  SUB,
  AUD,
  oidcProvider,
  podIdentityStatement,
} from '../__fixtures__/exampleCluster';
import { Cluster, Role, ServiceAccount } from '../domain/types';
import { PolicyStatement } from '../policy/types';
import { irsaTrustPolicy, podIdentityTrustPolicy } from '../testing';
import { TrustAdmissionIndex } from './trustAdmissionIndex';

const OTHER_ACCOUNT = '444455556666';
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;
const cluster: Cluster = {
  name: 'prod',
  accountId: ACCOUNT,
  region: 'eu-west-1',
  arn: CLUSTER_ARN,
  issuer: `https://${ISSUER}`,
};
const sa = (namespace: string, name: string, annotations: Record<string, string> = {}): ServiceAccount => ({
  cluster: 'prod',
  namespace,
  name,
  annotations,
});
const role = (name: string, trustPolicy: unknown, accountId = ACCOUNT): Role => ({
  arn: `arn:aws:iam::${accountId}:role/${name}`,
  name,
  accountId,
  trustPolicy,
});
const trust = (...statements: PolicyStatement[]) => ({ Version: '2012-10-17', Statement: statements });
const webIdentity = (condition: PolicyStatement['Condition'], provider = PROVIDER): PolicyStatement => ({
  Effect: 'Allow',
  Principal: { Federated: provider },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: condition,
});
const arns = (index: TrustAdmissionIndex, account: ServiceAccount, inCluster = cluster) =>
  index.rolesAdmitting(inCluster, account).map(a => `${a.via} ${a.roleArn.split('/').pop()}`);

describe('TrustAdmissionIndex', () => {
  // EKS User Guide, "Assign IAM roles to Kubernetes service accounts": the trust pins
  // `<issuer>:sub` to system:serviceaccount:<namespace>:<name> and `<issuer>:aud` to sts.amazonaws.com.
  const exact = role(
    'exact',
    irsaTrustPolicy({ accountId: ACCOUNT, issuerHostPath: ISSUER, subject: 'system:serviceaccount:payments:api' }),
  );
  // The same guide: StringLike with `system:serviceaccount:<namespace>:*` admits every service
  // account of the namespace.
  const namespaceWide = role(
    'namespace-wide',
    trust(webIdentity({ StringLike: { [SUB]: 'system:serviceaccount:payments:*' }, StringEquals: { [AUD]: 'sts.amazonaws.com' } })),
  );
  // A sub pattern across namespaces (IAM's `*` matches any characters, `:` included).
  const suffix = role('suffix', trust(webIdentity({ StringLike: { [SUB]: 'system:serviceaccount:*i:worker' } })));
  // No sub condition at all: every token of the issuer.
  const noSub = role('no-sub', trust(webIdentity({ StringEquals: { [AUD]: 'sts.amazonaws.com' } })));
  // EKS User Guide, "Create IAM role with trust policy required by EKS Pod Identity".
  const podIdentity = role('pod-identity', podIdentityTrustPolicy({ accountId: ACCOUNT, clusterArn: CLUSTER_ARN }));
  // Session tags EKS attaches (kubernetes-namespace) used in the trust to narrow to a namespace.
  const podIdentityNamespace = role(
    'pod-identity-payments',
    trust(
      podIdentityStatement({
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT, 'aws:RequestTag/kubernetes-namespace': 'payments' },
        },
      }),
    ),
  );
  const index = new TrustAdmissionIndex([exact, namespaceWide, suffix, noSub, podIdentity, podIdentityNamespace]);

  it('finds every role whose trust admits the service account, IRSA and Pod Identity, sorted by ARN', () => {
    expect(arns(index, sa('payments', 'api'))).toEqual([
      'irsa exact',
      'irsa namespace-wide',
      'irsa no-sub',
      'pod-identity pod-identity',
      'pod-identity pod-identity-payments',
    ]);
    expect(TrustAdmissionIndex.rolesAdmitting([index], cluster, sa('payments', 'api'))[0]).toEqual({
      roleArn: exact.arn,
      via: 'irsa',
      named: true,
    });
  });

  it('tells a trust written for the service account (its subject exactly) from a pattern that admits it', () => {
    const named = (account: ServiceAccount) =>
      index
        .rolesAdmitting(cluster, account)
        .filter(a => a.via === 'irsa')
        .map(a => `${a.roleArn.split('/').pop()} ${a.named}`);
    expect(named(sa('payments', 'api'))).toEqual(['exact true', 'namespace-wide false', 'no-sub false']);
  });

  it('a namespace-wide trust admits another service account of that namespace, not of another one', () => {
    expect(arns(index, sa('payments', 'batch'))).toEqual([
      'irsa namespace-wide',
      'irsa no-sub',
      'pod-identity pod-identity',
      'pod-identity pod-identity-payments',
    ]);
    expect(arns(index, sa('billing', 'api'))).toEqual(['irsa no-sub', 'pod-identity pod-identity']);
  });

  it('a pattern spanning namespaces admits what it matches (system:serviceaccount:*i:worker admits ns "ci")', () => {
    expect(arns(index, sa('ci', 'worker'))).toContain('irsa suffix');
    expect(arns(index, sa('cd', 'worker'))).not.toContain('irsa suffix');
  });

  it('IRSA admission follows the token audience the service account asks for (eks.amazonaws.com/audience)', () => {
    // The exact trust pins aud to sts.amazonaws.com; a token for another audience is refused.
    expect(arns(index, sa('payments', 'api', { 'eks.amazonaws.com/audience': 'vault' }))).not.toContain('irsa exact');
  });

  it('a cluster of another issuer gets no IRSA role, and Pod Identity only from its own account', () => {
    const other: Cluster = { name: 'dev', accountId: OTHER_ACCOUNT, issuer: `https://${OTHER_ISSUER}` };
    expect(arns(index, sa('payments', 'api'), other)).toEqual([]);
  });

  it('Pod Identity honours aws:SourceArn: a cluster of the same account but another ARN is refused', () => {
    const staging: Cluster = { ...cluster, name: 'staging', arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/staging` };
    expect(arns(index, sa('payments', 'api'), staging)).toContain('pod-identity pod-identity-payments');
    expect(arns(index, sa('payments', 'api'), staging)).not.toContain('pod-identity pod-identity');
  });

  it('with the account\'s OIDC providers, a trust of an issuer without a provider admits nobody (STS refuses the token)', () => {
    const withProviders = new TrustAdmissionIndex([exact], { oidcProviders: [oidcProvider(OTHER_ISSUER)] });
    expect(arns(withProviders, sa('payments', 'api'))).toEqual([]);
    const registered = new TrustAdmissionIndex([exact], { oidcProviders: [oidcProvider()] });
    expect(arns(registered, sa('payments', 'api'))).toEqual(['irsa exact']);
  });

  it('a Deny statement excludes what an Allow admits (explicit deny wins)', () => {
    const denied = role(
      'denied',
      trust(webIdentity({ StringLike: { [SUB]: 'system:serviceaccount:payments:*' } }), {
        Effect: 'Deny',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [SUB]: 'system:serviceaccount:payments:batch' } },
      }),
    );
    const withDeny = new TrustAdmissionIndex([denied]);
    expect(arns(withDeny, sa('payments', 'api'))).toEqual(['irsa denied']);
    expect(arns(withDeny, sa('payments', 'batch'))).toEqual([]);
  });

  it('a negated sub condition narrows nothing in the index: StringNotEquals admits every other subject', () => {
    const negated = role('negated', trust(webIdentity({ StringNotEquals: { [SUB]: 'system:serviceaccount:kube-system:admin' } })));
    const withNegated = new TrustAdmissionIndex([negated]);
    expect(arns(withNegated, sa('anything', 'at-all'))).toEqual(['irsa negated']);
    expect(arns(withNegated, sa('kube-system', 'admin'))).toEqual([]);
  });

  it('a trust of every principal ("*") is a candidate for every service account', () => {
    const star = role('star', trust({ Effect: 'Allow', Principal: '*', Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole', 'sts:TagSession'] }));
    expect(arns(new TrustAdmissionIndex([star]), sa('x', 'y'))).toEqual(['irsa star', 'pod-identity star']);
  });

  it('skips roles whose trust does not parse or who trust nobody a workload can be, and counts the rest', () => {
    const broken = role('broken', '{ not json');
    const ec2 = role('ec2', trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }));
    const small = new TrustAdmissionIndex([broken, ec2, exact]);
    expect(small.size).toBe(2);
    expect(arns(small, sa('payments', 'api'))).toEqual(['irsa exact']);
  });

  it('merges several indexes (one per account) and lists a role once per way it admits', () => {
    const other = role('other', irsaTrustPolicy({ accountId: OTHER_ACCOUNT, issuerHostPath: ISSUER, subject: 'system:serviceaccount:payments:api' }), OTHER_ACCOUNT);
    const merged = TrustAdmissionIndex.rolesAdmitting(
      [new TrustAdmissionIndex([exact]), new TrustAdmissionIndex([other]), new TrustAdmissionIndex([exact])],
      cluster,
      sa('payments', 'api'),
    );
    expect(merged.map(a => a.roleArn)).toEqual([exact.arn, other.arn]);
  });
});
