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
import { resolveRequestDirectory } from './requestDirectory';

describe('resolveRequestDirectory', () => {
  const configured = {
    accountIds: ['111111111111'],
    clusters: [
      { name: 'pinned', accountId: '111111111111', issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/PINNED' },
      { name: 'eks', accountId: '111111111111' },
      { name: 'self-hosted', accountId: '111111111111' },
      { name: 'unread', accountId: '111111111111' },
    ],
  };
  const inventory = [
    // Configuration pins (or overrides) what EKS reports.
    { name: 'pinned', issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/FROM-EKS', issuerSource: 'eks' as const },
    // EKS DescribeCluster → identity.oidc.issuer.
    { name: 'eks', issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST/', issuerSource: 'eks' as const },
    // A cluster's own discovery document says nothing about what IAM trusts.
    { name: 'self-hosted', issuer: 'https://issuer.example.com', issuerSource: 'discovery' as const },
    // An EKS cluster not in the request directory still counts as a known cluster (IRSA-T09).
    { name: 'legacy', issuer: 'https://oidc.eks.us-west-2.amazonaws.com/id/LEGACY', issuerSource: 'eks' as const },
  ];

  it('takes the issuer from configuration, else from EKS, never from discovery', () => {
    const directory = resolveRequestDirectory(configured, inventory);
    expect(directory.clusters.map(c => [c.name, c.issuer])).toEqual([
      ['pinned', 'https://oidc.eks.us-east-1.amazonaws.com/id/PINNED'],
      ['eks', 'https://oidc.eks.eu-west-1.amazonaws.com/id/WEST'],
      ['self-hosted', undefined],
      ['unread', undefined],
    ]);
    expect(directory.clusters[2]).not.toHaveProperty('issuer');
  });

  it('knows the issuers of every configured and inventoried EKS cluster', () => {
    expect(resolveRequestDirectory(configured, inventory).knownIssuers?.sort()).toEqual([
      'oidc.eks.eu-west-1.amazonaws.com/id/WEST',
      'oidc.eks.us-east-1.amazonaws.com/id/FROM-EKS',
      'oidc.eks.us-east-1.amazonaws.com/id/PINNED',
      'oidc.eks.us-west-2.amazonaws.com/id/LEGACY',
    ]);
  });

  it('ignores what EKS reports that is not an issuer', () => {
    const directory = resolveRequestDirectory(configured, [{ name: 'eks', issuer: '', issuerSource: 'eks' }]);
    expect(directory.clusters[1]).not.toHaveProperty('issuer');
  });
});
