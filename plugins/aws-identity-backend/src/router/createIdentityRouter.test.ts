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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityIdentityResponse } from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { awsIdentityPlugin } from '../plugin';
import { hidingEntitiesFrom, permissionedCatalogFactory } from '../testing/permissionedCatalog';
import { ACCOUNT, irsaTrust, ISSUER, role } from '../testing/awsFixtures';
import {
  eksCluster,
  FakeAwsSource,
  FakeClusterSource,
  fakeSourcesModule,
  injectedPods,
  irsaAnnotation,
  READ_AT,
} from '../testing/fakeSources';

jest.setTimeout(60_000);

const PAYMENTS = role('payments', irsaTrust(ISSUER, 'payments', 'payments-api'));
const MISSING = `arn:aws:iam::${ACCOUNT}:role/deleted`;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'payments' } },
    spec: { type: 'service', owner: 'group:default/payments-team', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'website', namespace: 'default' },
    spec: { type: 'website', owner: 'group:default/web', lifecycle: 'production' },
  },
];

/** A component claiming the reports service account, for the visibility cases. */
const REPORTS: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'reports', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'reports' } },
  spec: { type: 'service', owner: 'group:default/data-team', lifecycle: 'production' },
};

/** The real plugin, with AWS and the cluster replaced at the extension points. */
async function start(options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY; hiddenFrom?: string } = {}) {
  const aws = new FakeAwsSource([ACCOUNT])
    .readAccount(ACCOUNT, [PAYMENTS], { issuers: [ISSUER] })
    .readEks('prod', eksCluster({ eksName: 'prod', accountId: ACCOUNT, region: 'us-east-1', issuer: ISSUER }));
  const clusters = new FakeClusterSource([
    {
      name: 'prod',
      accountId: ACCOUNT,
      serviceAccounts: [
        {
          namespace: 'payments',
          name: 'payments-api',
          annotations: irsaAnnotation(PAYMENTS.arn),
          pods: { aggregate: injectedPods(2, PAYMENTS.arn), labelSets: [{ 'backstage.io/kubernetes-id': 'payments' }] },
        },
        {
          namespace: 'reports',
          name: 'reports',
          annotations: irsaAnnotation(MISSING),
          // With hidden entities, a component claims the reports service account (and its findings).
          ...(options.hiddenFrom
            ? { pods: { aggregate: injectedPods(1, MISSING), labelSets: [{ 'backstage.io/kubernetes-id': 'reports' }] } }
            : {}),
        },
      ],
    },
  ]);
  const { server } = await startTestBackend({
    features: [
      awsIdentityPlugin,
      fakeSourcesModule({ aws, clusters }),
      ...(options.hiddenFrom
        ? [
            permissionedCatalogFactory([...entities, REPORTS]),
            hidingEntitiesFrom(options.hiddenFrom, ['component:default/payments', 'component:default/reports']),
          ]
        : [catalogServiceMock.factory({ entities })]),
      ...(options.permission ? [mockServices.permissions.factory({ result: options.permission })] : []),
    ],
  });
  const get = (path: string, user?: string) =>
    request(server).get(`/api/aws-identity${path}`).set('Authorization', mockCredentials.user.header(user));
  return { server, get, aws, clusters };
}

