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
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { ConfigReader } from '@backstage/config';
import { AwsIdentityClusterLocator, ClusterConnection } from '@internal/plugin-aws-identity-node';
import { ClusterReadApi } from './clusterReadApi';
import { ClusterRegistry } from './ClusterRegistry';

function connection(name: string, extra: Partial<ClusterConnection> = {}): ClusterConnection {
  return {
    name,
    url: `https://${name}.example`,
    authProvider: 'serviceAccount',
    serviceAccountToken: 'token',
    skipTLSVerify: false,
    eksClusterName: name,
    ...extra,
  };
}

/** A cluster API that answers every read with nothing, and records which cluster was read. */
function emptyApi(name: string, reads: string[]): ClusterReadApi {
  return {
    listServiceAccounts: async () => {
      reads.push(name);
      return { items: [], metadata: { resourceVersion: '1' } };
    },
    listPods: async () => ({ items: [] }),
    readIssuerDiscovery: async () => ({}),
    readKeyNames: async () => [],
    watchServiceAccounts: async () => new AbortController(),
    watchPods: async () => new AbortController(),
  };
}

async function registry(options: { clusters?: ClusterConnection[]; locators?: AwsIdentityClusterLocator[] }) {
  const reads: string[] = [];
  const logger = mockServices.logger.mock();
  const created = await ClusterRegistry.create({
    clusters: options.clusters ?? [],
    locators: options.locators,
    credentials: DefaultAwsCredentialsManager.fromConfig(new ConfigReader({})),
    logger,
    connect: async c => emptyApi(c.name, reads),
    retryMs: 5,
  });
  return { registry: created, reads, logger };
}

const until = async (ready: () => boolean) => {
  for (let i = 0; i < 100 && !ready(); i++) await new Promise(resolve => setTimeout(resolve, 10));
};

describe('ClusterRegistry', () => {
  it('holds the configured clusters from the start, placed in AWS as their auth metadata says', async () => {
    const { registry: clusters, reads } = await registry({
      clusters: [
        connection('prod', { accountId: '111122223333', region: 'eu-west-1', eksClusterName: 'prod-eks' }),
        connection('on-prem'),
      ],
    });
    const snapshot = clusters.snapshot();
    expect([...snapshot.values()].map(({ view: _view, ...cluster }) => cluster)).toEqual([
      { name: 'prod', accountId: '111122223333', region: 'eu-west-1', eksClusterName: 'prod-eks' },
      { name: 'on-prem', accountId: undefined, region: undefined, eksClusterName: 'on-prem' },
    ]);
    // Not read before the backend started.
    expect(snapshot.get('prod')?.view.status.state).toBe('stale');
    expect(reads).toEqual([]);

    clusters.start();
    await until(() => reads.length === 2);
    expect(reads.sort()).toEqual(['on-prem', 'prod']);
    clusters.stop();
  });

  it('asks a locator again until it answers, then adds and starts what it found', async () => {
    let attempts = 0;
    const catalog: AwsIdentityClusterLocator = {
      name: 'the catalog',
      async getClusters() {
        attempts += 1;
        if (attempts < 3) throw new Error('catalog not ready');
        return {
          clusters: [connection('from-catalog'), connection('prod')],
          unsupported: [{ name: 'gke', reason: 'authProvider "google" is not supported by aws-identity' }],
        };
      },
    };
    const { registry: clusters, reads, logger } = await registry({ clusters: [connection('prod')], locators: [catalog] });
    const changes = jest.fn();
    clusters.onChange(changes);

    clusters.start();
    await until(() => clusters.snapshot().has('from-catalog') && reads.includes('from-catalog'));

    expect(attempts).toBe(3);
    // A name taken already keeps its first connection.
    expect([...clusters.snapshot().keys()]).toEqual(['prod', 'from-catalog']);
    expect(changes).toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^aws-identity: reading clusters from the catalog failed \(attempt 1\), retrying in 5 ms/),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'aws-identity: cluster gke from the catalog is skipped: authProvider "google" is not supported by aws-identity',
    );
    clusters.stop();
  });

  it('gives up asking a locator once stopped', async () => {
    const getClusters = jest.fn(async () => {
      throw new Error('catalog not ready');
    });
    const { registry: clusters } = await registry({ locators: [{ name: 'the catalog', getClusters }] });
    clusters.start();
    await until(() => getClusters.mock.calls.length > 0);
    clusters.stop();
    const calls = getClusters.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(getClusters.mock.calls.length).toBeLessThanOrEqual(calls + 1);
  });
});
