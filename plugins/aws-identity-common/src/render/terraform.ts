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
import { RolePlan } from '../api/requests';
import { normalizeIssuer } from '../parse/identifiers';
import { PolicyDocument, PolicyStatement } from '../policy/types';
import { HclExpression, HclValue, hclBlock, hclIdentifier, hclLabel } from './hcl';
import { RenderedFile, entityName, roleDescription, roleTags, statementsOf } from './types';

const IRSA_MODULE = 'terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts';
const IRSA_MODULE_VERSION = '~> 6.0';
const POD_IDENTITY_MODULE = 'terraform-aws-modules/eks-pod-identity/aws';
const POD_IDENTITY_MODULE_VERSION = '~> 2.0';

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** True when an issuer URL and an OIDC provider ARN name the same issuer. */
function sameIssuer(issuer: string | undefined, providerArn: string): boolean {
  const a = normalizeIssuer(issuer);
  const b = normalizeIssuer(providerArn);
  return a.ok && b.ok && a.value.hostPath === b.value.hostPath;
}

/** A condition block of the modules' statement maps (`test`, `variable`, `values`). */
function conditionList(condition: PolicyStatement['Condition']): HclValue[] {
  return Object.entries(condition ?? {}).flatMap(([test, keys]) =>
    Object.entries(keys as Record<string, unknown>).map(([variable, values]) => ({
      test,
      variable,
      values: (Array.isArray(values) ? values : [values]).map(String),
    })),
  );
}

/**
 * A statement in the modules' statement-map shape (`sid`, `actions`, `resources`, and where the
 * statement has them `not_actions`, `not_resources` and `condition`): everything an identity
 * policy statement says, so a plan made of a live role's statements renders whole.
 */
function statementObject(statement: PolicyStatement): { [key: string]: HclValue } {
  return {
    sid: statement.Sid ?? '',
    effect: statement.Effect,
    ...(statement.NotAction !== undefined ? { not_actions: asList(statement.NotAction) } : { actions: asList(statement.Action) }),
    ...(statement.NotResource !== undefined
      ? { not_resources: asList(statement.NotResource) }
      : { resources: asList(statement.Resource) }),
    ...(statement.Condition ? { condition: conditionList(statement.Condition) } : {}),
  };
}

/**
 * The module's output for its role: `arn` and `name` in the IRSA module
 * (`iam-role-for-service-accounts`), `iam_role_arn` and `iam_role_name` in `eks-pod-identity`.
 */
function moduleRole(label: string, irsa: boolean, what: 'arn' | 'name'): HclExpression {
  return HclExpression.reference(`module.${label}.${irsa ? what : `iam_role_${what}`}`);
}

/**
 * The provider's exclusive resources for the module's role (Terraform AWS provider
 * `aws_iam_role_policies_exclusive` and `aws_iam_role_policy_attachments_exclusive`): an inline
 * policy or managed policy attached outside this code is removed on the next apply, so applying
 * the code again puts the plan back whole (which is what a restore of drift relies on).
 */
function exclusivePolicies(label: string, irsa: boolean, inlinePolicyNames: HclValue[], policyArns: HclValue[]): string[] {
  const role = moduleRole(label, irsa, 'name');
  return [
    hclBlock('resource', ['aws_iam_role_policies_exclusive', label], { role_name: role, policy_names: inlinePolicyNames }),
    '',
    hclBlock('resource', ['aws_iam_role_policy_attachments_exclusive', label], { role_name: role, policy_arns: policyArns }),
    '',
  ];
}

/** The arguments both modules take first: where the module comes from, and the role's name, path and description. */
function moduleHeader(plan: RolePlan, source: string, version: string): { [key: string]: HclValue } {
  return {
    source,
    version,
    name: plan.input.roleName,
    use_name_prefix: false,
    path: plan.input.rolePath ?? '/',
    description: roleDescription(plan),
  };
}

function irsaModule(plan: RolePlan): { [key: string]: HclValue } {
  const { input } = plan;
  const providers: { [key: string]: HclValue } = {};
  for (const statement of statementsOf(plan.trustPolicy.document)) {
    const federated = (statement.Principal as { Federated: string }).Federated;
    const cluster = input.clusters.find(c => sameIssuer(c.issuer, federated));
    providers[cluster?.name ?? federated] = {
      provider_arn: federated,
      namespace_service_accounts: [`${input.namespace}:${input.serviceAccount}`],
    };
  }
  const permissions: { [key: string]: HclValue } = {};
  for (const statement of statementsOf(plan.permissionPolicy.document)) {
    permissions[statement.Sid ?? `Statement${Object.keys(permissions).length}`] = statementObject(statement);
  }
  return {
    ...moduleHeader(plan, IRSA_MODULE, IRSA_MODULE_VERSION),
    oidc_providers: providers,
    trust_condition_test: 'StringEquals',
    create_inline_policy: true,
    inline_policy_permissions: permissions,
    tags: roleTags(plan),
  };
}

/** True when the plan sets an association option the module's `associations` map does not take. */
function hasAssociationOptions(plan: RolePlan): boolean {
  const { input } = plan;
  return input.targetRoleArn !== undefined || input.sessionPolicy !== undefined || input.disableSessionTags !== undefined;
}

