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
import { MigrationRequestPlan, RequestKind, RolePlan, RoleRequestRisk } from '../api/requests';
import { Finding } from '../domain/types';

/**
 * What the kind-independent rules read of a request: a role request's plan or a migration
 * request's plan.
 * @public
 */
export type KindedRequest =
  | { kind?: 'role'; plan: Pick<RolePlan, 'risk'> & Partial<Pick<RolePlan, 'roleArn' | 'findings'>> }
  | { kind: 'migration'; migration: Pick<MigrationRequestPlan, 'risk'> & Partial<Pick<MigrationRequestPlan, 'targets' | 'findings'>> };

/**
 * The kind of a request; role requests recorded before migration requests carry none.
 * @public
 */
export function requestKind(request: KindedRequest): RequestKind {
  return request.kind === 'migration' ? 'migration' : 'role';
}

/**
 * The risk the approver decides on: the plan's, whatever the kind.
 * @public
 */
export function requestRisk(request: KindedRequest): RoleRequestRisk {
  return request.kind === 'migration' ? request.migration.risk : request.plan.risk;
}

/**
 * The findings of the request's plan, most severe first.
 * @public
 */
export function requestFindings(request: KindedRequest): Finding[] {
  return (request.kind === 'migration' ? request.migration.findings : request.plan.findings) ?? [];
}

/**
 * What the request is about in a few words, for notifications, audit and list rows: the role's
 * ARN, or the service accounts a migration moves.
 * @public
 */
export function requestSubject(request: KindedRequest): string {
  if (request.kind !== 'migration') return request.plan.roleArn ?? '';
  const targets = request.migration.targets ?? [];
  const names = targets.map(t => `${t.serviceAccount.cluster}/${t.serviceAccount.namespace}/${t.serviceAccount.name}`);
  return `IRSA → EKS Pod Identity: ${names.length === 1 ? names[0] : `${names.length} service accounts`}`;
}
