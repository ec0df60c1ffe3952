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

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { irsaTrustPolicy } from '@internal/plugin-aws-identity-common/testing';
import { main } from '../index';
import { CliIo } from '../io';

const ACCOUNT = '111122223333';
const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const HOST = ISSUER.replace('https://', '');
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;

/** `aws iam get-account-authorization-details` output with the EKS User Guide's IRSA trust. */
const authorizationDetails = {
  RoleDetailList: [
    {
      Path: '/',
      RoleName: 'reports',
      Arn: `arn:aws:iam::${ACCOUNT}:role/reports`,
      AssumeRolePolicyDocument: irsaTrustPolicy({ accountId: ACCOUNT, issuerHostPath: HOST, subject: 'system:serviceaccount:reports:reports-api' }),
      RolePolicyList: [],
      AttachedManagedPolicies: [],
    },
  ],
  Policies: [],
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-identity-migrate-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
function write(relative: string, content: string): string {
  const target = path.join(root, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return target;
}
const iamFile = write('iam/gaad.json', JSON.stringify(authorizationDetails));
write(
  'app/serviceaccount.yaml',
  `apiVersion: v1
kind: ServiceAccount
metadata:
  name: reports-api
  namespace: reports
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::${ACCOUNT}:role/reports
`,
);
const app = path.join(root, 'app');
// `aws eks describe-fargate-profile` output (EKS API reference).
const noProfiles = write('eks/none.json', '[]');
const reportsProfile = write(
  'eks/reports.json',
  JSON.stringify({ fargateProfile: { fargateProfileName: 'fp-reports', clusterName: 'prod', status: 'ACTIVE', selectors: [{ namespace: 'reports' }] } }),
);

function run(args: string[]) {
  let stdout = '';
  const errors: string[] = [];
  const io: CliIo = { readFile: p => fs.readFileSync(p, 'utf8'), readStdin: () => '', stdout: t => (stdout += t), color: false };
  const code = main(['migrate', '--manifests', app, '--iam', iamFile, '--cluster-arn', CLUSTER_ARN, '--issuer', ISSUER, ...args], io, line => errors.push(line));
  return { code, stdout, errors };
}

describe('aws-identity migrate', () => {
  it('prints the plan with readiness and ordered steps', () => {
    const { code, stdout } = run(['--pod-identity-agent', 'ACTIVE', '--fargate-profiles', noProfiles]);
    expect(code).toBe(0);
    // Offline the running pods are unknown, so hostNetwork is too: never "ready" on missing facts.
    expect(stdout).toContain('0 of 1 service account ready to migrate to EKS Pod Identity.');
    expect(stdout).toContain('reports/reports-api  UNKNOWN');
    expect(stdout).toContain('[ready] EKS Pod Identity Agent add-on: The eks-pod-identity-agent add-on is ACTIVE on cluster prod.');
    expect(stdout).toContain('[unknown] No hostNetwork pods');
    expect(stdout).toContain("1. [next] Add the EKS Pod Identity statement to the role's trust policy");
    expect(stdout).toContain('6. [pending] Remove the OIDC trust statement (optional)');
    expect(stdout).toContain('Running pods (hostNetwork, Pod Identity env) are unknown offline');
  });

  it('says what is unknown offline, and renders the IaC of steps 1 and 2 as JSON', () => {
    const { code, stdout } = run(['--iac', 'terraform', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.summary).toMatchObject({ total: 1, ready: 0, unknown: 1 });
    expect(out.notes).toHaveLength(3);
    const [sa] = out.serviceAccounts;
    expect(sa.migration.readiness.find((r: { id: string }) => r.id === 'pod-identity-agent').state).toBe('unknown');
    expect(sa.files.map((f: { path: string }) => f.path)).toEqual([
      'policies/migrate-prod-reports-reports-api-trust-policy.json',
      'terraform/migrate-prod-reports-reports-api.tf',
    ]);
    expect(sa.files[1].content).toContain('resource "aws_eks_pod_identity_association"');
  });

  it('fails the gate on a refusal, and names bad input', () => {
    const blocked = run(['--pod-identity-agent', 'ACTIVE', '--fargate-profiles', reportsProfile, '--fail-on', 'deny']);
    expect(blocked.stdout).toContain('[blocked] No Fargate profile selects the pods: Fargate profile fp-reports selects the pods');
    expect(blocked.code).toBe(1);
    const bad = run(['--fargate-profiles', iamFile]);
    expect(bad.code).toBe(2);
    expect(bad.errors.join('\n')).toContain('--fargate-profiles: entry 0 is not describe-fargate-profile output');
  });
});
