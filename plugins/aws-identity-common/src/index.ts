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

/**
 * Domain types, permissions and the pure identity engine of the aws-identity
 * plugins: IAM policy evaluation for IRSA and EKS Pod Identity, the check
 * registry, permission summaries, policy generation and the per-service-account
 * report builder. No I/O; runs in the backend, the CLI and the browser.
 *
 * @packageDocumentation
 */

export * from './domain/types';
export * from './binding/annotations';
export * from './binding/resolveBinding';
export * from './parse/result';
export * from './parse/identifiers';
export * from './parse/ownerRef';
export * from './policy/types';
export * from './policy/parsePolicy';
export * from './evaluate/wildcard';
export * from './evaluate/conditions';
export * from './evaluate/evaluatePolicy';
export * from './evaluate/workloadRequests';
export * from './evaluate/trustBreadth';
export * from './checks/types';
export * from './checks/trustChecks';
export * from './checks/bindingChecks';
export * from './checks/permissionChecks';
export * from './checks/podIdentityChecks';
export * from './checks/registry';
export { ACCESS_LEVELS } from './actions/encodeActionData';
export type { AccessLevel } from './actions/encodeActionData';
export * from './actions/actionCatalog';
export { ACTION_DATA_SOURCE } from './actions/actionData.generated';
export * from './summary/summarizePermissions';
export * from './generate/presets';
export * from './generate/generatePolicies';
export * from './report/types';
export * from './report/buildIdentityReport';
export * from './permissions';
export * from './api/types';
export * from './api/requests';
export * from './generate/planRoleRequest';
export * from './testing/badRoleRequests';
export * from './render';
export * from './requests/lifecycle';
export * from './requests/requestActions';
export * from './requests/requestTeam';
export * from './diff/lineDiff';
export * from './diff/canonicalJson';
export * from './requests/compareWithLive';
export * from './explain/classifyStsError';
export * from './explain/explainStsError';
