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
import {
  Cluster,
  emptyPodAggregate,
  Finding,
  Role,
  ServiceAccount,
} from '../domain/types';
import { generatePodIdentityTrustPolicy } from '../generate/generatePolicies';
import { PolicyStatement } from '../policy/types';
import { buildIdentityReport } from '../report/buildIdentityReport';
import { IdentityReportInput } from '../report/types';
import { bindingSnippets, renderRemediation } from './renderRemediation';

// Shaped after the sandbox scenarios the old frontend snippets were tested on (seeds mc-*,
// edgedelta-env-keys), built by the engine instead of captured.
const ACCOUNT = '111111111111';
const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj';
const CLUSTER_ARN = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/sandbox-east`;
const CLUSTER: Cluster = {
  name: 'sandbox-east',
  accountId: ACCOUNT,
  region: 'us-east-1',
  arn: CLUSTER_ARN,
  issuer: `https://${ISSUER}`,
};
const PROVIDER = {
  arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`,
  accountId: ACCOUNT,
  issuerHostPath: ISSUER,
  clientIds: ['sts.amazonaws.com'],
};
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

function serviceAccount(
  namespace: string,
  name: string,
  roleName?: string,
): ServiceAccount {
  return {
    cluster: CLUSTER.name,
    namespace,
    name,
    annotations: roleName
      ? { 'eks.amazonaws.com/role-arn': roleArn(roleName) }
      : {},
  };
}

function irsaTrust(conditions: Record<string, string>) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER.arn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: conditions },
      },
    ],
  };
}

function role(name: string, trustPolicy: unknown): Role {
  return { arn: roleArn(name), name, accountId: ACCOUNT, trustPolicy };
}

function findingOf(
  id: string,
  input: Partial<IdentityReportInput> &
    Pick<IdentityReportInput, 'serviceAccount'>,
): Finding {
  const report = buildIdentityReport({
    cluster: CLUSTER,
    roles: [],
    oidcProviders: [PROVIDER],
    podIdentityAssociations: [],
    completeAccounts: [ACCOUNT],
    ...input,
  });
  const finding = report.findings.find(f => f.id === id);
  if (!finding) {
    throw new Error(`no ${id} in ${report.findings.map(f => f.id).join(', ')}`);
  }
  return finding;
}

/** The Pod Identity trust without a cluster ARN, as the generator writes it. */
const POD_IDENTITY_TRUST = (() => {
  const generated = generatePodIdentityTrustPolicy({ accountId: ACCOUNT });
  if (!generated.ok) throw new Error(generated.error);
  return generated.value.document;
})();

/** seed mc-missing-sub: the trust pins the audience only. */
const missingSub = {
  serviceAccount: serviceAccount(
    'mc-missing-sub',
    'report-generator',
    'mc-missing-sub',
  ),
  roles: [
    role(
      'mc-missing-sub',
      irsaTrust({ [`${ISSUER}:aud`]: 'sts.amazonaws.com' }),
    ),
  ],
};

describe('remediation rendered by the engine', () => {
  it('pins sub and aud in the trust policy for a missing sub (IRSA-T01)', () => {
    const [json, terraform] = findingOf('IRSA-T01', missingSub).remediation!;
    expect(json.label).toBe('Trust policy JSON');
    const document = JSON.parse(json.code);
    expect(document.Statement[0].Principal.Federated).toBe(
      'arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj',
    );
    expect(document.Statement[0].Condition.StringEquals).toEqual({
      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub':
        'system:serviceaccount:mc-missing-sub:report-generator',
      'oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:aud': 'sts.amazonaws.com',
    });
    expect(terraform.label).toBe('Terraform');
    expect(terraform.code).toContain(
      'resource "aws_iam_role" "mc_missing_sub"',
    );
    expect(terraform.code).toContain(
      '"system:serviceaccount:mc-missing-sub:report-generator"',
    );
  });

  it('takes the issuer from the cluster, not from the wording of the evaluation', () => {
    // The trust names another cluster's issuer (IRSA-T05): the fix trusts this cluster's.
    const other = 'oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER';
    const finding = findingOf('IRSA-T05', {
      serviceAccount: serviceAccount('reports', 'reports', 'reports'),
      roles: [
        role('reports', {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${other}`,
              },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  [`${other}:sub`]: 'system:serviceaccount:reports:reports',
                  [`${other}:aud`]: 'sts.amazonaws.com',
                },
              },
            },
          ],
        }),
      ],
    });
    const json = finding.remediation!.find(
      s => s.label === 'Trust policy JSON',
    )!;
    expect(JSON.parse(json.code).Statement[0].Principal.Federated).toBe(
      PROVIDER.arn,
    );
    expect(json.code).not.toContain(other);
  });

  it('renders the trust the scaffolder generates, as JSON and as Terraform of the same document', () => {
    const [json, terraform] = findingOf('IRSA-T01', missingSub).remediation!;
    expect(terraform.code).toBe(
      [
        'resource "aws_iam_role" "mc_missing_sub" {',
        '  name               = "mc-missing-sub"',
        '  assume_role_policy = jsonencode({',
        '    Version   = "2012-10-17"',
        '    Statement = [',
        '      {',
        '        Effect    = "Allow"',
        '        Principal = {',
        `          Federated = "${PROVIDER.arn}"`,
        '        }',
        '        Action    = "sts:AssumeRoleWithWebIdentity"',
        '        Condition = {',
        '          StringEquals = {',
        `            "${ISSUER}:aud" = "sts.amazonaws.com"`,
        `            "${ISSUER}:sub" = "system:serviceaccount:mc-missing-sub:report-generator"`,
        '          }',
        '        }',
        '      },',
        '    ]',
        '  })',
        '}',
      ].join('\n'),
    );
    expect(json.code).toBe(
      JSON.stringify(
        irsaTrust({
          [`${ISSUER}:aud`]: 'sts.amazonaws.com',
          [`${ISSUER}:sub`]:
            'system:serviceaccount:mc-missing-sub:report-generator',
        }),
        null,
        2,
      ),
    );
  });

  it('creates the role first when it does not exist (IRSA-B02)', () => {
    const snippets = findingOf('IRSA-B02', {
      serviceAccount: serviceAccount(
        'mc-role-missing',
        'notifier',
        'mc-role-does-not-exist',
      ),
    }).remediation!;
    expect(snippets.map(s => s.label)).toEqual([
      'Terraform',
      'Trust policy JSON',
    ]);
    expect(snippets[0].code).toContain(
      'name               = "mc-role-does-not-exist"',
    );
  });

  it('removes static keys and binds a role with kubectl and Helm (IRSA-B05)', () => {
    const [kubectl, helm] = findingOf('IRSA-B05', {
      serviceAccount: serviceAccount('edgedelta-env-keys', 'edgedelta'),
      pods: emptyPodAggregate({
        podCount: 4,
        staticKeysCount: 4,
        workloads: ['Deployment/edgedelta', 'Pod/edgedelta-debug'],
      }),
    }).remediation!;
    // The workloads come from the pods that carry the keys, not from the catalog's selector.
    expect(kubectl.code).toContain(
      'kubectl set env deployment/edgedelta -n edgedelta-env-keys AWS_ACCESS_KEY_ID- AWS_SECRET_ACCESS_KEY-',
    );
    expect(kubectl.code).toContain(
      '# Pod/edgedelta-debug has no pod template: remove the keys from its manifest and re-create it',
    );
    expect(kubectl.code).toContain(
      'kubectl annotate serviceaccount edgedelta -n edgedelta-env-keys',
    );
    expect(helm.code).toBe(
      [
        'serviceAccount:',
        '  name: edgedelta',
        '  annotations:',
        '    eks.amazonaws.com/role-arn: arn:aws:iam::<ACCOUNT_ID>:role/<ROLE_NAME>',
      ].join('\n'),
    );
  });

  it('drops the IRSA annotation when both bindings exist (IRSA-B12)', () => {
    const [kubectl, helm] = findingOf('IRSA-B12', {
      serviceAccount: serviceAccount('mc-both', 'uploader', 'mc-both-irsa'),
      podIdentityAssociations: [
        {
          cluster: CLUSTER.name,
          namespace: 'mc-both',
          serviceAccount: 'uploader',
          roleArn: roleArn('mc-both-pod-identity'),
        },
      ],
    }).remediation!;
    expect(kubectl.code).toContain(
      'kubectl annotate serviceaccount uploader -n mc-both eks.amazonaws.com/role-arn-',
    );
    expect(helm.code).toBe(
      ['serviceAccount:', '  name: uploader', '  annotations: {}'].join('\n'),
    );
  });

  it('restarts the workloads whose pods predate the annotation (IRSA-B04)', () => {
    const [restart] = findingOf('IRSA-B04', {
      ...missingSub,
      pods: emptyPodAggregate({
        podCount: 2,
        createdBeforeAnnotationCount: 2,
        workloads: ['Deployment/report-generator', 'Job/report-backfill'],
      }),
    }).remediation!;
    expect(restart.code).toBe(
      [
        'kubectl rollout restart deployment/report-generator -n mc-missing-sub',
        '# Job/report-backfill cannot be restarted by kubectl rollout: re-create its pods',
      ].join('\n'),
    );
  });

  it('has no snippet for findings without a mechanical fix', () => {
    const finding = findingOf('IRSA-B07', {
      ...missingSub,
      pods: emptyPodAggregate({
        podCount: 2,
        irsaEnvCount: 2,
        irsaVolumeCount: 2,
        workloads: ['Deployment/a', 'Deployment/b'],
      }),
    });
    expect(finding.remediation).toBeUndefined();
  });

  it('advises the Pod Identity trust the scaffolder generates (PID-01)', () => {
    // EKS user guide, "Create the IAM role for Pod Identity": pods.eks.amazonaws.com with
    // sts:AssumeRole and sts:TagSession; the confused-deputy conditions pin the account and cluster.
    const [statement] = POD_IDENTITY_TRUST.Statement as PolicyStatement[];
    const trustWithoutTagSession = {
      ...POD_IDENTITY_TRUST,
      Statement: [{ ...statement, Action: 'sts:AssumeRole' }],
    };
    const finding = findingOf('PID-01', {
      serviceAccount: serviceAccount('uploads', 'uploader'),
      roles: [role('uploader', trustWithoutTagSession)],
      podIdentityAssociations: [
        {
          cluster: CLUSTER.name,
          namespace: 'uploads',
          serviceAccount: 'uploader',
          roleArn: roleArn('uploader'),
        },
      ],
    });
    const [json, terraform] = finding.remediation!;
    const generated = generatePodIdentityTrustPolicy({
      accountId: ACCOUNT,
      clusterArns: [CLUSTER_ARN],
    });
    if (!generated.ok) throw new Error(generated.error);
    expect(JSON.parse(json.code)).toEqual(generated.value.document);
    expect(JSON.parse(json.code).Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnEquals: { 'aws:SourceArn': CLUSTER_ARN },
      },
    });
    expect(terraform.code).toContain('resource "aws_iam_role" "uploader"');
  });

  it('registers the missing OIDC provider with Terraform and eksctl (IRSA-T06)', () => {
    const [terraform, eksctl] = findingOf('IRSA-T06', {
      ...missingSub,
      oidcProviders: [],
    }).remediation!;
    expect(terraform.code).toContain(
      'resource "aws_iam_openid_connect_provider" "cluster_issuer"',
    );
    expect(terraform.code).toContain(`url             = "https://${ISSUER}"`);
    expect(terraform.code).toContain('client_id_list  = ["sts.amazonaws.com"]');
    expect(eksctl.code).toBe(
      'eksctl utils associate-iam-oidc-provider --cluster sandbox-east --region us-east-1 --approve',
    );
  });

  it('moves the binding off the default service account (IRSA-B06)', () => {
    const [kubectl, helm] = findingOf('IRSA-B06', {
      serviceAccount: serviceAccount('payments', 'default', 'payments-api'),
    }).remediation!;
    expect(kubectl.code).toBe(
      [
        'kubectl create serviceaccount <WORKLOAD_NAME> -n payments',
        'kubectl annotate serviceaccount <WORKLOAD_NAME> -n payments \\',
        `  eks.amazonaws.com/role-arn=${roleArn('payments-api')}`,
        'kubectl annotate serviceaccount default -n payments eks.amazonaws.com/role-arn-',
      ].join('\n'),
    );
    expect(helm.code).toContain('  create: true\n  name: <WORKLOAD_NAME>');
  });

  it('ties a tag-based permission statement to the cluster (PID-02)', () => {
    const finding = findingOf('PID-02', {
      serviceAccount: serviceAccount('uploads', 'uploader'),
      roles: [
        {
          ...role('uploader', POD_IDENTITY_TRUST),
          permissionPolicies: [
            {
              name: 'uploads',
              kind: 'inline',
              document: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 's3:PutObject',
                    Resource: 'arn:aws:s3:::uploads/*',
                    Condition: {
                      StringEquals: {
                        's3:ExistingObjectTag/namespace':
                          '${aws:PrincipalTag/kubernetes-namespace}',
                      },
                    },
                  },
                ],
              },
            },
          ],
        },
      ],
      podIdentityAssociations: [
        {
          cluster: CLUSTER.name,
          namespace: 'uploads',
          serviceAccount: 'uploader',
          roleArn: roleArn('uploader'),
        },
      ],
    });
    const [condition] = finding.remediation!;
    expect(condition.label).toBe('Condition JSON (add to uploads statement 0)');
    expect(JSON.parse(condition.code)).toEqual({
      StringEquals: { 'aws:PrincipalTag/eks-cluster-arn': CLUSTER_ARN },
    });
  });
});

