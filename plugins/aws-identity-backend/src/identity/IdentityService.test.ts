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
import { WorkloadSelector } from '@internal/plugin-aws-identity-common';
import { ACCOUNT, irsaTrust, ISSUER, OTHER_ACCOUNT, OTHER_ISSUER, POD_IDENTITY_TRUST, role } from '../testing/awsFixtures';
import {
  prodEksCluster,
  FakeAwsSource,
  FakeClusterSource,
  injectedPods,
  irsaAnnotation,
  READ_AT,
} from '../testing/fakeSources';
import { IdentityService } from './IdentityService';

const PAYMENTS = role('payments', irsaTrust(ISSUER, 'payments', 'payments-api'));
const LEDGER = role('ledger', POD_IDENTITY_TRUST);

/** One EKS cluster `prod` in ACCOUNT with two bound service accounts, fully read. */
function world() {
  const aws = new FakeAwsSource([ACCOUNT])
    .readAccount(ACCOUNT, [PAYMENTS, LEDGER], { issuers: [ISSUER] })
    .readEks(
      'prod',
      prodEksCluster([
        { associationId: 'a-1', cluster: 'prod', namespace: 'ledger', serviceAccount: 'ledger', roleArn: LEDGER.arn },
      ]),
    );
  const clusters = new FakeClusterSource([
    {
      name: 'prod',
      accountId: ACCOUNT,
      region: 'us-east-1',
      discoveredIssuer: ISSUER,
      serviceAccounts: [
        {
          namespace: 'payments',
          name: 'payments-api',
          annotations: irsaAnnotation(PAYMENTS.arn),
          pods: { aggregate: injectedPods(2, PAYMENTS.arn), labelSets: [{ 'backstage.io/kubernetes-id': 'payments' }] },
        },
        {
          namespace: 'ledger',
          name: 'ledger',
          labels: { 'backstage.io/kubernetes-id': 'ledger', team: 'finance' },
          pods: { aggregate: { podCount: 1, podIdentityEnvCount: 1 }, labelSets: [{ app: 'ledger', tier: 'api' }] },
        },
        { namespace: 'batch', name: 'default' },
      ],
    },
  ]);
  return { aws, clusters, identity: new IdentityService({ aws, clusters, staleAfterSeconds: 900 }) };
}

