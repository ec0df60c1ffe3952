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
  AuditorService,
  AuthService,
  DatabaseService,
  HttpAuthService,
  LifecycleService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { awsIdentityPermissions, catalogOwnerOf, roleNameKeyOfArn } from '@internal/plugin-aws-identity-common';
import { AwsIdentityConfig, readAwsIdentityConfig } from '@internal/plugin-aws-identity-node';
import express from 'express';
import { registerAwsIdentityActions } from '../actions';
import { connectDatabase } from '../database/migrateDatabase';
import { SourceSnapshotStore } from '../database/SourceSnapshotStore';
import { createDefaultDelivery } from '../delivery/createDefaultDelivery';
import { IdentityService } from '../identity/IdentityService';
import { LiveProofService } from '../liveProof/LiveProofService';
import { createStsWebIdentityProver } from '../liveProof/WebIdentityProver';
import { workloadSelectorOf } from '../identity/workloadSelector';
import { EntityDirectory } from '../org/EntityDirectory';
import { OrgViews } from '../org/OrgViews';
import { RoleDigest } from '../org/RoleDigest';
import { RolesView } from '../org/RolesView';
import { DatabaseRequestStore } from '../requests/DatabaseRequestStore';
import { RequestNotifier } from '../requests/RequestNotifier';
import { LiveIdentity, RequestService } from '../requests/RequestService';
import { IdentityChangeSignals } from '../live/IdentityChangeSignals';
import { announceRequestChange } from '../live/requestSignals';
import { SignalPublisher } from '../live/SignalPublisher';
import { createRouter } from '../router';
import { AwsInventory } from '../sources/aws/AwsInventory';
import { CatalogClusterLocator } from '../sources/kubernetes/CatalogClusterLocator';
import { ClusterRegistry } from '../sources/kubernetes/ClusterRegistry';
import { AwsIdentityExtensions } from './AwsIdentityExtensions';

/** Ids of the plugin's scheduled tasks (the sandbox tests trigger the AWS sync by its id). */
export const AWS_IDENTITY_TASKS = {
  awsSync: 'aws-identity-aws-sync',
  awsReload: 'aws-identity-aws-load',
  entityDirectory: 'aws-identity-entity-directory',
  requests: 'aws-identity-requests',
  roleDigest: 'aws-identity-role-digest',
  liveProofProbe: 'aws-identity-live-proof-probe',
  requestDrift: 'aws-identity-request-drift',
} as const;

/**
 * What the initializer needs: the plugin's services and what modules put into its extension
 * points.
 */
export interface AwsIdentityInitializerOptions {
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  database: DatabaseService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  catalog: CatalogService;
  notifications?: NotificationService;
  /** Live updates of open tabs and the approval queue; without it the frontend polls. */
  signals?: SignalsService;
  actionsRegistry: ActionsRegistryService;
  extensions: AwsIdentityExtensions;
}

/**
 * Builds the plugin from its parts: each seam (AWS source, cluster source, delivery) is the
 * module's implementation when one set it, else the default, as kubernetes-backend's
 * initializer does (`getDefault` lets a module wrap the default). Then it wires the sources to
 * the identity service, schedules the background work and returns the routes.
 */
export class AwsIdentityInitializer {
  private readonly settings: AwsIdentityConfig;
  private readonly credentials: DefaultAwsCredentialsManager;
  private readonly publisher: SignalPublisher;

  static create(options: AwsIdentityInitializerOptions): AwsIdentityInitializer {
    return new AwsIdentityInitializer(options);
  }

  private constructor(private readonly options: AwsIdentityInitializerOptions) {
    this.settings = readAwsIdentityConfig(options.config);
    this.credentials = DefaultAwsCredentialsManager.fromConfig(options.config);
    this.publisher = new SignalPublisher({ signals: options.signals, logger: options.logger });
  }

