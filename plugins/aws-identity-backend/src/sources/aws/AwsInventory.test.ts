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
  DescribePodIdentityAssociationCommand,
  EKSClient,
  ListAddonsCommand,
  ListFargateProfilesCommand,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import {
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { connectDatabase } from '../../database/migrateDatabase';
import { SourceSnapshotStore } from '../../database/SourceSnapshotStore';
import { ACCOUNT, irsaTrust, ISSUER, OTHER_ACCOUNT } from '../../testing/awsFixtures';
import { AwsAccountClients, AwsInventory } from './AwsInventory';

jest.setTimeout(60_000);

const THIRD_ACCOUNT = '777788889999';
const CLUSTER_ARN = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod-eks`;

/** How each fake account answers. */
interface FakeAccount {
  /** What STS says the credentials belong to; default the account itself. */
  callerAccount?: string;
  /** Thrown by GetAccountAuthorizationDetails. */
  iamError?: Error;
  eksError?: Error;
  roles?: string[];
}

/**
 * SDK clients faked at their boundary (`send`), answering as IAM, STS and EKS document their
 * responses; records every call as `<account> <command>`.
 */
function fakeAws(accounts: Record<string, FakeAccount>) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const providers = new Map<string, object>();
  const clients = async (accountId: string): Promise<AwsAccountClients> => {
    const account = accounts[accountId];
    const record = (command: object) => calls.push(`${accountId} ${command.constructor.name}`);
    const iam = {
      send: async (command: object) => {
        record(command);
        if (command instanceof GetAccountAuthorizationDetailsCommand) {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise(resolve => setTimeout(resolve, 10));
          inFlight -= 1;
          if (account.iamError) throw account.iamError;
          return {
            RoleDetailList: (account.roles ?? []).map(name => ({
              Arn: `arn:aws:iam::${accountId}:role/${name}`,
              RoleName: name,
              Path: '/',
              AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(irsaTrust(ISSUER, 'payments', name, accountId))),
            })),
            IsTruncated: false,
          };
        }
        if (command instanceof ListOpenIDConnectProvidersCommand) return { OpenIDConnectProviderList: [] };
        if (command instanceof GetAccountSummaryCommand) return { SummaryMap: { Roles: account.roles?.length ?? 0 } };
        throw new Error(`unexpected IAM call ${command.constructor.name}`);
      },
    } as unknown as IAMClient;
    const sts = {
      send: async (command: object) => {
        record(command);
        if (command instanceof GetCallerIdentityCommand) {
          return { Account: account.callerAccount ?? accountId, Arn: `arn:aws:iam::${accountId}:user/reader` };
        }
        throw new Error(`unexpected STS call ${command.constructor.name}`);
      },
    } as unknown as STSClient;
    const eks = {
      send: async (command: object) => {
        record(command);
        if (account.eksError) throw account.eksError;
        if (command instanceof DescribeClusterCommand) {
          return {
            cluster: { name: command.input.name, arn: CLUSTER_ARN, version: '1.31', identity: { oidc: { issuer: ISSUER } } },
          };
        }
        if (command instanceof ListPodIdentityAssociationsCommand) {
          return { associations: [{ associationId: 'a-1', namespace: 'ledger', serviceAccount: 'ledger' }] };
        }
        if (command instanceof DescribePodIdentityAssociationCommand) {
          return {
            association: {
              associationId: 'a-1',
              namespace: 'ledger',
              serviceAccount: 'ledger',
              roleArn: `arn:aws:iam::${accountId}:role/ledger`,
              // The 2025–26 fields of DescribePodIdentityAssociation (EKS API reference).
              targetRoleArn: 'arn:aws:iam::999999999999:role/ledger-target',
              externalId: 'ext-a-1',
              disableSessionTags: true,
              policy: '{"Version":"2012-10-17","Statement":[]}',
            },
          };
        }
        // ListAddons / DescribeAddon and ListFargateProfiles as the EKS API reference shows them.
        if (command instanceof ListAddonsCommand) return { addons: ['vpc-cni', 'eks-pod-identity-agent'] };
        if (command instanceof DescribeAddonCommand) {
          return { addon: { addonName: command.input.addonName, status: 'ACTIVE', addonVersion: 'v1.3.4-eksbuild.1' } };
        }
        if (command instanceof ListFargateProfilesCommand) return { fargateProfileNames: [] };
        throw new Error(`unexpected EKS call ${command.constructor.name}`);
      },
    } as unknown as EKSClient;
    if (!providers.has(accountId)) providers.set(accountId, {});
    return { iam, sts, eks, provider: providers.get(accountId)! };
  };
  return { clients, calls, maxInFlight: () => maxInFlight };
}

function inventory(accounts: Record<string, FakeAccount>, options: { concurrency?: number; store?: SourceSnapshotStore } = {}) {
  const aws = fakeAws(accounts);
  const source = new AwsInventory({
    config: {
      accountIds: Object.keys(accounts),
      region: 'us-east-1',
      accountConcurrency: options.concurrency ?? 4,
    },
    clients: aws.clients,
    logger: mockServices.logger.mock(),
    store: options.store,
  });
  return { source, ...aws };
}

const PROD = { name: 'prod', eksName: 'prod-eks', accountId: ACCOUNT };

describe('AwsInventory', () => {
  it('says every configured account is not read yet before the first sync', () => {
    const { source } = inventory({ [ACCOUNT]: {} });
    expect(source.snapshot()).toEqual({
      accounts: new Map(),
      accountStatuses: new Map([
        [ACCOUNT, { source: { kind: 'aws-account', accountId: ACCOUNT }, state: 'stale', error: 'not read yet' }],
      ]),
      eksClusters: new Map(),
      eksErrors: new Map(),
    });
  });

  it('reads each account and, in it, the EKS clusters it is handed, then announces the change', async () => {
    const { source, calls } = inventory({ [ACCOUNT]: { roles: ['payments'] }, [OTHER_ACCOUNT]: { roles: [] } });
    const listener = jest.fn();
    source.onChange(listener);

    await source.sync({ eksClusters: [PROD] });

    const snapshot = source.snapshot();
    expect(snapshot.accounts.get(ACCOUNT)?.roles.map(r => r.name)).toEqual(['payments']);
    expect(snapshot.accountStatuses.get(ACCOUNT)).toMatchObject({ state: 'ok', lastSuccessAt: expect.any(String) });
    expect(snapshot.accountStatuses.get(OTHER_ACCOUNT)).toMatchObject({ state: 'ok' });
    expect(snapshot.eksClusters.get('prod')).toEqual({
      eksName: 'prod-eks',
      issuer: ISSUER,
      kubernetesVersion: '1.31',
      arn: CLUSTER_ARN,
      associations: [
        {
          associationId: 'a-1',
          cluster: 'prod',
          namespace: 'ledger',
          serviceAccount: 'ledger',
          roleArn: `arn:aws:iam::${ACCOUNT}:role/ledger`,
          targetRoleArn: 'arn:aws:iam::999999999999:role/ledger-target',
          externalId: 'ext-a-1',
          disableSessionTags: true,
          sessionPolicy: '{"Version":"2012-10-17","Statement":[]}',
        },
      ],
      podIdentityAgent: { state: 'installed', status: 'ACTIVE', version: 'v1.3.4-eksbuild.1' },
      fargateProfiles: { state: 'known', profiles: [] },
    });
    // EKS is read in the account that owns the cluster, nowhere else.
    expect(calls.filter(c => c.endsWith('DescribeClusterCommand'))).toEqual([`${ACCOUNT} DescribeClusterCommand`]);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('reads only the given accounts, and never one that is not configured', async () => {
    const { source, calls } = inventory({ [ACCOUNT]: {}, [OTHER_ACCOUNT]: {} });
    await source.sync({ accountIds: [OTHER_ACCOUNT, THIRD_ACCOUNT], eksClusters: [] });
    expect(new Set(calls.map(c => c.split(' ')[0]))).toEqual(new Set([OTHER_ACCOUNT]));
    expect(source.snapshot().accountStatuses.get(ACCOUNT)).toMatchObject({ state: 'stale', error: 'not read yet' });
  });

  it('reads at most accountConcurrency accounts at once', async () => {
    const accounts = Object.fromEntries(
      ['100000000001', '100000000002', '100000000003', '100000000004', '100000000005'].map(id => [id, {}]),
    );
    const { source, maxInFlight } = inventory(accounts, { concurrency: 2 });
    await source.sync({ eksClusters: [] });
    expect(maxInFlight()).toBe(2);
    expect([...source.snapshot().accountStatuses.values()].every(s => s.state === 'ok')).toBe(true);
  });

  it('refuses credentials that belong to another account, and reads nothing with them', async () => {
    const { source, calls } = inventory({ [ACCOUNT]: { callerAccount: OTHER_ACCOUNT, roles: ['payments'] } });
    await source.sync({ eksClusters: [] });
    expect(source.snapshot().accounts.has(ACCOUNT)).toBe(false);
    expect(source.snapshot().accountStatuses.get(ACCOUNT)).toMatchObject({
      state: 'error',
      error: `reading IAM failed: the configured credentials belong to account ${OTHER_ACCOUNT}, not ${ACCOUNT}`,
    });
    expect(calls).toEqual([`${ACCOUNT} GetCallerIdentityCommand`]);
  });

  it('checks the caller identity once per credential provider, not on every sync', async () => {
    const { source, calls } = inventory({ [ACCOUNT]: {} });
    await source.sync({ eksClusters: [] });
    await source.sync({ eksClusters: [] });
    expect(calls.filter(c => c.endsWith('GetCallerIdentityCommand'))).toHaveLength(1);
  });

  it('keeps the last good read of an account whose read then fails, and says when it was', async () => {
    const accounts: Record<string, FakeAccount> = { [ACCOUNT]: { roles: ['payments'] } };
    const { source } = inventory(accounts);
    await source.sync({ eksClusters: [] });
    const good = source.snapshot();
    const lastSuccessAt = good.accountStatuses.get(ACCOUNT)?.lastSuccessAt;

    accounts[ACCOUNT].iamError = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    await source.sync({ eksClusters: [] });

    const failed = source.snapshot();
    expect(failed.accounts.get(ACCOUNT)).toBe(good.accounts.get(ACCOUNT));
    expect(failed.accountStatuses.get(ACCOUNT)).toEqual({
      source: { kind: 'aws-account', accountId: ACCOUNT },
      state: 'error',
      lastSuccessAt,
      error: 'reading IAM failed: Rate exceeded',
    });
    // The snapshot handed out before is a value: the failure did not change it.
    expect(good.accountStatuses.get(ACCOUNT)?.state).toBe('ok');
  });

  it('reports an EKS read failure per cluster, and forgets it after a good read', async () => {
    const accounts: Record<string, FakeAccount> = { [ACCOUNT]: { eksError: new Error('AccessDeniedException') } };
    const { source } = inventory(accounts);
    await source.sync({ eksClusters: [PROD] });
    expect(source.snapshot().eksErrors.get('prod')).toBe('reading EKS failed: AccessDeniedException');
    expect(source.snapshot().accountStatuses.get(ACCOUNT)).toMatchObject({ state: 'ok' });

    delete accounts[ACCOUNT].eksError;
    await source.sync({ eksClusters: [PROD] });
    expect(source.snapshot().eksErrors.has('prod')).toBe(false);
    expect(source.snapshot().eksClusters.get('prod')?.issuer).toBe(ISSUER);
  });

  describe('between replicas', () => {
    const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

    it('lets a replica that did not sync load what another one read', async () => {
      const knex = await databases.init('SQLITE_3');
      const store = new SourceSnapshotStore(await connectDatabase(mockServices.database({ knex })));
      const reader = inventory({ [ACCOUNT]: { roles: ['payments'] }, [OTHER_ACCOUNT]: { eksError: new Error('boom') } }, { store });
      const follower = inventory({ [ACCOUNT]: {}, [OTHER_ACCOUNT]: {} }, { store });
      const changed = jest.fn();
      follower.source.onChange(changed);

      await reader.source.sync({ eksClusters: [PROD, { name: 'west', eksName: 'west', accountId: OTHER_ACCOUNT }] });
      await follower.source.reload();

      const snapshot = follower.source.snapshot();
      expect(follower.calls).toEqual([]);
      expect(snapshot.accounts.get(ACCOUNT)?.roles.map(r => r.name)).toEqual(['payments']);
      expect(snapshot.accountStatuses.get(ACCOUNT)).toEqual(reader.source.snapshot().accountStatuses.get(ACCOUNT));
      expect(snapshot.eksClusters.get('prod')?.arn).toBe(CLUSTER_ARN);
      expect(snapshot.eksErrors.get('west')).toBe('reading EKS failed: boom');
      expect(changed).toHaveBeenCalledTimes(1);

      // Nothing changed since: one cheap query, no reload, no announcement.
      await follower.source.reload();
      expect(changed).toHaveBeenCalledTimes(1);
    });
  });
});
