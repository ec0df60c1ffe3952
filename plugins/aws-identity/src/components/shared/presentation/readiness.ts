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

import { MigrationReadinessState } from '@internal/plugin-aws-identity-common';

/**
 * Words and dot colour per readiness state (the migration plan's items, a cluster's Pod Identity
 * agent in the cluster picker); the engine decided the state.
 *
 * @public
 */
export const READINESS: Record<
  MigrationReadinessState,
  { label: string; dot: 'success' | 'warning' | 'danger' | 'info' }
> = {
  ready: { label: 'Ready', dot: 'success' },
  attention: { label: 'Ready, with a note', dot: 'info' },
  blocked: { label: 'Blocked', dot: 'danger' },
  unknown: { label: 'Unknown', dot: 'warning' },
};
