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
import { Role } from '../domain/types';
import { summarizeAssociationPermissions } from './effectivePermissions';
import { PermissionSummary } from './summarizePermissions';

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const TARGET = 'arn:aws:iam::444455556666:role/data';
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`;
const workload = {
  accountId: ACCOUNT,
  clusterArn: CLUSTER_ARN,
  clusterName: 'prod',
  namespace: 'team-a',
  serviceAccount: 'api',
};

const policy = (...Statement: object[]) => ({
  Version: '2012-10-17',
  Statement,
});
const allow = (
  Action: string | string[],
  Resource: string | string[],
  extra: object = {},
) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
const deny = (Action: string | string[], Resource: string | string[]) => ({
  Effect: 'Deny',
  Action,
  Resource,
});

function role(arn: string, ...documents: object[]): Role {
  return {
    arn,
    name: arn.split('/').pop()!,
    accountId: arn.split(':')[4],
    trustPolicy: policy(),
    permissionPolicies: documents.map((document, i) => ({
      name: `p${i}`,
      document,
    })),
  } as Role;
}

/** `action resource` per allowed pair, with `(conditional)` when a condition is still open. */
function grants(summary: PermissionSummary | undefined): string[] {
  return (summary?.services ?? [])
    .flatMap(s =>
      s.levels.flatMap(l =>
        l.actions.flatMap(a =>
          l.resources.map(
            r => `${a} ${r}${l.conditional ? ' (conditional)' : ''}`,
          ),
        ),
      ),
    )
    .sort();
}

function effective(input: {
  permissions: object[];
  sessionPolicy?: object | string;
  disableSessionTags?: boolean;
  target?: object[];
  request?: Partial<typeof workload> & { podName?: string };
}) {
  const roles = new Map<string, Role>([
    [ROLE, role(ROLE, ...input.permissions)],
  ]);
  if (input.target) roles.set(TARGET, role(TARGET, ...input.target));
  return summarizeAssociationPermissions({
    association: {
      cluster: 'prod',
      namespace: 'team-a',
      serviceAccount: 'api',
      roleArn: ROLE,
      ...(input.target ? { targetRoleArn: TARGET } : {}),
      ...(input.disableSessionTags !== undefined
        ? { disableSessionTags: input.disableSessionTags }
        : {}),
      ...(input.sessionPolicy !== undefined
        ? {
            sessionPolicy:
              typeof input.sessionPolicy === 'string'
                ? input.sessionPolicy
                : JSON.stringify(input.sessionPolicy),
          }
        : {}),
    },
    request: { ...workload, ...input.request },
    roles,
  });
}

const BUCKET = 'arn:aws:s3:::reports';
const OBJECTS = `${BUCKET}/*`;

describe('summarizeAssociationPermissions', () => {
  // IAM User Guide, "Session policies": "The resulting session's permissions are the
  // intersection of the entity's identity-based policy and the session policies"; "an explicit
  // deny in any of these policies overrides the allow" (Policy evaluation logic).
  it.each<[string, object[], object, string[]]>([
    [
      'session policy: the result is the intersection of the actions both allow',
      [policy(allow(['s3:GetObject', 's3:PutObject'], OBJECTS))],
      policy(allow('s3:GetObject', OBJECTS)),
      [`s3:GetObject ${OBJECTS}`],
    ],
    [
      'session policy: a narrower session resource narrows a wide identity grant',
      [policy(allow('s3:*', '*'))],
      policy(allow('s3:GetObject', OBJECTS)),
      [`s3:GetObject ${OBJECTS}`],
    ],
    [
      'session policy: a wide session resource leaves the identity resource as it is',
      [policy(allow('s3:GetObject', OBJECTS))],
      policy(allow('s3:GetObject', '*')),
      [`s3:GetObject ${OBJECTS}`],
    ],
    [
      'session policy: it cannot grant more than the identity-based policy allows',
      [policy(allow('s3:GetObject', OBJECTS))],
      policy(allow(['s3:GetObject', 'iam:CreateUser'], '*')),
      [`s3:GetObject ${OBJECTS}`],
    ],
    [
      'session policy: disjoint resources allow nothing',
      [policy(allow('s3:GetObject', OBJECTS))],
      policy(allow('s3:GetObject', 'arn:aws:s3:::other/*')),
      [],
    ],
    [
      'session policy: a session policy that allows nothing leaves nothing',
      [policy(allow('s3:GetObject', OBJECTS))],
      policy(deny('s3:PutObject', '*')),
      [],
    ],
    [
      'policy evaluation logic: an explicit deny in the session policy wins over both allows',
      [policy(allow(['s3:GetObject', 's3:PutObject'], OBJECTS))],
      policy(allow('s3:*', '*'), deny('s3:PutObject', '*')),
      [`s3:GetObject ${OBJECTS}`],
    ],
    [
      'policy evaluation logic: an explicit deny in the identity-based policy wins over the session allow',
      [
        policy(
          allow(['s3:GetObject', 's3:DeleteObject'], OBJECTS),
          deny('s3:DeleteObject', '*'),
        ),
      ],
      policy(allow(['s3:GetObject', 's3:DeleteObject'], OBJECTS)),
      [`s3:GetObject ${OBJECTS}`],
    ],
    [
      'policy evaluation logic: Action "*" in the identity policy is narrowed to the session policy actions',
      [policy(allow('*', '*'))],
      policy(allow('s3:ListBucket', BUCKET)),
      [`s3:ListBucket ${BUCKET}`],
    ],
    [
      'policy evaluation logic: a session condition the summary cannot decide keeps the grant, marked conditional',
      [policy(allow('s3:GetObject', OBJECTS))],
      policy(
        allow('s3:GetObject', OBJECTS, {
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        }),
      ),
      [`s3:GetObject ${OBJECTS} (conditional)`],
    ],
    [
      'policy evaluation logic: NotAction in the session policy excludes the named actions',
      [policy(allow(['s3:GetObject', 's3:PutObject'], OBJECTS))],
      policy({ Effect: 'Allow', NotAction: 's3:PutObject', Resource: '*' }),
      [`s3:GetObject ${OBJECTS}`],
    ],
  ])('%s', (_rule, permissions, sessionPolicy, expected) => {
    const result = effective({
      permissions,
      sessionPolicy,
      disableSessionTags: true,
    });
    expect(result.sessionPolicy).toBe(true);
    expect(result.summary?.limitedBySessionPolicy).toBe(true);
    expect(grants(result.summary)).toEqual(expected);
  });

  // EKS User Guide, "Define permissions for EKS Pod Identities to assume roles based on tags":
  // EKS attaches kubernetes-namespace, kubernetes-service-account, eks-cluster-arn,
  // eks-cluster-name, kubernetes-pod-name and kubernetes-pod-uid; with disableSessionTags none.
  describe('ABAC on the Pod Identity session tags', () => {
    const onTag = (key: string, value: string, operator = 'StringEquals') =>
      policy(
        allow('s3:GetObject', OBJECTS, {
          Condition: { [operator]: { [`aws:PrincipalTag/${key}`]: value } },
        }),
      );

    it.each<[string, object, string[]]>([
      [
        'kubernetes-namespace equal to the workload namespace applies, unconditionally',
        onTag('kubernetes-namespace', 'team-a'),
        [`s3:GetObject ${OBJECTS}`],
      ],
      [
        'kubernetes-service-account equal to the service account applies',
        onTag('kubernetes-service-account', 'api'),
        [`s3:GetObject ${OBJECTS}`],
      ],
      [
        'eks-cluster-arn equal to the cluster ARN applies',
        onTag('eks-cluster-arn', CLUSTER_ARN),
        [`s3:GetObject ${OBJECTS}`],
      ],
      [
        'eks-cluster-name equal to the cluster name applies',
        onTag('eks-cluster-name', 'prod'),
        [`s3:GetObject ${OBJECTS}`],
      ],
      [
        'StringLike on kubernetes-namespace with a matching prefix applies',
        onTag('kubernetes-namespace', 'team-*', 'StringLike'),
        [`s3:GetObject ${OBJECTS}`],
      ],
      [
        'StringNotEquals on kubernetes-namespace naming another namespace applies',
        onTag('kubernetes-namespace', 'team-b', 'StringNotEquals'),
        [`s3:GetObject ${OBJECTS}`],
      ],
    ])('%s', (_rule, document, expected) => {
      const result = effective({ permissions: [document] });
      expect(grants(result.summary)).toEqual(expected);
      expect(result.summary?.unresolved).toEqual([]);
    });

    it.each<[string, object, string]>([
      [
        'kubernetes-namespace naming another namespace',
        onTag('kubernetes-namespace', 'team-b'),
        'aws:PrincipalTag/kubernetes-namespace',
      ],
      [
        'eks-cluster-name naming another cluster',
        onTag('eks-cluster-name', 'staging'),
        'aws:PrincipalTag/eks-cluster-name',
      ],
      [
        'kubernetes-service-account naming another service account',
        onTag('kubernetes-service-account', 'worker'),
        'aws:PrincipalTag/kubernetes-service-account',
      ],
    ])(
      'a condition on %s grants this workload nothing, and says which key excluded it',
      (_rule, document, key) => {
        const result = effective({ permissions: [document] });
        expect(grants(result.summary)).toEqual([]);
        expect(result.summary?.notForWorkload).toEqual([
          {
            policyIndex: 0,
            statementIndex: 0,
            variables: [],
            conditionKeys: [key],
          },
        ]);
      },
    );

    it.each<[string, string]>([
      ['kubernetes-namespace', 'team-a'],
      ['kubernetes-service-account', 'api'],
      ['eks-cluster-arn', CLUSTER_ARN],
      ['eks-cluster-name', 'prod'],
      ['kubernetes-pod-name', 'api-0'],
      ['kubernetes-pod-uid', '0d5b0a3c'],
    ])(
      'with session tags disabled a condition on %s is unresolved, never allowed',
      (key, value) => {
        const result = effective({
          permissions: [onTag(key, value)],
          disableSessionTags: true,
        });
        expect(grants(result.summary)).toEqual([]);
        expect(result.sessionTags).toBe(false);
        expect(result.summary?.unresolved).toEqual([
          {
            policyIndex: 0,
            statementIndex: 0,
            variables: [],
            conditionKeys: [`aws:PrincipalTag/${key}`],
          },
        ]);
      },
    );

    it('a negated operator on a disabled tag is unresolved too (IAM would treat the absent key as a match)', () => {
      const result = effective({
        permissions: [
          onTag('kubernetes-namespace', 'kube-system', 'StringNotEquals'),
        ],
        disableSessionTags: true,
      });
      expect(grants(result.summary)).toEqual([]);
      expect(result.summary?.unresolved?.[0].conditionKeys).toEqual([
        'aws:PrincipalTag/kubernetes-namespace',
      ]);
    });

    it('kubernetes-pod-name differs per pod, so it stays unresolved for a service account', () => {
      const result = effective({
        permissions: [onTag('kubernetes-pod-name', 'api-0')],
      });
      expect(grants(result.summary)).toEqual([]);
      expect(result.summary?.unresolved?.[0].conditionKeys).toEqual([
        'aws:PrincipalTag/kubernetes-pod-name',
      ]);
    });

    it.each<[string, string, string]>([
      [
        'kubernetes-namespace',
        `${BUCKET}/\${aws:PrincipalTag/kubernetes-namespace}/*`,
        `${BUCKET}/team-a/*`,
      ],
      [
        'kubernetes-service-account',
        `${BUCKET}/\${aws:PrincipalTag/kubernetes-service-account}/*`,
        `${BUCKET}/api/*`,
      ],
      [
        'eks-cluster-name',
        `${BUCKET}/\${aws:PrincipalTag/eks-cluster-name}/*`,
        `${BUCKET}/prod/*`,
      ],
    ])(
      'a resource variable on %s resolves to the workload',
      (_key, resource, expected) => {
        const result = effective({
          permissions: [policy(allow('s3:GetObject', resource))],
        });
        expect(grants(result.summary)).toEqual([`s3:GetObject ${expected}`]);
      },
    );

    it('a condition on another key stays open and marks the grant conditional', () => {
      const result = effective({
        permissions: [
          policy(
            allow('s3:GetObject', OBJECTS, {
              Condition: {
                StringEquals: {
                  'aws:PrincipalTag/kubernetes-namespace': 'team-a',
                },
                Bool: { 'aws:SecureTransport': 'true' },
              },
            }),
          ),
        ],
      });
      expect(grants(result.summary)).toEqual([
        `s3:GetObject ${OBJECTS} (conditional)`,
      ]);
    });
  });

  // EKS User Guide, "Access AWS resources using EKS Pod Identity target IAM roles": the pods
  // receive the target role's credentials.
  describe('target roles', () => {
    const assumeTarget = policy(
      allow(['sts:AssumeRole', 'sts:TagSession'], TARGET),
    );

    it("the pods get the target role's permissions, not the association role's sts:AssumeRole", () => {
      const result = effective({
        permissions: [assumeTarget],
        target: [policy(allow(['s3:GetObject', 's3:PutObject'], OBJECTS))],
      });
      expect(result).toMatchObject({
        associationRoleArn: ROLE,
        roleArn: TARGET,
        sessionPolicy: false,
      });
      expect(grants(result.summary)).toEqual([
        `s3:GetObject ${OBJECTS}`,
        `s3:PutObject ${OBJECTS}`,
      ]);
    });

    it("the session policy limits the target role's permissions", () => {
      const result = effective({
        permissions: [assumeTarget],
        target: [policy(allow(['s3:GetObject', 's3:PutObject'], OBJECTS))],
        sessionPolicy: policy(allow('s3:GetObject', OBJECTS)),
        disableSessionTags: true,
      });
      expect(grants(result.summary)).toEqual([`s3:GetObject ${OBJECTS}`]);
    });

    it('a target role that is not known leaves the permissions unknown, with the reason', () => {
      const missing = summarizeAssociationPermissions({
        association: {
          cluster: 'prod',
          namespace: 'team-a',
          serviceAccount: 'api',
          roleArn: ROLE,
          targetRoleArn: TARGET,
        },
        request: workload,
        roles: new Map([[ROLE, role(ROLE, assumeTarget)]]),
      });
      expect(missing.summary).toBeUndefined();
      expect(missing.unknownReason).toMatch(TARGET);
    });
  });

  it.each([
    ['a session policy that is not JSON', '{"Version":', /not JSON/],
    [
      'a session policy that is not a policy',
      '{"Statement": 3}',
      /does not parse/,
    ],
  ])(
    "%s leaves the permissions unknown (never the role's full permissions)",
    (_rule, text, reason) => {
      const result = effective({
        permissions: [policy(allow('s3:GetObject', OBJECTS))],
        sessionPolicy: text,
      });
      expect(result.summary).toBeUndefined();
      expect(result.unknownReason).toMatch(reason);
    },
  );
});
