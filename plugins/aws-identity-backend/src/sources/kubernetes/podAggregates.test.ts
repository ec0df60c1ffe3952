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


import { V1Pod } from '@kubernetes/client-node';
import { IRSA_ANNOTATIONS } from '@internal/plugin-aws-identity-common';
import { ServiceAccountPods } from '@internal/plugin-aws-identity-node';
import {
  aggregateContributions,
  PodContribution,
  podContribution,
  PodContributionTable,
  podKey,
  withPodWorkload,
} from './podAggregates';

/**
 * Folds pods per service account as the inventory does (one contribution per pod, one aggregate
 * per `namespace/serviceAccount`), with `roleAnnotationOf` naming each account's annotated role.
 */
function aggregatePods(
  pods: V1Pod[],
  roleAnnotationOf: (namespace: string, serviceAccount: string) => string | undefined,
): Map<string, ServiceAccountPods> {
  const byAccount = new Map<string, PodContribution[]>();
  for (const contribution of pods.map(podContribution)) {
    byAccount.set(contribution.account, [...(byAccount.get(contribution.account) ?? []), contribution]);
  }
  return new Map(
    [...byAccount].map(([account, contributions]) => {
      const [namespace, serviceAccount] = account.split('/');
      return [account, aggregateContributions(contributions, roleAnnotationOf(namespace, serviceAccount))];
    }),
  );
}

const ROLE = 'arn:aws:iam::111111111111:role/reports';

function pod(name: string, overrides: { env?: Array<{ name: string; value?: string }>; labels?: Record<string, string>; fsGroup?: number; runAsUser?: number; sa?: string; owner?: string; volumes?: string[] } = {}): V1Pod {
  return {
    metadata: {
      name,
      namespace: 'reports',
      labels: { 'backstage.io/kubernetes-id': 'reports', 'pod-template-hash': '5d4f8', ...overrides.labels },
      ownerReferences: overrides.owner
        ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: overrides.owner, uid: 'u', controller: true }]
        : undefined,
    },
    spec: {
      serviceAccountName: overrides.sa ?? 'reports',
      securityContext: { fsGroup: overrides.fsGroup, runAsUser: overrides.runAsUser },
      containers: [{ name: 'app', env: overrides.env }],
      volumes: (overrides.volumes ?? []).map(v => ({ name: v })),
    },
  };
}

