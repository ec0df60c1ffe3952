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

export { planMigration } from './planMigration';
export { assessMigrationReadiness, podIdentityAgentReadiness, POD_IDENTITY_AGENT_ADDON } from './readiness';
export { oidcReliance, planMigrationSteps } from './steps';
export { oidcStatementRemoval, podIdentityTrustChange } from './trustChange';
export { fargateSelections, fargateSelectorSelects } from './fargateSelectors';
export { summarizeMigrations } from './summarizeMigrations';
export type { FargateSelection } from './fargateSelectors';
export type { MigrationInput } from './migrationInput';
export type * from './types';
