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
import { irsaTrustPolicy, podIdentityTrustPolicy } from '@internal/plugin-aws-identity-common/testing';
import { main } from '../index';
import { CliIo } from '../io';

const ACCOUNT = '111122223333';
const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const HOST = ISSUER.replace('https://', '');
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}`;
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;

/** An IRSA trust for one service account, as the EKS User Guide writes it. */
const irsaTrust = (subject: string) => irsaTrustPolicy({ accountId: ACCOUNT, issuerHostPath: HOST, subject });

/** The Pod Identity trust of the EKS User Guide: pods.eks.amazonaws.com, AssumeRole + TagSession. */
const podIdentityTrust = podIdentityTrustPolicy({ accountId: ACCOUNT, clusterArn: CLUSTER_ARN });

const readPolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
};

/** `aws iam get-account-authorization-details` output (AWS CLI decodes the documents). */
const authorizationDetails = {
  RoleDetailList: [
    {
      Path: '/',
      RoleName: 'reports',
      Arn: `arn:aws:iam::${ACCOUNT}:role/reports`,
      CreateDate: '2026-01-10T09:00:00Z',
      AssumeRolePolicyDocument: irsaTrust('system:serviceaccount:reports:reports-api'),
      RolePolicyList: [{ PolicyName: 'read', PolicyDocument: readPolicy }],
      AttachedManagedPolicies: [],
    },
    {
      Path: '/',
      RoleName: 'billing',
      Arn: `arn:aws:iam::${ACCOUNT}:role/billing`,
      // Encoded as the IAM API returns it (the SDK does not decode it).
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(podIdentityTrust)),
      RolePolicyList: [],
      AttachedManagedPolicies: [{ PolicyName: 'billing-read', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/billing-read` }],
    },
  ],
  Policies: [
    {
      PolicyName: 'billing-read',
      Arn: `arn:aws:iam::${ACCOUNT}:policy/billing-read`,
      PolicyVersionList: [
        { VersionId: 'v2', IsDefaultVersion: true, Document: readPolicy },
        { VersionId: 'v1', IsDefaultVersion: false, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
      ],
    },
  ],
};
const providers = { OpenIDConnectProviderList: [{ Arn: PROVIDER, ClientIDList: ['sts.amazonaws.com'] }] };

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-identity-check-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
function write(relative: string, content: string): string {
  const target = path.join(root, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return target;
}
const iamFile = write('iam/gaad.json', JSON.stringify(authorizationDetails));
const providersFile = write('iam/providers.json', JSON.stringify(providers));

function manifestsDir(name: string, files: Record<string, string>): string {
  for (const [file, content] of Object.entries(files)) write(`${name}/${file}`, content);
  return path.join(root, name);
}

function run(args: string[]) {
  let stdout = '';
  const errors: string[] = [];
  const io: CliIo = {
    readFile: p => fs.readFileSync(p, 'utf8'),
    readStdin: () => '',
    stdout: t => (stdout += t),
    color: false,
  };
  const code = main(args, io, line => errors.push(line));
  return { code, stdout, errors };
}

const base = (dir: string, ...extra: string[]) => [
  'check',
  '--manifests',
  dir,
  '--iam',
  iamFile,
  '--iam',
  providersFile,
  '--cluster-arn',
  CLUSTER_ARN,
  '--issuer',
  ISSUER,
  ...extra,
];

const app = manifestsDir('app', {
  'reports/serviceaccount.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: reports-api
  namespace: reports
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::${ACCOUNT}:role/reports
`,
  'reports/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reports-api
  namespace: reports
spec:
  template:
    spec:
      serviceAccountName: reports-api
      containers: [{ name: app, image: app }]
`,
  // Two documents in one file; the CronJob's pod template sits under jobTemplate.
  'billing/all.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: billing
  namespace: billing
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: invoices
  namespace: billing
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: billing
          containers: [{ name: job, image: job }]
---
apiVersion: eks.services.k8s.aws/v1alpha1
kind: PodIdentityAssociation
metadata:
  name: billing
  namespace: billing
spec:
  clusterName: prod
  namespace: billing
  serviceAccount: billing
  roleARN: arn:aws:iam::${ACCOUNT}:role/billing
`,
});

describe('aws-identity check --manifests --iam', () => {
  it('reports per service account what the tab shows: IRSA verified, Pod Identity verified', () => {
    const out = run(base(app, '--json'));
    expect(out.errors).toEqual([]);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    const byName = Object.fromEntries(
      body.serviceAccounts.map((sa: { namespace: string; name: string }) => [`${sa.namespace}/${sa.name}`, sa]),
    );
    expect(Object.keys(byName)).toEqual(['billing/billing', 'reports/reports-api']);
    expect(byName['reports/reports-api'].report).toMatchObject({
      binding: { kind: 'irsa', irsaRoleArn: `arn:aws:iam::${ACCOUNT}:role/reports` },
      verdict: 'verified',
    });
    expect(byName['reports/reports-api'].location).toEqual({ file: 'reports/serviceaccount.yaml', line: 1 });
    expect(byName['billing/billing'].report.binding).toMatchObject({
      kind: 'pod-identity',
      podIdentityRoleArns: [`arn:aws:iam::${ACCOUNT}:role/billing`],
    });
    expect(byName['billing/billing'].report.verdict).toBe('verified');
    // The managed policy's default version (v2, s3:GetObject), not v1's "*".
    expect(byName['billing/billing'].report.roles[0].permissions.services.map((s: { service: string }) => s.service)).toEqual(['s3']);
    expect(byName['billing/billing'].workloads).toEqual([
      { kind: 'CronJob', name: 'invoices', location: { file: 'billing/all.yaml', line: 7 } },
    ]);
  });

  it('a trust written for another namespace is broken: exit 0 without --fail-on, 1 with --fail-on deny', () => {
    const dir = manifestsDir('moved', {
      'sa.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: reports-api
  namespace: reports-v2
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::${ACCOUNT}:role/reports
`,
    });
    const plain = run(base(dir));
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/reports-v2\/reports-api {2}BROKEN/);
    const gated = run(base(dir, '--fail-on', 'deny'));
    expect(gated.code).toBe(1);
    expect(gated.errors).toEqual([expect.stringMatching(/failing \(--fail-on deny\): the verdict is DENIED/)]);
  });

  it('--fail-on LEVEL fails on findings at or above the level only', () => {
    const dir = manifestsDir('wide', {
      'sa.yaml': `apiVersion: v1
kind: ServiceAccount
metadata: { name: reports-api, namespace: reports, annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::${ACCOUNT}:role/wide" } }
`,
    });
    const wide = write(
      'iam/wide.json',
      JSON.stringify({
        Role: {
          RoleName: 'wide',
          Arn: `arn:aws:iam::${ACCOUNT}:role/wide`,
          // A namespace-wide sub (StringLike *) admits every service account of the namespace.
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: PROVIDER },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: { StringLike: { [`${HOST}:sub`]: 'system:serviceaccount:reports:*' }, StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com' } },
              },
            ],
          },
        },
      }),
    );
    const args = ['check', '--manifests', dir, '--iam', wide, '--iam', providersFile, '--account', ACCOUNT, '--issuer', ISSUER];
    const report = JSON.parse(run([...args, '--json']).stdout).serviceAccounts[0].report;
    const severities: string[] = report.findings.map((f: { severity: string }) => f.severity);
    expect(severities.length).toBeGreaterThan(0);
    const worst = ['critical', 'high', 'medium', 'low'].find(s => severities.includes(s))!;
    expect(run([...args, '--fail-on', worst]).code).toBe(1);
    const above = ['critical', 'high', 'medium', 'low'].filter((_, i, all) => i < all.indexOf(worst));
    for (const level of above) expect(run([...args, '--fail-on', level]).code).toBe(0);
  });

  it('--format sarif writes a SARIF 2.1.0 log located at the manifest', () => {
    const dir = manifestsDir('sarif', {
      'deploy/sa.yaml': `# the service account of reports
apiVersion: v1
kind: ServiceAccount
metadata:
  name: reports-api
  namespace: other
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::${ACCOUNT}:role/reports
`,
    });
    const out = run(base(dir, '--format', 'sarif'));
    expect(out.code).toBe(0);
    const log = JSON.parse(out.stdout);
    expect(log.version).toBe('2.1.0');
    const [runLog] = log.runs;
    expect(runLog.tool.driver.name).toBe('aws-identity');
    expect(runLog.results.length).toBeGreaterThan(0);
    for (const result of runLog.results) {
      expect(runLog.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: 'deploy/sa.yaml', uriBaseId: 'MANIFESTS' },
        region: { startLine: 2 },
      });
    }
  });

  it('a workload whose service account the manifests do not declare is checked with no binding', () => {
    const dir = manifestsDir('undeclared', {
      // No namespace: the --namespace default applies, as `kubectl apply -n` would.
      'pod.json': JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { serviceAccount: 'legacy', containers: [] } }],
      }),
    });
    const body = JSON.parse(run(base(dir, '--namespace', 'jobs', '--json')).stdout);
    expect(body.serviceAccounts).toHaveLength(1);
    expect(body.serviceAccounts[0]).toMatchObject({ namespace: 'jobs', name: 'legacy', report: { verdict: 'not-configured' } });
    expect(body.serviceAccounts[0].location).toBeUndefined();
  });

  it('without a provider list, a missing provider is not judged, and the output says so', () => {
    const out = run(['check', '--manifests', app, '--iam', iamFile, '--cluster-arn', CLUSTER_ARN, '--issuer', ISSUER, '--json']);
    const body = JSON.parse(out.stdout);
    const reports = body.serviceAccounts.map((sa: { report: { findings: Array<{ message: string }> } }) => sa.report);
    expect(reports.flatMap((r: { findings: Array<{ message: string }> }) => r.findings.map(f => f.message))).not.toContainEqual(
      expect.stringMatching(/does not exist in account/),
    );
    expect(body.notes).toContainEqual(expect.stringMatching(/No OIDC provider list/));
  });

  it.each([
    [['--manifests', path.join(root, 'absent')], /--manifests: cannot read/],
    [['--manifests', iamFile], /--manifests: .* is not a directory/],
    [['--iam', write('iam/other.json', '{"Users": []}')], /--iam: .* holds no RoleDetailList/],
    [['--iam', write('iam/broken.json', '{')], /--iam: .* is not valid JSON/],
    [['--cluster-arn', 'arn:aws:iam::1:role/x'], /--cluster-arn: expected/],
    [['--format', 'xml'], /--format must be one of text, json, sarif/],
    [['--namespace', 'Bad_NS'], /--namespace/],
  ] as Array<[string[], RegExp]>)('bad input %# exits 2 naming the option', (change, message) => {
    const args = base(app);
    for (let i = 0; i < change.length; i += 2) {
      const at = args.indexOf(change[i]);
      if (at >= 0) args.splice(at, 2, change[i], change[i + 1]);
      else args.push(change[i], change[i + 1]);
    }
    const out = run(args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.errors).toEqual([expect.stringMatching(message)]);
  });

  it('reports unreadable manifests as notes and checks the rest', () => {
    const dir = manifestsDir('partly', {
      'bad.yaml': 'kind: ServiceAccount\nmetadata: [unclosed\n',
      'good.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ok\n  namespace: a\n',
    });
    const body = JSON.parse(run(base(dir, '--json')).stdout);
    expect(body.serviceAccounts.map((s: { name: string }) => s.name)).toEqual(['ok']);
    expect(body.notes).toContainEqual(expect.stringMatching(/^bad\.yaml:1: not valid YAML/));
  });
});