/**
 * One `aws_eks_pod_identity_association` per cluster (Terraform AWS provider: `target_role_arn`,
 * `disable_session_tags`, `policy`), for plans with association options; the role comes from
 * the module.
 */
function associationResources(plan: RolePlan, label: string): string[] {
  const { input } = plan;
  return input.clusters.map(cluster =>
    hclBlock('resource', ['aws_eks_pod_identity_association', hclIdentifier(label, cluster.name)], {
      cluster_name: cluster.eksClusterName ?? cluster.name,
      namespace: input.namespace,
      service_account: input.serviceAccount,
      role_arn: moduleRole(label, false, 'arn'),
      ...(input.targetRoleArn ? { target_role_arn: input.targetRoleArn } : {}),
      ...(input.disableSessionTags !== undefined ? { disable_session_tags: input.disableSessionTags } : {}),
      ...(input.sessionPolicy !== undefined
        ? { policy: HclExpression.call('jsonencode', JSON.parse(input.sessionPolicy) as HclValue) }
        : {}),
      tags: roleTags(plan),
    }),
  );
}

function podIdentityModule(plan: RolePlan): { [key: string]: HclValue } {
  const { input } = plan;
  const associations: { [key: string]: HclValue } = {};
  // Options the module's associations map does not take go to resources of their own.
  if (!hasAssociationOptions(plan)) {
    for (const cluster of input.clusters) {
      associations[cluster.name] = {
        cluster_name: cluster.eksClusterName ?? cluster.name,
        namespace: input.namespace,
        service_account: input.serviceAccount,
      };
    }
  }
  const conditions = statementsOf(plan.trustPolicy.document).flatMap(statement => conditionList(statement.Condition));
  return {
    ...moduleHeader(plan, POD_IDENTITY_MODULE, POD_IDENTITY_MODULE_VERSION),
    trust_policy_conditions: conditions,
    attach_custom_policy: true,
    policy_statements: statementsOf(plan.permissionPolicy.document).map(statementObject),
    associations,
    tags: roleTags(plan),
  };
}

/**
 * Renders a plan as a call of the terraform-aws-modules IRSA module
 * (`iam-role-for-service-accounts`, formerly `-eks`) or, for Pod Identity, of
 * `eks-pod-identity`. Every value goes through {@link hclString}.
 */
export function renderTerraform(plan: RolePlan): RenderedFile[] {
  const irsa = plan.input.binding === 'irsa';
  const label = hclIdentifier(irsa ? 'irsa' : 'pod_identity', plan.input.roleName);
  const body = irsa ? irsaModule(plan) : podIdentityModule(plan);
  const content = [
    // A comment ends at the line break: keep only printable ASCII of the (validated) name.
    `# Generated by aws-identity for ${entityName(plan).replace(/[^\x20-\x7e]/g, '?')}; review in the pull request, do not edit by hand.`,
    hclBlock('module', [label], body),
    '',
    hclBlock('output', [`${label}_role_arn`], { value: moduleRole(label, irsa, 'arn') }),
    '',
    ...(!irsa && hasAssociationOptions(plan) ? associationResources(plan, label).flatMap(block => [block, '']) : []),
    // The IRSA module writes the permissions as the inline policy named after the role; the Pod
    // Identity module as a managed policy it attaches.
    ...(irsa
      ? exclusivePolicies(label, true, [plan.input.roleName], [])
      : exclusivePolicies(label, false, [], [HclExpression.reference(`module.${label}.iam_policy_arn`)])),
  ].join('\n');
  return [{ path: `terraform/${plan.input.roleName}.tf`, content }];
}

/**
 * Terraform for one role's trust: an `aws_iam_role` whose `assume_role_policy` is the given
 * document, written with `jsonencode` so that every value goes through the HCL string quoting.
 * The remediation snippets use it with the trust policy the generators produce; a whole plan is
 * rendered by {@link renderTerraform}.
 */
export function renderRoleTrustTerraform(role: { name: string; path?: string }, trustPolicy: PolicyDocument): string {
  return hclBlock('resource', ['aws_iam_role', hclLabel(role.name)], {
    name: role.name,
    ...(role.path && role.path !== '/' ? { path: role.path } : {}),
    assume_role_policy: HclExpression.call('jsonencode', trustPolicy as unknown as HclValue),
  });
}

/**
 * Terraform that registers a cluster's OIDC issuer as an IAM OIDC identity provider, with the
 * issuer's current TLS certificate as thumbprint (the `tls` provider reads it).
 */
export function renderOidcProviderTerraform(issuerUrl: string, clientIds: string[]): string {
  const label = 'cluster_issuer';
  return [
    hclBlock('data', ['tls_certificate', label], { url: issuerUrl }),
    '',
    hclBlock('resource', ['aws_iam_openid_connect_provider', label], {
      url: issuerUrl,
      client_id_list: clientIds,
      thumbprint_list: [HclExpression.reference(`data.tls_certificate.${label}.certificates[0].sha1_fingerprint`)],
    }),
  ].join('\n');
}
