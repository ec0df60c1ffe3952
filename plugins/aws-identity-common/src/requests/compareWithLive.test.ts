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

import { generatePodIdentityTrustPolicy } from '../generate/generatePolicies';
import { PolicyDocument } from '../policy/types';
import { Role, SourceStatus } from '../domain/types';
import {
  comparePlanWithLiveRole,
  compareWithLiveRole,
  describeLiveRole,
} from './compareWithLive';
import { TrustAdmissionTarget } from './liveTrustAdmission';

const ISSUER =
  'oidc.eks.eu-west-1.amazonaws.com/id/5C5A4E1F0B9D4E7A8C3F2B1D0E9A8B7C';
const ROLE_ARN = 'arn:aws:iam::111122223333:role/payments-reader';

function trust(serviceAccount = 'payments-api'): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${ISSUER}:aud`]: 'sts.amazonaws.com',
            [`${ISSUER}:sub`]: `system:serviceaccount:payments:${serviceAccount}`,
          },
        },
      },
    ],
  };
}

const readReports = {
  Sid: 'ReadReports',
  Effect: 'Allow' as const,
  Action: ['s3:GetObject', 's3:GetObjectVersion'],
  Resource: 'arn:aws:s3:::acme-payments-reports/*',
};
const listReports = {
  Sid: 'ListReports',
  Effect: 'Allow' as const,
  Action: 's3:ListBucket',
  Resource: 'arn:aws:s3:::acme-payments-reports',
};
const permissions = (
  ...Statement: PolicyDocument['Statement'][]
): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: Statement.flat(),
});

/** The role as the inventory stores it: documents as IAM returns them (URL-encoded JSON text). */
function liveRole(overrides: Partial<Role> = {}): Role {
  return {
    arn: ROLE_ARN,
    name: 'payments-reader',
    accountId: '111122223333',
    trustPolicy: encodeURIComponent(JSON.stringify(trust())),
    permissionPolicies: [
      {
        name: 'payments-reader',
        kind: 'inline',
        document: encodeURIComponent(
          JSON.stringify(permissions(readReports, listReports)),
        ),
      },
    ],
    ...overrides,
  };
}

/** The live role with one inline policy, as the scaffolder's Terraform creates it. */
function withInlinePolicy(document: unknown): Role {
  return liveRole({
    permissionPolicies: [{ name: 'payments-reader', kind: 'inline', document }],
  });
}

const plan = {
  trustPolicy: trust(),
  permissionPolicy: permissions(readReports, listReports),
};

describe('compareWithLiveRole', () => {
  it('finds a role created from the plan identical', () => {
    const comparison = compareWithLiveRole(plan, liveRole());
    expect(comparison.identical).toBe(true);
    expect(comparison.summary).toBe('identical');
    expect(comparison.documents.map(d => [d.title, d.summary])).toEqual([
      ['Trust policy', 'identical'],
      ['Permission policy (live: inline policy payments-reader)', 'identical'],
    ]);
    expect(comparison.documents[1].livePolicy).toEqual({
      name: 'payments-reader',
      kind: 'inline',
    });
    expect(comparison.documents[0].lines.every(l => l.op === 'unchanged')).toBe(
      true,
    );
  });

  it('does not show key order as drift', () => {
    const reordered = {
      Statement: [
        {
          Condition: {
            StringEquals: {
              [`${ISSUER}:sub`]: 'system:serviceaccount:payments:payments-api',
              [`${ISSUER}:aud`]: 'sts.amazonaws.com',
            },
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Principal: {
            Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`,
          },
          Effect: 'Allow',
        },
      ],
      Version: '2012-10-17',
    };
    const comparison = compareWithLiveRole(
      plan,
      liveRole({ trustPolicy: JSON.stringify(reordered) }),
    );
    expect(comparison.identical).toBe(true);
  });

  it('shows a statement the plan adds', () => {
    const comparison = compareWithLiveRole(
      plan,
      withInlinePolicy(permissions(readReports)),
    );
    const permission = comparison.documents[1];
    expect(permission).toMatchObject({
      identical: false,
      removed: 0,
      livePolicy: { name: 'payments-reader' },
    });
    expect(permission.added).toBeGreaterThanOrEqual(5);
    expect(permission.summary).toBe(
      `${permission.added} lines added, 0 removed`,
    );
    const added = permission.lines
      .filter(l => l.op === 'added')
      .map(l => l.text.trim());
    expect(added).toEqual(
      expect.arrayContaining([
        '"Action": "s3:ListBucket",',
        '"Sid": "ListReports"',
      ]),
    );
    expect(comparison.documents[0].identical).toBe(true);
    expect(comparison.summary).toBe(
      `1 of 2 documents differ: ${permission.added} lines added, 0 removed`,
    );
  });

  it('shows a changed condition as one line removed and one added', () => {
    const comparison = compareWithLiveRole(
      plan,
      liveRole({ trustPolicy: trust('payments-worker') }),
    );
    const trustDiff = comparison.documents[0];
    expect(trustDiff.summary).toBe('1 line added, 1 removed');
    expect(
      trustDiff.lines
        .filter(l => l.op !== 'unchanged')
        .map(l => [l.op, l.text.trim()]),
    ).toEqual([
      [
        'removed',
        `"${ISSUER}:sub": "system:serviceaccount:payments:payments-worker"`,
      ],
      [
        'added',
        `"${ISSUER}:sub": "system:serviceaccount:payments:payments-api"`,
      ],
    ]);
  });

  it('names an extra managed policy on the live role as not in the plan', () => {
    const s3ReadOnly = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            's3:Get*',
            's3:List*',
            's3:Describe*',
            's3-object-lambda:Get*',
            's3-object-lambda:List*',
          ],
          Resource: '*',
        },
      ],
    };
    const role = liveRole();
    role.permissionPolicies!.push({
      name: 'AmazonS3ReadOnlyAccess',
      arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      kind: 'aws-managed',
      document: s3ReadOnly,
    });
    const comparison = compareWithLiveRole(plan, role);
    expect(comparison.identical).toBe(false);
    expect(comparison.documents).toHaveLength(3);
    const extra = comparison.documents[2];
    expect(extra).toMatchObject({
      kind: 'permission-policy',
      title:
        'AWS managed policy AmazonS3ReadOnlyAccess (on the live role, not in the plan)',
      inPlan: false,
      livePolicy: {
        name: 'AmazonS3ReadOnlyAccess',
        kind: 'aws-managed',
        arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      },
      added: 0,
    });
    expect(extra.removed).toBe(extra.lines.length);
    expect(comparison.documents[1]).toMatchObject({
      identical: true,
      livePolicy: { name: 'payments-reader' },
    });
    expect(comparison.summary).toBe(
      `1 of 3 documents differ: 0 lines added, ${extra.removed} removed`,
    );
  });

  it('pairs the planned policy with the most similar live policy, whatever its name', () => {
    const role = liveRole({
      permissionPolicies: [
        {
          name: 'CloudWatchAgentServerPolicy',
          kind: 'aws-managed',
          arn: 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy',
          document: permissions({
            Effect: 'Allow',
            Action: [
              'cloudwatch:PutMetricData',
              'logs:PutLogEvents',
              'logs:CreateLogStream',
            ],
            Resource: '*',
          }),
        },
        {
          name: 'payments-reader-20261001',
          kind: 'managed',
          arn: 'arn:aws:iam::111122223333:policy/payments-reader-20261001',
          document: permissions(readReports, listReports),
        },
      ],
    });
    const comparison = compareWithLiveRole(plan, role);
    expect(comparison.documents.map(d => d.title)).toEqual([
      'Trust policy',
      'Permission policy (live: managed policy payments-reader-20261001)',
      'AWS managed policy CloudWatchAgentServerPolicy (on the live role, not in the plan)',
    ]);
  });

  it('shows the whole plan as added when no live policy resembles it', () => {
    const comparison = compareWithLiveRole(
      plan,
      liveRole({ permissionPolicies: [] }),
    );
    expect(comparison.documents[1]).toMatchObject({
      title: 'Permission policy (no similar policy on the live role)',
      removed: 0,
    });
    expect(comparison.documents[1].livePolicy).toBeUndefined();
    expect(comparison.documents[1].added).toBe(
      comparison.documents[1].lines.length,
    );
  });

  it('reports an unreadable live document instead of throwing', () => {
    const comparison = compareWithLiveRole(
      plan,
      liveRole({ trustPolicy: '%7Bnot json' }),
    );
    expect(comparison.documents[0]).toMatchObject({
      identical: false,
      lines: [],
      error: expect.stringContaining('not valid JSON'),
    });
    expect(comparison.documents[0].summary).toMatch(
      /^the live document cannot be compared: /,
    );
    expect(comparison.identical).toBe(false);
  });
});

