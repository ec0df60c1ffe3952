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
import {
  assessRoleTrust,
  buildIdentityReport,
  buildRoleListItem,
  describeLiveRole,
  emptyPodAggregate,
  MigrationRequest,
  planRoleRequest,
  requestActionOptions,
  requestTargets,
  requestTeam,
  Role,
  RolePlan,
  RoleRequest,
  SourceStatus,
} from '@internal/plugin-aws-identity-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { IdentityService } from '../identity/IdentityService';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { OrgViews } from '../org/OrgViews';
import { RolesView } from '../org/RolesView';
import { RequestService } from '../requests/RequestService';
import { LiveProofService } from '../liveProof/LiveProofService';
import { createLiveProofRouter } from '../router/createLiveProofRouter';
import { testDirectory, validRequest } from '../requests/__fixtures__';
import { createIdentityRouter, createRequestsRouter, createRolesRouter } from '../router';

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { security?: unknown[]; parameters?: unknown[]; requestBody?: unknown; responses?: Record<string, unknown> }>
  >;
  security?: unknown[];
  components: { schemas: Record<string, Schema> };
}

/** The part of OpenAPI 3.0 schemas this file uses. */
interface Schema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  items?: Schema;
  enum?: unknown[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
}

const document = parse(
  readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'),
) as OpenApiDocument;

/**
 * Where a value does not conform to a schema, as `path: problem` lines. Objects with
 * `properties` are closed unless `additionalProperties` says otherwise, so a field added to a
 * common type but not to the document shows up here.
 */
function violations(schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) {
    return violations(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')], value, path);
  }
  if (value === null) return schema.nullable ? [] : [`${path}: null`];
  if (schema.allOf) return schema.allOf.flatMap(s => violations(s, value, path));
  if (schema.oneOf) {
    const matching = schema.oneOf.filter(s => violations(s, value, path).length === 0);
    return matching.length === 1 ? [] : [`${path}: matches ${matching.length} of oneOf`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum`];
  switch (schema.type) {
    case 'array':
      if (!Array.isArray(value)) return [`${path}: not an array`];
      return value.flatMap((item, i) => (schema.items ? violations(schema.items, item, `${path}[${i}]`) : []));
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
      const record = value as Record<string, unknown>;
      const problems = (schema.required ?? [])
        .filter(key => record[key] === undefined)
        .map(key => `${path}.${key}: required`);
      for (const [key, item] of Object.entries(record)) {
        if (item === undefined) continue;
        const property = schema.properties?.[key];
        if (property) problems.push(...violations(property, item, `${path}.${key}`));
        else if (schema.properties && schema.additionalProperties !== true) problems.push(`${path}.${key}: not documented`);
      }
      return problems;
    }
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: not an integer`];
    default:
      return schema.type && typeof value !== schema.type ? [`${path}: not a ${schema.type}`] : [];
  }
}

