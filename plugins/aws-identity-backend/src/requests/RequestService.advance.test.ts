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


import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Cluster, planRoleRequest, Role, RoleRequest } from '@internal/plugin-aws-identity-common';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitBranchDelivery } from '../delivery/GitBranchDelivery';
import { createBareRemote } from '../testing/bareRemote';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { RequestStore } from './RequestStore';
import { LiveIdentity, RequestService, WORKFLOW_ACTOR } from './RequestService';
import { testDirectory, validRequest } from './__fixtures__';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const author = { name: 'test', email: 'test@example.com' };
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 't@e' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv }).toString().trim();

const EAST: Cluster = {
  name: 'sandbox-east',
  accountId: '111111111111',
  issuer: testDirectory.clusters[0].issuer!,
};

/** The request service as the plugin builds it, minus what a test replaces. */
type ServiceOptions = ConstructorParameters<typeof RequestService>[0];
function requestService(options: Omit<ServiceOptions, 'directory' | 'logger'> & Partial<Pick<ServiceOptions, 'logger'>>) {
  return new RequestService({ directory: testDirectory, logger: mockServices.logger.mock(), ...options });
}

describe('RequestService: delivery, tracking and expiry', () => {
  let root: string;
  let remote: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'aws-identity-workflow-'));
    remote = createBareRemote(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function approvedRequest(): Promise<{ store: RequestStore; request: RoleRequest }> {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseRequestStore.create({ database: mockServices.database({ knex }) });
    const planned = planRoleRequest(validRequest, testDirectory);
    if (!planned.ok) throw new Error(planned.error);
    const { request } = await store.create({
      idempotencyKey: 'k1',
      payloadHash: 'h1',
      plan: planned.plan,
      requestedBy: 'user:default/bob',
      submittedBy: 'user:default/bob',
      format: 'terraform',
    });
    const approved = await store.transition({ id: request.id, from: 'submitted', to: 'approved', actor: 'user:default/alice' });
    return { store, request: approved as RoleRequest };
  }

  /** The role as the platform's pipeline would create it from the plan. */
  function liveRoleFrom(request: RoleRequest, overrides: Partial<Role> = {}): Role {
    return {
      arn: request.plan.roleArn,
      name: request.plan.input.roleName,
      accountId: request.plan.input.accountId,
      trustPolicy: request.plan.trustPolicy.document,
      permissionPolicies: [{ name: 'inline', kind: 'inline', document: request.plan.permissionPolicy.document }],
      ...overrides,
    };
  }

  function live(roles: Role[] = []): LiveIdentity & { refreshed: string[][] } {
    const refreshed: string[][] = [];
    return {
      refreshed,
      role: arn => roles.find(r => r.arn === arn),
      clusters: () => [EAST],
      accountStatus: () => undefined,
      entityReports: async () => undefined,
      serviceAccountReport: () => undefined,
      refreshAccounts: async ids => {
        refreshed.push(ids);
      },
      binding: () => ({ known: false }),
    };
  }

  const branchCommits = (branch: string) => git(root, '--git-dir', remote, 'rev-list', '--count', branch);
  const mergeToMain = (branch: string) => {
    const work = join(root, `merge-${Math.random().toString(36).slice(2)}`);
    git(root, 'clone', '--quiet', remote, work);
    git(work, 'fetch', '--quiet', 'origin', branch);
    git(work, 'merge', '--quiet', '--no-edit', 'FETCH_HEAD');
    git(work, 'push', '--quiet', 'origin', 'HEAD:main');
  };

  it('takes an approved request through pr-open, merged and live to verified', async () => {
    const { store, request } = await approvedRequest();
    const roles: Role[] = [];
    const view = live(roles);
    const workflow = requestService({
      store,
      live: view,
      delivery: new GitBranchDelivery({ remote, baseBranch: 'main', author }),
      logger: mockServices.logger.mock(),
    });

    await workflow.advance();
    let current = (await store.get(request.id))!;
    expect(current.state).toBe('pr-open');
    expect(current.delivery).toMatchObject({ kind: 'git-branch', branch: `aws-identity/request-${request.id}` });
    const files = git(root, '--git-dir', remote, 'ls-tree', '-r', '--name-only', current.delivery!.branch);
    expect(files).toContain('aws-identity/reports-api-s3/policies/trust-policy.json');
    expect(files).toContain('aws-identity/reports-api-s3/aws-identity-plan.json');

    await workflow.advance();
    expect((await store.get(request.id))!.state).toBe('pr-open');

    mergeToMain(current.delivery!.branch);
    await workflow.advance();
    current = (await store.get(request.id))!;
    // Merged, but the pipeline has not created the role yet: it waits and says so.
    expect(current.state).toBe('merged');
    await workflow.advance();
    current = (await store.get(request.id))!;
    expect(current.state).toBe('merged');
    expect(current.verification?.drift).toEqual([`${request.plan.roleArn} does not exist in IAM yet`]);
    expect(view.refreshed).toContainEqual(['111111111111']);

    roles.push(liveRoleFrom(request));
    await workflow.advance();
    expect((await store.get(request.id))!.state).toBe('live');
    await workflow.advance();
    current = (await store.get(request.id))!;
    expect(current.state).toBe('verified');
    expect(current.verification?.drift).toEqual([]);
    expect(current.transitions.map(t => [t.to, t.actor])).toEqual([
      ['submitted', 'user:default/bob'],
      ['approved', 'user:default/alice'],
      ['pr-open', WORKFLOW_ACTOR],
      ['merged', WORKFLOW_ACTOR],
      ['live', WORKFLOW_ACTOR],
      ['verified', WORKFLOW_ACTOR],
    ]);
  });

  it('shows drift and stays live when the live role differs from the plan', async () => {
    const { store, request } = await approvedRequest();
    await store.transition({ id: request.id, from: 'approved', to: 'pr-open', actor: WORKFLOW_ACTOR });
    await store.transition({ id: request.id, from: 'pr-open', to: 'merged', actor: WORKFLOW_ACTOR });
    await store.transition({ id: request.id, from: 'merged', to: 'live', actor: WORKFLOW_ACTOR });
    const wrongTrust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const workflow = requestService({
      store,
      live: live([liveRoleFrom(request, { trustPolicy: wrongTrust, permissionPolicies: [] })]),
      logger: mockServices.logger.mock(),
    });

    await workflow.advance();

    const current = (await store.get(request.id))!;
    expect(current.state).toBe('live');
    expect(current.verification?.drift).toEqual([
      'the live trust policy does not admit reports/reports-api on sandbox-east',
      expect.stringMatching(/planned permission statement\(s\) are not on the live role/),
    ]);
  });

  describe('a verified request stays verified only while the live state matches the plan', () => {
    /** A verified request, and an index where the account and cluster are read and the service account is annotated as planned. */
    async function verifiedRequest(extra: Partial<ServiceOptions> = {}) {
      const { store, request } = await approvedRequest();
      for (const [from, to] of [['approved', 'pr-open'], ['pr-open', 'merged'], ['merged', 'live'], ['live', 'verified']] as const) {
        await store.transition({ id: request.id, from, to, actor: WORKFLOW_ACTOR });
      }
      const roles = [liveRoleFrom(request)];
      let annotations: Record<string, string> | undefined = { 'eks.amazonaws.com/role-arn': request.plan.roleArn };
      const index: LiveIdentity = {
        ...live(roles),
        accountStatus: accountId => ({ source: { kind: 'aws-account', accountId }, state: 'ok' }),
        binding: () => ({ known: true, ...(annotations ? { annotations } : {}), associationRoleArns: [] }),
      };
      const workflow = requestService({ store, live: index, logger: mockServices.logger.mock(), ...extra });
      return {
        store,
        request,
        roles,
        workflow,
        annotate: (next: Record<string, string> | undefined) => {
          annotations = next;
        },
        state: async () => (await store.get(request.id))!,
      };
    }

    it('moves to drifted when the trust is edited, with the drift and the fix, and back to verified when repaired', async () => {
      const { request, roles, workflow, state } = await verifiedRequest();
      await workflow.advance();
      expect((await state()).state).toBe('verified');

      roles[0] = liveRoleFrom(request, {
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
      });
      await workflow.advance();
      let current = await state();
      expect(current.state).toBe('drifted');
      expect(current.verification?.drift).toEqual(['the live trust policy does not admit reports/reports-api on sandbox-east']);
      expect(current.verification?.fix).toMatch(/^Restore: .*Accept: /);
      expect(current.transitions[current.transitions.length - 1]).toMatchObject({
        from: 'verified',
        to: 'drifted',
        actor: WORKFLOW_ACTOR,
        reason: expect.stringContaining('drift after verification: the live trust policy does not admit'),
      });

      roles[0] = liveRoleFrom(request);
      await workflow.advance();
      current = await state();
      expect(current.state).toBe('verified');
      expect(current.transitions.map(t => t.to).slice(-3)).toEqual(['verified', 'drifted', 'verified']);
    });

    it('moves to drifted when the annotation is removed, and when the role is deleted', async () => {
      const { request, roles, workflow, annotate, state } = await verifiedRequest();
      await workflow.advance();
      expect((await state()).verification?.boundOn).toEqual(['sandbox-east']);
      annotate({});
      await workflow.advance();
      expect((await state()).verification?.drift).toEqual([
        'the eks.amazonaws.com/role-arn annotation of reports/reports-api on sandbox-east was removed',
      ]);
      roles.length = 0;
      annotate({ 'eks.amazonaws.com/role-arn': request.plan.roleArn });
      await workflow.advance();
      const current = await state();
      expect(current.state).toBe('drifted');
      // The drift of a drifted request follows what the index shows now.
      expect(current.verification?.drift).toEqual([`${request.plan.roleArn} no longer exists in IAM`]);
    });

    it('does not call a binding that was never in place drift (binding the service account is the deployer\'s step)', async () => {
      const { workflow, annotate, state } = await verifiedRequest();
      annotate({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111111111111:role/older-role' });
      await workflow.advance();
      const current = await state();
      expect(current.state).toBe('verified');
      expect(current.verification?.boundOn).toEqual([]);
    });

    describe('restore and accept', () => {
      const jane = { ref: 'user:default/jane', mayDecide: false, mayRequest: true, catalog: async () => ({ hidden: new Set<string>(), owners: new Map() }) };
      const alice = { ref: 'user:default/alice', mayDecide: true };
      const widened = {
        Version: '2012-10-17',
        Statement: [{ Sid: 'ByHand', Effect: 'Allow' as const, Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::reports-bucket/*' }],
      };

      async function driftedRequest() {
        const verified = await verifiedRequest({ delivery: new GitBranchDelivery({ remote, baseBranch: 'main', author }) });
        await verified.workflow.advance();
        // A statement added by hand, outside the workflow.
        verified.roles[0] = liveRoleFrom(verified.request, {
          permissionPolicies: [
            { name: 'inline', kind: 'inline', document: verified.request.plan.permissionPolicy.document },
            { name: 'by-hand', kind: 'inline', document: widened },
          ],
        });
        await verified.workflow.advance();
        expect((await verified.state()).state).toBe('drifted');
        return verified;
      }

      /** Approves a repair (by someone else), delivers and merges it, and runs the pipeline's apply. */
      async function approveDeliverAndMerge(workflow: RequestService, store: RequestStore, id: string) {
        await workflow.decide({ id, action: 'approve', actor: alice });
        await workflow.advance();
        const delivered = (await store.get(id))!;
        expect(delivered.state).toBe('pr-open');
        mergeToMain(delivered.delivery!.branch);
        return delivered;
      }

      it('offers both on the drifted request, and restore asks for the approved plan again; once verified, the drifted request is superseded', async () => {
        const { store, request, roles, workflow, state } = await driftedRequest();
        expect(((await workflow.get(request.id, jane)) as RoleRequest).repairs).toEqual([
          { repair: 'restore', allowed: true },
          { repair: 'accept', allowed: true },
        ]);
        const { request: restore, created } = await workflow.repair({ id: request.id, repair: 'restore' }, jane);
        expect(created).toBe(true);
        expect(restore).toMatchObject({
          state: 'submitted',
          requestedBy: 'user:default/jane',
          entityRef: request.entityRef,
          succeeds: { requestId: request.id, repair: 'restore' },
          plan: { roleArn: request.plan.roleArn, trustPolicy: request.plan.trustPolicy, permissionPolicy: request.plan.permissionPolicy },
        });
        // A double click is the same request; the other repair waits for this one.
        expect((await workflow.repair({ id: request.id, repair: 'restore' }, jane)).request.id).toBe(restore.id);
        await expect(workflow.repair({ id: request.id, repair: 'accept' }, jane)).rejects.toThrow(
          `request ${restore.id} already repairs this drift`,
        );
        expect(((await workflow.get(request.id, jane)) as RoleRequest).repairs?.every(r => !r.allowed)).toBe(true);
        // Four eyes as for any request: the requester of the repair cannot approve it.
        await expect(
          workflow.decide({ id: restore.id, action: 'approve', actor: { ref: 'user:default/jane', mayDecide: true } }),
        ).rejects.toThrow(/own role request/);

        await approveDeliverAndMerge(workflow, store, restore.id);
        // The pipeline applies the code again: the hand-made statement is gone.
        roles[0] = liveRoleFrom(request);
        for (let pass = 0; pass < 3; pass++) await workflow.advance();
        expect((await store.get(restore.id))!.state).toBe('verified');
        const original = await state();
        expect(original.state).toBe('superseded');
        expect(original.transitions[original.transitions.length - 1].reason).toBe(
          `superseded by request ${restore.id}, which restored the plan and is verified`,
        );
      });

      it('accept records the live state as the plan, with what it grants judged, and verifies against the live role', async () => {
        const { store, request, workflow, state } = await driftedRequest();
        const { request: accept } = await workflow.repair({ id: request.id, repair: 'accept' }, jane);
        expect(accept.kind ?? 'role').toBe('role');
        if (accept.kind === 'migration') throw new Error('unexpected');
        const statements = accept.plan.permissionPolicy.document.Statement as Array<{ Sid?: string }>;
        expect(statements.map(s => s.Sid)).toContain('ByHand');
        expect(accept.plan.trustPolicy.document).toEqual(request.plan.trustPolicy.document);
        const delivered = await approveDeliverAndMerge(workflow, store, accept.id);
        const files = git(root, '--git-dir', remote, 'show', `${delivered.delivery!.branch}:aws-identity/reports-api-s3/policies/permission-policy.json`);
        expect(files).toContain('"ByHand"');
        // The live role already is the accepted plan: merged, live, verified; the drifted one superseded.
        for (let pass = 0; pass < 3; pass++) await workflow.advance();
        expect((await store.get(accept.id))!.state).toBe('verified');
        expect((await state()).state).toBe('superseded');
        // Superseded is final: the next passes leave it alone, and it offers no repair.
        await workflow.advance();
        expect((await state()).state).toBe('superseded');
        expect(((await workflow.get(request.id, jane)) as RoleRequest).repairs).toBeUndefined();
      });

      it('refuses, naming why, and records nothing: not drifted, no permission, account unread, nothing left to accept', async () => {
        const verified = await verifiedRequest();
        await verified.workflow.advance();
        await expect(verified.workflow.repair({ id: verified.request.id, repair: 'restore' }, jane)).rejects.toThrow(
          'the request is verified; only a drifted request can be restored',
        );
        const { store, request, roles, workflow } = await driftedRequest();
        await expect(workflow.repair({ id: request.id, repair: 'accept' }, { ...jane, mayRequest: false })).rejects.toThrow(
          'Missing permission aws-identity.request.create',
        );
        const blind = requestService({ store, live: { ...live(roles) }, logger: mockServices.logger.mock() });
        await expect(blind.repair({ id: request.id, repair: 'accept' }, jane)).rejects.toThrow(/account 111111111111 was not read completely/);
        roles.length = 0;
        await expect(workflow.repair({ id: request.id, repair: 'accept' }, jane)).rejects.toThrow(
          /no longer exists in IAM; restore it instead/,
        );
        await expect(workflow.repair({ id: 'not-a-request', repair: 'restore' }, jane)).rejects.toThrow(/not found/);
        expect(await store.count({ succeeds: request.id })).toBe(0);
      });
    });

    it('concludes nothing while the account cannot be read', async () => {
      const { store, request, roles } = await verifiedRequest();
      roles.length = 0;
      const blind = requestService({ store, live: live(roles), logger: mockServices.logger.mock() });
      await blind.advance();
      expect((await store.get(request.id))!.state).toBe('verified');
    });
  });

  it('completes with one branch and one commit after a crash between delivery and pr-open', async () => {
    const { store, request } = await approvedRequest();
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
    let crashes = 1;
    const crashingStore: RequestStore = {
      ...store,
      list: (f, page) => store.list(f, page),
      count: f => store.count(f),
      teamSources: f => store.teamSources(f),
      listAfter: (f, cursor, limit) => store.listAfter(f, cursor, limit),
      get: id => store.get(id),
      create: r => store.create(r),
      setVerification: (id, v) => store.setVerification(id, v),
      setFollowUp: (id, f) => store.setFollowUp(id, f),
      transition: async change => {
        if (crashes-- > 0) throw new Error('backend killed');
        return store.transition(change);
      },
    };
    const logger = mockServices.logger.mock();
    await requestService({ store: crashingStore, live: live(), delivery, logger }).advance();
    expect((await store.get(request.id))!.state).toBe('approved');

    // The restarted backend picks the request up again.
    await requestService({ store, live: live(), delivery, logger }).advance();

    const current = (await store.get(request.id))!;
    expect(current.state).toBe('pr-open');
    expect(branchCommits(current.delivery!.branch)).toBe('2');
    expect(git(root, '--git-dir', remote, 'branch', '--list', 'aws-identity/*').split('\n')).toHaveLength(1);
  });

  it('delivers once when two replicas run at the same time', async () => {
    const { store, request } = await approvedRequest();
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
    const logger = mockServices.logger.mock();
    await Promise.all([
      requestService({ store, live: live(), delivery, logger }).advance(),
      requestService({ store, live: live(), delivery, logger }).advance(),
    ]);
    const current = (await store.get(request.id))!;
    expect(current.state).toBe('pr-open');
    expect(current.transitions.filter(t => t.to === 'pr-open')).toHaveLength(1);
    expect(branchCommits(current.delivery!.branch)).toBe('2');
  });

  it('does not deliver an approved request whose name a foreign role took since, and says why', async () => {
    const { store, request } = await approvedRequest();
    const foreign = liveRoleFrom(request, { arn: 'arn:aws:iam::111111111111:role/legacy/Reports-API-S3', tags: { team: 'legacy' } });
    const workflow = requestService({
      store,
      // Looked up as IAM does: the same name in the same account, whatever the path and case.
      live: { ...live(), role: arn => (arn.toLowerCase().endsWith('/reports-api-s3') ? foreign : undefined) },
      delivery: new GitBranchDelivery({ remote, baseBranch: 'main', author }),
    });
    await workflow.advance();
    const current = (await store.get(request.id))!;
    expect(current.state).toBe('failed');
    expect(current.transitions[current.transitions.length - 1].reason).toMatch(/^not delivered: .*not created by aws-identity/);
    expect(git(root, '--git-dir', remote, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/')).toBe('main');
  });

  it('fails the request when the change is closed without merging', async () => {
    const { store, request } = await approvedRequest();
    const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
    const workflow = requestService({ store, live: live(), delivery, logger: mockServices.logger.mock() });
    await workflow.advance();
    const delivered = (await store.get(request.id))!;
    git(root, '--git-dir', remote, 'branch', '-D', delivered.delivery!.branch);
    await workflow.advance();
    const current = (await store.get(request.id))!;
    expect(current.state).toBe('failed');
    expect(current.transitions.at(-1)?.reason).toMatch(/closed without merging/);
  });

  it('expires a submitted request nobody decided on in time, and leaves fresh ones', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseRequestStore.create({ database: mockServices.database({ knex }) });
    const planned = planRoleRequest(validRequest, testDirectory);
    if (!planned.ok) throw new Error(planned.error);
    const make = (key: string) =>
      store.create({ idempotencyKey: key, payloadHash: key, plan: planned.plan, requestedBy: 'user:default/bob', submittedBy: 'user:default/bob' });
    const old = (await make('old')).request;
    const fresh = (await make('fresh')).request;
    await knex('aws_identity_role_requests').where({ id: old.id }).update({ created_at: '2026-01-01T00:00:00.000Z' });

    await requestService({ store, live: live(), logger: mockServices.logger.mock(), expireAfterDays: 14 }).advance();

    expect((await store.get(old.id))!.state).toBe('expired');
    expect((await store.get(old.id))!.transitions.at(-1)?.reason).toBe('no decision within 14 days');
    expect((await store.get(fresh.id))!.state).toBe('submitted');
  });

  describe('a merged request that does not converge', () => {
    async function mergedRequest() {
      const { store, request } = await approvedRequest();
      await store.transition({ id: request.id, from: 'approved', to: 'pr-open', actor: WORKFLOW_ACTOR });
      const merged = await store.transition({ id: request.id, from: 'pr-open', to: 'merged', actor: WORKFLOW_ACTOR });
      return { store, request: merged as RoleRequest, mergedAt: Date.parse(merged.transitions[merged.transitions.length - 1].at) };
    }

    it('backs off exponentially, reading its account only when a check is due', async () => {
      const { store, request, mergedAt } = await mergedRequest();
      let now = mergedAt;
      const view = live();
      const workflow = requestService({ store, live: view, now: () => now });

      const checks: Array<string | undefined> = [];
      for (let pass = 0; pass < 6; pass++) {
        await workflow.advance();
        checks.push((await store.get(request.id))!.verification?.nextCheckAt);
      }
      // Three checks at every pass, then one minute: the next three passes at the same time skip it.
      expect(view.refreshed).toHaveLength(4);
      expect(checks.slice(3)).toEqual([new Date(now + 60_000).toISOString(), new Date(now + 60_000).toISOString(), new Date(now + 60_000).toISOString()]);

      now += 60_000;
      await workflow.advance();
      const current = (await store.get(request.id))!;
      expect(current.verification).toMatchObject({ attempts: 5, nextCheckAt: new Date(now + 120_000).toISOString() });
      expect(view.refreshed).toHaveLength(5);
    });

    it('fails after convergeWithinDays with the reason', async () => {
      const { store, request, mergedAt } = await mergedRequest();
      let now = mergedAt;
      const workflow = requestService({ store, live: live(), now: () => now, convergeWithinDays: 2 });
      await workflow.advance();
      expect((await store.get(request.id))!.state).toBe('merged');

      now = mergedAt + 2 * 24 * 60 * 60 * 1000;
      await workflow.advance();

      const current = (await store.get(request.id))!;
      expect(current.state).toBe('failed');
      expect(current.transitions[current.transitions.length - 1].reason).toBe(
        `the role did not become live and as planned within 2 days of the merge: ${request.plan.roleArn} does not exist in IAM yet`,
      );
    });
  });

  describe('withdraw', () => {
    const bob = { ref: 'user:default/bob', mayDecide: false };
    const heads = () => git(root, '--git-dir', remote, 'for-each-ref', '--format=%(refname)', 'refs/heads/aws-identity/');

    it('deletes the pushed branch of a pr-open request before it is withdrawn', async () => {
      const { store, request } = await approvedRequest();
      const workflow = requestService({ store, live: live(), delivery: new GitBranchDelivery({ remote, baseBranch: 'main', author }) });
      await workflow.advance();
      expect(heads()).toBe(`refs/heads/aws-identity/request-${request.id}`);

      const withdrawn = await workflow.decide({ id: request.id, action: 'withdraw', actor: bob });

      expect(withdrawn.state).toBe('withdrawn');
      expect(heads()).toBe('');
    });

    it('refuses (409) to withdraw a pr-open request whose change was merged meanwhile, and changes nothing', async () => {
      const { store, request } = await approvedRequest();
      const workflow = requestService({ store, live: live(), delivery: new GitBranchDelivery({ remote, baseBranch: 'main', author }) });
      await workflow.advance();
      mergeToMain(`aws-identity/request-${request.id}`);

      await expect(workflow.decide({ id: request.id, action: 'withdraw', actor: bob })).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(/already merged/),
      });
      expect((await store.get(request.id))!.state).toBe('pr-open');
    });

    it('refuses (409) when the remote cannot be changed, and the request stays pr-open', async () => {
      const { store, request } = await approvedRequest();
      const workflow = requestService({ store, live: live(), delivery: new GitBranchDelivery({ remote, baseBranch: 'main', author }) });
      await workflow.advance();
      const broken = requestService({ store, live: live(), delivery: new GitBranchDelivery({ remote: join(root, 'gone.git'), baseBranch: 'main', author }) });

      await expect(broken.decide({ id: request.id, action: 'withdraw', actor: bob })).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(/could not be closed/),
      });
      expect((await store.get(request.id))!.state).toBe('pr-open');
      expect(heads()).not.toBe('');
    });

    it('leaves no branch when a withdraw wins the race against a delivery that is pushing', async () => {
      const { store, request } = await approvedRequest();
      const branchDelivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
      // The racing delivery withdraws through the service that runs it, which exists only after it.
      const service: { current?: RequestService } = {};
      // The withdraw lands after the push and before the delivery records pr-open.
      const racing = {
        deliver: async (change: Parameters<GitBranchDelivery['deliver']>[0]) => {
          const receipt = await branchDelivery.deliver(change);
          await service.current!.decide({ id: request.id, action: 'withdraw', actor: bob });
          return receipt;
        },
        state: branchDelivery.state.bind(branchDelivery),
        retract: branchDelivery.retract.bind(branchDelivery),
      };
      const workflow = requestService({ store, live: live(), delivery: racing });
      service.current = workflow;

      await workflow.advance();

      expect((await store.get(request.id))!.state).toBe('withdrawn');
      expect(heads()).toBe('');
    });

    it('retracts what a crashed delivery pushed for an approved request', async () => {
      const { store, request } = await approvedRequest();
      const delivery = new GitBranchDelivery({ remote, baseBranch: 'main', author });
      await delivery.deliver({ requestId: request.id, title: 't', body: 'b', files: { 'a.tf': 'a' } });
      const workflow = requestService({ store, live: live(), delivery });

      expect((await workflow.decide({ id: request.id, action: 'withdraw', actor: bob })).state).toBe('withdrawn');
      expect(heads()).toBe('');
    });
  });
});
