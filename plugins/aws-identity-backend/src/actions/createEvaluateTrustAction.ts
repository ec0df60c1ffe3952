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
import { InputError } from '@backstage/errors';
import {
  TrustSubject,
  assessTrustPolicy,
  awsIdentityFindingsReadPermission,
  eksClusterNameOfArn,
  normalizeIssuer,
  parseArn,
  parsePolicy,
  validateAccountId,
} from '@internal/plugin-aws-identity-common';
import { requireCredentialsPermission } from '../auth/requirePermission';
import { asJson, AwsIdentityActionsOptions, findingSchema } from './util';

/** The subject of the input, validated by the engine's parsers; a 400 names the field. */
function subjectOf(input: {
  via?: 'irsa' | 'pod-identity';
  namespace: string;
  serviceAccount: string;
  issuer?: string;
  audience?: string;
  clusterArn?: string;
}): TrustSubject {
  const { namespace, serviceAccount } = input;
  if (input.via === 'pod-identity') {
    if (input.issuer !== undefined || input.audience !== undefined) {
      throw new InputError('issuer: issuer and audience are for IRSA; EKS Pod Identity needs clusterArn');
    }
    const arn = parseArn(input.clusterArn);
    const name = eksClusterNameOfArn(input.clusterArn);
    if (input.clusterArn === undefined || !arn.ok || arn.value.service !== 'eks' || !name) {
      throw new InputError('clusterArn: expected arn:aws:eks:REGION:ACCOUNT:cluster/NAME');
    }
    return {
      via: 'pod-identity',
      cluster: { arn: input.clusterArn, name, accountId: arn.value.accountId, region: arn.value.region },
      namespace,
      serviceAccount,
    };
  }
  if (input.clusterArn !== undefined) throw new InputError('clusterArn: only with via pod-identity');
  const issuer = normalizeIssuer(input.issuer);
  if (!issuer.ok) throw new InputError(`issuer: ${issuer.error}`);
  return { via: 'irsa', issuerHostPath: issuer.value.hostPath, namespace, serviceAccount, audience: input.audience };
}

/**
 * `aws-identity:evaluate-trust`: may a service account assume a role with this trust policy,
 * and what is wrong with the policy? The engine's evaluator and trust checks
 * (`assessTrustPolicy`, as the CLI's `trust` command), over the given text only: nothing is
 * read from AWS.
 *
 * @internal
 */
export function createEvaluateTrustAction(options: AwsIdentityActionsOptions) {
  const { actionsRegistry, permissions } = options;
  actionsRegistry.register({
    name: 'evaluate-trust',
    title: 'Evaluate an IAM trust policy for a service account',
    description: `Evaluates an IAM role trust policy the way STS does for one Kubernetes service account: through IRSA (\`sts:AssumeRoleWithWebIdentity\` with the cluster's OIDC token) or EKS Pod Identity (\`sts:AssumeRole\` and \`sts:TagSession\` by \`pods.eks.amazonaws.com\`), and runs the trust checks (wildcard subjects, missing audience, other clusters admitted, size quota, …).

## When to use
- Before applying a trust policy: "would payments/api on this cluster be allowed?"
- To understand a denial: \`deciding\` lists the statements that decided, \`explanation\` says why.

Nothing is read from AWS: the answer is about the policy text given.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: awsIdentityFindingsReadPermission,
    schema: {
      input: z =>
        z.object({
          trustPolicy: z.string().describe('The trust policy document, as JSON text.'),
          accountId: z.string().describe("The role's AWS account (12 digits), which holds the OIDC provider an IRSA trust names."),
          via: z
            .enum(['irsa', 'pod-identity'])
            .optional()
            .describe('How the pods ask for the role: `irsa` (default) or `pod-identity`.'),
          namespace: z.string().describe('Namespace of the service account.'),
          serviceAccount: z.string().describe('Name of the service account.'),
          issuer: z
            .string()
            .optional()
            .describe("IRSA: the cluster's OIDC issuer URL, e.g. `https://oidc.eks.eu-west-1.amazonaws.com/id/ABC`."),
          audience: z.string().optional().describe('IRSA: the token audience. Default `sts.amazonaws.com`.'),
          clusterArn: z
            .string()
            .optional()
            .describe('EKS Pod Identity: the cluster, `arn:aws:eks:REGION:ACCOUNT:cluster/NAME`.'),
          trustPolicyQuota: z
            .number()
            .optional()
            .describe("The account's trust policy size quota (`AssumeRolePolicySizeQuota`); IAM's default 2048 when absent."),
        }),
      output: z =>
        z.object({
          allowed: z.boolean().describe('Whether every request the path makes is allowed.'),
          via: z.enum(['irsa', 'pod-identity']),
          decision: z.string().describe('The first request\'s decision: `allow`, `explicit-deny` or `implicit-deny`.'),
          deciding: z
            .array(z.object({ index: z.number(), sid: z.string().optional(), effect: z.string(), reason: z.string() }).passthrough())
            .describe('The statements that decided.'),
          explanation: z.string(),
          evaluations: z.array(z.object({ action: z.string(), allowed: z.boolean() }).passthrough()),
          findings: z.array(findingSchema(z)),
        }),
    },
    examples: [
      {
        title: 'IRSA trust for payments/api',
        input: {
          trustPolicy:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub":"system:serviceaccount:payments:api","oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud":"sts.amazonaws.com"}}}]}',
          accountId: '111122223333',
          namespace: 'payments',
          serviceAccount: 'api',
          issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      await requireCredentialsPermission({ permissions, credentials, require: { permission: awsIdentityFindingsReadPermission } });
      const account = validateAccountId(input.accountId);
      if (!account.ok) throw new InputError(`accountId: ${account.error}`);
      const subject = subjectOf(input);
      const policy = parsePolicy(input.trustPolicy);
      if (!policy.ok) throw new InputError(`trustPolicy: ${policy.error}`);
      const { decision, findings } = assessTrustPolicy({
        policy: policy.value,
        roleAccountId: account.value,
        roleRef: `role in ${account.value}`,
        subject,
        trustPolicyQuota: input.trustPolicyQuota,
      });
      const evaluated = asJson(decision);
      return {
        output: {
          allowed: decision.allowed,
          via: subject.via,
          decision: decision.evaluations[0].decision,
          deciding: evaluated.deciding,
          explanation: decision.explanation,
          evaluations: evaluated.evaluations,
          findings: asJson(findings),
        },
      };
    },
  });
}
