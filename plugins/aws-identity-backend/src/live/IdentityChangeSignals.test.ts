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
import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import { IdentityService } from '../identity/IdentityService';
import { ACCOUNT, irsaTrust, ISSUER, role } from '../testing/awsFixtures';
import { FakeAwsSource, FakeClusterSource, injectedPods, irsaAnnotation, prodEksCluster } from '../testing/fakeSources';
import { IdentityChangeSignals } from './IdentityChangeSignals';
import { SignalPublisher } from './SignalPublisher';

const PAYMENTS = role('payments', irsaTrust(ISSUER, 'payments', 'payments-api'));
const LEDGER = role('ledger', irsaTrust(ISSUER, 'ledger', 'ledger'));

function serviceAccount(name: string, roleArn: string, podCount: number) {
  return {
    namespace: name === 'payments-api' ? 'payments' : name,
    name,
    annotations: irsaAnnotation(roleArn),
    pods: {
      aggregate: injectedPods(podCount, roleArn),
      labelSets: [{ 'backstage.io/kubernetes-id': name === 'payments-api' ? 'payments' : name }],
    },
  };
}

function cluster(paymentsPods: number, ledgerPods: number) {
  return {
    name: 'prod',
    accountId: ACCOUNT,
    region: 'us-east-1',
    discoveredIssuer: ISSUER,
    serviceAccounts: [serviceAccount('payments-api', PAYMENTS.arn, paymentsPods), serviceAccount('ledger', LEDGER.arn, ledgerPods)],
  };
}

function world() {
  const aws = new FakeAwsSource([ACCOUNT]).readAccount(ACCOUNT, [PAYMENTS, LEDGER], { issuers: [ISSUER] }).readEks('prod', prodEksCluster([]));
  const clusters = new FakeClusterSource([cluster(2, 1)]);
  const identity = new IdentityService({ aws, clusters, staleAfterSeconds: 900 });
  const sent: SignalPayload[] = [];
  const signals: SignalsService = {
    async publish(signal) {
      sent.push(signal as SignalPayload);
    },
  };
  const publisher = new SignalPublisher({ signals, logger: mockServices.logger.mock(), windowMs: 0 });
  const entities = [
    { entityRef: 'component:default/payments', selector: { kubernetesId: 'payments' } },
    { entityRef: 'component:default/ledger', selector: { kubernetesId: 'ledger' } },
  ];
  const live = new IdentityChangeSignals({
    publisher,
    logger: mockServices.logger.mock(),
    snapshot: () => identity.snapshot(),
    entities: () => entities,
    settleMs: 100,
  });
  identity.onChange(() => live.changed());
  return { clusters, identity, publisher, live, sent, entities };
}

describe('IdentityChangeSignals', () => {
  afterEach(() => jest.useRealTimers());

  it('signals only the entity whose report changed, with its new digest', async () => {
    const { clusters, identity, publisher, live, sent } = world();
    expect(live.compare()).toEqual([]); // the first look only records
    clusters.set(cluster(2, 3)); // the ledger scaled out; payments is as it was
    expect(live.compare()).toEqual(['component:default/ledger']);
    await publisher.flush();
    expect(sent).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'aws-identity:entity:component:default/ledger',
        message: { type: 'identity', digest: identity.snapshot().reportsDigest({ kubernetesId: 'ledger' }) },
      },
    ]);
  });

  it('signals nothing when a source change left every report as it was', async () => {
    const { clusters, publisher, live, sent } = world();
    live.compare();
    clusters.set(cluster(2, 1));
    expect(live.compare()).toEqual([]);
    await publisher.flush();
    expect(sent).toEqual([]);
  });

  it('compares once for a burst of source changes', async () => {
    jest.useFakeTimers();
    const { clusters, live, sent } = world();
    live.compare();
    const compare = jest.spyOn(live, 'compare');
    clusters.set(cluster(3, 1));
    clusters.set(cluster(4, 1));
    clusters.set(cluster(5, 1));
    await jest.advanceTimersByTimeAsync(100);
    expect(compare).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10);
    expect(sent.map(s => s.channel)).toEqual(['aws-identity:entity:component:default/payments']);
  });

  it('gives the same digest for the same reports in a new snapshot, another for other reports', () => {
    const { clusters, identity } = world();
    const before = identity.snapshot();
    clusters.set(cluster(2, 1));
    expect(identity.snapshot()).not.toBe(before);
    expect(identity.snapshot().reportsDigest({ kubernetesId: 'payments' })).toBe(before.reportsDigest({ kubernetesId: 'payments' }));
    clusters.set(cluster(0, 1));
    expect(identity.snapshot().reportsDigest({ kubernetesId: 'payments' })).not.toBe(before.reportsDigest({ kubernetesId: 'payments' }));
  });
});
