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
import { ACCOUNT, ISSUER, oidcProvider } from '../__fixtures__/exampleCluster';
import { Role } from '../domain/types';
import { planFromLiveRole, planRoleRequest } from '../generate/planRoleRequest';
import { RoleRequestDirectory } from '../generate/requestDirectory';
import { roleTags } from '../render/types';
import { buildIdentityReport } from '../report/buildIdentityReport';
import { comparePlanWithLiveRole } from './compareWithLive';
import { driftRepairOptions } from './driftRepair';

const directory: RoleRequestDirectory = {
  accountIds: [ACCOUNT],
  clusters: [{ name: 'prod', accountId: ACCOUNT, region: 'eu-west-1', issuer: `https://${ISSUER}` }],
};

function approvedPlan() {
  const result = planRoleRequest(
    {
      entityRef: 'component:default/reports',
      roleName: 'reports-s3',
      clusters: ['prod'],
      namespace: 'reports',
      serviceAccount: 'reports',
      access: [{ resource: 'arn:aws:s3:::reports-bucket', accessLevel: 'read' }],
    },
    directory,
  );
  if (!result.ok) throw new Error(result.error);
  return result.plan;
}

/** The role as the delivered code creates it: the plan's documents and tags. */
function liveRoleOf(plan = approvedPlan(), overrides: Partial<Role> = {}): Role {
  return {
    arn: plan.roleArn,
    name: 'reports-s3',
    accountId: ACCOUNT,
    trustPolicy: encodeURIComponent(JSON.stringify(plan.trustPolicy.document)),
    permissionPolicies: [{ name: 'aws-identity', kind: 'inline', document: plan.permissionPolicy.document }],
    tags: roleTags(plan),
    ...overrides,
  };
}

