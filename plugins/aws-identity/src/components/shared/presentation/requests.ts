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
  RoleRequest,
  RoleRequestRisk,
  RoleRequestState,
} from '@internal/plugin-aws-identity-common';

/**
 * Status colour of a request state.
 *
 * @public
 */
export function requestStateColor(
  state: RoleRequestState,
): 'success' | 'danger' | 'warning' | 'info' {
  switch (state) {
    case 'verified':
    case 'live':
      return 'success';
    case 'rejected':
    case 'failed':
    case 'drifted':
      return 'danger';
    case 'withdrawn':
    case 'expired':
      return 'warning';
    default:
      return 'info';
  }
}

/**
 * Status colour of a plan's risk.
 *
 * @public
 */
export function riskColor(
  risk: RoleRequestRisk,
): 'success' | 'danger' | 'warning' | 'info' {
  if (risk === 'critical' || risk === 'high') return 'danger';
  if (risk === 'medium') return 'warning';
  if (risk === 'low') return 'info';
  return 'success';
}

/**
 * The text of a delivery link: "Pull request #7" or "Branch aws-identity/x".
 *
 * @public
 */
export function deliveryLabel(
  delivery: NonNullable<RoleRequest['delivery']>,
): string {
  if (delivery.kind === 'github-pull-request') {
    return delivery.number !== undefined
      ? `Pull request #${delivery.number}`
      : 'Pull request';
  }
  return `Branch ${delivery.branch}`;
}
