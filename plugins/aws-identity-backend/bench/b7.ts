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
import { filterRoleList, Role, RoleListFilter, roleListCsv } from '@internal/plugin-aws-identity-common';
import { IdentityService } from '../src/identity/IdentityService';
import { EntityDirectory } from '../src/org/EntityDirectory';
import { OrgViews } from '../src/org/OrgViews';
import { RolesView } from '../src/org/RolesView';
import { FakeAwsSource, FakeClusterSource, injectedPods, irsaAnnotation } from '../src/testing/fakeSources';
import { percentile } from './b1';

/** B7 figures. */
export interface B7Result {
  roles: number;
  serviceAccounts: number;
  coldMs: number;
  rebuildMs: number;
  rereadMs: number;
  pages: number;
  p50: number;
  p95: number;
  csvMs: number;
  csvMb: number;
  heapMb: number;
}

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent } as any;

const ISSUER_HOST = 'oidc.eks.us-east-1.amazonaws.com/id/BENCHB7EXAMPLE';

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** One role of the mix: most IRSA with an exact subject, some wildcards, Pod Identity, services. */
function benchRole(accountId: string, i: number): Role {
  const name = `b7-role-${i}`;
  const provider = `arn:aws:iam::${accountId}:oidc-provider/${ISSUER_HOST}`;
  const kind = i % 10;
  const irsa = (sub: string, operator: string) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: provider },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { [operator]: { [`${ISSUER_HOST}:sub`]: sub, [`${ISSUER_HOST}:aud`]: 'sts.amazonaws.com' } },
      },
    ],
  });
  const service = (principal: string, actions: string | string[]) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: actions }],
  });
  let trust: unknown = service('lambda.amazonaws.com', 'sts:AssumeRole');
  if (kind < 6) trust = irsa(`system:serviceaccount:ns-${i % 200}:sa-${i}`, 'StringEquals');
  else if (kind === 6) trust = irsa(`system:serviceaccount:ns-${i % 200}:*`, 'StringLike');
  else if (kind < 9) trust = service('pods.eks.amazonaws.com', ['sts:AssumeRole', 'sts:TagSession']);
  return {
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    name,
    accountId,
    path: '/',
    trustPolicy: encodeURIComponent(JSON.stringify(trust)),
    permissionPolicies: [
      {
        name: 'access',
        kind: 'inline',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::bucket-${i}/*` }] },
      },
    ],
    createDate: new Date(Date.now() - (i % 500) * 86_400_000).toISOString(),
    ...(i % 3 === 0 ? {} : { lastUsed: { at: new Date(Date.now() - (i % 200) * 86_400_000).toISOString(), region: 'us-east-1' } }),
    ...(i % 7 === 0 ? { tags: { owner: `team-${i % 40}` } } : {}),
  };
}

/**
 * B7: the roles view (`GET /roles`) at tens of thousands of roles, in-process over the real
 * identity service, entity directory, org views and roles view (sources faked at the extension
 * points): the first build (every role's trust assessed), a rebuild after a cluster change (the
 * assessments kept), page answers with random filters and offsets, the full CSV export, and
 * the heap the view retains.
 */
export async function runB7(options: { roles: number; serviceAccounts: number; pages: number }): Promise<B7Result> {
  const accounts = ['710000000001', '710000000002', '710000000003', '710000000004', '710000000005'];
  const perAccount = Math.ceil(options.roles / accounts.length);
  const aws = new FakeAwsSource(accounts);
  const roles: Role[] = [];
  accounts.forEach((accountId, a) => {
    const own = Array.from({ length: perAccount }, (_, k) => benchRole(accountId, a * perAccount + k));
    roles.push(...own);
    aws.readAccount(accountId, own, { issuers: [`https://${ISSUER_HOST}`] });
  });
  // Half of the service accounts are bound to an IRSA role; each namespace is one component.
  const serviceAccounts = Array.from({ length: options.serviceAccounts }, (_, i) => ({
    namespace: `ns-${i % 200}`,
    name: `sa-${i}`,
    ...(i % 2 === 0 && roles[i] ? { annotations: irsaAnnotation(roles[i].arn) } : {}),
    pods: {
      aggregate: i % 2 === 0 && roles[i] ? injectedPods(2, roles[i].arn) : {},
      labelSets: [{ 'backstage.io/kubernetes-id': `svc-${i % 200}` }],
    },
  }));
  const cluster = (extra = 0) => ({
    name: 'b7',
    accountId: accounts[0],
    discoveredIssuer: `https://${ISSUER_HOST}`,
    serviceAccounts: extra ? [...serviceAccounts, { namespace: 'late', name: `sa-late-${extra}` }] : serviceAccounts,
  });
  const clusters = new FakeClusterSource([cluster()]);
  const entities: Entity[] = Array.from({ length: 200 }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `svc-${i}`, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': `svc-${i}` } },
    spec: { type: 'service', owner: `group:default/team-${i % 20}`, lifecycle: 'production' },
  }));
  const identity = new IdentityService({ aws, clusters, staleAfterSeconds: 900 });
  const directory = new EntityDirectory(catalogServiceMock({ entities }), mockServices.auth(), silent);
  await directory.refresh();
  const orgViews = new OrgViews(identity, directory);

  const before = heapAfterGc();
  let view: RolesView | undefined = new RolesView(identity, orgViews, { unusedAfterDays: 90 });
  let started = performance.now();
  const all = view.list();
  const coldMs = performance.now() - started;
  const heapMb = (heapAfterGc() - before) / 1024 / 1024;

  const filters: RoleListFilter[] = [{}, { orphaned: true }, { unusedDays: 90 }, { risky: true }, { accountIds: [accounts[2]] }, { text: 'role-4' }];
  const samples: number[] = [];
  for (let i = 0; i < options.pages; i++) {
    const filter = filters[i % filters.length];
    const t = performance.now();
    const matching = filterRoleList(view.list(), filter);
    const offset = Math.floor(Math.random() * Math.max(1, matching.length - 50));
    JSON.stringify({ items: matching.slice(offset, offset + 50), totalCount: matching.length });
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);

  // A cluster change: new snapshot, rows rebuilt, assessments kept.
  clusters.set(cluster(1));
  started = performance.now();
  view.list();
  const rebuildMs = performance.now() - started;

  // Every account read again, nothing changed in IAM: new role objects, the same content.
  accounts.forEach((accountId, a) => {
    const again = roles.slice(a * perAccount, (a + 1) * perAccount).map(r => ({ ...r }));
    aws.readAccount(accountId, again, { issuers: [`https://${ISSUER_HOST}`] });
  });
  started = performance.now();
  view.list();
  const rereadMs = performance.now() - started;

  started = performance.now();
  const csv = roleListCsv(view.list());
  const csvMs = performance.now() - started;
  view = undefined;
  return {
    roles: all.length,
    serviceAccounts: options.serviceAccounts,
    coldMs,
    rebuildMs,
    rereadMs,
    pages: options.pages,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    csvMs,
    csvMb: csv.length / 1024 / 1024,
    heapMb,
  };
}