  async init(): Promise<{ router: express.Router }> {
    const { logger, extensions } = this.options;
    this.options.permissionsRegistry.addPermissions(awsIdentityPermissions);

    const aws = await extensions.awsSource.resolve(() => this.defaultAwsSource());
    const clusters = await extensions.clusterSource.resolve(() => this.defaultClusterSource());
    const identity = new IdentityService({
      aws,
      clusters,
      staleAfterSeconds: this.settings.staleAfterSeconds,
      policy: this.settings.checks,
    });
    // The sources never see each other: the EKS clusters the AWS source reads are the ones the
    // cluster source placed in an account, handed over on each sync.
    const syncAws = (accountIds?: readonly string[]) => aws.sync({ accountIds, eksClusters: identity.eksClusters() });
    const directory = new EntityDirectory(this.options.catalog, this.options.auth, logger);
    const orgViews = new OrgViews(identity, directory);
    await this.scheduleInventory({ syncAws, reload: aws.reload?.bind(aws), directory });
    this.options.lifecycle.addStartupHook(() => {
      void directory.refresh();
      // Serve what the last sync stored right away; startup never waits on AWS.
      void aws.reload?.();
      // Cluster reads report their own errors per source; startup never waits on them.
      clusters.start();
    });
    const identitySignals = new IdentityChangeSignals({
      publisher: this.publisher,
      logger,
      snapshot: () => identity.snapshot(),
      entities: () => directory.list(),
    });
    identity.onChange(() => identitySignals.changed());
    this.options.lifecycle.addShutdownHook(() => {
      clusters.stop();
      identitySignals.stop();
      this.publisher.stop();
    });

    const live: LiveIdentity = {
      role: arn => {
        const key = roleNameKeyOfArn(arn);
        return key === undefined ? undefined : identity.snapshot().rolesByNameKey.get(key);
      },
      clusters: () => identity.snapshot().clusters,
      accountStatus: accountId =>
        identity
          .sources()
          .find(s => s.source.kind === 'aws-account' && s.source.accountId === accountId),
      refreshAccounts: accountIds => syncAws(accountIds),
      binding: (cluster, namespace, name) => {
        const snapshot = identity.snapshot();
        const clusterStatus = identity
          .sources()
          .find(s => s.source.kind === 'cluster' && s.source.cluster === cluster);
        const accountId = snapshot.clusters.find(c => c.name === cluster)?.accountId;
        const accountStatus = identity
          .sources()
          .find(s => s.source.kind === 'aws-account' && s.source.accountId === accountId);
        // Associations come from EKS through the account: both must be readable to conclude.
        if (clusterStatus?.state !== 'ok' || accountStatus?.state !== 'ok') return { known: false };
        const serviceAccount = snapshot.serviceAccount({ cluster, namespace, name });
        return {
          known: true,
          ...(serviceAccount ? { annotations: serviceAccount.annotations } : {}),
          associationRoleArns: snapshot.associations
            .filter(a => a.cluster === cluster && a.namespace === namespace && a.serviceAccount === name)
            .map(a => a.roleArn),
        };
      },
      entityReports: async (entityRef, credentials) => {
        const entity = await this.options.catalog.getEntityByRef(entityRef, {
          credentials: credentials ?? (await this.options.auth.getOwnServiceCredentials()),
        });
        if (!entity) return undefined;
        const snapshot = identity.snapshot();
        return snapshot.serviceAccountsFor(workloadSelectorOf(entity)).map(sa => snapshot.report(sa));
      },
      serviceAccountReport: ref => {
        const snapshot = identity.snapshot();
        const serviceAccount = snapshot.serviceAccount(ref);
        return serviceAccount ? snapshot.report(serviceAccount) : undefined;
      },
    };
    const requests = await this.requestService({ live, identity });
    const liveProof = new LiveProofService({
      settings: this.settings.liveProof,
      snapshot: () => identity.snapshot(),
      requestToken: clusters.requestServiceAccountToken?.bind(clusters),
      prover: createStsWebIdentityProver({ region: this.settings.region, endpoint: this.settings.endpoint }),
      logger,
    });
    await this.scheduleLiveProofProbe(liveProof, requests);
    const visibility = new CatalogVisibility({ catalog: this.options.catalog, auth: this.options.auth });
    const rolesView = new RolesView(identity, orgViews, { unusedAfterDays: this.settings.roles.unusedAfterDays });
    await this.scheduleRoleDigest(rolesView, directory);
    const router = await createRouter({
      httpAuth: this.options.httpAuth,
      permissions: this.options.permissions,
      auditor: this.options.auditor,
      identity,
      orgViews,
      rolesView,
      requests,
      visibility,
      liveProof,
    });
    // The same services answer the actions (and so MCP tools) as the routes.
    const { actionsRegistry, permissions, auditor } = this.options;
    registerAwsIdentityActions({ actionsRegistry, permissions, auditor, identity, orgViews, visibility, requests, live });
    return { router };
  }

