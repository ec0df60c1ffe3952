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
import { IacFormat, RolePlan } from '../api/requests';
import { renderAck, renderCrossplane, renderEksctl } from './manifests';
import { renderServiceAccount } from './serviceAccount';
import { renderTerraform } from './terraform';
import { RenderedFile, policyJson } from './types';

export type { RenderedFile } from './types';
export { policyJson } from './types';
export { hclString } from './hcl';
export { renderMigration } from './migration';

const RENDERERS: Record<IacFormat, (plan: RolePlan) => RenderedFile[]> = {
  terraform: renderTerraform,
  ack: renderAck,
  crossplane: renderCrossplane,
  eksctl: renderEksctl,
};

/**
 * Renders a plan into files: the IaC for the chosen format, the service
 * account manifest, the Helm values snippet, both policies as JSON and the
 * plan summary. Deterministic: the same plan gives the same bytes. Files are
 * sorted by path.
 *
 * @public
 */
export function renderPlan(plan: RolePlan, format: IacFormat): RenderedFile[] {
  const files = [
    ...RENDERERS[format](plan),
    ...renderServiceAccount(plan),
    { path: 'policies/trust-policy.json', content: `${policyJson(plan.trustPolicy.document)}\n` },
    { path: 'policies/permission-policy.json', content: `${policyJson(plan.permissionPolicy.document)}\n` },
    {
      path: 'aws-identity-plan.json',
      content: `${JSON.stringify(
        { format, roleArn: plan.roleArn, risk: plan.risk, request: plan.input, grants: plan.grants, findings: plan.findings },
        null,
        2,
      )}\n`,
    },
  ];
  // Byte order, not locale order: the same plan must give the same file list everywhere.
  return files.sort((a, b) => {
    if (a.path === b.path) return 0;
    return a.path < b.path ? -1 : 1;
  });
}
