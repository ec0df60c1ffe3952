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
import {
  checkRegistry,
  checksNotDecidedIn,
  implementedChecks,
} from '@internal/plugin-aws-identity-common';
import {
  irsaTrustPolicy,
  podIdentityTrustPolicy,
} from '@internal/plugin-aws-identity-common/testing';
import { main } from './index';
import { CliIo } from './io';

// The CLI's half of -common's surfaces.test.ts: which checks the CLI runs is observed while its
// commands (check, migrate, trust, lint) do their work, never declared.
const allChecks = implementedChecks;

const ACCOUNT = '111122223333';
const ISSUER =
  'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const HOST = ISSUER.replace('https://', '');
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;
const TARGET_ARN = 'arn:aws:iam::444455556666:role/reports-target';
const readPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::reports/*',
    },
  ],
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-identity-surfaces-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
function write(relative: string, content: string): string {
  const target = path.join(root, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return target;
}

// `aws iam get-account-authorization-details` with an IRSA role and a Pod Identity role, and
// `aws iam list-open-id-connect-providers`.
const iamFile = write(
  'iam/gaad.json',
  JSON.stringify({
    RoleDetailList: [
      {
        Path: '/',
        RoleName: 'reports',
        Arn: `arn:aws:iam::${ACCOUNT}:role/reports`,
        AssumeRolePolicyDocument: irsaTrustPolicy({
          accountId: ACCOUNT,
          issuerHostPath: HOST,
          subject: 'system:serviceaccount:reports:reports',
        }),
        RolePolicyList: [{ PolicyName: 'read', PolicyDocument: readPolicy }],
        AttachedManagedPolicies: [],
      },
      {
        Path: '/',
        RoleName: 'reports-pod',
        Arn: `arn:aws:iam::${ACCOUNT}:role/reports-pod`,
        AssumeRolePolicyDocument: podIdentityTrustPolicy({
          accountId: ACCOUNT,
          clusterArn: CLUSTER_ARN,
        }),
        RolePolicyList: [{ PolicyName: 'read', PolicyDocument: readPolicy }],
        AttachedManagedPolicies: [],
      },
    ],
    Policies: [],
  }),
);
const providersFile = write(
  'iam/providers.json',
  JSON.stringify({
    OpenIDConnectProviderList: [
      {
        Arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}`,
        ClientIDList: ['sts.amazonaws.com'],
      },
    ],
  }),
);
// A service account bound by its annotation, one bound by an ACK association with a target role,
// and a Deployment running as the first.
write(
  'manifests/reports.yaml',
  `apiVersion: v1
kind: ServiceAccount
metadata:
  name: reports
  namespace: reports
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::${ACCOUNT}:role/reports
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: reports-pod
  namespace: reports
---
apiVersion: eks.services.k8s.aws/v1alpha1
kind: PodIdentityAssociation
metadata:
  name: reports-pod
  namespace: reports
spec:
  clusterName: prod
  namespace: reports
  serviceAccount: reports-pod
  roleARN: arn:aws:iam::${ACCOUNT}:role/reports-pod
  targetRoleARN: ${TARGET_ARN}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reports
  namespace: reports
spec:
  template:
    spec:
      serviceAccountName: reports
      containers: [{ name: app, image: app }]
`,
);
const trustFile = write(
  'policies/trust.json',
  JSON.stringify(
    irsaTrustPolicy({
      accountId: ACCOUNT,
      issuerHostPath: HOST,
      subject: 'system:serviceaccount:reports:reports',
    }),
  ),
);
const podTrustFile = write(
  'policies/pod-trust.json',
  JSON.stringify(
    podIdentityTrustPolicy({ accountId: ACCOUNT, clusterArn: CLUSTER_ARN }),
  ),
);
const targetTrustFile = write(
  'policies/target-trust.json',
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/reports-pod` },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ],
  }),
);
const sessionPolicyFile = write(
  'policies/session.json',
  JSON.stringify(readPolicy),
);
const permissionFile = write('policies/read.json', JSON.stringify(readPolicy));

function cli(args: string[]) {
  const io: CliIo = {
    readFile: p => fs.readFileSync(p, 'utf8'),
    readStdin: () => '',
    stdout: () => undefined,
    color: false,
  };
  const errors: string[] = [];
  const code = main(args, io, line => errors.push(line));
  // 0 clean, 2 findings; anything else is a usage or input error of this test.
  expect({ args, errors }).toEqual({ args, errors: [] });
  expect([0, 2]).toContain(code);
}

/** The CLI's commands as a CI pipeline calls them. */
function runCli() {
  const manifests = [
    '--manifests',
    path.join(root, 'manifests'),
    '--iam',
    iamFile,
    '--iam',
    providersFile,
    '--cluster-arn',
    CLUSTER_ARN,
    '--issuer',
    ISSUER,
  ];
  cli(['check', ...manifests]);
  cli(['migrate', ...manifests]);
  cli([
    'trust',
    '--policy',
    trustFile,
    '--service-account',
    'reports/reports',
    '--account',
    ACCOUNT,
    '--issuer',
    ISSUER,
  ]);
  cli([
    'trust',
    '--pod-identity',
    '--policy',
    podTrustFile,
    '--service-account',
    'reports/reports-pod',
    '--cluster-arn',
    CLUSTER_ARN,
    '--account',
    ACCOUNT,
    '--target-role',
    TARGET_ARN,
    '--target-trust',
    targetTrustFile,
    '--role-policy',
    permissionFile,
  ]);
  cli([
    'trust',
    '--pod-identity',
    '--policy',
    podTrustFile,
    '--service-account',
    'reports/reports-pod',
    '--cluster-arn',
    CLUSTER_ARN,
    '--account',
    ACCOUNT,
    '--session-policy',
    sessionPolicyFile,
    '--disable-session-tags',
  ]);
  cli(['lint', '--policy', permissionFile]);
}

function checksRunBy(work: () => void): Set<string> {
  const ran = new Set<string>();
  const spies = allChecks.map(check => {
    const run = check.run;
    return jest.spyOn(check, 'run').mockImplementation(context => {
      ran.add(check.id);
      return run.call(check, context);
    });
  });
  try {
    work();
  } finally {
    spies.forEach(s => s.mockRestore());
  }
  return ran;
}

describe('the check registry in the CLI', () => {
  it('runs every check of the registry but the ones checksNotDecidedIn.cli lists (with the reason)', () => {
    const ran = checksRunBy(runCli);
    const listed = new Set(checksNotDecidedIn.cli.map(c => c.id));
    const neither = checkRegistry
      .map(c => c.id)
      .filter(id => !ran.has(id) && !listed.has(id));
    expect(neither).toEqual([]);
  });
});
