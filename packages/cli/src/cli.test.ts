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
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildIdentityReport } from '@internal/plugin-aws-identity-common';
import { main } from './index';
import { CliIo } from './io';

const BIN = path.resolve(__dirname, '../bin/aws-identity');
const ISSUER =
  'https://oidc.eks.us-west-2.amazonaws.com/id/50DCD1E10C8BAD2EC2B3E0E84647098C';
const HOST = ISSUER.replace('https://', '');
const TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: {
        Federated: `arn:aws:iam::501672548510:oidc-provider/${HOST}`,
      },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { [`${HOST}:sub`]: 'system:serviceaccount:ns1:sdc' },
      },
    },
  ],
};

/** `trust` arguments for the seed-003 service account, with the given options changed. */
function trustArgs(
  policy: string,
  options: { issuer?: string; serviceAccount?: string; account?: string } = {},
): string[] {
  return [
    'trust',
    '--policy',
    policy,
    '--issuer',
    options.issuer ?? ISSUER,
    '--service-account',
    options.serviceAccount ?? 'ns1/sdc',
    '--account',
    options.account ?? '501672548510',
  ];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-identity-cli-'));
const file = (name: string, content: unknown) => {
  const target = path.join(dir, name);
  fs.writeFileSync(
    target,
    typeof content === 'string' ? content : JSON.stringify(content),
  );
  return target;
};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function spawn(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function inProcess(args: string[], stdin = '') {
  let stdout = '';
  const errors: string[] = [];
  const io: CliIo = {
    readFile: p => fs.readFileSync(p, 'utf8'),
    readStdin: () => stdin,
    stdout: t => (stdout += t),
    color: false,
  };
  const code = main(args, io, line => errors.push(line));
  return { code, stdout, errors };
}

describe('aws-identity CLI (spawned)', () => {
  it('trust --json: allowed, deciding statement, findings', () => {
    const policy = file('trust.json', TRUST);
    const out = spawn([...trustArgs(policy), '--json']);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    expect(body.allowed).toBe(true);
    expect(body.deciding[0]).toMatchObject({ index: 0, effect: 'Allow' });
    expect(body.findings.map((f: { id: string }) => f.id)).toEqual([
      'IRSA-T04',
    ]);
    expect(body.findings[0]).toMatchObject({
      severity: 'medium',
      failMode: 'open',
    });
  });

  it('trust --json: findings carry the fix the engine renders', () => {
    const policy = file('trust.json', TRUST);
    const out = inProcess([...trustArgs(policy), '--json']);
    const [finding] = JSON.parse(out.stdout).findings;
    expect(finding.id).toBe('IRSA-T04');
    const json = finding.remediation.find(
      (s: { label: string }) => s.label === 'Trust policy JSON',
    );
    expect(JSON.parse(json.code).Statement[0].Condition.StringEquals).toEqual({
      [`${HOST}:aud`]: 'sts.amazonaws.com',
      [`${HOST}:sub`]: 'system:serviceaccount:ns1:sdc',
    });
  });

  it('trust reads the policy from stdin and reports a denial with exit 0', () => {
    const out = spawn(
      trustArgs('-', { serviceAccount: 'ns1/other' }),
      JSON.stringify(TRUST),
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('DENIED');
    expect(out.stdout).not.toContain('\u001b[');
  });

  it.each([
    [trustArgs('-'), '{"Statement": [', /--policy: policy is not valid JSON/],
    [trustArgs('-', { serviceAccount: 'ns1:sdc' }), '{}', /--service-account/],
    [
      trustArgs('-', { issuer: 'http://x.example.com' }),
      '{}',
      /--issuer: .*https/,
    ],
    [trustArgs('-', { account: '5016' }), '{}', /--account/],
    [
      ['generate', '--preset', 'nope', '--resource', 'arn:aws:s3:::bucket'],
      '',
      /--preset: unknown preset/,
    ],
    [
      ['generate', '--preset', 's3-read', '--resource', 'arn:aws:s3'],
      '',
      /--resource: ARN/,
    ],
    [['lint'], '', /--policy is required/],
    [['frobnicate'], '', /unknown command/],
  ] as Array<[string[], string, RegExp]>)(
    'bad input %# exits 2 with one line and no stack',
    (args, input, error) => {
      const out = spawn(args, input);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      const lines = out.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(error);
      expect(out.stderr).not.toMatch(/\s+at .+:\d+:\d+/);
    },
  );

  it('generate prints a policy and its size', () => {
    const out = spawn([
      'generate',
      '--preset',
      's3-read',
      '--resource',
      'arn:aws:s3:::sdc-ingest-bucket',
      '--json',
    ]);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    expect(body.policy.Statement).toHaveLength(2);
    expect(body.minifiedLength).toBe(JSON.stringify(body.policy).length);
  });
});

describe('aws-identity CLI (in process)', () => {
  it('lint --json returns findings and the summary', () => {
    const policy = file('wide.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sqs:*'], Resource: '*' }],
    });
    const out = inProcess(['lint', '--policy', policy, '--json']);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    expect(body.findings.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining(['IRSA-P02', 'IRSA-P03']),
    );
    expect(body.summary.services[0].service).toBe('sqs');
  });

  it('lint prints tables by default', () => {
    const policy = file('ok.json', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        },
      ],
    });
    const out = inProcess(['lint', '--policy', policy]);
    expect(out.stdout).toContain('No findings.');
    expect(out.stdout).toMatch(/SERVICE\s+ACCESS LEVEL/);
  });

  it('trust-policy generates one statement per issuer and fails over the quota', () => {
    const ok = inProcess([
      'trust-policy',
      '--issuer',
      ISSUER,
      '--issuer',
      ISSUER.replace('us-west-2', 'eu-west-1'),
      '--service-account',
      'ns1/sdc',
      '--account',
      '501672548510',
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).policy.Statement).toHaveLength(2);
    const tooBig = inProcess([
      'trust-policy',
      '--issuer',
      ISSUER,
      '--service-account',
      'ns1/sdc',
      '--account',
      '501672548510',
      '--quota',
      '200',
    ]);
    expect(tooBig.code).toBe(2);
    expect(tooBig.errors[0]).toMatch(/--quota: .*over the 200-character/);
  });

  it('explain reads the error from stdin and explains it for the report', () => {
    const report = buildIdentityReport({
      cluster: { name: 'prod', accountId: '501672548510', issuer: ISSUER },
      serviceAccount: {
        cluster: 'prod',
        namespace: 'ns1',
        name: 'other',
        annotations: {
          'eks.amazonaws.com/role-arn': 'arn:aws:iam::501672548510:role/sdc',
        },
      },
      roles: [
        {
          arn: 'arn:aws:iam::501672548510:role/sdc',
          name: 'sdc',
          accountId: '501672548510',
          trustPolicy: TRUST,
        },
      ],
      completeAccounts: ['501672548510'],
      oidcProviders: [],
      podIdentityAssociations: [],
    });
    const reportFile = file('report.json', report);
    const out = inProcess(
      ['explain', '--error', '-', '--report', reportFile, '--json'],
      `An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No OpenIDConnect provider found in your account for ${ISSUER}`,
    );
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    expect(body.error.kind).toBe('no-oidc-provider');
    expect(body.causes[0].findingId).toBe('IRSA-T06');
    const text = inProcess(
      ['explain', '--error', '-', '--report', reportFile],
      'AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    );
    expect(text.stdout).toContain('system:serviceaccount:ns1:other');
    expect(
      inProcess(['explain', '--error', '-', '--report', file('bad.json', '{}')])
        .errors[0],
    ).toMatch(/--report: not an identity report/);
  });

  it('--help prints usage with exit 0', () => {
    expect(inProcess(['--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: aws-identity'),
    });
  });

  it('rejects unknown options and repeated single options', () => {
    expect(
      inProcess(['lint', '--policy', 'a', '--policy', 'b']).errors[0],
    ).toMatch(/only once/);
    expect(inProcess(['lint', '--polcy', 'a']).errors[0]).toMatch(
      /unknown option --polcy/,
    );
  });
});

