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
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory, actionsServiceFactory } from '@backstage/backend-defaults/alpha';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { portalConfig, Sandbox, useSandbox } from '@internal/aws-identity-test';
import { EntityIdentityResponse } from '@internal/plugin-aws-identity-common';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { awsIdentityPlugin } from '../plugin';
import {
  awsIdentityPermissionPolicyModule,
  awsIdentityPolicyFallbackExtensionPoint,
} from '../permissions/permissionPolicyModule';
import { AWS_IDENTITY_TASKS } from '../service/AwsIdentityInitializer';
import { permissionedCatalogFactory } from '../testing/permissionedCatalog';
import { catalogEntities, eventually } from '../testing/sandboxBackend';

jest.setTimeout(600_000);

/** An approver: a member of platform-team, the default approver group (test/sandbox/catalog/org.yaml). */
const ALICE = 'user:default/alice';
/** A developer of data-team. */
const BOB = 'user:default/bob';
/** A developer of app-team, from whom the organisation's policy hides the catalog. */
const CAROL = 'user:default/carol';
/** A user the organisation's policy grants none of aws-identity's permissions. */
const MALLORY = 'user:default/mallory';
const HIDDEN_FROM_CAROL = 'component:default/billing-api';

const TOOLS = [
  'aws-identity.create-request',
  'aws-identity.evaluate-trust',
  'aws-identity.explain-error',
  'aws-identity.get-identity',
  'aws-identity.list-findings',
  'aws-identity.plan-role',
];

/**
 * The organisation's own policy, given to the aws-identity policy as its fallback: Mallory gets
 * no aws-identity permission, Carol may read nothing in the catalog, everything else is
 * allowed. Approval stays with the approver groups (AwsIdentityPermissionPolicy).
 */
const organisationPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'organisation-policy',
  register(reg) {
    reg.registerInit({
      deps: { fallback: awsIdentityPolicyFallbackExtensionPoint },
      async init({ fallback }) {
        fallback.setFallbackPolicy({
          async handle(query, user) {
            const userRef = user?.info.userEntityRef;
            if (userRef === MALLORY && query.permission.name.startsWith('aws-identity.')) {
              return { result: AuthorizeResult.DENY };
            }
            if (userRef === CAROL && query.permission.name === 'catalog.entity.read') {
              return { result: AuthorizeResult.DENY };
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

/**
 * Who a signed-in user is for the permission framework: the user and the groups the catalog
 * says they are a member of, as the sign-in resolvers of app-config.yaml put into the token.
 */
function userInfoFromCatalog(entities: Entity[]) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: any) {
        const userEntityRef: string = credentials.principal.userEntityRef;
        const user = entities.find(e => e.kind === 'User' && stringifyEntityRef(e) === userEntityRef);
        const groups = ((user?.spec?.memberOf as string[] | undefined) ?? []).map(g =>
          stringifyEntityRef(parseEntityRef(g, { defaultKind: 'group', defaultNamespace: 'default' })),
        );
        return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] };
      },
    }),
  });
}