describe('identity routes', () => {
  it('starts the sources given through the extension points, and never syncs on a page view', async () => {
    const { get, aws, clusters } = await start();
    expect(clusters.started).toBe(true);
    // The scheduled sync (the test scheduler runs it at startup) reads the EKS clusters the
    // cluster source placed in an account: the two sources meet only through the plugin.
    expect(aws.syncs).toEqual([
      { accountIds: undefined, eksClusters: [{ name: 'prod', eksName: 'prod', accountId: ACCOUNT, region: undefined }] },
    ]);
    await get('/identity?entityRef=component:default/payments');
    await get('/sources');
    await get('/findings');
    expect(aws.syncs).toHaveLength(1);
  });

  it('GET /identity answers the reports of the entity\'s service accounts and every source', async () => {
    const { get } = await start();
    const response = await get('/identity?entityRef=payments');
    expect(response.status).toBe(200);
    const body = response.body as EntityIdentityResponse;
    expect(body).toMatchObject({
      entityRef: 'component:default/payments',
      selector: { kubernetesId: 'payments' },
      dataAsOf: READ_AT,
      sources: [
        { source: { kind: 'aws-account', accountId: ACCOUNT }, state: 'ok' },
        { source: { kind: 'cluster', cluster: 'prod' }, state: 'ok' },
      ],
    });
    expect(body.serviceAccounts).toEqual([
      expect.objectContaining({
        serviceAccount: { cluster: 'prod', namespace: 'payments', name: 'payments-api' },
        binding: { kind: 'irsa', irsaRoleArn: PAYMENTS.arn, podIdentityRoleArns: [], effective: 'irsa' },
        verdict: 'verified',
      }),
    ]);
  });

  it('GET /identity answers an entity without Kubernetes annotations with no service accounts', async () => {
    const { get } = await start();
    const response = await get('/identity?entityRef=component:default/website');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ entityRef: 'component:default/website', serviceAccounts: [] });
  });

  it('GET /identity answers 404 for an entity the catalog does not have', async () => {
    const { get } = await start();
    const response = await get('/identity?entityRef=component:default/unknown');
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('No entity component:default/unknown in the catalog');
  });

  it('GET /sources answers the status of every source', async () => {
    const { get, aws } = await start();
    aws.failAccount(ACCOUNT, 'reading IAM failed: HTTP 403: AccessDenied');
    const response = await get('/sources');
    expect(response.body.sources).toEqual([
      expect.objectContaining({ state: 'error', error: 'reading IAM failed: HTTP 403: AccessDenied' }),
      expect.objectContaining({ source: { kind: 'cluster', cluster: 'prod' }, state: 'ok' }),
    ]);
  });

  it('GET /findings lists findings with where they are, filtered by the query', async () => {
    const { get } = await start();
    const all = await get('/findings');
    expect(all.status).toBe(200);
    expect(all.body.findings.length).toBeGreaterThan(0);
    const first = all.body.findings[0];
    const byCheck = await get(`/findings?checkId=${first.id}&account=${ACCOUNT}&cluster=prod`);
    expect(byCheck.body.findings.length).toBeGreaterThan(0);
    expect(byCheck.body.findings.every((f: { id: string }) => f.id === first.id)).toBe(true);
    expect((await get('/findings?owner=group:default/nobody')).body.findings).toEqual([]);
  });

  it.each([
    ['severity=urgent', 'Query parameter severity has an unknown value "urgent"; use critical, high, medium, low, info'],
    ['account=1234', 'Query parameter account must be 12 digits, got "1234"'],
    ['owner=', 'Query parameter owner must not be empty'],
  ])('GET /findings?%s answers 400 naming the parameter', async (query, message) => {
    const { get } = await start();
    const response = await get(`/findings?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(message);
  });

  it('GET /roles/orphans reports the annotation naming a missing role', async () => {
    const { get } = await start();
    const response = await get('/roles/orphans');
    expect(response.status).toBe(200);
    expect(response.body.danglingBindings).toEqual([
      { serviceAccount: { cluster: 'prod', namespace: 'reports', name: 'reports' }, roleArn: MISSING, via: 'irsa' },
    ]);
  });

  describe('catalog visibility (the catalog denies outsider catalog.entity.read on payments)', () => {
    const OUTSIDER = 'user:default/outsider';

    it('GET /identity answers 404, as the catalog does, to a caller who may not read the entity', async () => {
      const { get } = await start({ hiddenFrom: OUTSIDER });
      const hidden = await get('/identity?entityRef=component:default/payments', OUTSIDER);
      expect(hidden.status).toBe(404);
      // Indistinguishable from an entity the catalog does not have.
      expect(hidden.body.error.message).toBe('No entity component:default/payments in the catalog');
      expect(hidden.body).not.toHaveProperty('serviceAccounts');
      const allowed = await get('/identity?entityRef=component:default/payments');
      expect(allowed.status).toBe(200);
      expect(allowed.body.serviceAccounts).toHaveLength(1);
      expect((await get('/identity?entityRef=component:default/website', OUTSIDER)).status).toBe(200);
    });

    it('GET /findings and /roles/orphans leave out what belongs to entities the caller may not read', async () => {
      const { get } = await start({ hiddenFrom: OUTSIDER });
      const mine = (await get('/findings')).body.findings as Array<{ entityRefs: string[] }>;
      expect(mine.some(f => f.entityRefs.includes('component:default/reports'))).toBe(true);
      expect((await get('/findings', OUTSIDER)).body.findings).toEqual([]);
      expect((await get('/roles/orphans')).body.danglingBindings).toHaveLength(1);
      const theirs = await get('/roles/orphans', OUTSIDER);
      expect(theirs.status).toBe(200);
      expect(theirs.body.danglingBindings).toEqual([]);
    });
  });

  it.each(['/sources', '/findings', '/roles/orphans', '/identity?entityRef=component:default/payments'])(
    'GET %s answers 403 with the missing permission when the policy denies it',
    async path => {
      const { get } = await start({ permission: AuthorizeResult.DENY });
      const response = await get(path);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/^Missing permission aws-identity\.(findings|identity)\.read$/);
    },
  );
});