  private async defaultAwsSource() {
    return new AwsInventory({
      config: this.settings,
      credentials: this.credentials,
      logger: this.options.logger,
      store: new SourceSnapshotStore(await connectDatabase(this.options.database)),
    });
  }

  private async defaultClusterSource() {
    const { logger } = this.options;
    for (const { name, reason } of this.settings.unsupportedClusters) {
      logger.warn(`aws-identity: cluster ${name} is skipped: ${reason}`);
    }
    return ClusterRegistry.create({
      clusters: this.settings.clusters,
      locators: [
        ...(this.settings.catalogClusters
          ? [
              new CatalogClusterLocator({
                catalog: this.options.catalog,
                auth: this.options.auth,
                allowedHosts: this.settings.catalogClusterHosts,
                logger: this.options.logger,
              }),
            ]
          : []),
        ...this.options.extensions.clusterLocators,
      ],
      credentials: this.credentials,
      logger,
    });
  }

  /**
   * One replica reads AWS per interval (global scope) and shares what it read through the
   * database; every replica loads changed snapshots into its own memory.
   */
  private async scheduleInventory(work: {
    syncAws: () => Promise<void>;
    reload?: () => Promise<void>;
    directory: EntityDirectory;
  }): Promise<void> {
    const { scheduler } = this.options;
    const { syncIntervalSeconds, snapshotReloadSeconds } = this.settings;
    await scheduler.scheduleTask({
      id: AWS_IDENTITY_TASKS.awsSync,
      frequency: { seconds: syncIntervalSeconds },
      timeout: { seconds: Math.max(60, syncIntervalSeconds * 2) },
      scope: 'global',
      fn: () => work.syncAws(),
    });
    if (work.reload) {
      await scheduler.scheduleTask({
        id: AWS_IDENTITY_TASKS.awsReload,
        frequency: { seconds: snapshotReloadSeconds },
        timeout: { seconds: 60 },
        initialDelay: { seconds: snapshotReloadSeconds },
        scope: 'local',
        fn: work.reload,
      });
    }
    await scheduler.scheduleTask({
      id: AWS_IDENTITY_TASKS.entityDirectory,
      frequency: { seconds: 60 },
      timeout: { seconds: 60 },
      initialDelay: { seconds: 60 },
      scope: 'local',
      fn: () => work.directory.refresh(),
    });
  }

  /**
   * The per-team digest of unused roles, when `awsIdentity.roles.digest.enabled`: on its
   * schedule (weekly by default), by one replica (global scope), through the notifications
   * service.
   */
  private async scheduleRoleDigest(roles: RolesView, directory: EntityDirectory): Promise<void> {
    const { enabled, schedule } = this.settings.roles.digest;
    const { notifications, scheduler, logger } = this.options;
    if (!enabled) return;
    if (!notifications) {
      logger.warn('aws-identity: awsIdentity.roles.digest is enabled, but there is no notifications service to send it');
      return;
    }
    const digest = new RoleDigest({
      roles,
      ownerOfEntity: entityRef => directory.get(entityRef)?.owner,
      notifications,
      logger,
    });
    await scheduler.scheduleTask({
      id: AWS_IDENTITY_TASKS.roleDigest,
      ...schedule,
      scope: 'global',
      fn: async () => {
        await digest.send();
      },
    });
  }

