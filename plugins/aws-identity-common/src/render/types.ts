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
import { PolicyDocument, PolicyStatement } from '../policy/types';
import { ownershipTags } from '../requests/roleIdentity';

/**
 * One file of a rendered plan, relative to the render target directory.
 *
 * @public
 */
export interface RenderedFile {
  path: string;
  content: string;
}

/** A Kubernetes object name (DNS-1123 subdomain) derived from an IAM role name. */
export function kubernetesName(roleName: string): string {
  const name = roleName
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 253);
  return name || 'aws-identity-role';
}

/** The entity name of the component the role is for. */
export function entityName(plan: RolePlan): string {
  return plan.input.entityRef.slice(plan.input.entityRef.indexOf('/') + 1);
}

/**
 * Tags every rendered role carries, in every format: the ownership tags (`managed-by` set to
 * `aws-identity`, and the owning entity) by which a later request recognises the portal's own
 * role (`foreignRoleReason`), and the catalog entity and service account the inventory maps it
 * back by. The sandbox's pipeline applies them as Terraform, ACK and Crossplane would.
 *
 * @public
 */
export function roleTags(plan: {
  input: Pick<RolePlan['input'], 'entityRef' | 'namespace' | 'serviceAccount'>;
}): Record<string, string> {
  return {
    ...ownershipTags(plan.input.entityRef),
    'backstage.io/entity-ref': plan.input.entityRef,
    'aws-identity.io/service-account': `${plan.input.namespace}/${plan.input.serviceAccount}`,
  };
}

/** A policy document as the pretty JSON text IAM and the IaC tools accept. */
export function policyJson(document: unknown): string {
  return JSON.stringify(document, null, 2);
}

/** The description every rendered role carries. */
export function roleDescription(plan: RolePlan): string {
  return `Workload role of ${plan.input.entityRef} for service account ${plan.input.namespace}/${plan.input.serviceAccount} (${plan.input.binding})`;
}

/** The statements of a policy document as a list. */
export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}
