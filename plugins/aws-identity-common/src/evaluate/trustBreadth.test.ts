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

/*
 * Breadth of IRSA trusts decided from the patterns. Expectations follow the
 * IAM User Guide (StringLike's `*` matches any run of characters, `:`
 * included; `?` one character; StringEquals is literal; negated operators
 * are NOR; Deny overrides Allow) and the Kubernetes rules for real subjects
 * ("Object Names and IDs": a namespace is a DNS label of at most 63
 * characters, a service account name a DNS subdomain of at most 253; both
 * lower case). A witness is checked for what the documentation implies about
 * it, never for the exact string the search happens to build.
 */
import { createTrustCheckContext, trustChecks } from '../checks/trustChecks';
import { runChecks } from '../checks/types';
import {
  validateNamespace,
  validateServiceAccountName,
} from '../parse/identifiers';
import { parsePolicy } from '../policy/parsePolicy';
import { PolicyStatement } from '../policy/types';
import { evaluatePolicy } from './evaluatePolicy';
import {
  SubjectWitness,
  TrustBreadth,
  TrustBreadthTarget,
  analyzeTrustBreadth,
} from './trustBreadth';
import { irsaRequest } from './workloadRequests';
import { DNS_LABEL, DNS_SUBDOMAIN, Syntax } from './witness/syntax';

import {
  ACCOUNT,
  AUD,
  ISSUER,
  OTHER_ISSUER,
  SUB,
  webIdentityStatement as wi,
} from '../__fixtures__/exampleCluster';

const denyAll = (Condition: PolicyStatement['Condition']): PolicyStatement => ({
  Effect: 'Deny',
  Principal: '*',
  Action: '*',
  Condition,
});
const like = (sub: string | string[]) => wi({ StringLike: { [SUB]: sub } });
const equals = (sub: string | string[]) => wi({ StringEquals: { [SUB]: sub } });

const target = (
  namespace: string,
  serviceAccount: string,
): TrustBreadthTarget => ({
  issuerHostPath: ISSUER,
  namespace,
  serviceAccount,
});
const APP_API = target('app', 'api');