/** `GET /identity` style keys of the routes an express router serves. */
function routesOf(router: { stack: unknown[] }): string[] {
  const routes: string[] = [];
  for (const layer of router.stack as Array<{
    route?: { path: string; methods: Record<string, boolean> };
  }>) {
    if (!layer.route) continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      // Express paths (`/requests/:id`) in OpenAPI form (`/requests/{id}`).
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      if (enabled) routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes.sort();
}

/** The roles view's row for the planned role, bound to its service account, as `GET /roles` answers. */
function roleListItem(plan: RolePlan, live: { trustPolicy: string; permissionPolicies: Role['permissionPolicies'] }) {
  const full: Role = { arn: plan.roleArn, name: plan.input.roleName, accountId: plan.input.accountId, createDate: '2026-01-01T00:00:00Z', ...live };
  return buildRoleListItem(full, {
    assessment: assessRoleTrust(full, {}),
    bindings: [{ cluster: 'prod', namespace: 'payments', serviceAccount: 'api', via: 'irsa' }],
    boundEntities: [{ entityRef: plan.input.entityRef, owner: 'group:default/app-team' }],
    now: new Date('2026-12-01T00:00:00Z'),
    unusedAfterDays: 90,
  });
}

describe('openapi.yaml', () => {
  it('documents exactly the routes the read and request routers serve', async () => {
    const router = await createIdentityRouter({
      httpAuth: mockServices.httpAuth.mock(),
      permissions: mockServices.permissions.mock(),
      // Handlers are not called here; the route table does not depend on the services.
      identity: {} as IdentityService,
      orgViews: {} as OrgViews,
      visibility: {} as CatalogVisibility,
    });
    const requestsRouter = await createRequestsRouter({
      requests: {} as RequestService,
      httpAuth: mockServices.httpAuth.mock(),
      permissions: mockServices.permissions.mock(),
      auditor: mockServices.auditor.mock(),
      visibility: {} as CatalogVisibility,
    });
    const rolesRouter = await createRolesRouter({
      httpAuth: mockServices.httpAuth.mock(),
      permissions: mockServices.permissions.mock(),
      identity: {} as IdentityService,
      rolesView: {} as RolesView,
      visibility: {} as CatalogVisibility,
    });
    const liveProofRouter = await createLiveProofRouter({
      liveProof: {} as LiveProofService,
      identity: {} as IdentityService,
      httpAuth: mockServices.httpAuth.mock(),
      permissions: mockServices.permissions.mock(),
      auditor: mockServices.auditor.mock(),
      visibility: {} as CatalogVisibility,
    });
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(method => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    const served = [router, requestsRouter, rolesRouter, liveProofRouter].flatMap(r => routesOf(r as unknown as { stack: unknown[] })).sort();
    expect(documented).toEqual(served);
  });

  describe('request schemas match what the engine and the routes produce', () => {
    const planned = planRoleRequest({ ...validRequest, owner: 'group:default/app-team' }, testDirectory);
    if (!planned.ok) throw new Error(planned.error);
    const plan: RolePlan = planned.plan;
    const roleRequest: RoleRequest = {
      id: '0b6f2c1e-9d1a-4c51-8a7e-2f3b4c5d6e7f',
      idempotencyKey: 'task-1:request',
      state: 'pr-open',
      entityRef: plan.input.entityRef,
      requestedBy: 'user:default/dev',
      submittedBy: 'plugin:scaffolder',
      owner: plan.input.owner,
      plan,
      format: 'terraform',
      createdAt: '2026-10-01T10:00:00.000Z',
      updatedAt: '2026-10-01T10:05:00.000Z',
      transitions: [
        { from: null, to: 'submitted', actor: 'user:default/dev', at: '2026-10-01T10:00:00.000Z' },
        { from: 'submitted', to: 'approved', actor: 'user:default/lead', reason: 'ok', at: '2026-10-01T10:01:00.000Z' },
      ],
      delivery: { kind: 'github-pull-request', branch: 'aws-identity/x', url: 'https://github.com/acme/infra/pull/7', number: 7 },
      verification: { checkedAt: '2026-10-01T10:04:00.000Z', drift: [] },
      // As the routes answer: what the caller may do, decided per response.
      actions: requestActionOptions(
        { state: 'submitted', requestedBy: 'user:default/dev', submittedBy: 'plugin:scaffolder', plan },
        { ref: 'user:default/lead', mayDecide: true },
      ),
      // And the team it is listed under, decided per read.
      team: requestTeam({ owner: plan.input.owner, requestedBy: 'user:default/dev' }, 'group:default/payments-team'),
    };
    const account: SourceStatus = {
      source: { kind: 'aws-account', accountId: plan.input.accountId },
      state: 'ok',
      lastSuccessAt: '2026-10-01T10:00:00.000Z',
    };
    const role = {
      trustPolicy: JSON.stringify(plan.trustPolicy.document),
      permissionPolicies: [
        { name: 'extra', kind: 'aws-managed' as const, arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] } },
        { name: 'broken', kind: 'inline' as const, document: '%7Bnot json' },
      ],
    };

    it.each([
      ['RoleRequest', '', roleRequest],
      ['IdentityRequest', '(a role request)', roleRequest],
      ['ListRoleRequestsResponse', '', { items: [roleRequest], totalCount: 1, limit: 100, offset: 0, facets: { teams: ['user:default/dev'] } }],
      ['CreateRoleRequestResponse', '', { request: roleRequest, created: true }],
      ['CreateRoleRequestBody', '', { idempotencyKey: 'k', request: { ...validRequest, owner: 'app-team' }, format: 'ack', repoUrl: 'https://x', requestedBy: 'user:default/a' }],
      ['LiveRoleResponse', '(absent)', describeLiveRole({ plan, account })],
      ['LiveRoleResponse', '(present, with drift and an unreadable policy)', describeLiveRole({ plan, account, role })],
      ['LiveRoleResponse', '(unknown)', describeLiveRole({ plan, account: { ...account, state: 'error', error: 'reading IAM failed' } })],
      ['RoleListResponse', '', { items: [roleListItem(plan, role)], totalCount: 1, limit: 50, offset: 0, accounts: [account] }],
      [
        'RoleRequestTargetList',
        '',
        {
          items: requestTargets(testDirectory, [
            { name: testDirectory.clusters[0].name, podIdentityAgent: { state: 'installed', status: 'ACTIVE', version: 'v1.3.4-eksbuild.1' } },
          ]),
        },
      ],
    ] as const)('%s %s', (name, _case, value) => {
      expect(violations({ $ref: `#/components/schemas/${name}` }, JSON.parse(JSON.stringify(value)))).toEqual([]);
    });

    it('catches a field the document does not describe', () => {
      expect(violations({ $ref: '#/components/schemas/LiveRoleResponse' }, { roleArn: 'x', status: 'gone', extra: 1 })).toEqual([
        '$.status: "gone" not in enum',
        '$.extra: not documented',
      ]);
    });
  });

  describe('the identity report schema matches what the engine builds', () => {
    const issuer = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const roleArn = 'arn:aws:iam::111111111111:role/app';
    // A trust without a sub condition (IRSA-T01), a permission policy that flags actions
    // (IRSA-P04) and pods that were not injected (IRSA-B04): every structured fact is present.
    const report = buildIdentityReport({
      cluster: { name: 'east', accountId: '111111111111', issuer: `https://${issuer}`, kubernetesVersion: '1.18' },
      serviceAccount: { cluster: 'east', namespace: 'team-a', name: 'api', annotations: { 'eks.amazonaws.com/role-arn': roleArn } },
      pods: emptyPodAggregate({ podCount: 2, irsaEnvCount: 1, irsaVolumeCount: 1, nonRootWithoutFsGroupCount: 1 }),
      roles: [
        {
          arn: roleArn,
          name: 'app',
          accountId: '111111111111',
          trustPolicy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Sid: 'Cluster', Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${issuer}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' } } }],
          }),
          permissionPolicies: [{ name: 'pass', kind: 'inline', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] } }],
        },
      ],
      oidcProviders: [{ arn: `arn:aws:iam::111111111111:oidc-provider/${issuer}`, accountId: '111111111111', issuerHostPath: issuer, clientIds: ['sts.amazonaws.com'] }],
      podIdentityAssociations: [],
    });

    it('carries who else the trust admits, the flagged actions and the pod conditions', () => {
      expect(report.roles[0].alsoAdmits?.map(w => w.admits?.scope)).toContain('every-service-account');
      expect(report.roles[0].flaggedActions?.[0].actions).toEqual(['iam:PassRole']);
      expect(report.podConditions).toMatchObject({ notInjected: 1, tokenUnreadable: 1 });
    });

    // A migration request as the routes answer it: the engine's plan of the report, recorded,
    // with its live progress.
    const migrationRequest: MigrationRequest = {
      kind: 'migration',
      id: '0b6f2c1e-9d1a-4c51-8a7e-2f3b4c5d6e70',
      idempotencyKey: 'migration:1',
      state: 'live',
      entityRef: 'component:default/app',
      requestedBy: 'user:default/dev',
      submittedBy: 'user:default/dev',
      migration: {
        input: { entityRef: 'component:default/app', serviceAccounts: [{ cluster: 'east', namespace: 'team-a', name: 'api' }] },
        targets: [{ serviceAccount: { cluster: 'east', namespace: 'team-a', name: 'api' }, plan: report.migration! }],
        findings: report.findings,
        risk: 'high',
      },
      progress: [{ serviceAccount: { cluster: 'east', namespace: 'team-a', name: 'api' }, status: report.migration!.status, steps: report.migration!.steps }],
      format: 'terraform',
      createdAt: '2026-10-01T10:00:00.000Z',
      updatedAt: '2026-10-01T10:05:00.000Z',
      transitions: [{ from: null, to: 'submitted', actor: 'user:default/dev', at: '2026-10-01T10:00:00.000Z' }],
      verification: { checkedAt: '2026-10-01T10:04:00.000Z', drift: ['east/team-a/api: step 3 (Restart the pods) is not done'] },
      actions: requestActionOptions(
        { state: 'submitted', requestedBy: 'user:default/dev', submittedBy: 'user:default/dev', kind: 'migration', migration: { risk: 'high' } },
        { ref: 'user:default/dev', mayDecide: true },
      ),
      team: 'user:default/dev',
    };

    it.each([
      ['IdentityReport', report],
      ['EntityIdentityResponse', { entityRef: 'component:default/app', selector: {}, serviceAccounts: [report], sources: [] }],
      ['IdentityRequest', migrationRequest],
      ['ListRoleRequestsResponse', { items: [migrationRequest], totalCount: 1, limit: 100, offset: 0, facets: { teams: [] } }],
      ['CreateRoleRequestBody', { kind: 'migration', idempotencyKey: 'm', request: { entityRef: 'component:default/app' }, format: 'eksctl' }],
    ])('%s', (name, value) => {
      expect(violations({ $ref: `#/components/schemas/${name}` }, JSON.parse(JSON.stringify(value)))).toEqual([]);
    });
  });

  it('requires a Backstage token everywhere except /health', () => {
    expect(document.security).toEqual([{ backstageToken: [] }]);
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const operation of Object.values(operations)) {
        expect({ path, security: operation.security }).toEqual({
          path,
          security: path === '/health' ? [] : undefined,
        });
      }
    }
  });

  it('documents the refusals every route really answers', () => {
    // What the routers do for every route of their kind: authentication and the permission
    // framework on every route but /health, the body limit on every route with a JSON body, a
    // 404 for an unknown id, and the decision routes' 409 for a request in the wrong state.
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      if (path === '/health') continue;
      for (const [method, operation] of Object.entries(operations)) {
        const expected = ['401', '403'];
        if (operation.requestBody) expected.push('400', '413');
        if (path.includes('{id}')) expected.push('404');
        if (/\/(approve|reject|withdraw)$/.test(path)) expected.push('409');
        for (const status of expected) {
          if (!operation.responses?.[status]) missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
