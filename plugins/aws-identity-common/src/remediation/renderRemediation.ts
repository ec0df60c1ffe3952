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
import { StructuredFix } from '../checks/structuredFix';
import { RemediationSnippet, ServiceAccount } from '../domain/types';
import {
  annotateServiceAccount,
  dedicatedServiceAccount,
  removeIrsaAnnotation,
  removeStaticKeys,
  restartWorkloads,
  setFsGroup,
} from './kubernetesSnippets';
import {
  createOidcProvider,
  irsaTrustPolicy,
  podIdentityTrustPolicy,
  requireClusterTag,
  scopeResource,
} from './trustSnippets';

/**
 * Renders a check's structured fix as the snippets people copy: kubectl, Helm values,
 * trust-policy JSON, Terraform, eksctl. Trust documents come from the generators the scaffolder
 * uses and HCL from the same writer, so the tab never advises something the scaffolder would not
 * create. Unknown values are explicit placeholders; a fix the generators reject renders nothing.
 *
 * @public
 */
export function renderRemediation(fix: StructuredFix): RemediationSnippet[] {
  switch (fix.kind) {
    case 'irsa-trust-policy':
      return irsaTrustPolicy(fix);
    case 'pod-identity-trust-policy':
      return podIdentityTrustPolicy(fix);
    case 'create-oidc-provider':
      return createOidcProvider(fix);
    case 'annotate-service-account':
      return annotateServiceAccount(fix);
    case 'restart-workloads':
      return restartWorkloads(fix);
    case 'remove-static-keys':
      return removeStaticKeys(fix);
    case 'dedicated-service-account':
      return dedicatedServiceAccount(fix);
    case 'set-fs-group':
      return setFsGroup(fix);
    case 'remove-irsa-annotation':
      return removeIrsaAnnotation(fix);
    case 'require-cluster-tag':
      return requireClusterTag(fix);
    case 'scope-resource':
      return scopeResource(fix);
    default:
      return assertNever(fix);
  }
}

function assertNever(fix: never): never {
  throw new Error(`unknown structured fix ${JSON.stringify(fix)}`);
}

/**
 * Snippets that bind a role to a service account that has none (IRSA annotation with kubectl and
 * Helm values). Without a role ARN (the catalog declares none) they show a placeholder.
 *
 * @public
 */
export function bindingSnippets(
  serviceAccount: Pick<ServiceAccount, 'namespace' | 'name'>,
  roleArn?: string,
): RemediationSnippet[] {
  return renderRemediation({
    kind: 'annotate-service-account',
    namespace: serviceAccount.namespace,
    serviceAccount: serviceAccount.name,
    roleArn,
  });
}
