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

import { MigrationPlan, MigrationSummary } from './types';

/**
 * Counts a component's migration plans for its summary line: a plan is ready when no readiness
 * item is blocked or unknown (whatever step it is at).
 *
 * @public
 */
export function summarizeMigrations(plans: ReadonlyArray<MigrationPlan>): MigrationSummary {
  const count = (status: MigrationPlan['status']) => plans.filter(p => p.status === status).length;
  const blocked = count('blocked');
  const unknown = count('unknown');
  const migrated = count('migrated');
  const ready = plans.length - blocked - unknown;
  const noun = plans.length === 1 ? 'service account' : 'service accounts';
  return {
    total: plans.length,
    ready,
    migrated,
    blocked,
    unknown,
    headline:
      plans.length === 0
        ? 'No service account is bound with IRSA: nothing to migrate.'
        : `${ready} of ${plans.length} ${noun} ready to migrate to EKS Pod Identity${migrated > 0 ? ` (${migrated} migrated)` : ''}.`,
  };
}
