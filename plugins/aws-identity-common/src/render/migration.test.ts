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

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { IAC_FORMATS } from '../api/requests';
import { Cluster, Role, ServiceAccount, emptyPodAggregate } from '../domain/types';
import { MigrationPlan } from '../migration/types';
import { buildIdentityReport } from '../report/buildIdentityReport';
import { renderMigration } from './migration';

const GOLDEN = join(__dirname, '__golden__', 'migration');
const ACCOUNT = '111122223333';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/orders-api`;
const CLUSTER: Cluster = {
  name: 'prod',
  accountId: ACCOUNT,
  region: 'eu-west-1',
  arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod-eks`,
  issuer: `https://${ISSUER}`,
  podIdentityAgent: { state: 'installed', status: 'ACTIVE' },
  fargateProfiles: { state: 'known', profiles: [] },
};
const SA: ServiceAccount = {
  cluster: 'prod',
  namespace: 'orders',
  name: 'api',
  annotations: { 'eks.amazonaws.com/role-arn': ROLE_ARN },
};
// The IRSA trust of the EKS User Guide ("Assign IAM roles to Kubernetes service accounts").
const ROLE: Role = {
  arn: ROLE_ARN,
  name: 'orders-api',
  accountId: ACCOUNT,
  trustPolicy: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: 'system:serviceaccount:orders:api' } },
      },
    ],
  },
};

function planOf(overrides: { podIdentityAssociations?: Parameters<typeof buildIdentityReport>[0]['podIdentityAssociations'] } = {}): MigrationPlan {
  const plan = buildIdentityReport({
    cluster: CLUSTER,
    serviceAccount: SA,
    pods: emptyPodAggregate({ podCount: 1, irsaEnvCount: 1, hostNetworkPodCount: 0, fargatePodCount: 0, workloads: ['Deployment/api'] }),
    podLabelSets: [{ app: 'orders-api' }],
    roles: [ROLE],
    completeAccounts: [ACCOUNT],
    oidcProviders: [{ arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, accountId: ACCOUNT, issuerHostPath: ISSUER, clientIds: ['sts.amazonaws.com'] }],
    podIdentityAssociations: overrides.podIdentityAssociations ?? [],
  }).migration;
  if (!plan) throw new Error('no plan');
  return plan;
}

describe('renderMigration golden files', () => {
  it.each(IAC_FORMATS)('%s matches the golden files, parses and is deterministic', format => {
    const plan = planOf();
    const files = renderMigration(plan, format);
    expect(renderMigration(plan, format)).toEqual(files);
    for (const file of files) {
      const golden = join(GOLDEN, format, file.path);
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) {
        mkdirSync(dirname(golden), { recursive: true });
        writeFileSync(golden, file.content);
      }
      expect(file.content).toBe(readFileSync(golden, 'utf8'));
    }
    const yamlErrors = files
      .filter(f => f.path.endsWith('.yaml'))
      .flatMap(f => parseAllDocuments(f.content).flatMap(d => d.errors));
    expect(yamlErrors).toEqual([]);
    const json = files.filter(f => f.path.endsWith('.json')).map(f => JSON.parse(f.content));
    expect(json).toEqual([plan.trustChange?.trustPolicy]);
  });

  const iacOf = (format: (typeof IAC_FORMATS)[number]) => {
    const plan = planOf();
    return { plan, text: renderMigration(plan, format).find(f => !f.path.startsWith('policies/'))!.content };
  };

  it('terraform: the role trust and aws_eks_pod_identity_association', () => {
    const { text } = iacOf('terraform');
    expect(text).toContain('resource "aws_eks_pod_identity_association"');
    expect(text).toContain('cluster_name    = "prod-eks"');
    expect(text).toContain('resource "aws_iam_role" "orders_api"');
  });

  it('ack: the Role trust and a PodIdentityAssociation', () => {
    const { plan, text } = iacOf('ack');
    const [role, association] = parseAllDocuments(text).map(d => d.toJS());
    expect(JSON.parse(role.spec.assumeRolePolicyDocument)).toEqual(plan.trustChange?.trustPolicy);
    expect(association).toMatchObject({
      apiVersion: 'eks.services.k8s.aws/v1alpha1',
      kind: 'PodIdentityAssociation',
      spec: { clusterName: 'prod-eks', namespace: 'orders', serviceAccount: 'api', roleARN: ROLE_ARN },
    });
  });

  it('crossplane: the existing Role by external name and a PodIdentityAssociation', () => {
    const { plan, text } = iacOf('crossplane');
    const [role, association] = parseAllDocuments(text).map(d => d.toJS());
    expect(role.metadata.annotations['crossplane.io/external-name']).toBe('orders-api');
    expect(JSON.parse(role.spec.forProvider.assumeRolePolicy)).toEqual(plan.trustChange?.trustPolicy);
    expect(association.spec.forProvider).toEqual({
      clusterName: 'prod-eks',
      namespace: 'orders',
      serviceAccount: 'api',
      region: 'eu-west-1',
      roleArn: ROLE_ARN,
    });
  });

  it('eksctl: podIdentityAssociations with the existing role ARN', () => {
    const { text } = iacOf('eksctl');
    expect(parseYaml(text).iam.podIdentityAssociations).toEqual([
      { namespace: 'orders', serviceAccountName: 'api', roleARN: ROLE_ARN, createServiceAccount: false },
    ]);
  });

  it('leaves out what the inventory shows done', () => {
    const associated = planOf({
      podIdentityAssociations: [{ associationId: 'a-1', cluster: 'prod', namespace: 'orders', serviceAccount: 'api', roleArn: ROLE_ARN }],
    });
    const files = renderMigration(associated, 'terraform');
    expect(files.map(f => f.path)).toEqual([
      'policies/migrate-prod-orders-api-trust-policy.json',
      'terraform/migrate-prod-orders-api.tf',
    ]);
    expect(files[1].content).not.toContain('aws_eks_pod_identity_association');
  });
});
