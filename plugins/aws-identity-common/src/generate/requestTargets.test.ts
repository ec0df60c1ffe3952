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

import { RoleRequestDirectory } from './requestDirectory';
import { requestTargets } from './requestTargets';

const directory: RoleRequestDirectory = {
  accountIds: ['111111111111', '222222222222'],
  clusters: [
    { name: 'east', accountId: '111111111111', region: 'us-east-1', issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/EAST' },
    { name: 'west', accountId: '222222222222', region: 'eu-west-1', eksClusterName: 'west-eks' },
  ],
};

describe('requestTargets', () => {
  it('lists every cluster of the directory with its account and region', () => {
    expect(requestTargets(directory, []).map(t => [t.cluster, t.accountId, t.region])).toEqual([
      ['east', '111111111111', 'us-east-1'],
      ['west', '222222222222', 'eu-west-1'],
    ]);
  });

  // AWS: "the EKS Pod Identity Agent must be running on the cluster" (an `eks-pod-identity-agent`
  // add-on whose status is ACTIVE); only then do pods get Pod Identity credentials.
  it('proposes EKS Pod Identity where the agent add-on is ACTIVE, IRSA where it is missing or unhealthy', () => {
    const targets = requestTargets(
      { ...directory, clusters: [directory.clusters[0], { ...directory.clusters[0], name: 'east-2' }, { ...directory.clusters[0], name: 'east-3' }] },
      [
        { name: 'east', podIdentityAgent: { state: 'installed', status: 'ACTIVE', version: 'v1.3.4-eksbuild.1' } },
        { name: 'east-2', podIdentityAgent: { state: 'not-installed' } },
        { name: 'east-3', podIdentityAgent: { state: 'installed', status: 'DEGRADED' } },
      ],
    );
    expect(targets.map(t => [t.cluster, t.podIdentity.state, t.recommendedBinding])).toEqual([
      ['east', 'ready', 'pod-identity'],
      ['east-2', 'blocked', 'irsa'],
      ['east-3', 'blocked', 'irsa'],
    ]);
    expect(targets[1].podIdentity.fix).toMatch(/create-addon .*--addon-name eks-pod-identity-agent/);
  });

  it('never calls Pod Identity ready on a cluster whose add-ons were not read', () => {
    const [east] = requestTargets(directory, []);
    expect(east.podIdentity.state).toBe('unknown');
    expect(east.recommendedBinding).toBe('irsa');
  });

  // IRSA trusts the cluster's OIDC issuer; without one the planner refuses IRSA, so the target
  // says so and proposes Pod Identity, the binding that needs no issuer.
  it('marks IRSA unavailable on a cluster whose issuer is unknown', () => {
    const west = requestTargets(directory, [])[1];
    expect(west.irsa).toEqual({ available: false, reason: expect.stringMatching(/issuer of cluster west is unknown/) });
    expect(west.recommendedBinding).toBe('pod-identity');
  });
});
