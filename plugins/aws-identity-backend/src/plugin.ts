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
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  awsIdentityAwsSourceExtensionPoint,
  awsIdentityClusterSourceExtensionPoint,
  awsIdentityDeliveryExtensionPoint,
} from '@internal/plugin-aws-identity-node';
import { AwsIdentityExtensions } from './service/AwsIdentityExtensions';
import { AwsIdentityInitializer } from './service/AwsIdentityInitializer';

/**
 * The aws-identity backend plugin, mounted at `/api/aws-identity`. Its AWS source, cluster
 * source and delivery can be replaced or wrapped by modules through the extension points of
 * the aws-identity `-node` package (`awsIdentityAwsSourceExtensionPoint` and its siblings).
 *
 * @public
 */
export const awsIdentityPlugin = createBackendPlugin({
  pluginId: 'aws-identity',
  register(env) {
    const extensions = new AwsIdentityExtensions();
    env.registerExtensionPoint(awsIdentityAwsSourceExtensionPoint, extensions.awsSourceExtensionPoint);
    env.registerExtensionPoint(awsIdentityClusterSourceExtensionPoint, extensions.clusterSourceExtensionPoint);
    env.registerExtensionPoint(awsIdentityDeliveryExtensionPoint, extensions.deliveryExtensionPoint);

    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        database: coreServices.database,
        auditor: coreServices.auditor,
        notifications: notificationService,
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({ httpRouter, ...deps }) {
        const { router } = await AwsIdentityInitializer.create({ ...deps, extensions }).init();
        httpRouter.use(router);
        // Health is the only route a caller may reach without credentials: load balancers
        // and the sandbox's readiness probe call it before anyone has signed in.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
