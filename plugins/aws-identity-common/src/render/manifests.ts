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
import { RolePlan } from '../api/requests';
import { stringify } from 'yaml';
import { RenderedFile, kubernetesName, policyJson, roleDescription, roleTags } from './types';

/** YAML options shared by every manifest: no line folding, stable output. */
export const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;

/** Joins manifests into one multi-document YAML file. */
export function yamlDocuments(objects: unknown[]): string {
  return objects.map(o => stringify(o, YAML_OPTIONS)).join('---\n');
}

const annotationsOf = (plan: RolePlan) => ({ 'backstage.io/source-entity': plan.input.entityRef });

/**
 * The association options of a Pod Identity plan (target role, session tags, session policy)
 * under the field names of one format; empty when the plan has none, so plans without them
 * render as before.
 */
function associationOptions(
  plan: RolePlan,
  names: { targetRoleArn: string; disableSessionTags: string; sessionPolicy: string },
): Record<string, unknown> {
  const { input } = plan;
  return {
    ...(input.targetRoleArn ? { [names.targetRoleArn]: input.targetRoleArn } : {}),
    ...(input.disableSessionTags !== undefined ? { [names.disableSessionTags]: input.disableSessionTags } : {}),
    // The JSON text EKS stores, pretty-printed like every other policy the formats carry.
    ...(input.sessionPolicy !== undefined ? { [names.sessionPolicy]: policyJson(JSON.parse(input.sessionPolicy)) } : {}),
  };
}

/** Renders an ACK `iam.services.k8s.aws/v1alpha1` Role (and, for Pod Identity, an ACK PodIdentityAssociation). */
export function renderAck(plan: RolePlan): RenderedFile[] {
  const { input } = plan;
  const name = kubernetesName(input.roleName);
  const objects: unknown[] = [
    {
      apiVersion: 'iam.services.k8s.aws/v1alpha1',
      kind: 'Role',
      metadata: { name, namespace: input.namespace, annotations: annotationsOf(plan) },
      spec: {
        name: input.roleName,
        path: input.rolePath ?? '/',
        description: roleDescription(plan),
        assumeRolePolicyDocument: policyJson(plan.trustPolicy.document),
        inlinePolicies: { [input.roleName]: policyJson(plan.permissionPolicy.document) },
        tags: Object.entries(roleTags(plan)).map(([key, value]) => ({ key, value })),
      },
    },
  ];
  if (input.binding === 'pod-identity') {
    for (const cluster of input.clusters) {
      objects.push({
        apiVersion: 'eks.services.k8s.aws/v1alpha1',
        kind: 'PodIdentityAssociation',
        metadata: { name: kubernetesName(`${name}-${cluster.name}`), namespace: input.namespace, annotations: annotationsOf(plan) },
        spec: {
          clusterName: cluster.eksClusterName ?? cluster.name,
          namespace: input.namespace,
          serviceAccount: input.serviceAccount,
          roleRef: { from: { name } },
          ...associationOptions(plan, { targetRoleArn: 'targetRoleARN', disableSessionTags: 'disableSessionTags', sessionPolicy: 'policy' }),
        },
      });
    }
  }
  return [{ path: 'ack/role.yaml', content: yamlDocuments(objects) }];
}

/** Renders Crossplane provider-upjet-aws `iam.aws.upbound.io/v1beta1` Role + RolePolicy (+ PodIdentityAssociation). */
export function renderCrossplane(plan: RolePlan): RenderedFile[] {
  const { input } = plan;
  const name = kubernetesName(input.roleName);
  const objects: unknown[] = [
    {
      apiVersion: 'iam.aws.upbound.io/v1beta1',
      kind: 'Role',
      metadata: { name, annotations: { ...annotationsOf(plan), 'crossplane.io/external-name': input.roleName } },
      spec: {
        forProvider: {
          assumeRolePolicy: policyJson(plan.trustPolicy.document),
          description: roleDescription(plan),
          path: input.rolePath ?? '/',
          tags: roleTags(plan),
        },
      },
    },
    {
      apiVersion: 'iam.aws.upbound.io/v1beta1',
      kind: 'RolePolicy',
      metadata: { name: `${name}-permissions`.slice(0, 253), annotations: annotationsOf(plan) },
      spec: {
        forProvider: {
          policy: policyJson(plan.permissionPolicy.document),
          roleRef: { name },
        },
      },
    },
  ];
  if (input.binding === 'pod-identity') {
    for (const cluster of input.clusters) {
      objects.push({
        apiVersion: 'eks.aws.upbound.io/v1beta1',
        kind: 'PodIdentityAssociation',
        metadata: { name: kubernetesName(`${name}-${cluster.name}`), annotations: annotationsOf(plan) },
        spec: {
          forProvider: {
            clusterName: cluster.eksClusterName ?? cluster.name,
            namespace: input.namespace,
            serviceAccount: input.serviceAccount,
            ...(cluster.region ? { region: cluster.region } : {}),
            roleArnRef: { name },
            ...associationOptions(plan, { targetRoleArn: 'targetRoleArn', disableSessionTags: 'disableSessionTags', sessionPolicy: 'policy' }),
          },
        },
      });
    }
  }
  return [{ path: 'crossplane/role.yaml', content: yamlDocuments(objects) }];
}

/**
 * Renders one eksctl ClusterConfig per cluster: `iam.serviceAccounts` (IRSA,
 * role only: the service account ships with the application) or
 * `iam.podIdentityAssociations`. Fails for multi-cluster IRSA roles, which
 * eksctl would create once per cluster under the same name.
 */
export function renderEksctl(plan: RolePlan): RenderedFile[] {
  const { input } = plan;
  if (input.binding === 'irsa' && input.clusters.length > 1) {
    throw new Error('format: eksctl creates one IRSA role per cluster; request one cluster or choose terraform, ack or crossplane');
  }
  return input.clusters.map(cluster => {
    if (!cluster.region) {
      throw new Error(`format: eksctl needs the region of cluster ${cluster.name} (aws-identity.io/region)`);
    }
    const iam =
      input.binding === 'irsa'
        ? {
            withOIDC: true,
            serviceAccounts: [
              {
                metadata: { name: input.serviceAccount, namespace: input.namespace },
                roleName: input.roleName,
                roleOnly: true,
                attachPolicy: plan.permissionPolicy.document,
                tags: roleTags(plan),
              },
            ],
          }
        : {
            podIdentityAssociations: [
              {
                namespace: input.namespace,
                serviceAccountName: input.serviceAccount,
                roleName: input.roleName,
                createServiceAccount: false,
                permissionPolicy: plan.permissionPolicy.document,
                tags: roleTags(plan),
                ...associationOptions(plan, { targetRoleArn: 'targetRoleARN', disableSessionTags: 'disableSessionTags', sessionPolicy: 'policy' }),
              },
            ],
          };
    const config = {
      apiVersion: 'eksctl.io/v1alpha5',
      kind: 'ClusterConfig',
      metadata: { name: cluster.eksClusterName ?? cluster.name, region: cluster.region },
      iam,
    };
    return { path: `eksctl/${cluster.name}.yaml`, content: stringify(config, YAML_OPTIONS) };
  });
}