describe('renderRemediation', () => {
  it('shows placeholders, never guesses, for what is not known', () => {
    const [eksctl] = renderRemediation({
      kind: 'create-oidc-provider',
      issuerHostPath: ISSUER,
    }).filter(s => s.label === 'eksctl');
    expect(eksctl.code).toBe(
      'eksctl utils associate-iam-oidc-provider --cluster <EKS_CLUSTER_NAME> --region <REGION> --approve',
    );
    const [restart] = renderRemediation({
      kind: 'restart-workloads',
      namespace: 'ns',
      workloads: [],
    });
    expect(restart.code).toBe(
      'kubectl rollout restart deployment/<WORKLOAD_NAME> -n ns',
    );
    const [condition] = renderRemediation({
      kind: 'require-cluster-tag',
      policyName: 'p',
      statementIndex: 1,
      clusterArns: [],
    });
    expect(condition.code).toContain(
      '"aws:PrincipalTag/eks-cluster-arn": "<CLUSTER_ARN>"',
    );
  });

  it('renders a narrower Resource for a statement, with placeholders for what only people know', () => {
    const [snippet] = renderRemediation({
      kind: 'scope-resource',
      policyName: 'reports',
      statementIndex: 0,
      resource: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:a*',
      scoped: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:<TEAM>/<COMPONENT>/*',
    });
    expect(snippet.label).toBe(
      'Resource JSON (replace arn:aws:secretsmanager:us-east-1:111111111111:secret:a* in reports statement 0)',
    );
    expect(JSON.parse(snippet.code)).toEqual({
      Resource: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:<TEAM>/<COMPONENT>/*',
    });
  });

  it('offers no trust snippet the generator rejects', () => {
    expect(
      renderRemediation({
        kind: 'irsa-trust-policy',
        roleArn: roleArn('x'),
        accountId: ACCOUNT,
        issuerHostPath: ISSUER,
        namespace: 'Not A Namespace',
        serviceAccount: 'x',
        roleExists: true,
      }),
    ).toEqual([]);
  });

  it('leaves the clusters of other accounts out of the Pod Identity trust', () => {
    const [json] = renderRemediation({
      kind: 'pod-identity-trust-policy',
      roleArn: roleArn('x'),
      accountId: ACCOUNT,
      clusterArns: ['arn:aws:eks:us-east-1:222222222222:cluster/other'],
    });
    expect(JSON.parse(json.code).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
    });
  });

  it('gives the Pod Identity binding of default a new association (IRSA-B06)', () => {
    const [, awsCli] = renderRemediation({
      kind: 'dedicated-service-account',
      namespace: 'payments',
      via: 'pod-identity',
      roleArn: roleArn('payments'),
      eksClusterName: 'prod',
      associationId: 'a-1234567890abcdefg',
    });
    expect(awsCli.code).toBe(
      [
        'aws eks create-pod-identity-association --cluster-name prod \\',
        `  --namespace payments --service-account <WORKLOAD_NAME> --role-arn ${roleArn(
          'payments',
        )}`,
        'aws eks delete-pod-identity-association --cluster-name prod --association-id a-1234567890abcdefg',
      ].join('\n'),
    );
  });

  it('sets fsGroup for non-root containers (IRSA-B11)', () => {
    expect(renderRemediation({ kind: 'set-fs-group', fsGroup: 65534 })).toEqual(
      [
        {
          label: 'Helm values',
          language: 'yaml',
          code: 'podSecurityContext:\n  fsGroup: 65534',
        },
      ],
    );
  });
});

describe('bindingSnippets', () => {
  it('binds the declared role, or shows a placeholder', () => {
    const [kubectl, helm] = bindingSnippets(
      { namespace: 'payments', name: 'api' },
      roleArn('payments-api'),
    );
    expect(kubectl).toEqual({
      label: 'kubectl',
      language: 'shell',
      code: [
        'kubectl annotate serviceaccount api -n payments \\',
        `  eks.amazonaws.com/role-arn=${roleArn('payments-api')} --overwrite`,
      ].join('\n'),
    });
    expect(helm.label).toBe('Helm values');
    expect(
      bindingSnippets({ namespace: 'payments', name: 'api' })[1].code,
    ).toContain(
      'eks.amazonaws.com/role-arn: arn:aws:iam::<ACCOUNT_ID>:role/<ROLE_NAME>',
    );
  });
});