describe('IdentityService', () => {
  describe('sources', () => {
    it('lists the accounts, then the clusters, as the sources report them', () => {
      const { identity } = world();
      expect(identity.sources()).toEqual([
        { source: { kind: 'aws-account', accountId: ACCOUNT }, state: 'ok', lastSuccessAt: READ_AT },
        { source: { kind: 'cluster', cluster: 'prod' }, state: 'ok', lastSuccessAt: READ_AT },
      ]);
    });

    it('calls an account stale once its last good read is older than the budget', () => {
      const aws = new FakeAwsSource([ACCOUNT]).readAccount(ACCOUNT, [], { readAt: '2026-01-01T00:00:00.000Z' });
      const identity = new IdentityService({ aws, clusters: new FakeClusterSource(), staleAfterSeconds: 900 });
      expect(identity.sources()[0]).toMatchObject({ state: 'stale', lastSuccessAt: '2026-01-01T00:00:00.000Z' });
      // A stale account is not complete: its missing roles are unknown, not absent.
      expect(identity.snapshot().completeAccounts).toEqual([]);
    });

    it('reports an account never read as stale, and one whose read failed as error', () => {
      const aws = new FakeAwsSource([ACCOUNT, OTHER_ACCOUNT]).failAccount(OTHER_ACCOUNT, 'reading IAM failed: AccessDenied');
      const identity = new IdentityService({ aws, clusters: new FakeClusterSource(), staleAfterSeconds: 900 });
      expect(identity.sources()).toEqual([
        expect.objectContaining({ state: 'stale', error: 'not read yet' }),
        expect.objectContaining({ state: 'error', error: 'reading IAM failed: AccessDenied' }),
      ]);
    });

    it('marks an EKS cluster stale until EKS was read, and error when that read failed', () => {
      const aws = new FakeAwsSource([ACCOUNT]);
      const clusters = new FakeClusterSource([{ name: 'prod', accountId: ACCOUNT }, { name: 'on-prem' }]);
      const identity = new IdentityService({ aws, clusters, staleAfterSeconds: 900 });
      expect(identity.sources().slice(1)).toEqual([
        expect.objectContaining({ state: 'stale', error: 'EKS (issuer, Pod Identity associations) not read yet' }),
        // Not on EKS: nothing to wait for.
        expect.objectContaining({ state: 'ok' }),
      ]);
      aws.failEks('prod', 'reading EKS failed: HTTP 403: not authorized');
      expect(identity.sources()[1]).toMatchObject({ state: 'error', error: 'reading EKS failed: HTTP 403: not authorized' });
    });

    it('reports a cluster whose published issuer is not the one EKS reports', () => {
      const { aws, clusters, identity } = world();
      clusters.set({ name: 'prod', accountId: ACCOUNT, discoveredIssuer: `${OTHER_ISSUER}/` });
      expect(identity.sources()[1]).toMatchObject({
        state: 'error',
        error: `issuer mismatch: EKS reports ${ISSUER}, the cluster publishes ${OTHER_ISSUER}/`,
      });
      // A trailing slash is the same issuer.
      clusters.set({ name: 'prod', accountId: ACCOUNT, discoveredIssuer: `${ISSUER}/` });
      expect(identity.sources()[1]).toMatchObject({ state: 'ok' });
      expect(aws.syncs).toEqual([]);
    });
  });

  describe('snapshot', () => {
    it('is one object per version, replaced when a source changes and never changed itself', () => {
      const { aws, clusters, identity } = world();
      const first = identity.snapshot();
      expect(identity.snapshot()).toBe(first);
      const before = first.serviceAccounts().length;

      clusters.set({ name: 'prod', accountId: ACCOUNT, serviceAccounts: [] });
      const second = identity.snapshot();
      expect(second).not.toBe(first);
      expect(second.version).toBeGreaterThan(first.version);
      expect(second.serviceAccounts()).toEqual([]);
      expect(first.serviceAccounts()).toHaveLength(before);

      aws.readAccount(ACCOUNT, []);
      expect(identity.snapshot().version).toBeGreaterThan(second.version);
    });

    it('joins clusters with EKS: account, region, ARN and the issuer IAM trusts', () => {
      const { identity } = world();
      expect(identity.snapshot().clusters).toEqual([
        {
          name: 'prod',
          accountId: ACCOUNT,
          region: 'us-east-1',
          arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod`,
          issuer: ISSUER,
          issuerSource: 'eks',
          kubernetesVersion: '1.31',
        },
      ]);
    });

    it('takes the issuer a cluster outside EKS publishes', () => {
      const identity = new IdentityService({
        aws: new FakeAwsSource([]),
        clusters: new FakeClusterSource([{ name: 'on-prem', discoveredIssuer: OTHER_ISSUER }]),
        staleAfterSeconds: 900,
      });
      expect(identity.snapshot().clusters).toEqual([
        expect.objectContaining({ name: 'on-prem', accountId: '', issuer: OTHER_ISSUER }),
      ]);
    });

    it('hands the AWS source the EKS clusters to read: those placed in an account', () => {
      const identity = new IdentityService({
        aws: new FakeAwsSource([ACCOUNT]),
        clusters: new FakeClusterSource([
          { name: 'prod', accountId: ACCOUNT, region: 'eu-west-1', eksClusterName: 'prod-eks' },
          { name: 'on-prem' },
        ]),
        staleAfterSeconds: 900,
      });
      expect(identity.eksClusters()).toEqual([{ name: 'prod', eksName: 'prod-eks', accountId: ACCOUNT, region: 'eu-west-1' }]);
    });
  });

  describe('reports', () => {
    it('binds by the IRSA annotation, and verifies a role whose trust admits exactly that service account', () => {
      const snapshot = world().identity.snapshot();
      const [sa] = snapshot.serviceAccountsFor({ kubernetesId: 'payments' });
      const report = snapshot.report(sa);
      expect(report.binding).toEqual({ kind: 'irsa', irsaRoleArn: PAYMENTS.arn, podIdentityRoleArns: [], effective: 'irsa' });
      expect(report.roles.map(r => r.arn)).toEqual([PAYMENTS.arn]);
      expect(report.verdict).toBe('verified');
    });

    it('binds by a Pod Identity association of the service account', () => {
      const snapshot = world().identity.snapshot();
      const [sa] = snapshot.serviceAccountsFor({ kubernetesId: 'ledger' });
      expect(snapshot.report(sa).binding).toEqual({
        kind: 'pod-identity',
        irsaRoleArn: undefined,
        podIdentityRoleArns: [LEDGER.arn],
        effective: 'pod-identity',
      });
    });

    it('never calls a binding verified when the role account was never read', () => {
      const { clusters } = world();
      const aws = new FakeAwsSource([ACCOUNT]).failAccount(ACCOUNT, 'reading IAM failed: Throttling');
      const snapshot = new IdentityService({ aws, clusters, staleAfterSeconds: 900 }).snapshot();
      const [sa] = snapshot.serviceAccountsFor({ kubernetesId: 'payments' });
      expect(snapshot.completeAccounts).toEqual([]);
      expect(snapshot.report(sa)).toMatchObject({ roles: [expect.objectContaining({ arn: PAYMENTS.arn })], verdict: 'unknown' });
    });

    it('keeps judging by the last good read of an account whose latest read failed', () => {
      const { aws, identity } = world();
      aws.failAccount(ACCOUNT, 'reading IAM failed: Throttling');
      const snapshot = identity.snapshot();
      const [sa] = snapshot.serviceAccountsFor({ kubernetesId: 'payments' });
      expect(snapshot.rolesByArn.get(PAYMENTS.arn)).toEqual(PAYMENTS);
      expect(identity.sources()[0]).toMatchObject({ state: 'error', lastSuccessAt: READ_AT });
      expect(snapshot.report(sa).roles.map(r => r.arn)).toEqual([PAYMENTS.arn]);
    });

    it('says nothing is bound to a service account without annotation or association', () => {
      const snapshot = world().identity.snapshot();
      const sa = snapshot.serviceAccounts().find(s => s.namespace === 'batch')!;
      expect(snapshot.report(sa)).toMatchObject({ binding: { kind: 'none' }, verdict: 'not-configured' });
    });

    it('memoises each report and the JSON of a selector for as long as the snapshot is current', () => {
      const { clusters, identity } = world();
      const snapshot = identity.snapshot();
      const [sa] = snapshot.serviceAccountsFor({ kubernetesId: 'payments' });
      expect(snapshot.report(sa)).toBe(snapshot.report(sa));
      const json = snapshot.reportsJson({ kubernetesId: 'payments' });
      expect(snapshot.reportsJson({ kubernetesId: 'payments' })).toBe(json);
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify([snapshot.report(sa)])));

      clusters.set({ name: 'prod', accountId: ACCOUNT, serviceAccounts: [] });
      expect(identity.snapshot().reportsJson({ kubernetesId: 'payments' })).toBe('[]');
    });
  });

  describe('drifted requests', () => {
    const drifted = {
      request: { requestId: 'r1', roleArn: PAYMENTS.arn, drift: ['the live role has 1 permission statement(s) the plan does not'] },
      serviceAccounts: [{ cluster: 'prod', namespace: 'payments', name: 'payments-api' }],
    };

    it('puts IRSA-R02 on the reports of the service accounts they planned, and takes it off again', () => {
      const { identity } = world();
      const changes = jest.fn();
      identity.onChange(changes);
      identity.setDriftedRequests([drifted]);
      expect(changes).toHaveBeenCalledTimes(1);
      let snapshot = identity.snapshot();
      const [payments] = snapshot.serviceAccountsFor({ kubernetesId: 'payments' });
      const [ledger] = snapshot.serviceAccountsFor({ kubernetesId: 'ledger' });
      expect(snapshot.report(payments).findings.filter(f => f.id === 'IRSA-R02')).toEqual([
        expect.objectContaining({ requestId: 'r1', subject: { kind: 'role', ref: PAYMENTS.arn } }),
      ]);
      expect(snapshot.report(payments).verdict).toBe('risky');
      expect(snapshot.report(ledger).findings.some(f => f.id === 'IRSA-R02')).toBe(false);

      identity.setDriftedRequests([]);
      snapshot = identity.snapshot();
      expect(snapshot.report(payments).findings.some(f => f.id === 'IRSA-R02')).toBe(false);
      expect(snapshot.report(payments).verdict).toBe('verified');
    });

    it('changes nothing, and signals nothing, when handed the same list again', () => {
      const { identity } = world();
      identity.setDriftedRequests([drifted]);
      const snapshot = identity.snapshot();
      const changes = jest.fn();
      identity.onChange(changes);
      identity.setDriftedRequests([JSON.parse(JSON.stringify(drifted))]);
      expect(changes).not.toHaveBeenCalled();
      expect(identity.snapshot()).toBe(snapshot);
    });
  });

  describe('selecting service accounts as the Kubernetes plugin does', () => {
    const select = (selector: WorkloadSelector) =>
      world()
        .identity.snapshot()
        .serviceAccountsFor(selector)
        .map(sa => `${sa.namespace}/${sa.name}`);

    it('finds backstage.io/kubernetes-id on the service account or on its pods', () => {
      expect(select({ kubernetesId: 'payments' })).toEqual(['payments/payments-api']);
      expect(select({ kubernetesId: 'ledger' })).toEqual(['ledger/ledger']);
      expect(select({ kubernetesId: 'nothing' })).toEqual([]);
    });

    it('matches a label selector against service-account and pod labels', () => {
      expect(select({ labelSelector: 'app=ledger,tier=api' })).toEqual(['ledger/ledger']);
      expect(select({ labelSelector: 'team=finance' })).toEqual(['ledger/ledger']);
      expect(select({ labelSelector: 'app=ledger,tier!=api' })).toEqual([]);
    });

    it('narrows to backstage.io/kubernetes-namespace', () => {
      expect(select({ kubernetesId: 'ledger', namespace: 'payments' })).toEqual([]);
      expect(select({ kubernetesId: 'ledger', namespace: 'ledger' })).toEqual(['ledger/ledger']);
    });
  });
});