describe('drift of a verified role request', () => {
  describe('tags (IAM: keys case-insensitive, values exact)', () => {
    it('finds nothing on the role as delivered, or with the keys in another case, or extra tags', () => {
      const plan = approvedPlan();
      expect(comparePlanWithLiveRole(plan, liveRoleOf(plan)).drift).toEqual([]);
      const upper = Object.fromEntries(Object.entries(roleTags(plan)).map(([k, v]) => [k.toUpperCase(), v]));
      expect(comparePlanWithLiveRole(plan, liveRoleOf(plan, { tags: { ...upper, team: 'x' } })).drift).toEqual([]);
    });

    it('names a planned tag removed or changed, and concludes nothing when the tags were not read', () => {
      const plan = approvedPlan();
      const { 'managed-by': _removed, ...rest } = roleTags(plan);
      const removed = comparePlanWithLiveRole(plan, liveRoleOf(plan, { tags: rest }));
      expect(removed.identical).toBe(false);
      expect(removed.drift).toEqual(['the live role lacks the planned tag managed-by=aws-identity']);
      const changed = comparePlanWithLiveRole(
        plan,
        liveRoleOf(plan, { tags: { ...roleTags(plan), 'aws-identity/entity': 'component:default/other' } }),
      );
      expect(changed.drift).toEqual([
        'the live role\'s tag aws-identity/entity is "component:default/other", not the planned "component:default/reports"',
      ]);
      expect(comparePlanWithLiveRole(plan, liveRoleOf(plan, { tags: undefined })).drift).toEqual([]);
    });
  });

  describe('accepting the live state (planFromLiveRole)', () => {
    it('plans the live trust and every live permission statement, judged by the same checks, and then matches the live role', () => {
      const plan = approvedPlan();
      const widened = {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: 's3:*', Resource: '*' }],
      };
      const live = liveRoleOf(plan, {
        permissionPolicies: [
          { name: 'aws-identity', kind: 'inline', document: plan.permissionPolicy.document },
          { name: 'added-by-hand', kind: 'inline', document: encodeURIComponent(JSON.stringify(widened)) },
        ],
      });
      expect(comparePlanWithLiveRole(plan, live).drift).toEqual([
        'the live role has 1 permission statement(s) the plan does not',
      ]);
      const accepted = planFromLiveRole(plan, live, directory);
      if (!accepted.ok) throw new Error(accepted.error);
      expect(accepted.plan.input).toEqual(plan.input);
      expect(accepted.plan.grants).toEqual([]);
      // The approver sees what the live state grants: s3:* on every resource is a finding.
      expect(accepted.plan.findings.length).toBeGreaterThan(plan.findings.length);
      expect(['high', 'critical', 'medium']).toContain(accepted.plan.risk);
      // Recorded as the plan, the live role is as planned.
      expect(comparePlanWithLiveRole(accepted.plan, live).drift).toEqual([]);
    });

    it('refuses a changed trust in a format that writes the trust itself, and accepts it where the code carries the document', () => {
      const plan = approvedPlan();
      const widened = JSON.parse(JSON.stringify(plan.trustPolicy.document));
      widened.Statement[0].Condition.StringLike = widened.Statement[0].Condition.StringEquals;
      delete widened.Statement[0].Condition.StringEquals;
      const live = liveRoleOf(plan, { trustPolicy: widened });
      for (const format of ['terraform', 'eksctl'] as const) {
        expect(planFromLiveRole(plan, live, directory, format)).toEqual({
          ok: false,
          error: expect.stringContaining(`differs from the approved one, and ${format} writes the trust itself`),
        });
      }
      for (const format of ['ack', 'crossplane'] as const) {
        const accepted = planFromLiveRole(plan, live, directory, format);
        if (!accepted.ok) throw new Error(accepted.error);
        expect(accepted.plan.trustPolicy.document).toEqual(widened);
      }
    });

    it('renames a Sid that two live policies share, and refuses a live document it cannot read', () => {
      const plan = approvedPlan();
      const same = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports-bucket/*' }] };
      const accepted = planFromLiveRole(
        plan,
        liveRoleOf(plan, {
          permissionPolicies: [
            { name: 'a', kind: 'inline', document: same },
            { name: 'b', kind: 'inline', document: same },
          ],
        }),
        directory,
      );
      if (!accepted.ok) throw new Error(accepted.error);
      const sids = (accepted.plan.permissionPolicy.document.Statement as Array<{ Sid?: string }>).map(s => s.Sid);
      expect(sids).toEqual(['Read', 'Read2']);
      const unreadable = planFromLiveRole(
        plan,
        liveRoleOf(plan, { permissionPolicies: [{ name: 'broken', kind: 'inline', document: '%7Bnot json' }] }),
        directory,
      );
      expect(unreadable).toEqual({ ok: false, error: expect.stringMatching(/^the live policy broken of .* cannot be read/) });
    });
  });

  describe('who may repair it (driftRepairOptions)', () => {
    const drifted = { id: 'r1', state: 'drifted' as const, kind: 'role' as const };
    it('offers restore and accept on a drifted role request to whoever may submit requests', () => {
      expect(driftRepairOptions(drifted, { ref: 'user:default/a', mayRequest: true })).toEqual([
        { repair: 'restore', allowed: true },
        { repair: 'accept', allowed: true },
      ]);
      expect(driftRepairOptions(drifted, { ref: 'user:default/a', mayRequest: false })[0]).toEqual({
        repair: 'restore',
        allowed: false,
        reason: 'Missing permission aws-identity.request.create',
      });
    });

    it('refuses while a repair is open, and on any request that is not drifted', () => {
      expect(driftRepairOptions(drifted, { ref: 'user:default/a', mayRequest: true }, 'r2')[1].reason).toBe(
        'request r2 already repairs this drift; decide or withdraw it first',
      );
      expect(driftRepairOptions({ ...drifted, state: 'verified' }, { ref: 'u', mayRequest: true })[0].reason).toBe(
        'the request is verified; only a drifted request can be restored',
      );
      expect(driftRepairOptions({ ...drifted, kind: 'migration' }, { ref: 'u', mayRequest: true })[1].reason).toBe(
        'only role requests can be restored or accepted',
      );
    });
  });

  describe('the finding on the identity report (IRSA-R02)', () => {
    it('says which request drifted and how, links to it, and makes a working binding risky', () => {
      const plan = approvedPlan();
      const role = liveRoleOf(plan);
      const input = {
        cluster: { name: 'prod', accountId: ACCOUNT, region: 'eu-west-1', issuer: `https://${ISSUER}` },
        serviceAccount: {
          cluster: 'prod',
          namespace: 'reports',
          name: 'reports',
          annotations: { 'eks.amazonaws.com/role-arn': plan.roleArn },
        },
        roles: [role],
        oidcProviders: [oidcProvider()],
        completeAccounts: [ACCOUNT],
        podIdentityAssociations: [],
      };
      const before = buildIdentityReport(input);
      expect(before.findings.find(f => f.id === 'IRSA-R02')).toBeUndefined();
      const after = buildIdentityReport({
        ...input,
        context: {
          driftedRequests: [
            {
              requestId: 'r1',
              roleArn: plan.roleArn,
              drift: ['the live role has 1 permission statement(s) the plan does not'],
              since: '2026-12-01T10:00:00.000Z',
            },
          ],
        },
      });
      const finding = after.findings.find(f => f.id === 'IRSA-R02');
      expect(finding).toMatchObject({
        severity: 'medium',
        requestId: 'r1',
        subject: { kind: 'role', ref: plan.roleArn },
        message:
          'Request r1 was verified, then drifted (found 2026-12-01 10:00 UTC): the live role has 1 permission statement(s) the plan does not.',
      });
      expect(finding?.fix).toMatch(/Restore .* or Accept/);
      expect(after.verdict).not.toBe('verified');
      expect(after.nextStep?.findingId).toBeDefined();
    });
  });
});
