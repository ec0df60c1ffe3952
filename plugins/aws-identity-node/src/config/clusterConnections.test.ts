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


import { ConfigReader } from '@backstage/config';
import {
  readCatalogClusters,
  readConfiguredClusters,
  usesCatalogClusters,
} from './clusterConnections';

describe('readConfiguredClusters', () => {
  it('reads the Kubernetes plugin config, with the EKS account from authMetadata', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'prod',
                url: 'https://prod.example',
                authProvider: 'aws',
                authMetadata: {
                  'kubernetes.io/x-k8s-aws-id': 'prod-eks',
                  'kubernetes.io/aws-assume-role': 'arn:aws:iam::111111111111:role/reader',
                  'aws-identity.io/account-id': '111111111111',
                  'aws-identity.io/region': 'eu-west-1',
                },
              },
              { name: 'gke', url: 'https://gke.example', authProvider: 'google' },
            ],
          },
          { type: 'catalog' },
        ],
      },
    });

    const { clusters, unsupported } = readConfiguredClusters(config);

    expect(clusters).toEqual([
      expect.objectContaining({
        name: 'prod',
        authProvider: 'aws',
        eksClusterName: 'prod-eks',
        assumeRole: 'arn:aws:iam::111111111111:role/reader',
        accountId: '111111111111',
        region: 'eu-west-1',
        skipTLSVerify: false,
      }),
    ]);
    expect(unsupported).toEqual([
      { name: 'gke', reason: expect.stringContaining('"google" is not supported') },
    ]);
    expect(usesCatalogClusters(config)).toBe(true);
  });

  it('refuses two clusters with one name', () => {
    const cluster = { name: 'a', url: 'https://a', authProvider: 'serviceAccount' };
    const config = new ConfigReader({
      kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [cluster, cluster] }] },
    });
    expect(() => readConfiguredClusters(config)).toThrow(/used twice/);
  });
});

describe('readCatalogClusters', () => {
  const resource = (name: string, annotations: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations },
    spec: { type: 'kubernetes-cluster' },
  });

  it('reads the annotations the Kubernetes plugin catalog locator reads', () => {
    const { clusters, unsupported } = readCatalogClusters(
      [
        resource('east', {
          'kubernetes.io/api-server': 'https://east.example',
          'kubernetes.io/api-server-certificate-authority': 'Q0E=',
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/x-k8s-aws-id': 'east-eks',
          'aws-identity.io/account-id': '222222222222',
        }),
        resource('no-url', {}),
        resource('in-cluster', { 'kubernetes.io/api-server': 'https://in.example' }),
      ],
      { allowedHosts: ['east.example', 'in.example'] },
    );

    expect(clusters).toEqual([
      expect.objectContaining({
        name: 'east',
        url: 'https://east.example',
        caData: 'Q0E=',
        authProvider: 'aws',
        eksClusterName: 'east-eks',
        accountId: '222222222222',
      }),
    ]);
    expect(unsupported.map(u => u.name)).toEqual(['no-url', 'in-cluster']);
  });

  it('uses the in-cluster token for serviceAccount auth when the backend has one', () => {
    const { clusters } = readCatalogClusters(
      [resource('in-cluster', { 'kubernetes.io/api-server': 'https://in.example' })],
      { inClusterToken: 'token-from-file', allowedHosts: ['in.example'] },
    );
    expect(clusters[0]).toMatchObject({
      authProvider: 'serviceAccount',
      serviceAccountToken: 'token-from-file',
    });
  });

  // Annotations as the Kubernetes plugin documents them for catalog clusters
  // (backstage.io/docs/features/kubernetes/configuration#catalog).
  const attacker = resource('attacker', {
    'kubernetes.io/api-server': 'https://evil.example:6443',
    'kubernetes.io/auth-provider': 'aws',
  });

  it('refuses every catalog cluster, saying why, when no allow-list is configured', () => {
    const { clusters, unsupported } = readCatalogClusters(
      [resource('east', { 'kubernetes.io/api-server': 'https://east.example', 'kubernetes.io/auth-provider': 'aws' })],
      { inClusterToken: 'token' },
    );
    expect(clusters).toEqual([]);
    expect(unsupported).toEqual([
      { name: 'east', reason: expect.stringContaining('awsIdentity.catalogClusters.allowedApiServerHosts') },
    ]);
  });

  it('refuses an API server host not in the allow-list, compared without case and port', () => {
    const { clusters, unsupported } = readCatalogClusters(
      [attacker, resource('east', { 'kubernetes.io/api-server': 'https://EAST.example:443', 'kubernetes.io/auth-provider': 'aws' })],
      { allowedHosts: ['east.example'] },
    );
    expect(clusters.map(c => c.name)).toEqual(['east']);
    expect(unsupported).toEqual([
      { name: 'attacker', reason: 'API server host evil.example is not in awsIdentity.catalogClusters.allowedApiServerHosts' },
    ]);
  });

  it.each(['http://east.example', 'east.example', 'https://east.example.attacker.test'])(
    'refuses the API server %s for the allowed host east.example',
    url => {
      const { clusters } = readCatalogClusters(
        [resource('east', { 'kubernetes.io/api-server': url, 'kubernetes.io/auth-provider': 'aws' })],
        { allowedHosts: ['east.example'] },
      );
      expect(clusters).toEqual([]);
    },
  );

  it('ignores TLS-skip and assume-role settings from the catalog and names them', () => {
    const { clusters, ignored } = readCatalogClusters(
      [
        resource('east', {
          'kubernetes.io/api-server': 'https://east.example',
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/skip-tls-verify': 'true',
          'kubernetes.io/aws-assume-role': 'arn:aws:iam::999999999999:role/attacker',
          'kubernetes.io/aws-external-id': 'x',
        }),
      ],
      { allowedHosts: ['east.example'] },
    );
    expect(clusters).toEqual([expect.objectContaining({ name: 'east', skipTLSVerify: false })]);
    expect(clusters[0].assumeRole).toBeUndefined();
    expect(clusters[0].externalId).toBeUndefined();
    expect(ignored).toEqual([
      {
        name: 'east',
        settings: ['kubernetes.io/skip-tls-verify', 'kubernetes.io/aws-assume-role', 'kubernetes.io/aws-external-id'],
      },
    ]);
  });
});