  /**
   * With `awsIdentity.liveProof.probeVerifiedEverySeconds`: proves every verified request's
   * service account on each of its clusters, one at a time (the per-service-account limit
   * still applies; a refused proof is a result, logged, never an exception of the task).
   */
  private async scheduleLiveProofProbe(liveProof: LiveProofService, requests: RequestService): Promise<void> {
    const { enabled, probeVerifiedEverySeconds } = this.settings.liveProof;
    if (!enabled || probeVerifiedEverySeconds === undefined) return;
    const { logger } = this.options;
    await this.options.scheduler.scheduleTask({
      id: AWS_IDENTITY_TASKS.liveProofProbe,
      frequency: { seconds: probeVerifiedEverySeconds },
      timeout: { seconds: Math.max(60, probeVerifiedEverySeconds) },
      initialDelay: { seconds: Math.min(300, probeVerifiedEverySeconds) },
      scope: 'global',
      fn: async () => {
        for await (const request of requests.verifiedRequests()) {
          const { namespace, serviceAccount, clusters } = request.plan.input;
          for (const { name: cluster } of clusters) {
            await liveProof.prove({ cluster, namespace, serviceAccount }, 'schedule').catch(error =>
              logger.info(`aws-identity: live proof probe of request ${request.id} on ${cluster} skipped: ${error}`),
            );
          }
        }
      },
    });
  }

  private async requestService(options: { live: LiveIdentity; identity: IdentityService }): Promise<RequestService> {
    const { catalog, auth, logger, scheduler } = this.options;
    // The component's owner in the catalog: whom notifications go to. (The team a reader sees a
    // request under is decided per read, with the reader's credentials.)
    const ownerOf = async (entityRef: string) => {
      const entity = await catalog.getEntityByRef(entityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
      return entity ? catalogOwnerOf(entity) : undefined;
    };
    const notifier = new RequestNotifier({ notifications: this.options.notifications, logger, ownerOf });
    const delivery = await this.options.extensions.delivery.resolve(async () =>
      createDefaultDelivery({ delivery: this.settings.delivery, config: this.options.config }),
    );
    // Every replica shows drift on its reports, whichever replica's tracker found it: each reads
    // the drifted requests from the database (set once the service below exists).
    let loadDrift: () => Promise<void> = async () => {};
    const requests = new RequestService({
      store: await DatabaseRequestStore.create({ database: this.options.database }),
      directory: this.settings.requestDirectory,
      live: options.live,
      logger,
      notifier,
      delivery,
      deliveryDirectory: this.settings.deliveryDirectory,
      expireAfterDays: this.settings.requests.expireAfterDays,
      // A request's repoUrl names a repository of a configured integration, nothing else.
      repoHosts: ScmIntegrations.fromConfig(this.options.config)
        .list()
        .map(integration => ((integration as { config?: { host?: string } }).config?.host ?? integration.title).toLowerCase()),
      convergeWithinDays: this.settings.requests.convergeWithinDays,
      // Start delivery now rather than at the next tick; the global task keeps it exclusive.
      onApproved: () => void scheduler.triggerTask(AWS_IDENTITY_TASKS.requests).catch(() => {}),
      onChanged: request => {
        announceRequestChange(this.publisher, request);
        const last = request.transitions[request.transitions.length - 1];
        // Into or out of drifted: the reports of its service accounts change now, not at the next load.
        if (request.state === 'drifted' || last?.from === 'drifted') void loadDrift();
      },
    });
    loadDrift = () =>
      requests
        .driftedRequests()
        .then(drifted => options.identity.setDriftedRequests(drifted))
        .catch(error => logger.warn(`aws-identity: reading the drifted requests failed: ${error}`));
    await scheduler.scheduleTask({
      id: AWS_IDENTITY_TASKS.requestDrift,
      frequency: { seconds: this.settings.requests.pollSeconds },
      timeout: { seconds: 60 },
      scope: 'local',
      fn: () => loadDrift(),
    });
    await scheduler.scheduleTask({
      id: AWS_IDENTITY_TASKS.requests,
      frequency: { seconds: this.settings.requests.pollSeconds },
      timeout: { seconds: 300 },
      // Global: one replica moves requests at a time, so two approvals never deliver twice.
      scope: 'global',
      fn: () => requests.advance(),
    });
    return requests;
  }
}
