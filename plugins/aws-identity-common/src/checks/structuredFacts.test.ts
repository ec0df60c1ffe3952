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
import { Cluster, emptyPodAggregate, Finding } from '../domain/types';
import {
  ACCOUNT,
  ISSUER,
  PROVIDER,
  ROLE,
  exampleTrustContext,
} from '../__fixtures__/exampleCluster';
import { PolicyStatement } from '../policy/types';
import { buildIdentityReport } from '../report/buildIdentityReport';
import { IdentityReportInput } from '../report/types';
import { podConditions } from './bindingChecks';
import {
  createPermissionCheckContext,
  permissionChecks,
} from './permissionChecks';
import { trustChecks } from './trustChecks';
import { runChecks } from './types';

/*
 * The facts the engine hands to views as data (whom a trust admits, which actions a permission
 * finding flags, how many pods need what), each from what AWS and Kubernetes document:
 *
 * - IAM User Guide, "IAM JSON policy elements: Condition operators": StringLike "*" matches any
 *   run of characters, ":" included; StringEquals compares literally.
 * - EKS User Guide, "Assign IAM roles to Kubernetes service accounts": the token's sub claim is
 *   system:serviceaccount:<namespace>:<name>; a trust without a sub condition lets any service
 *   account of the cluster assume the role, and "system:serviceaccount:<namespace>:*" under
 *   StringLike lets every service account of that namespace assume it.
 * - IAM User Guide, "AWS JSON policy elements: Principal": an account principal (…:root)
 *   delegates to every principal of that account, "*" to everyone.
 */

const AUD = { [`${ISSUER}:aud`]: 'sts.amazonaws.com' };

