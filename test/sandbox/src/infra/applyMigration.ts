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
import { GetRoleCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { eksClient, iamClient } from '../aws/clients';
import { KubeApiError, KubeClient } from '../kube/kubeClient';
import { ClusterState, SandboxState } from '../state';
import { DeliveredAssociation, DeliveredMigrationFiles } from './migrationFiles';

/** What {@link applyMigrations} did, each entry `cluster/namespace/serviceAccount` or a role name. */
export interface AppliedMigrations {
  /** Roles whose trust was set to the delivered policy (step 1, or step 6's removal). */
  trustUpdated: string[];
  /** Associations created or pointed at the delivered role (step 2). */
  associated: string[];
  /** Pods deleted and recreated from their owner's template (step 3, as the deployer). */
  restarted: string[];
  /** Service accounts the follow-up's merge patch was applied to (step 5). */
  annotationRemoved: string[];
}

/** The env the pod identity webhook injects for EKS Pod Identity (EKS User Guide, "pod-id-how-it-works"). */
const POD_IDENTITY_ENV = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';

/** Owner kinds whose pod template a restarted pod is recreated from. */
const OWNER_COLLECTIONS: Record<string, string> = {
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function adminClient(cluster: ClusterState): KubeClient {
  return new KubeClient({ server: cluster.server, caFile: cluster.caFile, token: cluster.adminToken });
}

function clusterByEksName(state: SandboxState, association: DeliveredAssociation, file: string): ClusterState {
  const cluster = state.clusters.find(
    c => c.arn.split('/').pop() === association.eksClusterName && (!association.region || c.region === association.region),
  );
  if (!cluster) throw new Error(`${file}: no sandbox cluster is EKS cluster ${association.eksClusterName}`);
  return cluster;
}

/** The account holding `roleName`: the association's, or the one sandbox account that has it. */
async function roleAccount(state: SandboxState, roleName: string, roleArn: string | undefined, file: string): Promise<string> {
  if (roleArn) return roleArn.split(':')[4];
  for (const account of state.aws.accounts) {
    const iam = iamClient({ endpoint: state.aws.endpoint, accountId: account.id });
    const found = await iam.send(new GetRoleCommand({ RoleName: roleName })).then(
      () => true,
      error => {
        if ((error as Error).name === 'NoSuchEntity' || (error as Error).name === 'NoSuchEntityException') return false;
        throw error;
      },
    );
    iam.destroy();
    if (found) return account.id;
  }
  throw new Error(`${file}: role ${roleName} is in no sandbox account`);
}

async function setTrust(state: SandboxState, accountId: string, roleName: string, trustPolicy: unknown): Promise<void> {
  const iam = iamClient({ endpoint: state.aws.endpoint, accountId });
  try {
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: JSON.stringify(trustPolicy) }));
  } finally {
    iam.destroy();
  }
}

/** Creates the association through the sandbox's EKS shim, or points an existing one at the delivered role. */
async function associate(cluster: ClusterState, endpoint: string, a: DeliveredAssociation): Promise<void> {
  const eks = eksClient({ endpoint, accountId: cluster.accountId, region: cluster.region });
  try {
    const existing = await eks.send(
      new ListPodIdentityAssociationsCommand({
        clusterName: a.eksClusterName,
        namespace: a.namespace,
        serviceAccount: a.serviceAccount,
      }),
    );
    const id = existing.associations?.[0]?.associationId;
    if (id) {
      await eks.send(new UpdatePodIdentityAssociationCommand({ clusterName: a.eksClusterName, associationId: id, roleArn: a.roleArn }));
    } else {
      await eks.send(
        new CreatePodIdentityAssociationCommand({
          clusterName: a.eksClusterName,
          namespace: a.namespace,
          serviceAccount: a.serviceAccount,
          roleArn: a.roleArn,
        }),
      );
    }
  } finally {
    eks.destroy();
  }
}

function onPodIdentity(pod: any): boolean {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].some((c: any) =>
    (c.env ?? []).some((e: any) => e.name === POD_IDENTITY_ENV),
  );
}

/**
 * Deletes one pod and creates it again, with its name, labels and owner, from its owner's pod
 * template: what its controller does after a rollout restart (no controllers run in the
 * sandbox). The real pod identity webhook mutates the new pod on creation.
 */
