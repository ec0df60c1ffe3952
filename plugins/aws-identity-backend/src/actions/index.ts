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
import { createCreateRequestAction } from './createCreateRequestAction';
import { createEvaluateTrustAction } from './createEvaluateTrustAction';
import { createExplainErrorAction } from './createExplainErrorAction';
import { createGetIdentityAction } from './createGetIdentityAction';
import { createListFindingsAction } from './createListFindingsAction';
import { createPlanRoleAction } from './createPlanRoleAction';
import { AwsIdentityActionsOptions } from './util';

export type { AwsIdentityActionsOptions } from './util';

/**
 * Registers the plugin's actions with the Actions Registry, which prefixes the plugin id:
 * `aws-identity:get-identity`, `:evaluate-trust`, `:explain-error`, `:plan-role`,
 * `:list-findings` and `:create-request`. The MCP actions backend serves them as tools when
 * `backend.actions.pluginSources` lists `aws-identity`.
 *
 * @internal
 */
export function registerAwsIdentityActions(options: AwsIdentityActionsOptions): void {
  createGetIdentityAction(options);
  createEvaluateTrustAction(options);
  createExplainErrorAction(options);
  createPlanRoleAction(options);
  createListFindingsAction(options);
  createCreateRequestAction(options);
}
