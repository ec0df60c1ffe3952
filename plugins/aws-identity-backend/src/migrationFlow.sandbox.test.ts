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


import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CreateAddonCommand,
  CreateFargateProfileCommand,
  DeleteFargateProfileCommand,
  DescribePodIdentityAssociationCommand,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import {
  applyInfrastructure,
  eksClient,
  iamClient,
  KubeClient,
  portalConfig,
  Sandbox,
  useSandbox,
} from '@internal/aws-identity-test';
import { IRSA_ANNOTATIONS, MigrationRequest } from '@internal/plugin-aws-identity-common';
import request from 'supertest';
import { awsIdentityPlugin } from './plugin';
import { catalogEntities } from './testing/sandboxBackend';

jest.setTimeout(600_000);

const DEVELOPER = 'user:default/bob';
const PLATFORM = 'user:default/alice';
const ENTITY = 'component:default/sdc';

describe('an IRSA → EKS Pod Identity migration from request to annotation removal, against the sandbox', () => {
  let sandbox: Sandbox;
  let server: Parameters<typeof request>[0];
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await useSandbox();
    const base = portalConfig(sandbox.state);
    const backend = await startTestBackend({
      features: [
        awsIdentityPlugin,
        // The real scheduler, so the workflow runs on its own as in a portal.
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            ...base,
            // A short sync, so the add-on, the association and the restarted pods reach the index quickly.
            awsIdentity: { ...base.awsIdentity, requests: { pollSeconds: 1 }, syncIntervalSeconds: 2 },
          } as any,
        }),
        catalogServiceMock.factory({ entities: catalogEntities(sandbox.state.catalogFiles) }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  const as = (user: string) => mockCredentials.user.header(user);
  const east = () => sandbox.state.clusters.find(c => c.name === 'sandbox-east')!;
  const admin = () => new KubeClient({ server: east().server, caFile: east().caFile, token: east().adminToken });

  const submit = () =>
    request(server)
      .post('/api/aws-identity/requests')
      .set('Authorization', as(DEVELOPER))
      .send({ kind: 'migration', idempotencyKey: 'migration-flow-test', format: 'terraform', request: { entityRef: ENTITY } });

  async function waitFor(id: string, done: (r: MigrationRequest) => boolean): Promise<MigrationRequest> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const response = await request(server).get(`/api/aws-identity/requests/${id}`).set('Authorization', as(DEVELOPER));
      if (done(response.body) || Date.now() > deadline) return response.body;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }

  /** The state of one readiness item of ns1/sdc's migration plan, as the tab reads it. */
  async function readiness(item: string): Promise<string | undefined> {
    const response = await request(server)
      .get(`/api/aws-identity/identity?entityRef=${encodeURIComponent(ENTITY)}`)
      .set('Authorization', as(DEVELOPER));
    const report = (response.body.serviceAccounts ?? []).find(
      (r: any) => r.serviceAccount.namespace === 'ns1' && r.serviceAccount.name === 'sdc',
    );
    return report?.migration?.readiness.find((i: any) => i.id === item)?.state;
  }

  async function waitForReadiness(item: string, reached: (state: string | undefined) => boolean): Promise<string | undefined> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const state = await readiness(item);
      if (reached(state) || Date.now() > deadline) return state;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }

  const eks = () => eksClient({ endpoint: sandbox.state.aws.endpoint, accountId: east().accountId, region: east().region });
  const eksName = () => east().arn.split('/').pop()!;

  it('is refused while the cluster has no eks-pod-identity-agent add-on, naming the field', async () => {
    // Once the index read the cluster's add-ons, the plan says the agent is missing.
    expect(await waitForReadiness('pod-identity-agent', state => state === 'blocked')).toBe('blocked');
    const refused = await submit();
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^request\.entityRef: .*no eks-pod-identity-agent add-on/);
  });

  it('is refused while a Fargate profile selects the pods (Pod Identity is unsupported on Fargate)', async () => {
    // The platform team installs the EKS Pod Identity Agent add-on (EKS User Guide, "pod-id-agent-setup").
    const client = eks();
    await client.send(new CreateAddonCommand({ clusterName: eksName(), addonName: 'eks-pod-identity-agent' }));
    expect(await waitForReadiness('pod-identity-agent', s => s === 'ready')).toBe('ready');

    // EKS User Guide, "Fargate profile": a selector matches pods by namespace (and optional labels).
    await client.send(
      new CreateFargateProfileCommand({
        clusterName: eksName(),
        fargateProfileName: 'ns1-on-fargate',
        podExecutionRoleArn: `arn:aws:iam::${east().accountId}:role/fargate-pod-execution`,
        selectors: [{ namespace: 'ns1' }],
      }),
    );
    expect(await waitForReadiness('fargate', s => s !== undefined && s !== 'ready')).toBe('blocked');
    const refused = await submit();
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^request\.entityRef: .*Fargate/);

    await client.send(new DeleteFargateProfileCommand({ clusterName: eksName(), fargateProfileName: 'ns1-on-fargate' }));
    expect(await waitForReadiness('fargate', s => s === 'ready')).toBe('ready');
    client.destroy();
  });

  it('is refused while a pod of the service account uses hostNetwork', async () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'sdc-host-network', namespace: 'ns1' },
      spec: { serviceAccountName: 'sdc', hostNetwork: true, containers: [{ name: 'sdc', image: 'streamsets/datacollector:3.18.0' }] },
    };
    await admin().request('POST', '/api/v1/namespaces/ns1/pods', pod);
    expect(await waitForReadiness('host-network', s => s !== undefined && s !== 'ready')).toBe('blocked');
    const refused = await submit();
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^request\.entityRef: .*hostNetwork/);

    await admin().request('DELETE', '/api/v1/namespaces/ns1/pods/sdc-host-network?gracePeriodSeconds=0');
    expect(await waitForReadiness('host-network', s => s === 'ready')).toBe('ready');
  });

  it('is approved by another person, delivered, applied, seen live and verified on Pod Identity, then removes the annotation', async () => {
    const client = eks();

    const deadline = Date.now() + 60_000;
    let submitted = await submit();
    while (submitted.status !== 201 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      submitted = await submit();
    }
    expect(submitted.status).toBe(201);
    const id: string = submitted.body.request.id;
    expect(submitted.body.request).toMatchObject({ kind: 'migration', state: 'submitted' });

    // Four eyes: the requester may not approve their own request.
    const own = await request(server).post(`/api/aws-identity/requests/${id}/approve`).set('Authorization', as(DEVELOPER)).send({});
    expect(own.status).toBe(403);
    const approved = await request(server)
      .post(`/api/aws-identity/requests/${id}/approve`)
      .set('Authorization', as(PLATFORM))
      .send({ comment: 'agent add-on is active on sandbox-east' });
    expect(approved.status).toBe(200);

    const delivered = await waitFor(id, r => r.state === 'pr-open');
    expect(delivered.state).toBe('pr-open');
    expect(delivered.delivery).toMatchObject({ kind: 'git-branch', branch: `aws-identity/request-${id}` });

    const applied = await applyInfrastructure(sandbox.state, { merge: true });
    expect(applied.merged).toEqual([`aws-identity/request-${id}`]);
    expect(applied.migrations.trustUpdated).toEqual(['sdc']);
    expect(applied.migrations.associated).toEqual(['sandbox-east/ns1/sdc']);
    expect(applied.migrations.restarted.length).toBeGreaterThan(0);

    // What the pipeline did, read back from the emulator and the cluster.
    const iam = iamClient({ endpoint: sandbox.state.aws.endpoint, accountId: east().accountId });
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'sdc' }));
    const trust = JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: expect.arrayContaining(['sts:AssumeRole', 'sts:TagSession']),
      }),
    );
    // The OIDC statement stays until the follow-up: the pods not restarted yet keep working.
    expect(trust.Statement.some((s: any) => JSON.stringify(s.Action).includes('sts:AssumeRoleWithWebIdentity'))).toBe(true);
    const associations = await client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: eksName(), namespace: 'ns1', serviceAccount: 'sdc' }),
    );
    expect(associations.associations).toHaveLength(1);
    const pods = await admin().request('GET', '/api/v1/namespaces/ns1/pods');
    const sdcPods = pods.items.filter((p: any) => p.spec.serviceAccountName === 'sdc');
    expect(sdcPods.length).toBeGreaterThan(0);
    for (const pod of sdcPods) {
      const env = pod.spec.containers.flatMap((c: any) => c.env ?? []).map((e: any) => e.name);
      expect(env).toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    }

    const verified = await waitFor(id, r => r.state === 'verified');
    expect(verified.state).toBe('verified');
    expect(verified.transitions.map(t => t.to)).toEqual(['submitted', 'approved', 'pr-open', 'merged', 'live', 'verified']);
    expect(verified.annotationRemoval?.serviceAccounts).toEqual([{ cluster: 'sandbox-east', namespace: 'ns1', name: 'sdc' }]);

    const removal = await request(server)
      .post(`/api/aws-identity/requests/${id}/remove-annotation`)
      .set('Authorization', as(DEVELOPER))
      .send({});
    expect(removal.status).toBe(200);
    expect(removal.body.followUp).toMatchObject({ kind: 'git-branch', branch: `aws-identity/request-${id}-remove-annotation` });

    const followUp = await applyInfrastructure(sandbox.state, { merge: true });
    expect(followUp.merged).toEqual([`aws-identity/request-${id}-remove-annotation`]);
    expect(followUp.migrations.annotationRemoved).toEqual(['sandbox-east/ns1/sdc']);
    // The pods were on Pod Identity already: applying again restarts nothing.
    expect(followUp.migrations.restarted).toEqual([]);
    const sa = await admin().request('GET', '/api/v1/namespaces/ns1/serviceaccounts/sdc');
    expect(sa.metadata.annotations?.[IRSA_ANNOTATIONS.roleArn]).toBeUndefined();
    // The association still names the role the annotation named.
    const { association } = await client.send(
      new DescribePodIdentityAssociationCommand({ clusterName: eksName(), associationId: associations.associations![0].associationId! }),
    );
    expect(association?.roleArn).toBe(Role!.Arn);
    client.destroy();
    iam.destroy();
  });
});
