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

import { EksAddonShim, isAddonPath } from './eksAddonShim';
import { ShimContext } from './podIdentityShim';

const ctx: ShimContext = { accountId: '111111111111', region: 'us-east-1' };

function newShim() {
  const shim = new EksAddonShim({ clusterExists: async (_ctx, name) => name === 'c1' });
  const call = async (method: string, path: string, body?: unknown, query = '') => {
    const res = await shim.handle(ctx, method, path, new URLSearchParams(query), body ? JSON.stringify(body) : '');
    return { ...res, json: JSON.parse(res.body) };
  };
  return { shim, call };
}

describe('EksAddonShim (the EKS add-on stand-in)', () => {
  it('recognises only the add-on routes', () => {
    expect(isAddonPath('/clusters/c1/addons')).toBe(true);
    expect(isAddonPath('/clusters/c1/addons/eks-pod-identity-agent')).toBe(true);
    expect(isAddonPath('/clusters/c1/pod-identity-associations')).toBe(false);
    expect(isAddonPath('/clusters/c1/fargate-profiles')).toBe(false);
  });

  it('creates (CREATING, then ACTIVE), lists, describes and deletes as the EKS API reference shows', async () => {
    const { call } = newShim();
    const created = await call('POST', '/clusters/c1/addons', { addonName: 'eks-pod-identity-agent' });
    expect(created.status).toBe(200);
    expect(created.json.addon).toMatchObject({
      addonName: 'eks-pod-identity-agent',
      clusterName: 'c1',
      status: 'CREATING',
      addonVersion: 'v1.3.4-eksbuild.1',
      health: { issues: [] },
      addonArn: expect.stringMatching(/^arn:aws:eks:us-east-1:111111111111:addon\/c1\/eks-pod-identity-agent\//),
    });
    expect((await call('GET', '/clusters/c1/addons')).json).toEqual({ addons: ['eks-pod-identity-agent'] });
    expect((await call('GET', '/clusters/c1/addons/eks-pod-identity-agent')).json.addon.status).toBe('CREATING');
    expect((await call('GET', '/clusters/c1/addons/eks-pod-identity-agent')).json.addon.status).toBe('ACTIVE');
    expect((await call('POST', '/clusters/c1/addons', { addonName: 'eks-pod-identity-agent' })).status).toBe(409);
    expect((await call('DELETE', '/clusters/c1/addons/eks-pod-identity-agent')).json.addon.status).toBe('DELETING');
    expect((await call('GET', '/clusters/c1/addons')).json).toEqual({ addons: [] });
  });

  it('answers EKS errors for unknown clusters, add-ons and bad input', async () => {
    const { call } = newShim();
    const noCluster = await call('GET', '/clusters/nope/addons');
    expect(noCluster.status).toBe(404);
    expect(noCluster.headers['x-amzn-errortype']).toContain('ResourceNotFoundException');
    const noAddon = await call('GET', '/clusters/c1/addons/eks-pod-identity-agent');
    expect(noAddon.status).toBe(404);
    expect(noAddon.json.message).toBe('No addon: eks-pod-identity-agent found in cluster: c1');
    expect((await call('POST', '/clusters/c1/addons', {})).status).toBe(400);
    expect((await call('GET', '/clusters/c1/addons', undefined, 'maxResults=0')).status).toBe(400);
  });

  it('pages ListAddons with nextToken', async () => {
    const { call } = newShim();
    await call('POST', '/clusters/c1/addons', { addonName: 'eks-pod-identity-agent' });
    await call('POST', '/clusters/c1/addons', { addonName: 'vpc-cni', addonVersion: 'v1.19.0-eksbuild.1' });
    const first = await call('GET', '/clusters/c1/addons', undefined, 'maxResults=1');
    expect(first.json.addons).toEqual(['eks-pod-identity-agent']);
    const second = await call('GET', '/clusters/c1/addons', undefined, `maxResults=1&nextToken=${encodeURIComponent(first.json.nextToken)}`);
    expect(second.json).toEqual({ addons: ['vpc-cni'] });
  });
});