describe('aws-identity CLI (commander: help, version, suggestions, completion)', () => {
  const manifest = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8'),
  );

  it('--version prints the package version', () => {
    expect(spawn(['--version'])).toMatchObject({
      code: 0,
      stdout: `${manifest.version}\n`,
    });
  });

  it('every command has its own --help, and "help CMD" prints the same', () => {
    for (const command of ['trust', 'check', 'lint', 'generate', 'trust-policy', 'explain']) {
      const out = inProcess([command, '--help']);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain(`Usage: aws-identity ${command} [options]`);
      expect(inProcess(['help', command]).stdout).toBe(out.stdout);
    }
    expect(inProcess(['check', '--help']).stdout).toMatch(/--fail-on <LEVEL>/);
  });

  it('a typo gets a suggestion, exit 2', () => {
    expect(inProcess(['trsut'])).toMatchObject({
      code: 2,
      errors: [expect.stringMatching(/unknown command "trsut" \(did you mean trust\?\)/)],
    });
    expect(inProcess(['lint', '--polcy', 'x']).errors[0]).toMatch(/did you mean --policy\?/);
  });

  it('--fail-on: a DENIED trust exits 1 with the reason on stderr; stdout keeps the verdict', () => {
    const out = spawn(
      [...trustArgs('-', { serviceAccount: 'ns1/other' }), '--fail-on', 'deny'],
      JSON.stringify(TRUST),
    );
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('DENIED');
    expect(out.stderr.trim()).toBe('aws-identity: failing (--fail-on deny): the verdict is DENIED');
    // Allowed, with a medium finding (IRSA-T04): fails at medium, passes at high.
    const policy = file('trust.json', TRUST);
    expect(inProcess([...trustArgs(policy), '--fail-on', 'medium']).code).toBe(1);
    expect(inProcess([...trustArgs(policy), '--fail-on', 'high']).code).toBe(0);
    expect(inProcess([...trustArgs(policy), '--fail-on', 'high', '--fail-on', 'low']).errors[0]).toMatch(
      /--fail-on may be given only once/,
    );
  });

  it('trust --pod-identity evaluates the pods.eks.amazonaws.com request (AssumeRole and TagSession)', () => {
    const clusterArn = 'arn:aws:eks:us-west-2:501672548510:cluster/prod';
    const both = file('pid.json', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
        },
      ],
    });
    const args = (policy: string) => [
      'trust', '--pod-identity', '--cluster-arn', clusterArn, '--policy', policy,
      '--service-account', 'ns1/sdc', '--account', '501672548510', '--json',
    ];
    const allowed = JSON.parse(inProcess(args(both)).stdout);
    expect(allowed).toMatchObject({ allowed: true, via: 'pod-identity' });
    // Without sts:TagSession EKS cannot tag the session, so the association's role is not assumable.
    const noTag = file('pid-notag.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(JSON.parse(inProcess(args(noTag)).stdout).allowed).toBe(false);
    expect(inProcess([...args(both), '--issuer', ISSUER]).errors[0]).toMatch(/--pod-identity: --issuer and --audience are for IRSA/);
    expect(inProcess(['trust', '--pod-identity', '--cluster-arn', 'x', '--policy', both, '--service-account', 'ns1/sdc', '--account', '501672548510']).errors[0]).toMatch(/--cluster-arn: expected/);
  });

  it('completion bash completes commands, options and option values in a real bash', () => {
    const script = inProcess(['completion', 'bash']).stdout;
    const complete = (words: string[]) => {
      const result = spawnSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(${words.map(w => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _aws_identity; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      );
      expect(result.stderr).toBe('');
      return result.stdout.trim().split('\n').filter(Boolean);
    };
    expect(complete(['aws-identity', 'tr'])).toEqual(['trust', 'trust-policy']);
    expect(complete(['aws-identity', 'check', '--fa'])).toEqual(['--fail-on']);
    expect(complete(['aws-identity', 'check', '--fail-on', 'h'])).toEqual(['high']);
    expect(complete(['aws-identity', 'lint', '--j'])).toEqual(['--json']);
    expect(inProcess(['completion', 'zsh']).stdout).toContain('bashcompinit');
    expect(inProcess(['completion', 'fish'])).toMatchObject({ code: 2, errors: [expect.stringMatching(/unknown shell "fish"/)] });
  });
});

