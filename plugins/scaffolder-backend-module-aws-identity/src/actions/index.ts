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
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AwsIdentityClient } from '@internal/plugin-aws-identity-node';
import { ScaffolderSettings } from '../config/readScaffolderSettings';
import { createAwsIdentityGitPublishAction } from './awsIdentityGitPublish';
import { createAwsIdentityRequestCreateAction } from './awsIdentityRequestCreate';
import { createAwsIdentityRolePlanAction } from './awsIdentityRolePlan';
import { createAwsIdentityRoleRenderAction } from './awsIdentityRoleRender';

export { createAwsIdentityGitPublishAction } from './awsIdentityGitPublish';
export type { GitPublishSettings } from './awsIdentityGitPublish';
export { createAwsIdentityRequestCreateAction } from './awsIdentityRequestCreate';
export { createAwsIdentityRolePlanAction } from './awsIdentityRolePlan';
export type { AwsIdentityActionOptions } from './awsIdentityRolePlan';
export { createAwsIdentityRoleRenderAction } from './awsIdentityRoleRender';

/**
 * All `aws-identity:*` scaffolder actions.
 *
 * @public
 */
export function createAwsIdentityActions(options: {
  settings: ScaffolderSettings;
  catalog: CatalogService;
  auth: AuthService;
  /** The aws-identity backend, for `aws-identity:request:create`. */
  client: AwsIdentityClient;
}) {
  const { settings, catalog, auth, client } = options;
  const common = {
    directory: settings.directory,
    // Plan with the issuers the backend takes (configuration, else EKS): one rule, one place.
    inventoryDirectory: async () =>
      client.getRequestDirectory({ credentials: await auth.getOwnServiceCredentials() }),
    catalog,
    defaultFormat: settings.defaultFormat,
  };
  return [
    createAwsIdentityRolePlanAction(common),
    createAwsIdentityRoleRenderAction(common),
    createAwsIdentityRequestCreateAction({ ...common, client, auth }),
    createAwsIdentityGitPublishAction({ settings: settings.gitPublish }),
  ];
}