async function recreatePod(admin: KubeClient, ns: string, pod: any): Promise<boolean> {
  const owner = pod.metadata.ownerReferences?.[0];
  const collection = owner && OWNER_COLLECTIONS[owner.kind];
  // A bare pod has no template to come back from: a deployer would not restart it either.
  if (!collection) return false;
  const workload = await admin.request('GET', `/apis/apps/v1/namespaces/${ns}/${collection}/${owner.name}`);
  const path = `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}`;
  await admin.request('DELETE', `${path}?gracePeriodSeconds=0`).catch(error => {
    if (!(error instanceof KubeApiError && error.status === 404)) throw error;
  });
  for (let i = 0; ; i++) {
    const gone = await admin.request('GET', path).then(
      () => false,
      error => {
        if (error instanceof KubeApiError && error.status === 404) return true;
        throw error;
      },
    );
    if (gone) break;
    if (i >= 100) throw new Error(`pod ${ns}/${pod.metadata.name} was not deleted within 10 s`);
    await sleep(100);
  }
  await admin.request('POST', `/api/v1/namespaces/${ns}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.metadata.name,
      namespace: ns,
      labels: pod.metadata.labels,
      ownerReferences: pod.metadata.ownerReferences,
    },
    spec: workload.spec.template.spec,
  });
  return true;
}

/**
 * Restarts the service account's pods that do not use EKS Pod Identity yet, until the webhook
 * injects it: the sandbox feeds the webhook the new association through a watched file, so
 * pods recreated in the first moments after the association may still come back without it.
 */
async function restartPods(admin: KubeClient, ns: string, serviceAccount: string): Promise<string[]> {
  const restarted = new Set<string>();
  for (let attempt = 0; ; attempt++) {
    const pods = await admin.request<{ items: any[] }>('GET', `/api/v1/namespaces/${ns}/pods`);
    const pending = pods.items.filter(
      p => (p.spec.serviceAccountName ?? 'default') === serviceAccount && !onPodIdentity(p) && p.metadata.ownerReferences?.length,
    );
    if (pending.length === 0) return [...restarted];
    if (attempt >= 20) {
      throw new Error(`pods ${pending.map(p => p.metadata.name).join(', ')} of ${ns}/${serviceAccount} did not get EKS Pod Identity from the webhook`);
    }
    if (attempt > 0) await sleep(500);
    for (const pod of pending) {
      if (await recreatePod(admin, ns, pod)) restarted.add(pod.metadata.name);
    }
  }
}

/**
 * Applies the delivered migration changes as the platform's pipeline and deployer would: the
 * role's trust from the delivered trust-policy JSON (step 1), the association through the
 * sandbox's EKS shim (step 2), a restart of the service account's pods that are not on Pod
 * Identity yet (step 3); then each follow-up: the service account's merge patch removing the
 * IRSA annotation (step 5) and, where delivered, the trust without the OIDC statements (step 6).
 * Idempotent: a second run changes nothing the first one did not.
 */
export async function applyMigrations(
  state: SandboxState,
  delivered: DeliveredMigrationFiles,
  log: (line: string) => void = () => {},
): Promise<AppliedMigrations> {
  const applied: AppliedMigrations = { trustUpdated: [], associated: [], restarted: [], annotationRemoved: [] };
  const roleOfStem = new Map<string, { accountId: string; roleName: string }>();

  for (const migration of delivered.migrations) {
    const a = migration.association;
    if (migration.trust) {
      const { roleName, trustPolicy } = migration.trust;
      const accountId = await roleAccount(state, roleName, a?.roleArn, migration.file);
      roleOfStem.set(migration.stem, { accountId, roleName });
      // Once the follow-up removed the OIDC statements, the migration's trust (which keeps them) is history.
      const followUp = delivered.annotationRemovals.find(r => r.stem === migration.stem);
      if (!followUp?.trustWithoutOidc) {
        await setTrust(state, accountId, roleName, trustPolicy);
        applied.trustUpdated.push(roleName);
        log(`updated the trust of ${roleName} (${migration.file})`);
      }
    } else if (a) {
      roleOfStem.set(migration.stem, { accountId: a.roleArn.split(':')[4], roleName: a.roleArn.split('/').pop()! });
    }
    if (!a) continue;
    const cluster = clusterByEksName(state, a, migration.file);
    await associate(cluster, state.aws.endpoint, a);
    const ref = `${cluster.name}/${a.namespace}/${a.serviceAccount}`;
    applied.associated.push(ref);
    log(`associated ${ref} with ${a.roleArn}`);
    const pods = await restartPods(adminClient(cluster), a.namespace, a.serviceAccount);
    for (const pod of pods) log(`restarted pod ${cluster.name}/${a.namespace}/${pod}`);
    applied.restarted.push(...pods.map(pod => `${cluster.name}/${a.namespace}/${pod}`));
  }

  for (const removal of delivered.annotationRemovals) {
    // The renderer names the files `migrate-<cluster>-<namespace>-<name>`; sandbox cluster,
    // namespace and service account names are already Kubernetes names, so they appear verbatim.
    const cluster = state.clusters.find(c => removal.stem === `migrate-${c.name}-${removal.namespace}-${removal.serviceAccount}`);
    if (!cluster) throw new Error(`${removal.file}: names no sandbox cluster`);
    await adminClient(cluster).request(
      'PATCH',
      `/api/v1/namespaces/${removal.namespace}/serviceaccounts/${removal.serviceAccount}`,
      removal.patch,
      'application/merge-patch+json',
    );
    const ref = `${cluster.name}/${removal.namespace}/${removal.serviceAccount}`;
    applied.annotationRemoved.push(ref);
    log(`removed the IRSA annotation of ${ref}`);
    if (removal.trustWithoutOidc) {
      const role = roleOfStem.get(removal.stem);
      if (!role) throw new Error(`${removal.file}: no delivered migration names the role of ${ref}`);
      await setTrust(state, role.accountId, role.roleName, removal.trustWithoutOidc);
      applied.trustUpdated.push(role.roleName);
      log(`removed the OIDC statements from the trust of ${role.roleName}`);
    }
  }
  return applied;
}