describe('compareWithLiveRole: what "matches the plan" means', () => {
  const admission: TrustAdmissionTarget = {
    binding: 'irsa',
    accountId: '111122223333',
    namespace: 'payments',
    serviceAccount: 'payments-api',
    clusters: [{ name: 'prod', issuer: `https://${ISSUER}` }],
  };

  it('has no drift for a role created from the plan', () => {
    const comparison = compareWithLiveRole(plan, liveRole(), admission);
    expect(comparison.drift).toEqual([]);
    expect(comparison.identical).toBe(true);
  });

  it('does not show statement order or value order as drift', () => {
    const comparison = compareWithLiveRole(
      plan,
      withInlinePolicy(
        permissions(listReports, {
          ...readReports,
          Action: ['s3:GetObjectVersion', 's3:GetObject'],
        }),
      ),
      admission,
    );
    expect(comparison).toMatchObject({
      identical: true,
      drift: [],
      summary: 'identical',
    });
    expect(comparison.documents[1].lines.every(l => l.op === 'unchanged')).toBe(
      true,
    );
  });

  it('calls a document that differs only in statement ids identical in effect', () => {
    const comparison = compareWithLiveRole(
      plan,
      withInlinePolicy(
        permissions({ ...readReports, Sid: 'Statement1' }, listReports),
      ),
    );
    expect(comparison.identical).toBe(true);
    expect(comparison.documents[1]).toMatchObject({
      identical: true,
      summary: 'identical in effect (only statement ids differ)',
      added: 1,
      removed: 1,
    });
  });

  it('compares the permissions the role grants: all its policies together', () => {
    const comparison = compareWithLiveRole(
      plan,
      liveRole({
        permissionPolicies: [
          {
            name: 'payments-reader',
            kind: 'inline',
            document: permissions(readReports),
          },
          {
            name: 'payments-list',
            kind: 'inline',
            document: permissions(listReports),
          },
        ],
      }),
    );
    expect(comparison.drift).toEqual([]);
    expect(comparison.identical).toBe(true);
    expect(comparison.summary).toMatch(
      /^identical in effect; 2 of 3 documents differ: /,
    );
  });

  it('names statements the live role lacks or adds', () => {
    const comparison = compareWithLiveRole(
      plan,
      withInlinePolicy(
        permissions(readReports, {
          Effect: 'Allow',
          Action: 's3:DeleteObject',
          Resource: 'arn:aws:s3:::acme-payments-reports/*',
        }),
      ),
    );
    expect(comparison.drift).toEqual([
      '1 planned permission statement(s) are not on the live role',
      'the live role has 1 permission statement(s) the plan does not',
    ]);
    expect(comparison.identical).toBe(false);
  });

  it('finds a trust that admits the service account but also something else', () => {
    const wider = trust();
    (wider.Statement as unknown[]).push({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 'sts:AssumeRole',
    });
    const comparison = compareWithLiveRole(
      plan,
      liveRole({ trustPolicy: wider }),
      admission,
    );
    expect(comparison.drift).toEqual([
      'the live trust policy has 1 statement(s) the plan does not',
    ]);
  });

  it('says which cluster the live trust does not admit, rather than counting statements', () => {
    const comparison = compareWithLiveRole(
      plan,
      liveRole({ trustPolicy: trust('payments-worker') }),
      admission,
    );
    expect(comparison.drift).toEqual([
      'the live trust policy does not admit payments/payments-api on prod',
    ]);
    expect(
      compareWithLiveRole(plan, liveRole(), {
        ...admission,
        clusters: [{ name: 'staging' }],
      }).drift,
    ).toEqual(['the issuer of cluster staging is unknown']);
  });

  it('admits EKS Pod Identity by evaluating the live trust for the planned cluster', () => {
    const generated = generatePodIdentityTrustPolicy({
      accountId: '111122223333',
      clusterArns: ['arn:aws:eks:eu-west-1:111122223333:cluster/prod'],
    });
    if (!generated.ok) throw new Error(generated.error);
    const podIdentityTrust = generated.value.document;
    const target: TrustAdmissionTarget = {
      ...admission,
      binding: 'pod-identity',
      clusters: [
        {
          name: 'prod',
          arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
        },
      ],
    };
    const planned = { ...plan, trustPolicy: podIdentityTrust };
    expect(
      compareWithLiveRole(
        planned,
        liveRole({ trustPolicy: podIdentityTrust }),
        target,
      ).drift,
    ).toEqual([]);
    expect(
      compareWithLiveRole(
        planned,
        liveRole({ trustPolicy: podIdentityTrust }),
        {
          ...target,
          clusters: [
            {
              name: 'other',
              arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/other',
            },
          ],
        },
      ).drift,
    ).toEqual([
      'the live trust policy does not admit EKS Pod Identity for payments/payments-api',
    ]);
  });

  it('counts a live document it cannot read as drift, never as nothing', () => {
    const role = liveRole();
    role.permissionPolicies!.push({
      name: 'broken',
      kind: 'inline',
      document: '%7Bnot json',
    });
    expect(compareWithLiveRole(plan, role).drift).toEqual([
      expect.stringMatching(/^the live inline policy broken cannot be read: /),
    ]);
    expect(
      compareWithLiveRole(plan, liveRole({ trustPolicy: '%7Bnot json' })).drift,
    ).toEqual([
      expect.stringMatching(/^the live trust policy cannot be read: /),
    ]);
  });

  it('takes the issuer the trust must admit from the inventory before the plan', () => {
    const plannedFor = {
      ...requestFixture(),
      input: {
        ...requestFixture().input,
        clusters: [
          {
            name: 'prod',
            accountId: '111122223333',
            issuer: 'https://oidc.example.com/stale',
          },
        ],
      },
    };
    const inventory = [
      { name: 'prod', accountId: '111122223333', issuer: `https://${ISSUER}` },
    ];
    expect(
      comparePlanWithLiveRole(plannedFor, liveRole(), inventory).drift,
    ).toEqual([]);
    expect(comparePlanWithLiveRole(plannedFor, liveRole()).drift).toEqual([
      'the live trust policy does not admit payments/payments-api on prod',
    ]);
  });
});