/** A web-identity statement of the cluster's provider. */
const webIdentity = (
  condition: PolicyStatement['Condition'],
  sid?: string,
): PolicyStatement => ({
  ...(sid ? { Sid: sid } : {}),
  Effect: 'Allow',
  Principal: { Federated: PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: condition,
});

/** A web-identity statement whose `sub` is StringLike `pattern`, with the STS audience. */
const subLike = (pattern: string) => webIdentity({ StringLike: { [`${ISSUER}:sub`]: pattern }, StringEquals: AUD });

/** The trust findings for service account team-a/api, the one the trust is examined for. */
function trustFindings(statements: PolicyStatement[]): Finding[] {
  return runChecks(trustChecks, exampleTrustContext(statements, { namespace: 'team-a', serviceAccount: 'api' }), {
    kind: 'role',
    ref: ROLE,
  });
}

const admissionsOf = (statements: PolicyStatement[]) =>
  trustFindings(statements).flatMap(f =>
    f.admits ? [{ id: f.id, ...f.admits }] : [],
  );

describe('whom a trust admits, as data', () => {
  it('StringLike sub system:serviceaccount:team-a:* admits every service account of namespace team-a', () => {
    const admissions = admissionsOf([
      webIdentity(
        {
          StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:team-a:*' },
          StringEquals: AUD,
        },
        'TeamA',
      ),
    ]);
    expect(admissions).toEqual([
      {
        id: 'IRSA-T02c',
        scope: 'namespace',
        statementIndex: 0,
        sid: 'TeamA',
        issuerHostPath: ISSUER,
        namespace: 'team-a',
        subjectPatterns: ['system:serviceaccount:team-a:*'],
        example: expect.stringMatching(/^system:serviceaccount:team-a:/),
      },
    ]);
    // The example is another service account of team-a, not the one the trust is for.
    expect(admissions[0].example).not.toBe('system:serviceaccount:team-a:api');
  });

  it('a statement with no sub condition admits every service account of the cluster', () => {
    expect(admissionsOf([webIdentity({ StringEquals: AUD })])).toEqual([
      {
        id: 'IRSA-T01',
        scope: 'every-service-account',
        statementIndex: 0,
        issuerHostPath: ISSUER,
        subjectPatterns: [],
        example: expect.stringMatching(/^system:serviceaccount:[^:]+:[^:]+$/),
      },
    ]);
  });

  it('StringLike "*" crosses ":", so system:serviceaccount:*:api admits every namespace', () => {
    const [admission] = admissionsOf([
      subLike('system:serviceaccount:*:api'),
    ]);
    expect(admission).toMatchObject({
      id: 'IRSA-T02a',
      scope: 'every-namespace',
      subjectPatterns: ['system:serviceaccount:*:api'],
    });
    expect(admission.example).not.toMatch(/^system:serviceaccount:team-a:/);
  });

  it('a namespace wildcard admits namespaces the policy does not name', () => {
    const [admission] = admissionsOf([
      subLike('system:serviceaccount:team-*:api'),
    ]);
    expect(admission).toMatchObject({
      id: 'IRSA-T02b',
      scope: 'other-namespace',
      statementIndex: 0,
    });
    // Another namespace whose name starts with team-, holding a service account named api.
    expect(admission.namespace).toMatch(/^team-/);
    expect(admission.namespace).not.toBe('team-a');
    expect(admission.example).toBe(
      `system:serviceaccount:${admission.namespace}:api`,
    );
  });

  it('StringEquals on the exact subject admits nobody else', () => {
    expect(
      admissionsOf([
        webIdentity({
          StringEquals: {
            [`${ISSUER}:sub`]: 'system:serviceaccount:team-a:api',
            ...AUD,
          },
        }),
      ]),
    ).toEqual([]);
  });

  it('an account principal without aws:PrincipalArn admits the principals of that account', () => {
    expect(
      admissionsOf([
        {
          Sid: 'Ops',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sts:AssumeRole',
        },
      ]),
    ).toContainEqual({
      id: 'IRSA-T11',
      scope: 'account-principals',
      statementIndex: 0,
      sid: 'Ops',
      principals: ['arn:aws:iam::444455556666:root'],
    });
  });

  it('Principal "*" admits any AWS principal', () => {
    expect(
      admissionsOf([
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      ]),
    ).toContainEqual({
      id: 'IRSA-T10',
      scope: 'any-aws-principal',
      statementIndex: 0,
      principals: ['*'],
    });
  });
});

function permissionFindings(statements: PolicyStatement[]): Finding[] {
  return runChecks(
    permissionChecks,
    createPermissionCheckContext({
      subjectRef: ROLE,
      policies: [
        {
          name: 'app-policy',
          kind: 'inline',
          document: { Version: '2012-10-17', Statement: statements },
        },
      ],
    }),
    { kind: 'role', ref: ROLE },
  );
}

const flaggedBy = (findings: Finding[], id: string) =>
  findings.find(f => f.id === id)?.flaggedActions;

describe('which actions a permission finding flags, as data', () => {
  it('iam:PassRole on every resource is privilege escalation, with its statement', () => {
    const findings = permissionFindings([
      { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    ]);
    expect(flaggedBy(findings, 'IRSA-P04')).toEqual({
      policyName: 'app-policy',
      statementIndex: 0,
      sid: 'Pass',
      actions: ['iam:PassRole'],
    });
  });

  it('a service-wide wildcard flags the pattern as written', () => {
    const findings = permissionFindings([
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*' },
    ]);
    expect(flaggedBy(findings, 'IRSA-P02')).toEqual({
      policyName: 'app-policy',
      statementIndex: 0,
      actions: ['s3:*'],
    });
  });

  it('lists every flagged action, also past the six the message names', () => {
    // s3:Put* expands to more than six write actions of S3 (Service Authorization Reference).
    const findings = permissionFindings([
      { Effect: 'Allow', Action: 's3:Put*', Resource: '*' },
    ]);
    const writes = findings.find(f => f.id === 'IRSA-P08');
    expect(writes?.message).toMatch(/and \d+ more on "\*"/);
    expect(writes?.flaggedActions?.actions.length).toBeGreaterThan(6);
    expect(writes?.flaggedActions?.actions).toContain('s3:PutObject');
  });

  it('findings that flag no action carry none', () => {
    const findings = permissionFindings([
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    ]);
    const notAction = findings.find(f => f.id === 'IRSA-P09');
    expect(notAction).toBeDefined();
    expect(notAction?.flaggedActions).toBeUndefined();
  });
});

const CLUSTER: Cluster = {
  name: 'east',
  accountId: ACCOUNT,
  issuer: `https://${ISSUER}`,
  arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/east`,
  kubernetesVersion: '1.29',
};
const ANNOTATED = {
  cluster: 'east',
  namespace: 'team-a',
  name: 'api',
  annotations: { 'eks.amazonaws.com/role-arn': ROLE },
};

describe('pods counted by what they need', () => {
  // The webhook mutates pods only when they are created: pods from before the annotation run
  // without AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE until restarted (EKS User Guide).
  it('counts the pods without the IRSA env or token volume, and why', () => {
    expect(
      podConditions({
        cluster: CLUSTER,
        annotatedRoleArn: ROLE,
        associations: [],
        pods: emptyPodAggregate({
          podCount: 3,
          irsaEnvCount: 1,
          irsaVolumeCount: 1,
          createdBeforeAnnotationCount: 2,
          roleArnsInEnv: [
            { roleArn: ROLE, podCount: 1 },
            { roleArn: `arn:aws:iam::${ACCOUNT}:role/old`, podCount: 1 },
          ],
        }),
      }),
    ).toEqual({
      podCount: 3,
      notInjected: 2,
      createdBeforeAnnotation: 2,
      skipWebhookLabel: 0,
      otherRoleArns: [
        { roleArn: `arn:aws:iam::${ACCOUNT}:role/old`, podCount: 1 },
      ],
      tokenUnreadable: 0,
    });
  });

  it('with a Pod Identity association no pod is expected to carry the IRSA env', () => {
    const conditions = podConditions({
      cluster: CLUSTER,
      annotatedRoleArn: ROLE,
      associations: [
        {
          cluster: 'east',
          namespace: 'team-a',
          serviceAccount: 'api',
          roleArn: ROLE,
        },
      ],
      pods: emptyPodAggregate({ podCount: 2, podIdentityEnvCount: 2 }),
    });
    expect(conditions).toMatchObject({ notInjected: 0, otherRoleArns: [] });
  });

  // Before Kubernetes 1.19 the projected token is mode 0600 and root-owned, so non-root
  // containers need fsGroup; from 1.19 on it is readable by the container's user.
  it.each([
    ['1.18', 1],
    ['1.19', 0],
  ])(
    'non-root pods without fsGroup cannot read the token on %s',
    (version, n) => {
      expect(
        podConditions({
          cluster: { ...CLUSTER, kubernetesVersion: version },
          annotatedRoleArn: ROLE,
          associations: [],
          pods: emptyPodAggregate({
            podCount: 1,
            irsaEnvCount: 1,
            irsaVolumeCount: 1,
            nonRootWithoutFsGroupCount: 1,
          }),
        })?.tokenUnreadable,
      ).toBe(n);
    },
  );

  it('is undefined without an annotation or without pods', () => {
    const pods = emptyPodAggregate({ podCount: 1 });
    expect(
      podConditions({ cluster: CLUSTER, associations: [], pods }),
    ).toBeUndefined();
    expect(
      podConditions({
        cluster: CLUSTER,
        annotatedRoleArn: ROLE,
        associations: [],
        pods: emptyPodAggregate(),
      }),
    ).toBeUndefined();
  });
});

describe('the report carries the facts per role', () => {
  const input = (trust: PolicyStatement[]): IdentityReportInput => ({
    cluster: CLUSTER,
    serviceAccount: ANNOTATED,
    pods: emptyPodAggregate({
      podCount: 2,
      irsaEnvCount: 1,
      irsaVolumeCount: 1,
      createdBeforeAnnotationCount: 1,
    }),
    roles: [
      {
        arn: ROLE,
        name: 'app',
        accountId: ACCOUNT,
        trustPolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: trust,
        }),
        permissionPolicies: [
          {
            name: 'app-policy',
            kind: 'inline',
            document: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
              ],
            },
          },
        ],
      },
    ],
    oidcProviders: [
      {
        arn: PROVIDER,
        accountId: ACCOUNT,
        issuerHostPath: ISSUER,
        clientIds: ['sts.amazonaws.com'],
      },
    ],
    podIdentityAssociations: [],
  });

  it('lists who else the trust admits, the flagged actions and the pod conditions', () => {
    const report = buildIdentityReport(
      input([webIdentity({ StringEquals: AUD })]),
    );
    const [role] = report.roles;
    const t01 = report.findings.find(f => f.id === 'IRSA-T01');
    expect(role.alsoAdmits).toEqual([
      {
        findingId: 'IRSA-T01',
        severity: 'critical',
        message: t01?.message,
        admits: t01?.admits,
      },
    ]);
    expect(role.alsoAdmits?.[0].admits?.scope).toBe('every-service-account');
    // PassRole on "*" is escalation (P04), a scopable action on "*" (P03) and a write (P08).
    expect(role.flaggedActions).toContainEqual({
      findingId: 'IRSA-P04',
      policyName: 'app-policy',
      statementIndex: 0,
      actions: ['iam:PassRole'],
    });
    expect(new Set(role.flaggedActions?.flatMap(f => f.actions))).toEqual(
      new Set(['iam:PassRole']),
    );
    expect(report.podConditions).toMatchObject({
      podCount: 2,
      notInjected: 1,
      createdBeforeAnnotation: 1,
    });
  });

  it('a trust that names exactly this service account admits nobody else', () => {
    const report = buildIdentityReport(
      input([
        webIdentity({
          StringEquals: {
            [`${ISSUER}:sub`]: 'system:serviceaccount:team-a:api',
            ...AUD,
          },
        }),
      ]),
    );
    expect(report.roles[0].alsoAdmits).toEqual([]);
  });

  it('keeps each role to its own findings, also when one ARN is a prefix of the other', () => {
    // IRSA role app trusts the whole cluster (IRSA-T01); Pod Identity role app-admin trusts
    // pods.eks.amazonaws.com without aws:SourceAccount (PID-01, EKS User Guide's confused
    // deputy note).
    const admin = `${ROLE}-admin`;
    const base = input([webIdentity({ StringEquals: AUD })]);
    const report = buildIdentityReport({
      ...base,
      roles: [
        ...base.roles,
        {
          arn: admin,
          name: 'app-admin',
          accountId: ACCOUNT,
          trustPolicy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'pods.eks.amazonaws.com' },
                Action: ['sts:AssumeRole', 'sts:TagSession'],
              },
            ],
          }),
          permissionPolicies: [],
        },
      ],
      podIdentityAssociations: [
        {
          cluster: 'east',
          namespace: 'team-a',
          serviceAccount: 'api',
          roleArn: admin,
        },
      ],
    });
    const byArn = new Map(report.roles.map(r => [r.arn, r]));
    const ids = (arn: string) =>
      byArn.get(arn)?.alsoAdmits?.map(w => w.findingId);
    expect(ids(ROLE)).toEqual(['IRSA-T01']);
    expect(ids(admin)).toEqual(['PID-01']);
    expect(byArn.get(admin)?.alsoAdmits?.[0].admits).toEqual({
      scope: 'service-principals',
      statementIndex: 0,
      principals: ['pods.eks.amazonaws.com'],
    });
    expect(byArn.get(admin)?.flaggedActions).toEqual([]);
  });

  it('a role whose trust cannot be parsed still gets both lists, empty', () => {
    const base = input([]);
    const report = buildIdentityReport({
      ...base,
      roles: [{ ...base.roles[0], trustPolicy: '{not json' }],
    });
    expect(report.roles[0].trustError).toBeDefined();
    expect(report.roles[0].alsoAdmits).toEqual([]);
    expect(report.roles[0].flaggedActions?.length).toBeGreaterThan(0);
  });

  it('survives JSON, as the backend serves it', () => {
    const report = buildIdentityReport(
      input([webIdentity({ StringEquals: AUD })]),
    );
    const served = JSON.parse(JSON.stringify(report));
    expect(served.roles[0].alsoAdmits).toEqual(report.roles[0].alsoAdmits);
    expect(served.podConditions).toEqual(report.podConditions);
  });
});
