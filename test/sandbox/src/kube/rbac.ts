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

import { KubeClient } from './kubeClient';

/** Name of the read-only ClusterRole the portal's identity gets. */
export const READER_CLUSTER_ROLE = 'aws-identity-reader';
/** The token-auth user bound to {@link READER_CLUSTER_ROLE}. */
export const READER_USER = 'aws-identity-reader';

/**
 * Installs the sandbox's RBAC: a read-only ClusterRole for the portal (what the aws-identity and
 * Kubernetes plugins read) and anonymous access to service-account issuer discovery, as EKS has.
 */
export async function installRbac(admin: KubeClient): Promise<void> {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await admin.apply(`${rbac}/clusterroles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: READER_CLUSTER_ROLE },
    rules: [
      {
        apiGroups: [''],
        resources: [
          'serviceaccounts',
          'pods',
          'namespaces',
          'services',
          'configmaps',
          'limitranges',
          'resourcequotas',
        ],
        verbs: ['get', 'list', 'watch'],
      },
      {
        // aws-identity cross-checks the cluster's issuer with EKS's (a mismatch is a finding).
        nonResourceURLs: ['/.well-known/openid-configuration', '/openid/v1/jwks'],
        verbs: ['get'],
      },
      {
        apiGroups: ['apps'],
        resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'],
        verbs: ['get', 'list', 'watch'],
      },
      {
        apiGroups: ['batch'],
        resources: ['jobs', 'cronjobs'],
        verbs: ['get', 'list', 'watch'],
      },
      {
        apiGroups: ['autoscaling'],
        resources: ['horizontalpodautoscalers'],
        verbs: ['get', 'list', 'watch'],
      },
      {
        apiGroups: ['networking.k8s.io'],
        resources: ['ingresses'],
        verbs: ['get', 'list', 'watch'],
      },
      {
        apiGroups: ['admissionregistration.k8s.io'],
        resources: ['mutatingwebhookconfigurations'],
        verbs: ['get', 'list', 'watch'],
      },
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: [
          'roles',
          'rolebindings',
          'clusterroles',
          'clusterrolebindings',
        ],
        verbs: ['get', 'list', 'watch'],
      },
    ],
  });
  await admin.apply(`${rbac}/clusterrolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: READER_CLUSTER_ROLE },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: READER_CLUSTER_ROLE,
    },
    subjects: [
      {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'User',
        name: READER_USER,
      },
    ],
  });
  await admin.apply(`${rbac}/clusterrolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'service-account-issuer-discovery-anonymous' },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'system:service-account-issuer-discovery',
    },
    subjects: [
      {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name: 'system:unauthenticated',
      },
    ],
  });
}
