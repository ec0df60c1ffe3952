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
  BindingKind,
  PodIdentityAssociation,
  ServiceAccount,
} from '../domain/types';
import { WEBHOOK_ROLE_ARN_PATTERN } from '../parse/identifiers';
import { IRSA_ANNOTATIONS } from './annotations';

/**
 * How one service account gets its AWS role: the IRSA annotation, its EKS Pod Identity
 * associations, and which of them new pods take.
 *
 * @public
 */
export interface ResolvedBinding {
  kind: BindingKind;
  /** The `eks.amazonaws.com/role-arn` annotation, trimmed; may be malformed (see `irsaRoleArnValid`). */
  irsaRoleArn?: string;
  /** Whether the annotation is a role ARN the webhook accepts (`WEBHOOK_ROLE_ARN_PATTERN`). */
  irsaRoleArnValid: boolean;
  /** This service account's Pod Identity associations. */
  associations: PodIdentityAssociation[];
  /** Distinct association roles, in association order. */
  podIdentityRoleArns: string[];
  /**
   * The path new pods take. With both bindings the webhook injects Pod Identity's container
   * credentials and the SDK uses them, so Pod Identity wins over IRSA.
   */
  effective: 'irsa' | 'pod-identity' | 'none';
  /**
   * Every role ARN the binding names, for inventory lookups: the annotation (when set),
   * the association roles and their target roles.
   */
  roleArns: string[];
}

/**
 * True when an association binds the service account.
 *
 * @public
 */
export function associationBinds(
  association: PodIdentityAssociation,
  serviceAccount: Pick<ServiceAccount, 'cluster' | 'namespace' | 'name'>,
): boolean {
  return (
    association.cluster === serviceAccount.cluster &&
    association.namespace === serviceAccount.namespace &&
    association.serviceAccount === serviceAccount.name
  );
}

/**
 * Decides which roles a service account gets and which one wins. The only derivation of a
 * binding: the report builder, the index, the org views and the remediation all call it.
 * `associations` may hold any cluster's associations; the others are ignored.
 *
 * @public
 */
export function resolveBinding(
  serviceAccount: Pick<
    ServiceAccount,
    'cluster' | 'namespace' | 'name' | 'annotations'
  >,
  associations: Iterable<PodIdentityAssociation>,
): ResolvedBinding {
  const annotation =
    serviceAccount.annotations[IRSA_ANNOTATIONS.roleArn]?.trim() || undefined;
  const own: PodIdentityAssociation[] = [];
  for (const association of associations) {
    if (associationBinds(association, serviceAccount)) own.push(association);
  }
  const podIdentityRoleArns = [...new Set(own.map(a => a.roleArn))];
  let kind: BindingKind = 'none';
  if (annotation && own.length > 0) kind = 'both';
  else if (annotation) kind = 'irsa';
  else if (own.length > 0) kind = 'pod-identity';
  let effective: ResolvedBinding['effective'] = 'none';
  if (own.length > 0) effective = 'pod-identity';
  else if (annotation) effective = 'irsa';
  const roleArns = new Set<string>();
  if (annotation) roleArns.add(annotation);
  for (const association of own) {
    roleArns.add(association.roleArn);
    if (association.targetRoleArn) roleArns.add(association.targetRoleArn);
  }
  return {
    kind,
    irsaRoleArn: annotation,
    irsaRoleArnValid:
      annotation !== undefined && WEBHOOK_ROLE_ARN_PATTERN.test(annotation),
    associations: own,
    podIdentityRoleArns,
    effective,
    roleArns: [...roleArns],
  };
}
