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
  Finding,
  IdentityReport,
  WorkloadSelector,
} from '@internal/plugin-aws-identity-common';

/**
 * A copyable snippet that applies a finding's fix in the tool people already use.
 *
 * @public
 */
export interface RemediationSnippet {
  /** Tool the snippet is for: `kubectl`, `Helm values`, `Trust policy JSON`, `Terraform`. */
  label: string;
  /** Language for display purposes. */
  language: 'shell' | 'yaml' | 'json' | 'hcl';
  code: string;
}

/** Where a snippet applies: the service account the finding is about. */
export interface RemediationContext {
  report: IdentityReport;
  selector?: WorkloadSelector;
}

const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';
const ROLE_PLACEHOLDER = 'arn:aws:iam::<ACCOUNT_ID>:role/<ROLE_NAME>';

function accountOf(arn?: string): string {
  return arn?.split(':')[4] || '<ACCOUNT_ID>';
}

function roleNameOf(arn?: string): string {
  return arn?.split(':role/')[1]?.split('/').pop() || '<ROLE_NAME>';
}

/**
 * The OIDC issuer (`host/path`) a role's trust refers to, read from the
 * evaluated statements: condition keys are `<issuer>:sub` / `<issuer>:aud`, and
 * the principal reads `oidc-provider/<issuer>`.
 */
export function issuerOf(
  report: IdentityReport,
  roleArn?: string,
): string | undefined {
  const roles = report.roles.filter(r => !roleArn || r.arn === roleArn);
  for (const role of roles) {
    for (const evaluation of role.trust?.evaluations ?? []) {
      for (const statement of evaluation.statements) {
        for (const condition of statement.conditions) {
          const match = /^(.+):(sub|aud)$/i.exec(condition.key);
          if (match && match[1].includes('/')) return match[1];
        }
        const principal = /oidc-provider\/([^,\s"]+)/.exec(statement.reason);
        if (principal) return principal[1];
      }
    }
  }
  return undefined;
}

function subject(report: IdentityReport): string {
  const { namespace, name } = report.serviceAccount;
  return `system:serviceaccount:${namespace}:${name}`;
}

function roleFor(finding: Finding, report: IdentityReport): string | undefined {
  if (finding.subject.ref.startsWith('arn:aws')) return finding.subject.ref;
  return report.binding.irsaRoleArn ?? report.binding.podIdentityRoleArns[0];
}

function kubectlAnnotate(
  report: IdentityReport,
  roleArn?: string,
): RemediationSnippet {
  const { namespace, name } = report.serviceAccount;
  return {
    label: 'kubectl',
    language: 'shell',
    code: [
      `kubectl annotate serviceaccount ${name} -n ${namespace} \\`,
      `  ${IRSA_ANNOTATION}=${roleArn ?? ROLE_PLACEHOLDER} --overwrite`,
    ].join('\n'),
  };
}

function helmValues(
  report: IdentityReport,
  roleArn?: string,
  create = false,
): RemediationSnippet {
  return {
    label: 'Helm values',
    language: 'yaml',
    code: [
      'serviceAccount:',
      ...(create ? ['  create: true'] : []),
      `  name: ${report.serviceAccount.name}`,
      '  annotations:',
      `    ${IRSA_ANNOTATION}: ${roleArn ?? ROLE_PLACEHOLDER}`,
    ].join('\n'),
  };
}

function irsaTrustJson(
  report: IdentityReport,
  roleArn?: string,
): RemediationSnippet {
  const issuer = issuerOf(report, roleArn) ?? '<OIDC_ISSUER_HOST_PATH>';
  const document = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::${accountOf(
            roleArn,
          )}:oidc-provider/${issuer}`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: subject(report),
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  };
  return {
    label: 'Trust policy JSON',
    language: 'json',
    code: JSON.stringify(document, null, 2),
  };
}

function irsaTerraform(
  report: IdentityReport,
  roleArn?: string,
): RemediationSnippet {
  const name = roleNameOf(roleArn);
  const resource = name.replace(/[^A-Za-z0-9_]/g, '_');
  return {
    label: 'Terraform',
    language: 'hcl',
    code: `data "aws_eks_cluster" "this" {
  name = "${report.serviceAccount.cluster}"
}

locals {
  oidc_issuer = replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")
}

data "aws_iam_policy_document" "${resource}_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::${accountOf(
        roleArn,
      )}:oidc-provider/\${local.oidc_issuer}"]
    }
    condition {
      test     = "StringEquals"
      variable = "\${local.oidc_issuer}:sub"
      values   = ["${subject(report)}"]
    }
    condition {
      test     = "StringEquals"
      variable = "\${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "${resource}" {
  name               = "${name}"
  assume_role_policy = data.aws_iam_policy_document.${resource}_trust.json
}`,
  };
}

function podIdentityTrustJson(
  report: IdentityReport,
  roleArn?: string,
): RemediationSnippet {
  const account = accountOf(roleArn);
  const document = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:SourceAccount': account,
            'aws:RequestTag/kubernetes-namespace':
              report.serviceAccount.namespace,
            'aws:RequestTag/kubernetes-service-account':
              report.serviceAccount.name,
          },
          ArnEquals: {
            'aws:SourceArn': `arn:aws:eks:<REGION>:${account}:cluster/${report.serviceAccount.cluster}`,
          },
        },
      },
    ],
  };
  return {
    label: 'Trust policy JSON',
    language: 'json',
    code: JSON.stringify(document, null, 2),
  };
}

function restart(
  report: IdentityReport,
  selector?: WorkloadSelector,
): RemediationSnippet {
  const { namespace } = report.serviceAccount;
  let labels = '<WORKLOAD_NAME>';
  if (selector?.kubernetesId) {
    labels = `-l backstage.io/kubernetes-id=${selector.kubernetesId}`;
  } else if (selector?.labelSelector) {
    labels = `-l '${selector.labelSelector}'`;
  }
  return {
    label: 'kubectl',
    language: 'shell',
    code: `kubectl rollout restart deployment,statefulset,daemonset -n ${namespace} ${labels}`,
  };
}

/**
 * Snippets that apply a finding's fix: the same commands and files the seed
 * write-ups use (kubectl annotate, Helm `serviceAccount.annotations`, trust
 * policy JSON, Terraform). Findings without a mechanical fix get none; their
 * `fix` text stands alone.
 *
 * @public
 */
export function remediationFor(
  finding: Finding,
  context: RemediationContext,
): RemediationSnippet[] {
  const { report, selector } = context;
  const roleArn = roleFor(finding, report);
  const viaPodIdentity =
    report.roles.find(r => r.arn === roleArn)?.via === 'pod-identity';
  const { namespace, name } = report.serviceAccount;

  switch (finding.id) {
    case 'IRSA-T01':
    case 'IRSA-T02a':
    case 'IRSA-T02b':
    case 'IRSA-T02c':
    case 'IRSA-T03':
    case 'IRSA-T04':
    case 'IRSA-T07':
    case 'IRSA-T08':
    case 'IRSA-T09':
    case 'IRSA-T13':
      return [irsaTrustJson(report, roleArn), irsaTerraform(report, roleArn)];
    case 'IRSA-T05':
      // The trusted issuer is another cluster's: derive it from this cluster.
      return [irsaTerraform(report, roleArn), irsaTrustJson(report, undefined)];
    case 'IRSA-T06':
      return [
        {
          label: 'Terraform',
          language: 'hcl',
          code: `data "aws_eks_cluster" "this" {
  name = "${report.serviceAccount.cluster}"
}

