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
  CreatePodIdentityAssociationCommand,
  ListPodIdentityAssociationsCommand,
  UpdatePodIdentityAssociationCommand,
} from '@aws-sdk/client-eks';
import { eksClient, iamClient } from '../aws/clients';
import { KubeClient } from '../kube/kubeClient';
import { SandboxState } from '../state';
import { ACCOUNT_A, ACCOUNT_B, CLUSTER_EAST, CLUSTER_WEST } from '../topology';
import { applyOidcProvider, applyReaderUser, applyRole } from './iam';
import { applyNamespace } from './kube';
import { scenarios } from './scenarios';
import { SeedContext } from './types';

export { scenarios } from './scenarios';
export type { Scenario, ExpectationSeed } from './types';

/**
 * Which issuers get an IAM OIDC provider in which account. Account B deliberately lacks
 * sandbox-east's provider (scenario `mc-provider-missing`, IRSA-T06).
 */
export const oidcProviders: { accountId: string; cluster: string }[] = [
  { accountId: ACCOUNT_A, cluster: CLUSTER_EAST },
  { accountId: ACCOUNT_A, cluster: CLUSTER_WEST },
  { accountId: ACCOUNT_B, cluster: CLUSTER_WEST },
];

/**
 * Applies every scenario to a running sandbox (idempotent): OIDC providers, roles and policies,
 * per-account reader users, Pod Identity associations, then namespaces, service accounts,
 * workloads and pods. Updates `state.aws.accounts[].readerCredentials`.
 */
export async function seedAll(
  state: SandboxState,
  log: (l: string) => void = () => {},
): Promise<void> {
  const endpoint = state.aws.endpoint;
  const byName = new Map(state.clusters.map(c => [c.name, c]));
  const cluster = (name: string) => {
    const c = byName.get(name);
    if (!c) throw new Error(`seed refers to unknown cluster ${name}`);
    return c;
  };
  const ctx: SeedContext = {
    issuerHost: name => cluster(name).issuer.replace(/^https:\/\//, ''),
  };

  const iam = new Map(
    state.aws.accounts.map(a => [
      a.id,
      iamClient({ endpoint, accountId: a.id }),
    ]),
  );
  const iamFor = (id: string) => {
    const client = iam.get(id);
    if (!client) throw new Error(`seed refers to unknown account ${id}`);
    return client;
  };
  for (const p of oidcProviders)
    await applyOidcProvider(iamFor(p.accountId), cluster(p.cluster).issuer);
  for (const account of state.aws.accounts) {
    if (!account.readerCredentials)
      account.readerCredentials = await applyReaderUser(iamFor(account.id));
  }
  for (const s of scenarios)
    for (const r of s.roles) await applyRole(iamFor(r.accountId), ctx, r);
  log(
    `IAM seeded (${scenarios.reduce((n, s) => n + s.roles.length, 0)} roles)`,
  );

  for (const s of scenarios) {
    for (const p of s.podIdentity ?? []) {
      const c = cluster(p.cluster);
      const eks = eksClient({
        endpoint,
        accountId: c.accountId,
        region: c.region,
      });
      const existing = await eks.send(
        new ListPodIdentityAssociationsCommand({
          clusterName: c.name,
          namespace: p.namespace,
          serviceAccount: p.serviceAccount,
        }),
      );
      const id = existing.associations?.[0]?.associationId;
      if (id) {
        await eks.send(
          new UpdatePodIdentityAssociationCommand({
            clusterName: c.name,
            associationId: id,
            roleArn: p.roleArn,
            targetRoleArn: p.targetRoleArn ?? '',
            disableSessionTags: p.disableSessionTags ?? false,
            policy: p.sessionPolicy ? JSON.stringify(p.sessionPolicy) : '',
          }),
        );
      } else {
        await eks.send(
          new CreatePodIdentityAssociationCommand({
            clusterName: c.name,
            namespace: p.namespace,
            serviceAccount: p.serviceAccount,
            roleArn: p.roleArn,
            ...(p.targetRoleArn ? { targetRoleArn: p.targetRoleArn } : {}),
            ...(p.disableSessionTags ? { disableSessionTags: true } : {}),
            ...(p.sessionPolicy ? { policy: JSON.stringify(p.sessionPolicy) } : {}),
          }),
        );
      }
      eks.destroy();
    }
  }
  // The webhook picks up the container-credentials file through a file watcher.
  await new Promise(r => setTimeout(r, 1000));

  const admins = new Map(
    state.clusters.map(c => [
      c.name,
      new KubeClient({
        server: c.server,
        caFile: c.caFile,
        token: c.adminToken,
      }),
    ]),
  );
  // Clusters are independent: seed them concurrently, namespaces in order within each.
  await Promise.all(
    state.clusters.map(async c => {
      for (const s of scenarios) {
        for (const ns of s.namespaces.filter(n => n.cluster === c.name)) {
          await applyNamespace(admins.get(c.name)!, ns, s.component);
        }
      }
    }),
  );
  for (const client of iam.values()) client.destroy();
  log(`Kubernetes seeded (${scenarios.length} scenarios)`);
}
