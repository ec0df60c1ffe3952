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
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityIdentityResponse, IdentityReport, Role } from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { awsIdentityPlugin } from '../plugin';
import { ACCOUNT, irsaTrust, ISSUER, POD_IDENTITY_TRUST, role } from '../testing/awsFixtures';
import { eksCluster, FakeAwsSource, FakeClusterSource, fakeSourcesModule, irsaAnnotation } from '../testing/fakeSources';

// The checks that need facts across service accounts and accounts (IRSA-B03, IRSA-B07's role
// sharing, IRSA-T15, IRSA-P13, IRSA-T14 against the account's own quota), and the "could also
// assume" list, as GET /identity serves them. Trusts are written as the EKS User Guide shows them.

jest.setTimeout(60_000);

const HOST_PATH = ISSUER.replace(/^https:\/\//, '');
const KUBERNETES_ID = { 'backstage.io/kubernetes-id': 'checks' };
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/workload-boundary`;

/** A trust for several subjects of ISSUER in one `StringEquals` value list. */
function irsaTrustFor(...subjects: string[]) {
  const trust = irsaTrust(ISSUER, 'unused', 'unused');
  trust.Statement[0].Condition.StringEquals[`${HOST_PATH}:sub`] = subjects.map(
    s => `system:serviceaccount:${s}`,
  ) as unknown as string;
  return trust;
}

/** The EKS User Guide's namespace-wide IRSA trust: `StringLike` on `system:serviceaccount:<ns>:*`. */
function namespaceTrust(namespace: string) {
  const trust = irsaTrust(ISSUER, namespace, '*') as {
    Statement: Array<{ Condition: Record<string, Record<string, string>> }>;
  };
  const { StringEquals: equals } = trust.Statement[0].Condition;
  trust.Statement[0].Condition = {
    StringLike: { [`${HOST_PATH}:sub`]: equals[`${HOST_PATH}:sub`] },
    StringEquals: { [`${HOST_PATH}:aud`]: 'sts.amazonaws.com' },
  };
  return trust;
}

const PAYMENTS = role('payments', irsaTrust(ISSUER, 'payments', 'payments-api'));
/** The role payments-api had before: its trust still names payments-api exactly. */
const PAYMENTS_V1 = role('payments-v1', irsaTrust(ISSUER, 'payments', 'payments-api'));
/** Written for the payments namespace's batch jobs; bound to nobody. */
const PAYMENTS_SHARED = role('payments-shared', namespaceTrust('payments'));
/** Bound to two service accounts of the reports namespace. */
const REPORTS = role('reports', namespaceTrust('reports'));
/** Names a second, deleted service account of the billing namespace. */
const INVOICER = role('invoicer', irsaTrustFor('billing:invoicer', 'billing:invoicer-v1'));
/** Carries the organisation boundary. */
const BOUNDED: Role = { ...role('bounded', irsaTrust(ISSUER, 'billing', 'bounded')), permissionsBoundaryArn: BOUNDARY };
/** The guide's Pod Identity trust without conditions: any association of the account may use it. */
const POD_ROLE = role('pod-anything', POD_IDENTITY_TRUST);
/** A trust with 40 subjects: about 1,900 characters minified, over 80 % of IAM's default 2,048. */
const BIG = role(
  'big',
  irsaTrustFor(...Array.from({ length: 40 }, (_, i) => `big:application-${String(i).padStart(2, '0')}`)),
);

const ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checks', namespace: 'default', annotations: KUBERNETES_ID },
  spec: { type: 'service', owner: 'group:default/platform', lifecycle: 'production' },
};

const serviceAccount = (namespace: string, name: string, roleArn: string) => ({
  namespace,
  name,
  annotations: irsaAnnotation(roleArn),
  labels: KUBERNETES_ID,
});

async function start(options: { summary?: Record<string, number>; boundary?: string } = {}) {
  const aws = new FakeAwsSource([ACCOUNT])
    .readAccount(ACCOUNT, [PAYMENTS, PAYMENTS_V1, PAYMENTS_SHARED, REPORTS, INVOICER, BOUNDED, POD_ROLE, BIG], {
      issuers: [ISSUER],
      summary: options.summary,
    })
    .readEks('prod', eksCluster({ eksName: 'prod', accountId: ACCOUNT, region: 'us-east-1', issuer: ISSUER }));
  const clusters = new FakeClusterSource([
    {
      name: 'prod',
      accountId: ACCOUNT,
      serviceAccounts: [
        serviceAccount('payments', 'payments-api', PAYMENTS.arn),
        serviceAccount('reports', 'reports', REPORTS.arn),
        serviceAccount('reports', 'exporter', REPORTS.arn),
        serviceAccount('billing', 'invoicer', INVOICER.arn),
        serviceAccount('billing', 'bounded', BOUNDED.arn),
        serviceAccount('big', 'application-00', BIG.arn),
      ],
    },
  ]);
  const { server } = await startTestBackend({
    features: [
      awsIdentityPlugin,
      fakeSourcesModule({ aws, clusters }),
      catalogServiceMock.factory({ entities: [ENTITY] }),
      ...(options.boundary
        ? [mockServices.rootConfig.factory({ data: { awsIdentity: { checks: { requiredPermissionsBoundaryArn: options.boundary } } } })]
        : []),
    ],
  });
  const response = await request(server)
    .get('/api/aws-identity/identity?entityRef=component:default/checks')
    .set('Authorization', mockCredentials.user.header());
  expect(response.status).toBe(200);
  const reports = (response.body as EntityIdentityResponse).serviceAccounts;
  return (namespace: string, name: string): IdentityReport => {
    const found = reports.find(r => r.serviceAccount.namespace === namespace && r.serviceAccount.name === name);
    if (!found) throw new Error(`no report for ${namespace}/${name}`);
    return found;
  };
}

const findings = (report: IdentityReport, id: string) => report.findings.filter(f => f.id === id);

describe('GET /identity: checks across service accounts and accounts', () => {
  let reportOf: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    reportOf = await start({ boundary: BOUNDARY });
  });

  it('IRSA-B03: a role whose trust names the service account but that it is not bound to is drift', () => {
    const b03 = findings(reportOf('payments', 'payments-api'), 'IRSA-B03');
    expect(b03.map(f => f.message)).toEqual([
      `${PAYMENTS_V1.arn} trusts this service account, which is annotated with ${PAYMENTS.arn}.`,
    ]);
    // A namespace-wide trust admits it too, but was not written for it: that is the other
    // role's breadth, listed under couldAlsoAssume (and IRSA-T02 on that role), not drift here.
    expect(b03[0].message).not.toContain(PAYMENTS_SHARED.arn);
    expect(findings(reportOf('billing', 'invoicer'), 'IRSA-B03')).toEqual([]);
  });

  it('could also assume: every role whose trust admits the service account, IRSA and Pod Identity, bound or not', () => {
    expect(reportOf('payments', 'payments-api').couldAlsoAssume).toEqual([
      { roleArn: PAYMENTS.arn, via: 'irsa', named: true, bound: true },
      { roleArn: PAYMENTS_SHARED.arn, via: 'irsa', named: false, bound: false },
      { roleArn: PAYMENTS_V1.arn, via: 'irsa', named: true, bound: false },
      // The guide's Pod Identity trust has no condition: an association is all it would take.
      { roleArn: POD_ROLE.arn, via: 'pod-identity', bound: false },
    ]);
    expect(reportOf('reports', 'exporter').couldAlsoAssume).toEqual([
      { roleArn: POD_ROLE.arn, via: 'pod-identity', bound: false },
      { roleArn: REPORTS.arn, via: 'irsa', named: false, bound: true },
    ]);
  });

  it('IRSA-B07: a role bound to two service accounts is reported on each, naming the other', () => {
    const sharing = findings(reportOf('reports', 'reports'), 'IRSA-B07');
    expect(sharing.map(f => f.message)).toEqual(['The role is also bound to prod/reports/exporter.']);
    expect(findings(reportOf('reports', 'exporter'), 'IRSA-B07').map(f => f.message)).toEqual([
      'The role is also bound to prod/reports/reports.',
    ]);
    expect(findings(reportOf('payments', 'payments-api'), 'IRSA-B07')).toEqual([]);
  });

  it('IRSA-T15: a trusted service account missing from the cluster is a dangling trust', () => {
    const t15 = findings(reportOf('billing', 'invoicer'), 'IRSA-T15');
    expect(t15.map(f => f.message)).toEqual([
      `The role trusts billing/invoicer-v1 on ${HOST_PATH}, which does not exist in that cluster.`,
    ]);
    expect(t15[0].admits).toMatchObject({ scope: 'nonexistent-service-account', namespace: 'billing' });
    expect(findings(reportOf('payments', 'payments-api'), 'IRSA-T15')).toEqual([]);
  });

  it('IRSA-P13: with awsIdentity.checks.requiredPermissionsBoundaryArn, a role without that boundary is reported', () => {
    expect(findings(reportOf('payments', 'payments-api'), 'IRSA-P13').map(f => f.message)).toEqual([
      `The role has no permissions boundary; ${BOUNDARY} is required.`,
    ]);
    expect(findings(reportOf('billing', 'bounded'), 'IRSA-P13')).toEqual([]);
  });

  it('IRSA-P13 does not run without a required boundary configured', async () => {
    const unconfigured = await start();
    expect(findings(unconfigured('payments', 'payments-api'), 'IRSA-P13')).toEqual([]);
  });
});

describe("GET /identity: IRSA-T14 judges each account against its own trust policy size quota", () => {
  it("without the account's AssumeRolePolicySizeQuota, IAM's default of 2,048 is used and the finding says so", async () => {
    const reportOf = await start({ summary: { Roles: 7, RolesQuota: 1000 } });
    const [t14] = findings(reportOf('big', 'application-00'), 'IRSA-T14');
    expect(t14.message).toMatch(/% of the 2048-character quota \(IAM's default: the account's AssumeRolePolicySizeQuota could not be read\)\.$/);
  });

  it('an account whose quota was raised to 4,096 has room for the same trust', async () => {
    const reportOf = await start({ summary: { AssumeRolePolicySizeQuota: 4096 } });
    expect(findings(reportOf('big', 'application-00'), 'IRSA-T14')).toEqual([]);
  });

  it('an account with the default quota reported by GetAccountSummary is judged against it without the caveat', async () => {
    const reportOf = await start({ summary: { AssumeRolePolicySizeQuota: 2048 } });
    const [t14] = findings(reportOf('big', 'application-00'), 'IRSA-T14');
    expect(t14.message).toMatch(/% of the 2048-character quota\.$/);
  });
});
