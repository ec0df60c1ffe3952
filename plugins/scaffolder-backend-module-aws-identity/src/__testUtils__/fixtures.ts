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
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RoleRequestDirectory, RoleRequestDraft } from '@internal/plugin-aws-identity-common';
import { DefaultAwsIdentityClient } from '@internal/plugin-aws-identity-node';
import { exampleRoleRequest } from '../actions/exampleSteps';

/**
 * Accounts and clusters of the sandbox topology (test/sandbox): sandbox-east
 * in 111111111111 with its issuer configured, sandbox-west in 222222222222
 * without (so requests must supply it).
 */
export const testDirectory: RoleRequestDirectory = {
  accountIds: ['111111111111', '222222222222'],
  clusters: [
    {
      name: 'sandbox-east',
      accountId: '111111111111',
      region: 'us-east-1',
      eksClusterName: 'sandbox-east',
      issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/5C54DDF35ER19312844C7333374CC09D',
    },
    { name: 'sandbox-west', accountId: '222222222222', region: 'eu-west-1', eksClusterName: 'sandbox-west' },
  ],
};

export const WEST_ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/9F1B2C3D4E5F60718293A4B5C6D7E8F9';

/** A valid role request (the base of the bad-input suite): the one the actions' examples show. */
export const validInput: RoleRequestDraft = exampleRoleRequest;

/** A catalog with the sandbox's S3 bucket Resources. */
export function testCatalog() {
  return catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'sandbox-ledger', namespace: 'default', annotations: { 'aws.amazon.com/arn': 'arn:aws:s3:::sandbox-ledger' } },
        spec: { type: 's3-bucket', owner: 'group:default/data-team' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'sandbox-reports', namespace: 'default', annotations: { 'aws.amazon.com/arn': 'arn:aws:s3:::sandbox-reports' } },
        spec: { type: 's3-bucket', owner: 'group:default/data-team' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'no-arn', namespace: 'default' },
        spec: { type: 's3-bucket', owner: 'group:default/data-team' },
      },
    ],
  });
}

/** Options every aws-identity action takes in tests. */
export function actionOptions() {
  return {
    directory: testDirectory,
    catalog: testCatalog(),
    defaultFormat: 'terraform' as const,
    client: new DefaultAwsIdentityClient({
      discovery: mockServices.discovery.mock({ getBaseUrl: async () => 'http://backend.test/api/aws-identity' }),
      auth: mockServices.auth(),
    }),
    auth: mockServices.auth(),
  };
}

/**
 * Backend configuration that gives the actions the sandbox topology of
 * {@link testDirectory}: accounts, the Kubernetes plugin's cluster list with
 * its aws-identity auth metadata, and the configured issuer of sandbox-east.
 */
export function scaffolderTestConfig(extra: { gitPublishBaseDir?: string } = {}) {
  const east = testDirectory.clusters[0];
  return {
    backend: { baseUrl: 'http://localhost:7007' },
    aws: { accounts: testDirectory.accountIds.map(accountId => ({ accountId })) },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: testDirectory.clusters.map(c => ({
            name: c.name,
            url: `https://${c.name}.example`,
            authProvider: 'serviceAccount',
            authMetadata: {
              'aws-identity.io/account-id': c.accountId,
              'aws-identity.io/region': c.region,
              'kubernetes.io/x-k8s-aws-id': c.eksClusterName,
            },
          })),
        },
      ],
    },
    awsIdentity: {
      clusters: [{ name: east.name, issuer: east.issuer }],
      ...(extra.gitPublishBaseDir ? { scaffolder: { gitPublish: { baseDir: extra.gitPublishBaseDir } } } : {}),
    },
  };
}

/** A Template entity `template:default/<name>` of type service, without parameters, running `steps`. */
export function templateEntity(name: string, steps: object[], owner?: string) {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', ...(owner ? { owner } : {}), parameters: [], steps },
  };
}
