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


import { mockCredentials } from '@backstage/backend-test-utils';
import {
  loadExpectations,
  Sandbox,
  useSandbox,
} from '@internal/aws-identity-test';
import { EntityIdentityResponse } from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { eventually, startSandboxBackend } from './testing/sandboxBackend';

jest.setTimeout(600_000);

describe('GET /identity against the sandbox', () => {
  let sandbox: Sandbox;
  let server: Parameters<typeof request>[0];
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await useSandbox();
    const backend = await startSandboxBackend({ state: sandbox.state });
    server = backend.server;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  const identity = (entityRef: string) =>
    request(server)
      .get('/api/aws-identity/identity')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header());

  it('reports every account and cluster as a source, and all of them readable', async () => {
    const response = await eventually(
      () =>
        request(server)
          .get('/api/aws-identity/sources')
          .set('Authorization', mockCredentials.user.header()),
      r => r.body.sources?.every((s: { state: string }) => s.state === 'ok'),
    );
    expect(response.status).toBe(200);
    expect(response.body.sources.filter((s: { state: string }) => s.state !== 'ok')).toEqual([]);
    expect(response.body.sources).toHaveLength(
      sandbox.state.aws.accounts.length + sandbox.state.clusters.length,
    );
    for (const source of response.body.sources) {
      expect(source).toMatchObject({ state: 'ok' });
    }
  });

  const table = loadExpectations();
  it.each(Object.entries(table.entities))(
    '%s shows the expected verdicts and findings',
    async (entityRef, expectations) => {
      const response = await identity(entityRef);
      expect(response.status).toBe(200);
      const body = response.body as EntityIdentityResponse;
      for (const expected of expectations) {
        const report = body.serviceAccounts.find(
          r =>
            r.serviceAccount.cluster === expected.cluster &&
            r.serviceAccount.namespace === expected.namespace &&
            r.serviceAccount.name === expected.serviceAccount,
        );
        const where = `${expected.cluster}/${expected.namespace}/${expected.serviceAccount} (${expected.scenario})`;
        expect({ where, found: Boolean(report) }).toEqual({ where, found: true });
        const ids = [...new Set(report!.findings.map(f => f.id))].sort();
        const allowed = new Set([...expected.findings, ...expected.optionalFindings]);
        // The engine's reasons ride along so that a mismatch explains itself.
        expect({ where, verdict: report!.verdict, why: report!.verdictReasons }).toEqual({
          where,
          verdict: expected.verdict,
          why: report!.verdict === expected.verdict ? report!.verdictReasons : [],
        });
        expect({ where, missing: expected.findings.filter(id => !ids.includes(id)) }).toEqual({
          where,
          missing: [],
        });
        expect({ where, unexpected: ids.filter(id => !allowed.has(id)) }).toEqual({
          where,
          unexpected: [],
        });
        // What the Permissions section shows for the pods: the engine's effective permissions.
        const effective = report!.roles
          .flatMap(r => r.effectivePermissions ?? [])
          .find(e => e.roleArn === expected.permissions?.roleArn)?.summary;
        const shown = effective && {
          roleArn: expected.permissions!.roleArn,
          allows: effective.services
            .flatMap(s => s.levels.flatMap(l => l.actions.flatMap(a => l.resources.map(r => `${a} ${r}`))))
            .sort(),
          unresolved: (effective.unresolved ?? []).flatMap(u => [...u.variables, ...(u.conditionKeys ?? [])]).sort(),
        };
        expect({ where, permissions: expected.permissions ? shown : undefined }).toEqual({
          where,
          permissions: expected.permissions,
        });
      }
    },
  );

  const orgView = (path: string) =>
    request(server)
      .get(`/api/aws-identity${path}`)
      .set('Authorization', mockCredentials.user.header());

  it('lists org-wide findings with the owning entity, filtered by severity and check', async () => {
    const response = await eventually(
      () => orgView('/findings?severity=critical,high&checkId=IRSA-T01'),
      r => r.body.findings?.some((f: { entityRefs: string[] }) => f.entityRefs.length > 0),
    );
    expect(response.status).toBe(200);
    expect(response.body.findings.length).toBeGreaterThan(0);
    for (const finding of response.body.findings) {
      expect(finding.id).toBe('IRSA-T01');
      expect(['critical', 'high']).toContain(finding.severity);
    }
    expect(response.body.findings).toContainEqual(
      expect.objectContaining({
        serviceAccount: {
          cluster: 'sandbox-east',
          namespace: 'mc-missing-sub',
          name: 'report-generator',
        },
        entityRefs: ['component:default/report-generator'],
        accountId: '111111111111',
      }),
    );
  });

  it('reports the annotation naming a missing role as a dangling binding', async () => {
    const response = await orgView('/roles/orphans');
    expect(response.status).toBe(200);
    expect(response.body.danglingBindings).toContainEqual(
      expect.objectContaining({
        serviceAccount: { cluster: 'sandbox-east', namespace: 'mc-role-missing', name: 'notifier' },
        via: 'irsa',
      }),
    );
  });

  it.each([
    ['an unknown severity filter', () => orgView('/findings?severity=urgent'), /severity/],
    ['a malformed entityRef', () => identity('component:'), /entityRef/],
  ])('answers 400 with a reason naming the field for %s', async (_what, call, reason) => {
    const response = await call();
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(reason);
  });

  it('answers 404 for an entity that is not in the catalog', async () => {
    const response = await identity('component:default/does-not-exist');
    expect(response.status).toBe(404);
  });

  it('answers 401 without credentials', async () => {
    const response = await request(server)
      .get('/api/aws-identity/identity')
      .query({ entityRef: 'component:default/x' })
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });
});
