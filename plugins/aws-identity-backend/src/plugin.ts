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
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { awsIdentityPermissions, catalogOwnerOf } from '@internal/plugin-aws-identity-common';
import { readAwsIdentityConfig } from './config';
import { connectDatabase } from './database/migrateDatabase';
import { SourceSnapshotStore } from './database/SourceSnapshotStore';
import { EntityDirectory } from './index/EntityDirectory';
import { IdentityIndex } from './index/IdentityIndex';
import { OrgViews } from './index/orgViews';
import { readDelivery } from './delivery/readDelivery';
import { createRequestsRouter, DatabaseRequestStore, RequestNotifier, RequestWorkflow } from './requests';
import { createRouter } from './router';
import { AwsInventory } from './sources/aws/AwsInventory';
import { addCatalogClusters } from './sources/kubernetes/catalogClusters';
import { ClusterRegistry } from './sources/kubernetes/ClusterRegistry';
import {
  readConfiguredClusters,
  usesCatalogClusters,
} from './sources/kubernetes/clusterConfig';

/**
 * The aws-identity backend plugin, mounted at `/api/aws-identity`.
 *
 * @public
 */
export const awsIdentityPlugin = createBackendPlugin({
  pluginId: 'aws-identity',
  register(env) {
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
      },
      async init(deps) {
        const { httpRouter, logger, config, scheduler, lifecycle } = deps;
        deps.permissionsRegistry.addPermissions(awsIdentityPermissions);

        const settings = readAwsIdentityConfig(config);
        const credentials = DefaultAwsCredentialsManager.fromConfig(config);
        const { clusters, unsupported } = readConfiguredClusters(config);
        for (const { name, reason } of unsupported) {
          logger.warn(`aws-identity: cluster ${name} is skipped: ${reason}`);
        }

        const store = new SourceSnapshotStore(await connectDatabase(deps.database));
        // The index is created below; changes before that have nothing to invalidate.
        let invalidate = () => {};
        const registry = new ClusterRegistry({
          credentials,
          logger,
          onChange: () => invalidate(),
        });
        for (const cluster of clusters) await registry.add(cluster);
        const aws = new AwsInventory({
          store,
          config: settings,
          credentials,
          logger,
          eksClusters: registry.eksClusters,
        });
        const index = new IdentityIndex(aws, registry.indexed);
        invalidate = () => index.invalidate();
        const directory = new EntityDirectory(deps.catalog, deps.auth, logger);
        const orgViews = new OrgViews(index, directory);
        aws.onChange(() => index.invalidate());

        // One replica reads AWS per interval (global scope) and shares what it read through the
        // database; every replica loads changed snapshots into its own index.
        await scheduler.scheduleTask({
          id: 'aws-identity-aws-sync',
          frequency: { seconds: settings.syncIntervalSeconds },
          timeout: { seconds: Math.max(60, settings.syncIntervalSeconds * 2) },
          scope: 'global',
          fn: () => aws.sync(),
        });
        await scheduler.scheduleTask({
          id: 'aws-identity-aws-load',
          frequency: { seconds: settings.snapshotReloadSeconds },
          timeout: { seconds: 60 },
          initialDelay: { seconds: settings.snapshotReloadSeconds },
          scope: 'local',
          fn: () => aws.loadFromStore(),
        });
        await scheduler.scheduleTask({
          id: 'aws-identity-entity-directory',
          frequency: { seconds: 60 },
          timeout: { seconds: 60 },
          initialDelay: { seconds: 60 },
          scope: 'local',
          fn: () => directory.refresh(),
        });
        lifecycle.addStartupHook(() => {
          void directory.refresh();
          // Serve what the last sync stored right away; startup never waits on AWS.
          void aws.loadFromStore();
          // Cluster reads report their own errors per source; startup never waits on them.
          registry.start();
          if (usesCatalogClusters(config)) {
            void addCatalogClusters({ catalog: deps.catalog, auth: deps.auth, registry, logger });
          }
        });
        lifecycle.addShutdownHook(() => registry.stop());

        httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            index,
            orgViews,
            directory,
          }),
        );
        const requestStore = await DatabaseRequestStore.create({ database: deps.database });
        const notifier = new RequestNotifier({
          notifications: deps.notifications,
          logger,
          ownerOf: async entityRef => {
            const entity = await deps.catalog.getEntityByRef(entityRef, {
              credentials: await deps.auth.getOwnServiceCredentials(),
            });
            return entity ? catalogOwnerOf(entity) : undefined;
          },
        });
        const { delivery, directory: deliveryDirectory } = readDelivery(config);
        const workflow = new RequestWorkflow({
          store: requestStore,
          delivery,
          directory: deliveryDirectory,
          expireAfterDays: settings.requestExpiryDays,
          notifier,
          logger,
          live: {
            role: arn => index.snapshot().rolesByArn.get(arn),
            clusters: () => index.snapshot().clusters,
            refreshAccounts: accountIds => aws.sync(accountIds),
          },
        });
        const REQUESTS_TASK = 'aws-identity-requests';
        await scheduler.scheduleTask({
          id: REQUESTS_TASK,
          frequency: { seconds: settings.requestPollSeconds },
          timeout: { seconds: 300 },
          // Global: one replica moves requests at a time, so two approvals never deliver twice.
          scope: 'global',
          fn: () => workflow.run(),
        });
        httpRouter.use(
          await createRequestsRouter({
            store: requestStore,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            logger,
            auditor: deps.auditor,
            config,
            notifier,
            // Start delivery now rather than at the next tick; the global task keeps it exclusive.
            onApproved: () => void scheduler.triggerTask(REQUESTS_TASK).catch(() => {}),
            liveRoles: {
              role: arn => index.snapshot().rolesByArn.get(arn),
              accountStatus: accountId =>
                index
                  .sources()
                  .find(s => s.source.kind === 'aws-account' && s.source.accountId === accountId),
            },
          }),
        );
        // Health is the only route a caller may reach without credentials: load balancers
        // and the sandbox's readiness probe call it before anyone has signed in.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