describe('aws-identity trust --pod-identity with a target role (role chaining)', () => {
  const clusterArn = 'arn:aws:eks:eu-west-1:111122223333:cluster/prod';
  const first = file('pid-first.json', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
  });
  // The target trust of the EKS User Guide: the association role, with the association's external id.
  const targetTrust = (principal: string) =>
    file('pid-target.json', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'ext-1' } } },
        { Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:TagSession' },
      ],
    });
  const mayAssume = file('pid-perms.json', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: 'arn:aws:iam::444455556666:role/target' }],
  });
  const args = (...extra: string[]) => [
    'trust', '--pod-identity', '--cluster-arn', clusterArn, '--policy', first,
    '--service-account', 'reports/api', '--account', '111122223333',
    '--target-role', 'arn:aws:iam::444455556666:role/target', ...extra,
  ];

  it('both hops allowed with the external id and the first role permitted', () => {
    const out = inProcess([...args('--target-trust', targetTrust('arn:aws:iam::111122223333:role/association-role'), '--external-id', 'ext-1', '--role-policy', mayAssume), '--json']);
    const body = JSON.parse(out.stdout);
    expect(body.allowed).toBe(true);
    expect(body.chain.hops.map((h: { allowed: boolean }) => h.allowed)).toEqual([true, true]);
  });

  it('a wrong external id denies the second hop: DENIED, PID-07, and --fail-on deny exits 1', () => {
    const trust = targetTrust('arn:aws:iam::111122223333:role/association-role');
    const text = inProcess(args('--target-trust', trust, '--external-id', 'other', '--role-policy', mayAssume));
    expect(text.stdout).toMatch(/DENIED: reports\/api gets the association role, but the chain to the target role fails/);
    expect(text.stdout).toMatch(/Hop 2 \(target role arn:aws:iam::444455556666:role\/target\): DENIED/);
    expect(text.stdout).toContain('PID-07');
    expect(inProcess([...args('--target-trust', trust, '--external-id', 'other', '--role-policy', mayAssume), '--fail-on', 'deny']).code).toBe(1);
  });

  it("without the first role's permissions the second hop is undecided, never allowed", () => {
    const out = inProcess([...args('--target-trust', targetTrust('arn:aws:iam::111122223333:role/association-role'), '--external-id', 'ext-1'), '--json']);
    const body = JSON.parse(out.stdout);
    expect(body.chain.allowed).toBeUndefined();
    expect(body.chain.hops[1].reason).toMatch(/give --role-policy/);
  });

  it('a session policy with session tags enabled is PID-05; Pod Identity options are refused for IRSA', () => {
    const session = file('pid-session.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] });
    const ids = JSON.parse(inProcess(['trust', '--pod-identity', '--cluster-arn', clusterArn, '--policy', first, '--service-account', 'reports/api', '--account', '111122223333', '--session-policy', session, '--json']).stdout)
      .findings.map((f: { id: string }) => f.id);
    expect(ids).toContain('PID-05');
    expect(inProcess([...trustArgs(first), '--session-policy', session]).errors[0]).toMatch(/--session-policy: only with --pod-identity/);
    expect(inProcess(args('--target-role', 'nope')).errors[0]).toMatch(/may be given only once|--target-role/);
  });
});
