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

import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { awsIdentityClientServiceRef } from '@internal/plugin-aws-identity-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAwsIdentityActions } from './actions';
import { readScaffolderSettings } from './config/readScaffolderSettings';

/**
 * Registers the `aws-identity:*` actions with the scaffolder.
 *
 * @public
 */
export const awsIdentityScaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aws-identity',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        client: awsIdentityClientServiceRef,
      },
      async init({ scaffolder, config, catalog, auth, client }) {
        scaffolder.addActions(
          ...createAwsIdentityActions({ settings: readScaffolderSettings(config), catalog, auth, client }),
        );
      },
    });
  },
});
