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
  DescribeFargateProfileCommand,
  EKSClient,
  EKSServiceException,
  ListAddonsCommand,
  ListFargateProfilesCommand,
} from '@aws-sdk/client-eks';
import { readFargateProfiles, readPodIdentityAgent } from './EksInventory';

/** The EKS API's documented errors, as the SDK raises them. */
function eksError(name: string, status: number, message: string) {
  return new EKSServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message });
}

/**
 * An EKS client faked at its boundary (`send`), answering with the response shapes of the EKS
 * API reference (ListAddons, DescribeAddon, ListFargateProfiles, DescribeFargateProfile).
 */
function fakeEks(answer: (command: unknown) => unknown): { eks: EKSClient; calls: string[] } {
  const calls: string[] = [];
  const eks = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      calls.push(`${command.constructor.name} ${JSON.stringify(command.input)}`);
      const out = answer(command);
      if (out instanceof Error) throw out;
      return out;
    },
  } as unknown as EKSClient;
  return { eks, calls };
}

describe('readPodIdentityAgent', () => {
  it('reads the add-on status and version across ListAddons pages', async () => {
    const { eks, calls } = fakeEks(command => {
      if (command instanceof ListAddonsCommand) {
        return command.input.nextToken
          ? { addons: ['eks-pod-identity-agent'] }
          : { addons: ['vpc-cni', 'coredns'], nextToken: 'page-2' };
      }
      if (command instanceof DescribeAddonCommand) {
        return {
          addon: {
            addonName: 'eks-pod-identity-agent',
            clusterName: 'prod',
            status: 'ACTIVE',
            addonVersion: 'v1.3.4-eksbuild.1',
            health: { issues: [] },
          },
        };
      }
      return new Error('unexpected');
    });
    await expect(readPodIdentityAgent(eks, 'prod')).resolves.toEqual({
      state: 'installed',
      status: 'ACTIVE',
      version: 'v1.3.4-eksbuild.1',
    });
    expect(calls).toEqual([
      'ListAddonsCommand {"clusterName":"prod","maxResults":100}',
      'ListAddonsCommand {"clusterName":"prod","nextToken":"page-2","maxResults":100}',
      'DescribeAddonCommand {"clusterName":"prod","addonName":"eks-pod-identity-agent"}',
    ]);
  });

  it('reports a missing add-on as not installed, and a DEGRADED one with its status', async () => {
    const none = fakeEks(() => ({ addons: ['vpc-cni'] }));
    await expect(readPodIdentityAgent(none.eks, 'prod')).resolves.toEqual({ state: 'not-installed' });
    const degraded = fakeEks(command =>
      command instanceof ListAddonsCommand
        ? { addons: ['eks-pod-identity-agent'] }
        : { addon: { addonName: 'eks-pod-identity-agent', status: 'DEGRADED', addonVersion: 'v1.3.4-eksbuild.1' } },
    );
    await expect(readPodIdentityAgent(degraded.eks, 'prod')).resolves.toMatchObject({ state: 'installed', status: 'DEGRADED' });
  });

  it('says unknown, with the reason, when EKS refuses — never installed', async () => {
    const { eks } = fakeEks(() =>
      eksError('AccessDeniedException', 403, 'User: arn:aws:sts::111122223333:assumed-role/reader/x is not authorized to perform: eks:ListAddons'),
    );
    const agent = await readPodIdentityAgent(eks, 'prod');
    expect(agent.state).toBe('unknown');
    expect(agent).toMatchObject({ reason: expect.stringMatching(/^AccessDeniedException: .*eks:ListAddons/) });
  });
});

describe('readFargateProfiles', () => {
  it('describes every listed profile for its selectors', async () => {
    const { eks } = fakeEks(command => {
      if (command instanceof ListFargateProfilesCommand) return { fargateProfileNames: ['fp-default', 'fp-batch'] };
      if (command instanceof DescribeFargateProfileCommand) {
        const name = command.input.fargateProfileName;
        return {
          fargateProfile: {
            fargateProfileName: name,
            clusterName: 'prod',
            status: 'ACTIVE',
            selectors:
              name === 'fp-default'
                ? [{ namespace: 'default' }, { namespace: 'kube-system', labels: {} }]
                : [{ namespace: 'batch', labels: { tier: 'batch' } }],
          },
        };
      }
      return new Error('unexpected');
    });
    await expect(readFargateProfiles(eks, 'prod')).resolves.toEqual({
      state: 'known',
      profiles: [
        { name: 'fp-default', status: 'ACTIVE', selectors: [{ namespace: 'default' }, { namespace: 'kube-system' }] },
        { name: 'fp-batch', status: 'ACTIVE', selectors: [{ namespace: 'batch', labels: { tier: 'batch' } }] },
      ],
    });
  });

  it('is known and empty for a cluster without profiles, unknown when EKS refuses', async () => {
    await expect(readFargateProfiles(fakeEks(() => ({ fargateProfileNames: [] })).eks, 'prod')).resolves.toEqual({
      state: 'known',
      profiles: [],
    });
    const denied = fakeEks(() => eksError('AccessDeniedException', 403, 'not authorized to perform: eks:ListFargateProfiles'));
    await expect(readFargateProfiles(denied.eks, 'prod')).resolves.toMatchObject({ state: 'unknown' });
  });
});