data "tls_certificate" "issuer" {
  url = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
}

resource "aws_iam_openid_connect_provider" "this" {
  url             = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.issuer.certificates[0].sha1_fingerprint]
}`,
        },
        {
          label: 'eksctl',
          language: 'shell',
          code: `eksctl utils associate-iam-oidc-provider --cluster ${report.serviceAccount.cluster} --approve`,
        },
      ];
    case 'IRSA-B01':
      return [
        kubectlAnnotate(report, undefined),
        helmValues(report, undefined),
      ];
    case 'IRSA-B02': {
      const role = report.roles.find(r => r.arn === report.binding.irsaRoleArn);
      return role?.exists === false
        ? [irsaTerraform(report, roleArn), irsaTrustJson(report, roleArn)]
        : [irsaTrustJson(report, roleArn), irsaTerraform(report, roleArn)];
    }
    case 'IRSA-B04':
      return [restart(report, selector)];
    case 'IRSA-B05':
      return [
        {
          label: 'kubectl',
          language: 'shell',
          code: [
            `# Remove the keys from the workload, then bind a role instead`,
            `kubectl set env deployment,statefulset,daemonset -n ${namespace} ${
              selector?.kubernetesId
                ? `-l backstage.io/kubernetes-id=${selector.kubernetesId}`
                : '<WORKLOAD_NAME>'
            } AWS_ACCESS_KEY_ID- AWS_SECRET_ACCESS_KEY-`,
            kubectlAnnotate(report, report.binding.irsaRoleArn).code,
          ].join('\n'),
        },
        helmValues(report, report.binding.irsaRoleArn),
      ];
    case 'IRSA-B06':
      return [
        {
          label: 'kubectl',
          language: 'shell',
          code: [
            `kubectl create serviceaccount <WORKLOAD_NAME> -n ${namespace}`,
            `kubectl annotate serviceaccount <WORKLOAD_NAME> -n ${namespace} \\`,
            `  ${IRSA_ANNOTATION}=${roleArn ?? ROLE_PLACEHOLDER}`,
            `kubectl annotate serviceaccount default -n ${namespace} ${IRSA_ANNOTATION}-`,
          ].join('\n'),
        },
        {
          label: 'Helm values',
          language: 'yaml',
          code: [
            'serviceAccount:',
            '  create: true',
            '  name: <WORKLOAD_NAME>',
            '  annotations:',
            `    ${IRSA_ANNOTATION}: ${roleArn ?? ROLE_PLACEHOLDER}`,
          ].join('\n'),
        },
      ];
    case 'IRSA-B11':
      return [
        {
          label: 'Helm values',
          language: 'yaml',
          code: ['podSecurityContext:', '  fsGroup: 65534'].join('\n'),
        },
      ];
    case 'IRSA-B12':
      return [
        {
          label: 'kubectl',
          language: 'shell',
          code: `# Keep EKS Pod Identity, drop the IRSA annotation\nkubectl annotate serviceaccount ${name} -n ${namespace} ${IRSA_ANNOTATION}-`,
        },
        {
          label: 'Helm values',
          language: 'yaml',
          code: [
            'serviceAccount:',
            `  name: ${name}`,
            '  annotations: {}',
          ].join('\n'),
        },
      ];
    case 'PID-01':
    case 'PID-02':
      return [podIdentityTrustJson(report, roleArn)];
    default:
      if (viaPodIdentity && finding.id.startsWith('IRSA-T')) {
        return [podIdentityTrustJson(report, roleArn)];
      }
      return [];
  }
}

/**
 * Snippets to bind a role to a service account that has none.
 *
 * @public
 */
export function bindingSnippets(
  report: IdentityReport,
  roleArn?: string,
): RemediationSnippet[] {
  return [kubectlAnnotate(report, roleArn), helmValues(report, roleArn)];
}
