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
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { IdentityService } from '../identity/IdentityService';
import { ACCOUNT, irsaTrust, ISSUER, OTHER_ISSUER, POD_IDENTITY_TRUST, role } from '../testing/awsFixtures';
import { FakeAwsSource, FakeClusterSource, injectedPods, irsaAnnotation, prodEksCluster } from '../testing/fakeSources';
import { EntityDirectory } from './EntityDirectory';
import { OrgViews } from './OrgViews';

const PAYMENTS = role('payments', irsaTrust(ISSUER, 'payments', 'payments-api'));
/** Trusts a service account that does not exist. */
const RETIRED = role('retired', irsaTrust(ISSUER, 'payments', 'old-api'));
/** Trusts a cluster aws-identity does not know. */
const FOREIGN = role('foreign', irsaTrust(OTHER_ISSUER, 'payments', 'payments-api'));
/** Trusts EKS Pod Identity, but no association uses it. */
const UNUSED_POD_ROLE = role('unused-pod-role', POD_IDENTITY_TRUST);
/** Not a workload role at all. */
const CI = role('ci', {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const MISSING = `arn:aws:iam::${ACCOUNT}:role/deleted`;

function component(name: string, owner: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner, lifecycle: 'production' },
  };
}

async function views(options: { accountRead?: boolean } = {}) {
  const aws = new FakeAwsSource([ACCOUNT]).readEks(
    'prod',
    prodEksCluster([{ cluster: 'prod', namespace: 'ghost', serviceAccount: 'gone', roleArn: `arn:aws:iam::${ACCOUNT}:role/gone` }]),
  );
  if (options.accountRead !== false) {
    aws.readAccount(ACCOUNT, [PAYMENTS, RETIRED, FOREIGN, UNUSED_POD_ROLE, CI], { issuers: [ISSUER] });
  }
  const clusters = new FakeClusterSource([
    {
      name: 'prod',
      accountId: ACCOUNT,
      serviceAccounts: [
        {
          namespace: 'payments',
          name: 'payments-api',
          annotations: irsaAnnotation(PAYMENTS.arn),
          labels: { 'backstage.io/kubernetes-id': 'payments' },
          pods: { aggregate: injectedPods(1, PAYMENTS.arn) },
        },
        {
          namespace: 'reports',
          name: 'reports',
          // Whitespace around the ARN: the webhook trims it, and so does resolveBinding.
          annotations: irsaAnnotation(` ${MISSING} `),
          labels: { 'backstage.io/kubernetes-id': 'reports' },
        },
      ],
    },
  ]);
  const identity = new IdentityService({ aws, clusters, staleAfterSeconds: 900 });
  const directory = new EntityDirectory(
    catalogServiceMock({
      entities: [
        component('payments', 'group:default/payments-team', { 'backstage.io/kubernetes-id': 'payments' }),
        component('reports', 'reports-team', { 'backstage.io/kubernetes-id': 'reports' }),
      ],
    }),
    mockServices.auth(),
    mockServices.logger.mock(),
  );
  await directory.refresh();
  return { orgViews: new OrgViews(identity, directory), identity, clusters, directory };
}

describe('OrgViews', () => {
  describe('findings', () => {
    it('locates every finding: service account, account, and the owning entities', async () => {
      const { orgViews } = await views();
      const findings = orgViews.findings({});
      const reports = findings.filter(f => f.serviceAccount.name === 'reports');
      expect(reports.length).toBeGreaterThan(0);
      for (const finding of reports) {
        expect(finding).toMatchObject({
          serviceAccount: { cluster: 'prod', namespace: 'reports', name: 'reports' },
          accountId: ACCOUNT,
          entityRefs: ['component:default/reports'],
          // A bare owner is a group in the entity's namespace, as the catalog reads it.
          owners: ['group:default/reports-team'],
        });
      }
    });

    it('lists an association whose service account does not exist (PID-11) under the service account it names', async () => {
      const { orgViews } = await views();
      const dangling = orgViews.findings({ checkId: ['PID-11'] });
      expect(dangling).toEqual([
        expect.objectContaining({
          id: 'PID-11',
          failMode: 'open',
          serviceAccount: { cluster: 'prod', namespace: 'ghost', name: 'gone' },
          accountId: ACCOUNT,
          subject: expect.objectContaining({ kind: 'association' }),
        }),
      ]);
      expect(dangling[0].message).toContain(`arn:aws:iam::${ACCOUNT}:role/gone`);
      expect(dangling[0].fix).toContain('aws eks delete-pod-identity-association --cluster-name prod');
    });

    it('filters by severity, check, owner, cluster and account', async () => {
      const { orgViews } = await views();
      const all = orgViews.findings({});
      const some = all[0];
      expect(orgViews.findings({ checkId: [some.id] }).every(f => f.id === some.id)).toBe(true);
      expect(orgViews.findings({ severity: [some.severity] }).every(f => f.severity === some.severity)).toBe(true);
      expect(orgViews.findings({ owner: ['group:default/reports-team'] }).every(f => f.serviceAccount.name === 'reports')).toBe(true);
      expect(orgViews.findings({ cluster: ['elsewhere'] })).toEqual([]);
      expect(orgViews.findings({ account: [ACCOUNT] })).toHaveLength(all.length);
      expect(orgViews.findings({ account: ['999999999999'] })).toEqual([]);
    });

    it('is memoised per snapshot and directory version', async () => {
      const { orgViews, clusters } = await views();
      const first = orgViews.findings({});
      expect(orgViews.findings({})).toEqual(first);
      clusters.set({ name: 'prod', accountId: ACCOUNT, serviceAccounts: [] });
      // No service account is left; only the association for the missing ghost/gone remains.
      expect(orgViews.findings({}).map(f => f.id)).toEqual(['PID-11']);
    });
  });

  describe('orphans', () => {
    it('lists workload roles no existing service account can use, and why', async () => {
      const { orgViews } = await views();
      const { orphanRoles } = orgViews.orphans();
      expect(orphanRoles).toEqual([
        {
          arn: RETIRED.arn,
          accountId: ACCOUNT,
          trust: 'irsa',
          reason: 'no existing service account of the trusted clusters is admitted by its trust policy',
        },
        {
          arn: FOREIGN.arn,
          accountId: ACCOUNT,
          trust: 'irsa',
          reason: `trusts ${OTHER_ISSUER.replace('https://', '')}, which is not the issuer of any known cluster`,
        },
        {
          arn: UNUSED_POD_ROLE.arn,
          accountId: ACCOUNT,
          trust: 'pod-identity',
          reason: expect.stringMatching(/^trusts EKS Pod Identity but no association uses it/),
        },
      ]);
    });

    it('lists bindings to roles a complete read of their account does not have', async () => {
      const { orgViews } = await views();
      expect(orgViews.orphans().danglingBindings).toEqual([
        { serviceAccount: { cluster: 'prod', namespace: 'reports', name: 'reports' }, roleArn: MISSING, via: 'irsa' },
        {
          serviceAccount: { cluster: 'prod', namespace: 'ghost', name: 'gone' },
          roleArn: `arn:aws:iam::${ACCOUNT}:role/gone`,
          via: 'pod-identity',
        },
      ]);
    });

    it('calls no binding dangling while its account has not been read', async () => {
      const { orgViews } = await views({ accountRead: false });
      expect(orgViews.orphans()).toEqual({ orphanRoles: [], danglingBindings: [] });
    });
  });
});
