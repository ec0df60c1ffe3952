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
  CreateOidcProviderFix,
  IrsaTrustPolicyFix,
  PodIdentityTrustPolicyFix,
  RequireClusterTagFix,
  ScopeResourceFix,
} from '../checks/structuredFix';
import { RemediationSnippet } from '../domain/types';
import { DEFAULT_IRSA_AUDIENCE } from '../evaluate/workloadRequests';
import {
  GeneratedPolicy,
  generateIrsaTrustPolicy,
  generatePodIdentityTrustPolicy,
} from '../generate/generatePolicies';
import { parseArn, parseRoleArn } from '../parse/identifiers';
import { ParseResult } from '../parse/result';
import {
  renderOidcProviderTerraform,
  renderRoleTrustTerraform,
} from '../render/terraform';
import { policyJson } from '../render/types';
import { PLACEHOLDERS } from './placeholders';

/** The role's name and path for Terraform, or a placeholder name when the ARN is not a role ARN. */
function roleOf(roleArn: string): { name: string; path?: string } {
  const role = parseRoleArn(roleArn);
  return role.ok
    ? { name: role.value.name, path: role.value.path }
    : { name: PLACEHOLDERS.roleName };
}

/**
 * The trust document as JSON and as Terraform. When the role does not exist yet the Terraform
 * comes first: it creates the role.
 */
function trustSnippets(
  roleArn: string,
  generated: ParseResult<GeneratedPolicy>,
  roleExists: boolean,
): RemediationSnippet[] {
  // The generator validates every value; what it rejects is not offered as a fix.
  if (!generated.ok) return [];
  const json: RemediationSnippet = {
    label: 'Trust policy JSON',
    language: 'json',
    code: generated.value.text.trimEnd(),
  };
  const terraform: RemediationSnippet = {
    label: 'Terraform',
    language: 'hcl',
    code: renderRoleTrustTerraform(roleOf(roleArn), generated.value.document),
  };
  return roleExists ? [json, terraform] : [terraform, json];
}

/** The IRSA trust the scaffolder generates for exactly this service account. */
export function irsaTrustPolicy(fix: IrsaTrustPolicyFix): RemediationSnippet[] {
  const arn = parseArn(fix.roleArn);
  const generated = generateIrsaTrustPolicy({
    accountId: fix.accountId,
    issuers: [fix.issuerHostPath],
    serviceAccounts: [{ namespace: fix.namespace, name: fix.serviceAccount }],
    audience: fix.audience,
    partition: arn.ok ? arn.value.partition : undefined,
  });
  return trustSnippets(fix.roleArn, generated, fix.roleExists);
}

/**
 * The EKS Pod Identity trust the scaffolder generates. Clusters of other accounts are left out:
 * Pod Identity only associates roles of the cluster's own account (PID-04).
 */
export function podIdentityTrustPolicy(
  fix: PodIdentityTrustPolicyFix,
): RemediationSnippet[] {
  const clusterArns = fix.clusterArns.filter(clusterArn => {
    const arn = parseArn(clusterArn);
    return arn.ok && arn.value.accountId === fix.accountId;
  });
  const generated = generatePodIdentityTrustPolicy({
    accountId: fix.accountId,
    clusterArns,
  });
  return trustSnippets(fix.roleArn, generated, true);
}

/** The OIDC provider for the issuer, with Terraform and with eksctl. */
export function createOidcProvider(
  fix: CreateOidcProviderFix,
): RemediationSnippet[] {
  const cluster = fix.eksClusterName ?? PLACEHOLDERS.eksClusterName;
  const region = fix.region ?? PLACEHOLDERS.region;
  return [
    {
      label: 'Terraform',
      language: 'hcl',
      code: renderOidcProviderTerraform(`https://${fix.issuerHostPath}`, [
        DEFAULT_IRSA_AUDIENCE,
      ]),
    },
    {
      label: 'eksctl',
      language: 'shell',
      code: `eksctl utils associate-iam-oidc-provider --cluster ${cluster} --region ${region} --approve`,
    },
  ];
}

/** The condition block that ties a tag-based permission statement to the clusters meant to use it. */
export function requireClusterTag(
  fix: RequireClusterTagFix,
): RemediationSnippet[] {
  const arns =
    fix.clusterArns.length > 0 ? fix.clusterArns : [PLACEHOLDERS.clusterArn];
  const condition = {
    StringEquals: {
      'aws:PrincipalTag/eks-cluster-arn': arns.length === 1 ? arns[0] : arns,
    },
  };
  return [
    {
      label: `Condition JSON (add to ${fix.policyName} statement ${fix.statementIndex})`,
      language: 'json',
      code: policyJson(condition),
    },
  ];
}

/** The narrower `Resource` for one permission statement, as JSON to paste over the old one. */
export function scopeResource(fix: ScopeResourceFix): RemediationSnippet[] {
  return [
    {
      label: `Resource JSON (replace ${fix.resource} in ${fix.policyName} statement ${fix.statementIndex})`,
      language: 'json',
      code: policyJson({ Resource: fix.scoped }),
    },
  ];
}