describe('the aws-identity actions through the real MCP endpoint', () => {
  let sandbox: Sandbox;
  let server: Server;
  let baseUrl: string;
  let stopBackend: () => Promise<void>;
  const clients: Client[] = [];

  beforeAll(async () => {
    sandbox = await useSandbox();
    const base = portalConfig(sandbox.state);
    const entities = catalogEntities(sandbox.state.catalogFiles);
    // The test scheduler never fires on its own; the first IAM/EKS sync starts with the backend.
    let scheduler: SchedulerService | undefined;
    const backend = await startTestBackend({
      features: [
        awsIdentityPlugin,
        mcpActionsPlugin,
        // The real registry and actions service: tools are listed and invoked over HTTP with
        // the caller's credentials, as in a portal.
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        // The real permission framework, with the portal's policy module.
        permissionPlugin,
        permissionsServiceFactory,
        awsIdentityPermissionPolicyModule,
        organisationPolicy,
        userInfoFromCatalog(entities),
        permissionedCatalogFactory(entities),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: { lifecycle: coreServices.lifecycle },
          factory: ({ lifecycle }) => {
            const created = mockServices.scheduler();
            scheduler ??= created;
            lifecycle.addStartupHook(() => {
              void created.triggerTask(AWS_IDENTITY_TASKS.awsSync).catch(() => {});
            });
            return created;
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            ...base,
            backend: { actions: { pluginSources: ['aws-identity'] } },
            permission: { enabled: true },
          } as any,
        }),
      ],
    });
    server = backend.server as unknown as Server;
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
    stopBackend = () => backend.stop();
    // Every account and cluster read once, so that answers are about the sandbox's data.
    await eventually(
      () => request(server).get('/api/aws-identity/sources').set('Authorization', mockCredentials.user.header(BOB)),
      r => r.body.sources?.length > 0 && r.body.sources.every((s: { state: string }) => s.state === 'ok'),
    );
    void scheduler;
  });

  afterAll(async () => {
    await Promise.all(clients.map(c => c.close().catch(() => {})));
    await stopBackend?.();
    await sandbox?.stop();
  });

  /** An MCP client signed in as `user`, over Streamable HTTP. */
  async function mcpAs(user: string): Promise<Client> {
    const client = new Client({ name: 'aws-identity-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/api/mcp-actions/v1`), {
      requestInit: { headers: { Authorization: mockCredentials.user.header(user) } },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  /** Calls a tool; the parsed output, or the error text of a tool error. */
  async function call(client: Client, name: string, args: Record<string, unknown>) {
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as Array<{ type: string; text: string }>)[0]?.text ?? '';
    return result.isError ? { error: text } : { output: JSON.parse(text) as any };
  }

  const http = (user: string) => ({
    get: (path: string) => request(server).get(`/api/aws-identity${path}`).set('Authorization', mockCredentials.user.header(user)),
    post: (path: string, body: object) =>
      request(server).post(`/api/aws-identity${path}`).set('Authorization', mockCredentials.user.header(user)).send(body),
  });

  it('lists the six tools with their input schemas and hints', async () => {
    const { tools } = await (await mcpAs(BOB)).listTools();
    expect(tools.map(t => t.name).sort()).toEqual(TOOLS);
    const byName = new Map(tools.map(t => [t.name, t]));
    expect(byName.get('aws-identity.get-identity')!.inputSchema).toMatchObject({
      type: 'object',
      properties: { entityRef: { type: 'string' } },
      required: ['entityRef'],
    });
    expect(byName.get('aws-identity.evaluate-trust')!.inputSchema.required).toEqual(
      expect.arrayContaining(['trustPolicy', 'accountId', 'namespace', 'serviceAccount']),
    );
    expect(byName.get('aws-identity.create-request')!.inputSchema).toMatchObject({
      properties: { idempotencyKey: { type: 'string' }, request: { type: 'object' } },
    });
    for (const name of TOOLS.filter(n => n !== 'aws-identity.create-request')) {
      expect({ name, ...byName.get(name)!.annotations }).toMatchObject({ name, readOnlyHint: true, destructiveHint: false });
    }
    expect(byName.get('aws-identity.create-request')!.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
  });

  it('get-identity answers what GET /identity answers', async () => {
    const entityRef = 'component:default/edgedelta-agent';
    const viaHttp = await http(BOB).get(`/identity?entityRef=${encodeURIComponent(entityRef)}`);
    expect(viaHttp.status).toBe(200);
    const viaMcp = await call(await mcpAs(BOB), 'aws-identity.get-identity', { entityRef });
    expect(viaMcp.output).toEqual(viaHttp.body);
    const body = viaMcp.output as EntityIdentityResponse;
    expect(body.serviceAccounts.map(r => [r.serviceAccount.name, r.verdict])).toEqual([['edgedelta', 'verified']]);
  });

  it('get-identity follows catalog visibility: an entity hidden from the caller is not found', async () => {
    const carol = await call(await mcpAs(CAROL), 'aws-identity.get-identity', { entityRef: HIDDEN_FROM_CAROL });
    expect(carol.error).toBe(`NotFoundError: No entity ${HIDDEN_FROM_CAROL} in the catalog`);
    expect((await http(CAROL).get(`/identity?entityRef=${encodeURIComponent(HIDDEN_FROM_CAROL)}`)).status).toBe(404);
    const bob = await call(await mcpAs(BOB), 'aws-identity.get-identity', { entityRef: HIDDEN_FROM_CAROL });
    expect(bob.output.entityRef).toBe(HIDDEN_FROM_CAROL);
  });

  /** The role's trust policy as IAM holds it (GetRole), read with the portal's reader keys. */
  async function trustPolicyOf(roleArn: string): Promise<string> {
    const accountId = roleArn.split(':')[4];
    const account = sandbox.state.aws.accounts.find(a => a.id === accountId)!;
    const iam = new IAMClient({
      endpoint: sandbox.state.aws.endpoint,
      region: 'us-east-1',
      credentials: account.readerCredentials!,
    });
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleArn.split('/').pop()! }));
    return decodeURIComponent(Role!.AssumeRolePolicyDocument!);
  }

  it.each([
    ['component:default/edgedelta-agent', true],
    ['component:default/billing-api', false],
  ])('evaluate-trust on the trust IAM holds for %s decides as the report of GET /identity (allowed %s)', async (entityRef, allowed) => {
    const { body } = await http(BOB).get(`/identity?entityRef=${encodeURIComponent(entityRef)}`);
    const report = (body as EntityIdentityResponse).serviceAccounts[0];
    const role = report.roles.find(r => r.via === 'irsa')!;
    const cluster = sandbox.state.clusters.find(c => c.name === report.serviceAccount.cluster)!;
    const evaluated = await call(await mcpAs(BOB), 'aws-identity.evaluate-trust', {
      trustPolicy: await trustPolicyOf(role.arn),
      accountId: role.arn.split(':')[4],
      namespace: report.serviceAccount.namespace,
      serviceAccount: report.serviceAccount.name,
      issuer: cluster.issuer,
    });
    expect(evaluated.output).toMatchObject({
      allowed,
      via: 'irsa',
      decision: role.trust!.evaluations[0].decision,
      explanation: role.trust!.explanation,
    });
    expect(role.trust!.allowed).toBe(allowed);
  });

  it('list-findings answers what GET /findings answers, most severe first', async () => {
    const viaHttp = await http(BOB).get('/findings?severity=critical,high');
    const viaMcp = await call(await mcpAs(BOB), 'aws-identity.list-findings', { severity: ['critical', 'high'], limit: 1000 });
    expect(viaMcp.output.totalCount).toBe(viaHttp.body.findings.length);
    expect(viaMcp.output.totalCount).toBeGreaterThan(0);
    const key = (f: any) => `${f.id} ${f.serviceAccount.cluster}/${f.serviceAccount.namespace}/${f.serviceAccount.name} ${f.subject?.ref}`;
    expect(viaMcp.output.findings.map(key).sort()).toEqual(viaHttp.body.findings.map(key).sort());
    expect(viaMcp.output.findings.findIndex((f: any) => f.severity === 'high')).toBeGreaterThanOrEqual(
      viaMcp.output.findings.filter((f: any) => f.severity === 'critical').length,
    );
    const one = await call(await mcpAs(BOB), 'aws-identity.list-findings', { severity: ['critical', 'high'], limit: 1 });
    expect(one.output).toMatchObject({ totalCount: viaHttp.body.findings.length });
    expect(one.output.findings).toHaveLength(1);
  });

  it('explain-error decodes a missing OIDC provider with the cause from the service account\'s report', async () => {
    const entityRef = 'component:default/ledger-exporter';
    const { body } = await http(BOB).get(`/identity?entityRef=${encodeURIComponent(entityRef)}`);
    const report = (body as EntityIdentityResponse).serviceAccounts[0];
    const cluster = sandbox.state.clusters.find(c => c.name === report.serviceAccount.cluster)!;
    // The message STS returns when the account has no IAM OIDC provider for the token's issuer
    // (AssumeRoleWithWebIdentity, InvalidIdentityToken).
    const errorText = `An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No OpenIDConnect provider found in your account for ${cluster.issuer}`;
    const explained = await call(await mcpAs(BOB), 'aws-identity.explain-error', {
      entityRef,
      serviceAccount: report.serviceAccount,
      errorText,
    });
    expect(explained.output).toMatchObject({ error: { kind: 'no-oidc-provider', code: 'InvalidIdentityToken' } });
    expect(explained.output.causes.map((c: { findingId?: string }) => c.findingId)).toContain('IRSA-T06');
    const elsewhere = await call(await mcpAs(BOB), 'aws-identity.explain-error', {
      entityRef,
      serviceAccount: { ...report.serviceAccount, name: 'someone-else' },
      errorText,
    });
    expect(elsewhere.error).toMatch(/^NotFoundError: serviceAccount: /);
  });

  it('an unauthorised user sees no tool and cannot call one', async () => {
    const mallory = await mcpAs(MALLORY);
    expect((await mallory.listTools()).tools).toEqual([]);
    const denied = await call(mallory, 'aws-identity.get-identity', { entityRef: 'component:default/edgedelta-agent' });
    expect(denied.error).toBe('NotFoundError: Action "aws-identity.get-identity" not found');
    // The HTTP API refuses the same user the same read.
    expect((await http(MALLORY).get('/identity?entityRef=component:default/edgedelta-agent')).status).toBe(403);
  });

  const roleRequest = {
    entityRef: 'component:default/sdc',
    roleName: 'sdc-mcp-s3',
    clusters: ['sandbox-east'],
    namespace: 'ns1',
    serviceAccount: 'sdc',
    access: [{ resource: 'arn:aws:s3:::sandbox-data-collector', accessLevel: 'read' }],
  };

  it('plan-role plans what create-request records; the requester cannot approve it (four eyes)', async () => {
    const alice = await mcpAs(ALICE);
    const planned = await call(alice, 'aws-identity.plan-role', roleRequest);
    expect(planned.output).toMatchObject({ roleArn: expect.stringMatching(/:role\/sdc-mcp-s3$/), risk: expect.any(String) });

    const created = await call(alice, 'aws-identity.create-request', {
      idempotencyKey: 'mcp-test:sdc-mcp-s3',
      request: roleRequest,
    });
    expect(created.output).toMatchObject({
      created: true,
      request: { state: 'submitted', requestedBy: ALICE, entityRef: 'component:default/sdc' },
    });
    expect(created.output.request.plan).toEqual(planned.output);
    const id = created.output.request.id;

    // The same request over HTTP: one request, recorded for Alice.
    const recorded = await http(BOB).get(`/requests/${id}`);
    expect(recorded.body).toMatchObject({ id, requestedBy: ALICE, state: 'submitted' });

    // Alice is an approver, but not of her own request.
    const selfApproval = await http(ALICE).post(`/requests/${id}/approve`, { comment: 'looks fine' });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.error.message).toBe('You cannot decide on your own role request; another platform engineer must');
    expect((await http(BOB).get(`/requests/${id}`)).body.state).toBe('submitted');

    // The same key again returns the recorded request.
    const again = await call(alice, 'aws-identity.create-request', { idempotencyKey: 'mcp-test:sdc-mcp-s3', request: roleRequest });
    expect(again.output).toMatchObject({ created: false, request: { id } });
  });

  it('refuses invalid input with an error naming the field', async () => {
    const bob = await mcpAs(BOB);
    const plan = await call(bob, 'aws-identity.plan-role', { ...roleRequest, namespace: 'kube-system' });
    expect(plan.error).toMatch(/^InputError: namespace: /);
    const create = await call(bob, 'aws-identity.create-request', {
      idempotencyKey: 'mcp-test:bad-account',
      request: { ...roleRequest, accountId: '12345' },
    });
    expect(create.error).toMatch(/^InputError: request\.accountId: /);
    const trust = await call(bob, 'aws-identity.evaluate-trust', {
      trustPolicy: '{"Statement": [',
      accountId: '111122223333',
      namespace: 'ns1',
      serviceAccount: 'sdc',
      issuer: sandbox.state.clusters[0].issuer,
    });
    expect(trust.error).toMatch(/^InputError: trustPolicy: /);
    const identity = await call(bob, 'aws-identity.get-identity', { entityRef: 'component:' });
    expect(identity.error).toMatch(/^InputError: entityRef: /);
    // A value of the wrong type is refused by the registry's schema check, whose error lists
    // the path of each field it refused.
    const typed = await call(bob, 'aws-identity.get-identity', { entityRef: 42 });
    expect(typed.error).toMatch(/^InputError: Invalid input to action "aws-identity:get-identity"/);
    expect(typed.error).toMatch(/"path": \[\s*"entityRef"\s*\]/);
  });
});
