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
  Cluster,
  comparePlanWithLiveRole,
  Role,
  RoleRequest,
} from '@internal/plugin-aws-identity-common';

/**
 * Differences between the live role and the plan, in words for the requester: the drift of the
 * engine's one comparison with the live role (the same the request view shows as a diff).
 */
export function compareWithPlan(request: RoleRequest, role: Role, clusters: readonly Cluster[]): string[] {
  return comparePlanWithLiveRole(request.plan, role, clusters).drift;
}