function requestFixture() {
  return {
    roleArn: ROLE_ARN,
    input: {
      entityRef: 'component:default/payments',
      accountId: '111122223333',
      binding: 'irsa' as const,
      namespace: 'payments',
      serviceAccount: 'payments-api',
      clusters: [
        {
          name: 'prod',
          accountId: '111122223333',
          issuer: `https://${ISSUER}`,
        },
      ],
    },
    trustPolicy: { document: trust(), size: 0, quota: 2048 },
    permissionPolicy: {
      document: permissions(readReports, listReports),
      size: 0,
      quota: 10240,
    },
  };
}

describe('describeLiveRole', () => {
  const request = requestFixture();
  const source = (status: Partial<SourceStatus>): SourceStatus => ({
    source: { kind: 'aws-account', accountId: '111122223333' },
    state: 'ok',
    lastSuccessAt: '2026-10-01T12:00:00Z',
    ...status,
  });

  it('says absent only after a current read of the account', () => {
    expect(describeLiveRole({ plan: request, account: source({}) })).toEqual({
      roleArn: ROLE_ARN,
      status: 'absent',
      asOf: '2026-10-01T12:00:00Z',
    });
  });

  it('compares a present role', () => {
    const answer = describeLiveRole({
      plan: request,
      role: liveRole(),
      account: source({}),
    });
    expect(answer).toMatchObject({
      status: 'present',
      asOf: '2026-10-01T12:00:00Z',
      comparison: { identical: true },
    });
    expect(answer.reason).toBeUndefined();
  });

  it('is unknown, never absent, when the account read failed, even with a role in the last snapshot', () => {
    const failed = source({
      state: 'error',
      error: 'reading IAM failed: AccessDenied',
    });
    for (const role of [undefined, liveRole()]) {
      const answer = describeLiveRole({ plan: request, role, account: failed });
      expect(answer).toEqual({
        roleArn: ROLE_ARN,
        status: 'unknown',
        reason:
          'account 111122223333 could not be read: reading IAM failed: AccessDenied',
        asOf: '2026-10-01T12:00:00Z',
      });
    }
  });

  it('is unknown when the account was never read or is not read at all', () => {
    expect(
      describeLiveRole({
        plan: request,
        account: source({
          state: 'stale',
          lastSuccessAt: undefined,
          error: 'not read yet',
        }),
      }),
    ).toEqual({
      roleArn: ROLE_ARN,
      status: 'unknown',
      reason: 'account 111122223333 could not be read: not read yet',
    });
    expect(describeLiveRole({ plan: request })).toMatchObject({
      status: 'unknown',
      reason:
        'account 111122223333 is not among the accounts aws-identity reads',
    });
  });

  it('shows a role from an out-of-date read with a caveat, but never its absence', () => {
    const stale = source({ state: 'stale' });
    expect(
      describeLiveRole({ plan: request, role: liveRole(), account: stale }),
    ).toMatchObject({
      status: 'present',
      reason: expect.stringContaining('longer ago than its refresh budget'),
    });
    expect(describeLiveRole({ plan: request, account: stale })).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('the role may exist by now'),
    });
  });
});