const injected = [
  { name: 'AWS_ROLE_ARN', value: ROLE },
  { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' },
];

describe('aggregatePods', () => {
  it('folds pods into per-service-account counts and workload label sets', () => {
    const result = aggregatePods(
      [
        pod('a', { env: injected, volumes: ['aws-iam-token'], owner: 'reports-5d4f8', fsGroup: 65534, runAsUser: 1000 }),
        pod('b', { owner: 'reports-5d4f8', runAsUser: 1000 }),
        pod('c', { env: [{ name: 'AWS_ACCESS_KEY_ID', value: 'AKIA' }], labels: { 'eks.amazonaws.com/skip-pod-identity-webhook': 'true' } }),
        pod('d', { sa: 'other' }),
      ],
      (namespace, name) => (namespace === 'reports' && name === 'reports' ? ROLE : undefined),
    );

    const reports = result.get('reports/reports')!;
    expect(reports.aggregate).toMatchObject({
      podCount: 3,
      irsaEnvCount: 1,
      irsaVolumeCount: 1,
      staticKeysCount: 1,
      skipWebhookLabelCount: 1,
      // b was created before the annotation (no injected role); c is skipped on purpose.
      createdBeforeAnnotationCount: 1,
      nonRootWithoutFsGroupCount: 1,
      roleArnsInEnv: [{ roleArn: ROLE, podCount: 1 }],
      workloads: ['Deployment/reports', 'Pod/c'],
    });
    // pod-template-hash differs per ReplicaSet, so it is not part of the workload's labels.
    expect([...reports.labelSets.values()]).toContainEqual({ 'backstage.io/kubernetes-id': 'reports' });
    expect(result.get('reports/other')!.aggregate.podCount).toBe(1);
  });

  it('counts a pod injected with an older role as needing a restart', () => {
    const result = aggregatePods([pod('a', { env: injected })], () => `${ROLE}-v2`);
    expect(result.get('reports/reports')!.aggregate.createdBeforeAnnotationCount).toBe(1);
  });

  it('counts hostNetwork pods and pods EKS scheduled on Fargate', () => {
    // Fargate pods carry `eks.amazonaws.com/fargate-profile` (EKS User Guide, "Fargate Pod configuration").
    const onNode = pod('a');
    const onHost: V1Pod = { ...pod('b'), spec: { ...pod('b').spec!, hostNetwork: true } };
    const onFargate = pod('c', { labels: { 'eks.amazonaws.com/fargate-profile': 'fp-reports' } });
    const aggregate = aggregatePods([onNode, onHost, onFargate], () => undefined).get('reports/reports')!.aggregate;
    expect(aggregate).toMatchObject({ podCount: 3, hostNetworkPodCount: 1, fargatePodCount: 1 });
  });

  it('keys on the annotation the pod identity webhook reads', () => {
    expect(IRSA_ANNOTATIONS.roleArn).toBe('eks.amazonaws.com/role-arn');
  });
  it('counts hostNetwork and Fargate pods, Pod Identity injection and distinct projected tokens', () => {
    const podIdentity: V1Pod = {
      metadata: { name: 'p', namespace: 'reports' },
      spec: {
        serviceAccountName: 'reports',
        hostNetwork: true,
        schedulerName: 'fargate-scheduler',
        containers: [
          {
            name: 'app',
            env: [
              { name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://169.254.170.23/v1/credentials' },
              {
                name: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
                value: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token',
              },
            ],
          },
        ],
        volumes: [
          {
            name: 'eks-pod-identity-token',
            projected: {
              sources: [{ serviceAccountToken: { audience: 'pods.eks.amazonaws.com', expirationSeconds: 86400, path: 'eks-pod-identity-token' } }],
            },
          },
        ],
      },
    };
    const { aggregate } = aggregatePods([podIdentity, { ...podIdentity, metadata: { name: 'q', namespace: 'reports' } }], () => undefined).get(
      'reports/reports',
    )!;
    expect(aggregate).toMatchObject({
      podIdentityEnvCount: 2,
      podIdentityInjectedCount: 2,
      hostNetworkPodCount: 2,
      fargatePodCount: 2,
      serviceAccountTokens: [{ volume: 'eks-pod-identity-token', audience: 'pods.eks.amazonaws.com', expirationSeconds: 86400, podCount: 2 }],
    });
    // Injected pods are not "uninjected", whatever their creation time.
    expect(aggregate.uninjected).toBeUndefined();
  });
});

describe('PodContributionTable', () => {
  it('shares one record among the pods of a workload, and among the bare pods of a service account', () => {
    const table = new PodContributionTable();
    const replicas = ['api-5d4f8-a', 'api-5d4f8-b'].map(name => table.of(pod(name, { owner: 'api-5d4f8' })));
    expect(replicas[0]).toBe(replicas[1]);
    expect(replicas[0].workload).toBe('Deployment/api');
    // Pods without a controller are their own workload: the name is restored, not stored.
    const bare = ['job-1', 'job-2'].map(name => table.of(pod(name)));
    expect(bare[0]).toBe(bare[1]);
    expect(podKey(bare[0], 'job-1')).toBe('Pod/job-1');
    expect(withPodWorkload(bare[0], podKey(bare[0], 'job-1')).workload).toBe('Pod/job-1');
    expect(withPodWorkload(bare[0], podKey(bare[0], 'job-1'))).toEqual(podContribution(pod('job-1')));
    expect(podKey(replicas[0], 'api-5d4f8-a')).toBe('api-5d4f8-a');
    expect(withPodWorkload(replicas[0], 'api-5d4f8-a')).toBe(replicas[0]);
    expect(table.size).toBe(2);
  });

  it('keeps pods with different facts apart', () => {
    const table = new PodContributionTable();
    const plain = table.of(pod('a'));
    const withKeys = table.of(pod('b', { env: [{ name: 'AWS_ACCESS_KEY_ID', value: 'x' }] }));
    expect(withKeys).not.toBe(plain);
    expect(withKeys.staticKeys).toBe(true);
    expect(plain.staticKeys).toBe(false);
  });

  it('shares equal parts of different records, and still tells apart records whose keys share a bucket', () => {
    const table = new PodContributionTable();
    const token = { volume: 'aws-iam-token', audience: 'sts.amazonaws.com', expirationSeconds: 86400 };
    const a = table.of(pod('a', { sa: 'a', volumes: [] }));
    const b = table.of(pod('b', { sa: 'b', volumes: [] }));
    expect(a).not.toBe(b);
    expect(a.credentialEnv).toBe(b.credentialEnv);
    expect(a.serviceAccountTokens).toBe(b.serviceAccountTokens);
    expect(table.share([{ ...token, podCount: 2 }])).toBe(table.share([{ ...token, podCount: 2 }]));
    expect(table.share([{ ...token, podCount: 2 }])).not.toBe(table.share([{ ...token, podCount: 3 }]));
    expect(table.share([{ ...token, podCount: 3 }])).toEqual([{ ...token, podCount: 3 }]);
  });

  it('starts over when full, without losing a record', () => {
    const table = new PodContributionTable({ maxRecords: 2 });
    const records = ['a', 'b', 'c'].map(sa => table.of(pod(`${sa}-1`, { sa })));
    expect(table.size).toBe(1);
    expect(records.map(r => r.account)).toEqual(['reports/a', 'reports/b', 'reports/c']);
    expect(table.of(pod('c-2', { sa: 'c' }))).toBe(records[2]);
  });
});
