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
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeFargateProfileCommand,
  DescribePodIdentityAssociationCommand,
  EKSClient,
  ListAddonsCommand,
  ListFargateProfilesCommand,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import {
  FargateProfile,
  FargateProfiles,
  POD_IDENTITY_AGENT_ADDON,
  PodIdentityAgentAddon,
  PodIdentityAssociation,
} from '@internal/plugin-aws-identity-common';
import { describeError } from '../../lib/describeError';
import { EksClusterSnapshot } from '@internal/plugin-aws-identity-node';

/**
 * Association details by association id, kept between syncs. `ListPodIdentityAssociations`
 * returns no role ARN and no modification time, so new ids are described at once and known ones
 * only when their details are older than `refreshAfterMs` (an in-place `Update` keeps the id).
 *
 * @public
 */
export class AssociationCache {
  private readonly byId = new Map<
    string,
    { describedAt: number; association: PodIdentityAssociation }
  >();

  constructor(private readonly refreshAfterMs: number = 60 * 60 * 1000) {}

  async resolve(
    eks: EKSClient,
    options: { eksName: string; clusterName: string; associationId: string },
  ): Promise<PodIdentityAssociation> {
    const cached = this.byId.get(options.associationId);
    if (cached && Date.now() - cached.describedAt < this.refreshAfterMs) {
      return cached.association;
    }
    const out = await eks.send(
      new DescribePodIdentityAssociationCommand({
        clusterName: options.eksName,
        associationId: options.associationId,
      }),
    );
    const association: PodIdentityAssociation = {
      associationId: options.associationId,
      cluster: options.clusterName,
      namespace: out.association?.namespace ?? '',
      serviceAccount: out.association?.serviceAccount ?? '',
      roleArn: out.association?.roleArn ?? '',
      targetRoleArn: out.association?.targetRoleArn,
      ...(out.association?.externalId ? { externalId: out.association.externalId } : {}),
      ...(out.association?.disableSessionTags ? { disableSessionTags: true } : {}),
      ...(out.association?.policy !== undefined ? { sessionPolicy: out.association.policy } : {}),
      // When the binding took effect: the runtime checks compare pods' creation times with it.
      ...(out.association?.createdAt ? { createdAt: out.association.createdAt.toISOString() } : {}),
      ...(out.association?.modifiedAt ? { modifiedAt: out.association.modifiedAt.toISOString() } : {}),
    };
    this.byId.set(options.associationId, { describedAt: Date.now(), association });
    return association;
  }

  /** Forgets associations that no longer exist. */
  retain(ids: Set<string>): void {
    for (const id of this.byId.keys()) {
      if (!ids.has(id)) this.byId.delete(id);
    }
  }
}

/**
 * Reads one EKS cluster's issuer and Pod Identity associations.
 *
 * @public
 */
export async function readEksCluster(options: {
  eks: EKSClient;
  eksName: string;
  clusterName: string;
  associations: AssociationCache;
}): Promise<EksClusterSnapshot> {
  const { eks, eksName, clusterName } = options;
  const described = await eks.send(new DescribeClusterCommand({ name: eksName }));

  const associationIds: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await eks.send(
      new ListPodIdentityAssociationsCommand({
        clusterName: eksName,
        nextToken,
        maxResults: 100,
      }),
    );
    for (const summary of page.associations ?? []) {
      if (summary.associationId) associationIds.push(summary.associationId);
    }
    nextToken = page.nextToken;
  } while (nextToken);

  const associations: PodIdentityAssociation[] = [];
  for (const associationId of associationIds) {
    associations.push(
      await options.associations.resolve(eks, { eksName, clusterName, associationId }),
    );
  }
  options.associations.retain(new Set(associationIds));

  return {
    eksName,
    issuer: described.cluster?.identity?.oidc?.issuer,
    kubernetesVersion: described.cluster?.version,
    arn: described.cluster?.arn,
    associations,
    podIdentityAgent: await readPodIdentityAgent(eks, eksName),
    fargateProfiles: await readFargateProfiles(eks, eksName),
  };
}

/** `AccessDeniedException: …`: the SDK error's name in front of its safe message. */
function unreadable(error: unknown): string {
  const name = (error as { name?: string })?.name;
  const message = describeError(error);
  return name && name !== 'Error' && !message.startsWith(name) ? `${name}: ${message}` : message;
}

/**
 * The `eks-pod-identity-agent` add-on (`ListAddons`, then `DescribeAddon` for its status and
 * version). A failed read is `unknown` with the reason — the cluster's other facts still count,
 * and an unreadable add-on is never taken for an installed one.
 *
 * @public
 */
export async function readPodIdentityAgent(eks: EKSClient, eksName: string): Promise<PodIdentityAgentAddon> {
  try {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await eks.send(new ListAddonsCommand({ clusterName: eksName, nextToken, maxResults: 100 }));
      names.push(...(page.addons ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    if (!names.includes(POD_IDENTITY_AGENT_ADDON)) return { state: 'not-installed' };
    const out = await eks.send(new DescribeAddonCommand({ clusterName: eksName, addonName: POD_IDENTITY_AGENT_ADDON }));
    return {
      state: 'installed',
      status: out.addon?.status ?? 'UNKNOWN',
      ...(out.addon?.addonVersion ? { version: out.addon.addonVersion } : {}),
    };
  } catch (error) {
    // Deleted between the list and the describe.
    if ((error as { name?: string })?.name === 'ResourceNotFoundException') return { state: 'not-installed' };
    return { state: 'unknown', reason: unreadable(error) };
  }
}

/**
 * The cluster's Fargate profiles with their selectors (`ListFargateProfiles`, then
 * `DescribeFargateProfile` each: the list has names only). A failed read is `unknown`.
 *
 * @public
 */
export async function readFargateProfiles(eks: EKSClient, eksName: string): Promise<FargateProfiles> {
  try {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await eks.send(new ListFargateProfilesCommand({ clusterName: eksName, nextToken, maxResults: 100 }));
      names.push(...(page.fargateProfileNames ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    const profiles: FargateProfile[] = [];
    for (const name of names) {
      const out = await eks.send(new DescribeFargateProfileCommand({ clusterName: eksName, fargateProfileName: name }));
      const profile = out.fargateProfile;
      profiles.push({
        name,
        ...(profile?.status ? { status: profile.status } : {}),
        selectors: (profile?.selectors ?? []).map(selector => ({
          namespace: selector.namespace ?? '',
          ...(selector.labels && Object.keys(selector.labels).length > 0 ? { labels: { ...selector.labels } } : {}),
        })),
      });
    }
    return { state: 'known', profiles };
  } catch (error) {
    return { state: 'unknown', reason: unreadable(error) };
  }
}
