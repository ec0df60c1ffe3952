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

/**
 * Live proof against the real stand-ins: the kube-apiserver's TokenRequest API issues the
 * service account's token (once RBAC lets the portal's reader create tokens), moto's STS
 * answers AssumeRoleWithWebIdentity and GetCallerIdentity. Moto does not validate web identity
 * tokens, so a proof there shows the plumbing, labelled "emulator: token not validated".
 */

import { mockCredentials } from '@backstage/backend-test-utils';
import { CLUSTER_EAST, CLUSTER_WEST, Sandbox, useSandbox } from '@internal/aws-identity-test';
import { LiveProofResult } from '@internal/plugin-aws-identity-common';
import { KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import request from 'supertest';
import { eventually, SandboxBackend, startSandboxBackend } from './testing/sandboxBackend';

jest.setTimeout(300_000);

/** The sandbox's read-only portal identity (test/sandbox/src/kube/rbac.ts). */
const READER_USER = 'aws-identity-reader';
const TOKEN_ROLE = 'aws-identity-live-proof';

describe('live proof (sandbox)', () => {
  let sandbox: Sandbox;
  let backend: SandboxBackend | undefined;
  let rbac: RbacAuthorizationV1Api;

  beforeAll(async () => {
    sandbox = await useSandbox();
    const admin = new KubeConfig();
    admin.loadFromFile(sandbox.cluster(CLUSTER_EAST).kubeconfigs.admin);
    rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    backend = await startSandboxBackend({
      state: sandbox.state,
      configure: config => {
        (config.awsIdentity as Record<string, unknown>).liveProof = { enabled: true, emulator: true };
      },
    });
  });

  afterAll(async () => {
    await rbac?.deleteClusterRoleBinding({ name: TOKEN_ROLE }).catch(() => {});
    await rbac?.deleteClusterRole({ name: TOKEN_ROLE }).catch(() => {});
    await backend?.stop();
    await sandbox?.stop();
  });

  const prove = (entityRef: string, cluster: string, namespace: string, serviceAccount: string) =>
    request(backend!.server)
      .post('/api/aws-identity/live-proof')
      .set('Authorization', mockCredentials.user.header())
      .send({ entityRef, cluster, namespace, serviceAccount });

  /** Until the inventory has read the clusters and accounts, a proof has nothing to go on. */
  const ready = () =>
    eventually(
      () => request(backend!.server).get('/api/aws-identity/sources').set('Authorization', mockCredentials.user.header()),
      r => r.body.sources?.length > 0 && r.body.sources.every((s: { state: string }) => s.state === 'ok'),
    );

  it('says the cluster refused the token while the reader may not create tokens, then proves the role once it may', async () => {
    await ready();
    const refused = await prove('component:default/reports', CLUSTER_EAST, 'reports', 'reports');
    expect(refused.status).toBe(200);
    const before = refused.body as LiveProofResult;
    expect(before).toMatchObject({ outcome: 'refused', via: 'irsa', audience: 'sts.amazonaws.com' });
    expect(before.message).toMatch(/the cluster did not issue a token for reports\/reports: .*403/);
    expect(JSON.stringify(before)).not.toMatch(/eyJ/); // no JWT, ever

    // What an operator grants to enable the proof: create on serviceaccounts/token, nothing else.
    await rbac.createClusterRole({
      body: {
        metadata: { name: TOKEN_ROLE },
        rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }],
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: TOKEN_ROLE },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: TOKEN_ROLE },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: READER_USER }],
      },
    });
    const proved = await eventually(
      async () => (await prove('component:default/reports', CLUSTER_EAST, 'reports', 'reports')).body as LiveProofResult,
      result => result.outcome !== 'refused',
      20_000,
      1000,
    );
    expect(proved).toMatchObject({
      outcome: 'proved',
      roleArn: 'arn:aws:iam::111111111111:role/reports-s3-list',
      caveat: 'emulator: token not validated',
    });
    expect(proved.message).toMatch(
      /^Proved live at .*: the cluster's token was accepted for role arn:aws:iam::111111111111:role\/reports-s3-list \(emulator: token not validated\)\.$/,
    );
    // GetCallerIdentity answered as the proof's session of the role.
    expect(proved.callerArn).toMatch(/:assumed-role\/reports-s3-list\/aws-identity-live-proof$/);
    expect(JSON.stringify(proved)).not.toMatch(/eyJ|AccessKeyId|SecretAccessKey|SessionToken/);
  });

  it('answers Pod Identity honestly: not callable from outside a pod, the chain evaluated instead', async () => {
    await ready();
    const response = await prove('component:default/catalog-sync', CLUSTER_WEST, 'catalog-sync', 'catalog-sync');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ outcome: 'evaluated', via: 'pod-identity' });
    expect(response.body.message).toMatch(/cannot be proved live from outside a pod/);
  });
});
