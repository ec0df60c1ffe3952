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
import { readAwsIdentityConfig } from './readAwsIdentityConfig';
import { DEFAULT_ROLE_DIGEST_SCHEDULE } from './roleDigest';

/** The Kubernetes plugin's config locator with two EKS clusters and one on another platform. */
const kubernetes = {
  clusterLocatorMethods: [
    {
      type: 'config',
      clusters: [
        {
          name: 'prod-east',
          url: 'https://east.example',
          authProvider: 'aws',
          authMetadata: {
            'kubernetes.io/x-k8s-aws-id': 'prod-east-eks',
            'aws-identity.io/account-id': '111111111111',
            'aws-identity.io/region': 'us-east-1',
          },
        },
        { name: 'on-prem', url: 'https://on-prem.example', authProvider: 'serviceAccount', serviceAccountToken: 't' },
        { name: 'gke', url: 'https://gke.example', authProvider: 'google' },
      ],
    },
  ],
};

describe('readAwsIdentityConfig', () => {
  it('defaults every setting, taking the accounts from aws.accounts', () => {
    const config = readAwsIdentityConfig(
      new ConfigReader({ aws: { accounts: [{ accountId: '111111111111' }, { accountId: '222222222222' }] } }),
    );
    expect(config).toEqual({
      accountIds: ['111111111111', '222222222222'],
      region: 'us-east-1',
      endpoint: undefined,
      syncIntervalSeconds: 300,
      snapshotReloadSeconds: 10,
      staleAfterSeconds: 900,
      accountConcurrency: 4,
      requests: { pollSeconds: 30, expireAfterDays: 14, convergeWithinDays: 7 },
      roles: { unusedAfterDays: 90, digest: { enabled: false, schedule: DEFAULT_ROLE_DIGEST_SCHEDULE } },
      // Live proof is opt-in.
      liveProof: { enabled: false, perServiceAccountPerHour: 6, perUserPerHour: 30, emulator: false },
      clusters: [],
      unsupportedClusters: [],
      catalogClusters: false,
      catalogClusterHosts: [],
      requestDirectory: { accountIds: ['111111111111', '222222222222'], clusters: [] },
      approverGroups: ['group:default/platform-team'],
      delivery: undefined,
      deliveryDirectory: 'aws-identity',
      scaffolder: { defaultFormat: 'terraform', gitPublish: undefined },
      checks: { requiredPermissionsBoundaryArn: undefined },
    });
  });

  it('narrows the accounts to awsIdentity.accounts and reads the sync settings', () => {
    const config = readAwsIdentityConfig(
      new ConfigReader({
        aws: { accounts: [{ accountId: '111111111111' }, { accountId: '222222222222' }] },
        awsIdentity: {
          accounts: ['222222222222', '222222222222'],
          region: 'eu-west-1',
          endpoint: 'http://127.0.0.1:5000',
          syncIntervalSeconds: 60,
          accountConcurrency: 2,
          requests: { pollSeconds: 5, expireAfterDays: 3 },
          roles: { unusedAfterDays: 30 },
        },
      }),
    );
    expect(config).toMatchObject({
      accountIds: ['222222222222'],
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:5000',
      syncIntervalSeconds: 60,
      // Three intervals unless said otherwise.
      staleAfterSeconds: 180,
      accountConcurrency: 2,
      requests: { pollSeconds: 5, expireAfterDays: 3 },
      roles: { unusedAfterDays: 30 },
    });
  });

  it.each([
    [{ aws: { accounts: [{ accountId: '1234' }] } }, 'aws.accounts[0].accountId: account id "1234" is not 12 digits'],
    [{ awsIdentity: { accounts: ['111111111111', 'x'] } }, 'awsIdentity.accounts[1]: account id "x" is not 12 digits'],
    [{ awsIdentity: { syncIntervalSeconds: 0 } }, 'awsIdentity.syncIntervalSeconds must be a positive number, got 0'],
    [{ awsIdentity: { roles: { unusedAfterDays: -1 } } }, 'awsIdentity.roles.unusedAfterDays must be a positive number, got -1'],
    [{ awsIdentity: { roles: { digest: { enabled: 'sometimes' } } } }, 'awsIdentity.roles.digest.enabled'],
    [{ awsIdentity: { roles: { digest: { schedule: { frequency: { weeks: 1 } } } } } }, 'awsIdentity.roles.digest.schedule is not a task schedule'],
    [{ awsIdentity: { requests: { pollSeconds: -5 } } }, 'awsIdentity.requests.pollSeconds must be a positive number, got -5'],
    [{ awsIdentity: { staleAfterSeconds: 'soon' } }, "awsIdentity.staleAfterSeconds"],
    [{ awsIdentity: { clusters: [{ name: 'a' }] } }, "awsIdentity.clusters[0].issuer"],
    [{ awsIdentity: { scaffolder: { defaultFormat: 'pulumi' } } }, 'awsIdentity.scaffolder.defaultFormat: "pulumi" must be one of'],
    [{ awsIdentity: { approvers: { groups: ['platform-team'] } } }, 'awsIdentity.approvers.groups[0]: "platform-team" must be a full group entity ref'],
  ])('names the key of a malformed value: %j', (data, message) => {
    expect(() => readAwsIdentityConfig(new ConfigReader(data))).toThrow(message);
  });

  it('reads the opt-in of the role digest and its schedule in the scheduler\'s config form', () => {
    const config = readAwsIdentityConfig(
      new ConfigReader({
        awsIdentity: {
          roles: { digest: { enabled: true, schedule: { frequency: { days: 7 }, timeout: { minutes: 5 }, initialDelay: 'PT1M' } } },
        },
      }),
    );
    expect(config.roles.digest.enabled).toBe(true);
    expect(config.roles.digest.schedule).toEqual({
      frequency: { days: 7 },
      timeout: { minutes: 5 },
      initialDelay: { minutes: 1 },
    });
    // Enabled alone keeps the weekly default.
    expect(
      readAwsIdentityConfig(new ConfigReader({ awsIdentity: { roles: { digest: { enabled: true } } } })).roles.digest,
    ).toEqual({ enabled: true, schedule: { frequency: { cron: '0 8 * * 1' }, timeout: { minutes: 15 } } });
  });

  it('reads the clusters of the Kubernetes plugin that aws-identity can read, and reports the others', () => {
    const config = readAwsIdentityConfig(new ConfigReader({ kubernetes }));
    expect(config.clusters.map(c => c.name)).toEqual(['prod-east', 'on-prem']);
    expect(config.unsupportedClusters).toEqual([
      { name: 'gke', reason: 'authProvider "google" is not supported by aws-identity (use serviceAccount or aws)' },
    ]);
    expect(config.catalogClusters).toBe(false);
  });

  it('lets requests target the clusters that name their account, with the configured issuers', () => {
    const issuer = 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST';
    const config = readAwsIdentityConfig(
      new ConfigReader({
        aws: { accounts: [{ accountId: '111111111111' }] },
        kubernetes,
        awsIdentity: { clusters: [{ name: 'prod-east', issuer }] },
      }),
    );
    expect(config.requestDirectory).toEqual({
      accountIds: ['111111111111'],
      clusters: [
        { name: 'prod-east', accountId: '111111111111', region: 'us-east-1', eksClusterName: 'prod-east-eks', issuer },
      ],
    });
  });

  it('reads the live proof settings and refuses a limit that is not positive, naming the key', () => {
    const read = (liveProof: object) => readAwsIdentityConfig(new ConfigReader({ awsIdentity: { liveProof } })).liveProof;
    expect(read({ enabled: true, perServiceAccountPerHour: 2, perUserPerHour: 10, probeVerifiedEverySeconds: 3600, emulator: true })).toEqual({
      enabled: true,
      perServiceAccountPerHour: 2,
      perUserPerHour: 10,
      probeVerifiedEverySeconds: 3600,
      emulator: true,
    });
    expect(() => read({ perUserPerHour: 0 })).toThrow('awsIdentity.liveProof.perUserPerHour must be a positive number');
    expect(() => read({ probeVerifiedEverySeconds: -5 })).toThrow('awsIdentity.liveProof.probeVerifiedEverySeconds must be a positive number');
  });

  it('refuses an issuer configured twice for one cluster', () => {
    const data = { awsIdentity: { clusters: [{ name: 'a', issuer: 'https://x' }, { name: 'a', issuer: 'https://y' }] } };
    expect(() => readAwsIdentityConfig(new ConfigReader(data))).toThrow(
      'awsIdentity.clusters[1].name: cluster "a" is listed twice',
    );
  });

  it('reads the approver groups, the delivery and the scaffolder settings', () => {
    const config = readAwsIdentityConfig(
      new ConfigReader({
        awsIdentity: {
          approvers: { groups: ['group:default/cloud', 'group:ops/sre'] },
          delivery: { type: 'git', remote: '/srv/git/infra.git', directory: 'iam' },
          scaffolder: { defaultFormat: 'ack', gitPublish: { baseDir: '/srv/git' } },
        },
      }),
    );
    expect(config).toMatchObject({
      approverGroups: ['group:default/cloud', 'group:ops/sre'],
      delivery: { type: 'git', remote: '/srv/git/infra.git', baseBranch: 'main' },
      deliveryDirectory: 'iam',
      scaffolder: {
        defaultFormat: 'ack',
        gitPublish: {
          baseDir: '/srv/git',
          defaultBranch: 'main',
          authorName: 'aws-identity scaffolder',
          authorEmail: 'scaffolder@aws-identity.invalid',
        },
      },
    });
  });
});