function parse(statements: PolicyStatement[]) {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** What a witness must be whatever the pattern: a subject a pod can have. */
function real(w: SubjectWitness): boolean {
  return (
    w.subject === `system:serviceaccount:${w.namespace}:${w.serviceAccount}` &&
    validateNamespace(w.namespace).ok &&
    validateServiceAccountName(w.serviceAccount).ok
  );
}

interface Expected {
  /** The statements with a sub condition together admit every namespace. */
  everyNamespace?: boolean;
  /** Every namespace, counting statements without a sub condition. */
  anyServiceAccount?: boolean;
  /** A witness in an unnamed namespace, with what it must satisfy (null: none). */
  otherNamespace?: ((w: SubjectWitness) => boolean) | null;
  /** Per named namespace: whether every name is admitted (null: none admitted). */
  otherServiceAccounts?: Record<string, boolean | null>;
}

type Row = [string, PolicyStatement[], TrustBreadthTarget, Expected];

const rows: Row[] = [
  [
    '"system:serviceaccount:*i" admits every namespace, with names ending in "i"',
    [like('system:serviceaccount:*i')],
    APP_API,
    {
      everyNamespace: true,
      otherNamespace: w =>
        w.namespace !== 'app' && w.serviceAccount.endsWith('i'),
    },
  ],
  [
    '"system:serviceaccount:*" admits every namespace',
    [like('system:serviceaccount:*')],
    APP_API,
    { everyNamespace: true, otherNamespace: w => w.namespace !== 'app' },
  ],
  [
    '"system:serviceaccount:*:*" admits every namespace',
    [like('system:serviceaccount:*:*')],
    APP_API,
    { everyNamespace: true, otherNamespace: w => w.namespace !== 'app' },
  ],
  [
    '"system:serviceaccount:*:api" admits every namespace, with the name api',
    [like('system:serviceaccount:*:api')],
    APP_API,
    {
      everyNamespace: true,
      otherNamespace: w => w.namespace !== 'app' && w.serviceAccount === 'api',
      otherServiceAccounts: { app: null },
    },
  ],
  [
    '"system:serviceaccount:team-*:api" admits other "team-" namespaces but not every namespace',
    [like('system:serviceaccount:team-*:api')],
    target('team-a', 'api'),
    {
      everyNamespace: false,
      otherNamespace: w =>
        w.namespace.startsWith('team-') &&
        w.namespace !== 'team-a' &&
        w.serviceAccount === 'api',
    },
  ],
  [
    '"system:serviceaccount:team-?:api": "?" is exactly one character',
    [like('system:serviceaccount:team-?:api')],
    target('team-a', 'api'),
    {
      everyNamespace: false,
      otherNamespace: w =>
        /^team-.$/.test(w.namespace) && w.namespace !== 'team-a',
    },
  ],
  [
    '"system:serviceaccount:app:*" admits every name in app and no other namespace',
    [like('system:serviceaccount:app:*')],
    APP_API,
    {
      everyNamespace: false,
      otherNamespace: null,
      otherServiceAccounts: { app: true },
    },
  ],
  [
    '"system:serviceaccount:app:api-*" admits unnamed names in app, not every name',
    [like('system:serviceaccount:app:api-*')],
    APP_API,
    { otherNamespace: null, otherServiceAccounts: { app: false } },
  ],
  [
    'StringEquals of the exact subject admits nobody else',
    [equals('system:serviceaccount:app:api')],
    APP_API,
    {
      everyNamespace: false,
      anyServiceAccount: false,
      otherNamespace: null,
      otherServiceAccounts: { app: null },
    },
  ],
  [
    'StringEquals with two subjects admits only those two (values are OR-ed)',
    [
      equals([
        'system:serviceaccount:app:api',
        'system:serviceaccount:batch:worker',
      ]),
    ],
    APP_API,
    { otherNamespace: null, otherServiceAccounts: { app: null, batch: null } },
  ],
  [
    'StringEquals treats "*" literally: nobody else is admitted',
    [equals('system:serviceaccount:app:*')],
    APP_API,
    { otherNamespace: null, otherServiceAccounts: { app: null } },
  ],
  [
    'StringLike without a wildcard is an exact match',
    [like('system:serviceaccount:app:api')],
    APP_API,
    { otherNamespace: null, otherServiceAccounts: { app: null } },
  ],
  [
    'StringNotEquals one subject admits every namespace',
    [
      wi({
        StringNotEquals: { [SUB]: 'system:serviceaccount:kube-system:node' },
      }),
    ],
    APP_API,
    {
      everyNamespace: true,
      otherNamespace: w =>
        w.subject !== 'system:serviceaccount:kube-system:node',
    },
  ],
  [
    'StringNotLike "kube-system:*" admits other namespaces but not every one (kube-system gets nothing)',
    [wi({ StringNotLike: { [SUB]: 'system:serviceaccount:kube-system:*' } })],
    APP_API,
    {
      everyNamespace: false,
      otherNamespace: w => w.namespace !== 'kube-system',
    },
  ],
  [
    'Allow "*" minus a Deny on every other subject admits only the intended one',
    [
      like('system:serviceaccount:*'),
      denyAll({ StringNotEquals: { [SUB]: 'system:serviceaccount:app:api' } }),
    ],
    APP_API,
    {
      everyNamespace: false,
      otherNamespace: null,
      otherServiceAccounts: { app: null },
    },
  ],
  [
    'Allow "*" minus a Deny on "kube-*" namespaces: not every namespace, witness outside kube-*',
    [
      like('system:serviceaccount:*'),
      denyAll({ StringLike: { [SUB]: 'system:serviceaccount:kube-*:*' } }),
    ],
    APP_API,
    {
      everyNamespace: false,
      otherNamespace: w => !w.namespace.startsWith('kube-'),
    },
  ],
  [
    'two statements ("a*" and NotLike "a*") together admit every namespace, neither alone',
    [
      like('system:serviceaccount:a*'),
      wi({ StringNotLike: { [SUB]: 'system:serviceaccount:a*' } }),
    ],
    APP_API,
    { everyNamespace: true },
  ],
  [
    'ForAnyValue:StringLike on the single-valued sub behaves like StringLike',
    [wi({ 'ForAnyValue:StringLike': { [SUB]: 'system:serviceaccount:*' } })],
    APP_API,
    { everyNamespace: true },
  ],
  [
    'ForAllValues:StringEquals of the exact subject admits no other present subject',
    [
      wi({
        'ForAllValues:StringEquals': { [SUB]: 'system:serviceaccount:app:api' },
      }),
    ],
    APP_API,
    { otherNamespace: null, otherServiceAccounts: { app: null } },
  ],
  [
    'StringLikeIfExists "app:*" admits every name in app',
    [wi({ StringLikeIfExists: { [SUB]: 'system:serviceaccount:app:*' } })],
    APP_API,
    { otherNamespace: null, otherServiceAccounts: { app: true } },
  ],
  [
    'StringEqualsIgnoreCase of the subject in upper case admits only that subject',
    [
      wi({
        StringEqualsIgnoreCase: { [SUB]: 'SYSTEM:SERVICEACCOUNT:APP:API' },
      }),
    ],
    APP_API,
    { otherNamespace: null, otherServiceAccounts: { app: null } },
  ],
  [
    'StringLike is case-sensitive and namespaces are lower case: "App-*" admits no real subject',
    [like('system:serviceaccount:App-*:api')],
    APP_API,
    { otherNamespace: null, otherServiceAccounts: { app: null } },
  ],
  [
    'a namespace is at most 63 characters: a pattern needing 64 admits nobody',
    [like(`system:serviceaccount:${'n'.repeat(64)}*:api`)],
    APP_API,
    { otherNamespace: null },
  ],
  [
    'a dot may only appear in the name: "*.*:api" admits nobody',
    [like('system:serviceaccount:*.*:api')],
    APP_API,
    { otherNamespace: null, otherServiceAccounts: { app: null } },
  ],
  [
    'a dotted name ("*:api.v2") is a valid DNS subdomain, in every namespace',
    [like('system:serviceaccount:*:api.v2')],
    APP_API,
    {
      everyNamespace: true,
      otherNamespace: w => w.serviceAccount === 'api.v2',
    },
  ],
  [
    'no sub condition (aud only): every namespace, through the statement without sub',
    [wi({ StringEquals: { [AUD]: 'sts.amazonaws.com' } })],
    APP_API,
    {
      anyServiceAccount: true,
      everyNamespace: false,
      otherNamespace: w => w.namespace !== 'app',
    },
  ],
  [
    "a sub condition on another issuer's key never holds: the statement admits nobody",
    [
      wi({
        StringLike: { [`${OTHER_ISSUER}:sub`]: 'system:serviceaccount:*' },
      }),
    ],
    APP_API,
    { anyServiceAccount: false, otherNamespace: null },
  ],
  [
    'Null sub "false" alone (present key) admits every namespace',
    [wi({ Null: { [SUB]: 'false' } })],
    APP_API,
    { everyNamespace: true },
  ],
  [
    'a Deny on every subject leaves nothing',
    [like('system:serviceaccount:*'), denyAll({ StringLike: { [SUB]: '*' } })],
    APP_API,
    {
      anyServiceAccount: false,
      otherNamespace: null,
      otherServiceAccounts: { app: null },
    },
  ],
  [
    'a policy variable without a value in the sub pattern: the statement does not apply',
    [like('system:serviceaccount:${aws:PrincipalTag/namespace}:*')],
    APP_API,
    { anyServiceAccount: false, otherNamespace: null },
  ],
  [
    '"system:serviceaccount:ap*" also admits namespaces that merely start with "ap"',
    [like('system:serviceaccount:ap*')],
    APP_API,
    {
      everyNamespace: false,
      otherNamespace: w =>
        w.namespace.startsWith('ap') && w.namespace !== 'app',
    },
  ],
  [
    'a negated namespace condition and a positive name condition combine (AND)',
    [
      wi({
        StringNotLike: { [SUB]: 'system:serviceaccount:prod-*:*' },
        StringLike: { [SUB]: 'system:serviceaccount:*:api' },
      }),
    ],
    APP_API,
    {
      everyNamespace: false,
      otherNamespace: w =>
        !w.namespace.startsWith('prod-') && w.serviceAccount === 'api',
    },
  ],
  [
    'a subject written literally in the policy counts as intended: no breadth without a target',
    [equals('system:serviceaccount:app:api')],
    { issuerHostPath: OTHER_ISSUER, namespace: 'x', serviceAccount: 'y' },
    { otherNamespace: null, otherServiceAccounts: { app: null } },
  ],
];

// What the analysis found, in the shape of an expectation: witnesses are
// reduced to "all of them satisfy the row's property and are admitted".
function observe(
  b: TrustBreadth,
  policy: ReturnType<typeof parse>,
  expected: Expected,
): Expected & Record<string, unknown> {
  const admitted = (w: SubjectWitness) =>
    real(w) &&
    evaluatePolicy(
      policy,
      irsaRequest({
        issuerHostPath: ISSUER,
        accountId: ACCOUNT,
        namespace: w.namespace,
        serviceAccount: w.serviceAccount,
      }),
    ).allowed;
  const out: Record<string, unknown> = { undecided: b.undecided };
  if (expected.everyNamespace !== undefined)
    out.everyNamespace = b.everyNamespace;
  if (expected.anyServiceAccount !== undefined)
    out.anyServiceAccount = b.anyServiceAccount;
  if (expected.otherNamespace !== undefined) {
    const witnesses = b.statements.flatMap(s =>
      s.otherNamespace ? [s.otherNamespace] : [],
    );
    const property = expected.otherNamespace ?? (() => false);
    out.otherNamespace =
      witnesses.length === 0
        ? null
        : witnesses.every(w => admitted(w) && property(w));
  }
  if (expected.otherServiceAccounts) {
    const per: Record<string, unknown> = {};
    for (const namespace of Object.keys(expected.otherServiceAccounts)) {
      const found = b.statements.flatMap(s =>
        s.otherServiceAccounts.filter(o => o.namespace === namespace),
      );
      per[namespace] =
        found.length === 0
          ? null
          : {
              every: found.some(o => o.everyServiceAccount),
              witnessesAdmitted: found.every(
                o => admitted(o.witness) && o.witness.namespace === namespace,
              ),
            };
    }
    out.otherServiceAccounts = per;
  }
  return out;
}

function expectation(expected: Expected): Record<string, unknown> {
  const out: Record<string, unknown> = { undecided: false };
  if (expected.everyNamespace !== undefined)
    out.everyNamespace = expected.everyNamespace;
  if (expected.anyServiceAccount !== undefined)
    out.anyServiceAccount = expected.anyServiceAccount;
  if (expected.otherNamespace !== undefined)
    out.otherNamespace = expected.otherNamespace === null ? null : true;
  if (expected.otherServiceAccounts) {
    out.otherServiceAccounts = Object.fromEntries(
      Object.entries(expected.otherServiceAccounts).map(([ns, every]) => [
        ns,
        every === null ? null : { every, witnessesAdmitted: true },
      ]),
    );
  }
  return out;
}

describe('trust breadth decided from the patterns', () => {
  it.each(rows)('%s', (_name, statements, who, expected) => {
    const policy = parse(statements);
    const [b] = analyzeTrustBreadth(policy, who);
    expect(observe(b, policy, expected)).toEqual(expectation(expected));
  });

  it('has at least 30 cases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });
});

describe('audience breadth decided from the patterns', () => {
  const exact = { StringEquals: { [SUB]: 'system:serviceaccount:app:api' } };
  it.each([
    [
      'StringLike "sts.*" on aud admits another audience',
      { ...exact, StringLike: { [AUD]: 'sts.*' } },
      (a?: string) =>
        a !== undefined && a.startsWith('sts.') && a !== 'sts.amazonaws.com',
    ],
    [
      'no aud condition admits any audience',
      exact,
      (a?: string) => a !== undefined && a !== 'sts.amazonaws.com',
    ],
    [
      'StringNotEquals aud of another client admits audiences nobody named',
      { ...exact, StringNotEquals: { [AUD]: 'other-client' } },
      (a?: string) => a !== undefined && a !== 'other-client',
    ],
    [
      'StringEquals aud pins the audience',
      {
        StringEquals: {
          [SUB]: 'system:serviceaccount:app:api',
          [AUD]: 'sts.amazonaws.com',
        },
      },
      (a?: string) => a === undefined,
    ],
    [
      'StringEquals aud with two named audiences admits no third',
      {
        ...exact,
        'ForAnyValue:StringEquals': {
          [AUD]: ['sts.amazonaws.com', 'my-client'],
        },
      },
      (a?: string) => a === undefined,
    ],
  ] as Array<[string, PolicyStatement['Condition'], (a?: string) => boolean]>)(
    '%s',
    (_name, condition, ok) => {
      const [b] = analyzeTrustBreadth(parse([wi(condition)]), APP_API);
      expect(ok(b.audienceWitness)).toBe(true);
      expect(b.anyAudience).toBe(b.audienceWitness !== undefined);
    },
  );
});

describe('breadth findings show their witness', () => {
  const findings = (statements: PolicyStatement[], who = APP_API) =>
    runChecks(
      trustChecks,
      createTrustCheckContext({
        roleArn: `arn:aws:iam::${ACCOUNT}:role/app`,
        roleAccountId: ACCOUNT,
        policy: parse(statements),
        target: who,
      }),
      { kind: 'role', ref: 'x' },
    );
  const witnessIn = (message: string) =>
    /admits system:serviceaccount:([^:]+):([^,\s]+), for example/.exec(message);

  it('IRSA-T02a for "system:serviceaccount:*i", which probing missed', () => {
    const hit = findings([like('system:serviceaccount:*i')]).find(
      f => f.id === 'IRSA-T02a',
    );
    const m = hit && witnessIn(hit.message);
    expect(m).toBeTruthy();
    expect(m?.[2].endsWith('i')).toBe(true);
    expect(m?.[1]).not.toBe('app');
  });

  it('IRSA-T01 names a subject the statement without sub admits', () => {
    const hit = findings([
      wi({ StringEquals: { [AUD]: 'sts.amazonaws.com' } }),
    ]).find(f => f.id === 'IRSA-T01');
    expect(hit?.message).toMatch(
      /^Statement 0 trusts .* without any sub condition: admits system:serviceaccount:/,
    );
  });

  it('IRSA-T02b names a namespace the pattern admits but the policy does not name', () => {
    const hit = findings(
      [like('system:serviceaccount:team-*:api')],
      target('team-a', 'api'),
    ).find(f => f.id === 'IRSA-T02b');
    const m = hit && witnessIn(hit.message);
    expect(m?.[1].startsWith('team-')).toBe(true);
    expect(m?.[1]).not.toBe('team-a');
  });

  it('IRSA-T02c for a name wildcard ("app:api-*") admitting unnamed service accounts', () => {
    const hit = findings([like('system:serviceaccount:app:api-*')]).find(
      f => f.id === 'IRSA-T02c',
    );
    const m = hit && witnessIn(hit.message);
    expect(m?.[1]).toBe('app');
    expect(m?.[2].startsWith('api-')).toBe(true);
    expect(hit?.message).toContain('that the policy does not name');
  });

  it('IRSA-T02c says "any service account" when every name is admitted', () => {
    const hit = findings([like('system:serviceaccount:app:*')]).find(
      f => f.id === 'IRSA-T02c',
    );
    expect(hit?.message).toMatch(/^Any service account in namespace "app"/);
  });

  it('no wildcard finding when Deny statements narrow "*" to the intended subject', () => {
    const ids = findings([
      like('system:serviceaccount:*'),
      denyAll({ StringNotEquals: { [SUB]: 'system:serviceaccount:app:api' } }),
    ]).map(f => f.id);
    expect(ids).not.toContain('IRSA-T02a');
    expect(ids).not.toContain('IRSA-T02b');
    expect(ids).not.toContain('IRSA-T02c');
  });
});

describe('the witness syntax is the Kubernetes name syntax', () => {
  const accepts = (syntax: Syntax, text: string) => {
    let state = syntax.start;
    for (const ch of text) {
      state = syntax.step(state, ch);
      if (state < 0) return false;
    }
    return text.length <= syntax.maxLength && syntax.accepting(state);
  };
  const samples = [
    'a',
    'app',
    'team-a',
    '-a',
    'a-',
    'a--b',
    'A',
    'a.b',
    'a..b',
    '.a',
    'a.',
    'a-.b',
    'a.-b',
    '0',
    'x'.repeat(63),
    'x'.repeat(64),
    'a_b',
    '',
  ];

  it.each(samples)('namespace %j: same verdict as validateNamespace', text => {
    expect(accepts(DNS_LABEL, text)).toBe(validateNamespace(text).ok);
  });

  it.each([...samples, `${'x'.repeat(63)}.${'y'.repeat(63)}`, 'x'.repeat(254)])(
    'service account name %j: same verdict as validateServiceAccountName',
    text => {
      expect(accepts(DNS_SUBDOMAIN, text)).toBe(
        validateServiceAccountName(text).ok,
      );
    },
  );
});
