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
 * Test helpers of the aws-identity engine: the bad-input cases every entry point that
 * re-validates role requests (the backend's request API, the scaffolder actions) must reject,
 * each naming the field; and the trust policies the EKS User Guide writes, for tests that need a
 * well-formed IRSA or Pod Identity binding. Not part of the main entry point.
 *
 * @packageDocumentation
 */

export { badRoleRequestCases } from './badRoleRequests';
export type { BadRoleRequestCase } from './badRoleRequests';
export {
  irsaTrustPolicy,
  podIdentityTrustPolicy,
} from './eksUserGuidePolicies';
export type { ExampleTrustPolicy } from './eksUserGuidePolicies';
// The draft a case patches, named here too so that this entry point's API is complete.
export type { RoleRequestDraft } from '../generate/planRoleRequest';
