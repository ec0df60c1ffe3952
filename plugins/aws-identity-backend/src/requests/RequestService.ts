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
import { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  accountOfArn,
  annotationRemovalTargets,
  bindingDrift,
  Cluster,
  ClusterServiceAccountRef,
  describeLiveRole,
  DriftRepair,
  driftRepairOptions,
  driftRepairProblem,
  isOpenRequestState,
  planFromLiveRole,
  RolePlan,
  DriftedRequest,
  IdentityReport,
  IdentityRequest,
  LiveBinding,
  MigrationRequest,
  migrationDrift,
  migrationDriftFix,
  migrationRequestProgress,
  migrationRequestStage,
  planMigrationRequest,
  renderAnnotationRemoval,
  renderMigration,
  LiveRoleResponse,
  parseRoleRequestEnvelope,
  planRoleRequest,
  renderPlan,
  RequestAction,
  resolveRequestDirectory,
  ROLE_NAME_TAKEN_CHECK_ID,
  requestActionOptions,
  requestActionProblem,
  requestTeam,
  RequestActor,
  Role,
  RoleRequest,
  RoleRequestDirectory,
  RoleRequestEnvelope,
  RoleRequestTarget,
  requestTargets,
  RoleRequestFacets,
  RoleRequestState,
  SourceStatus,
  verifiedDriftFix,
  withExistingRole,
} from '@internal/plugin-aws-identity-common';
import { RoleDelivery } from '@internal/plugin-aws-identity-node';
import type { CatalogView } from '../auth/CatalogVisibility';
import { createHash } from 'node:crypto';
import { changeDescription, followUpDescription } from './changeDescription';
import { RequestNotifier } from './RequestNotifier';
import { requesterOf, RequestSubmitter } from './requester';
import {
  RequestStore,
  RequestTransition,
  RoleRequestFilter,
  RoleRequestPage,
  RoleRequestTeamSource,
  transitionConflict,
} from './RequestStore';
import { compareWithPlan } from './RequestWorkflow';
import { canonicalEntityRef } from '../identity/entityIdentity';

/** The actor recorded for transitions the plugin makes on its own. */
export const WORKFLOW_ACTOR = 'plugin:aws-identity';

/** How many requests a workflow pass reads at a time. */
const PASS_PAGE_SIZE = 100;

/** Ids are UUIDs; anything else cannot name a request. */
const REQUEST_ID = /^[0-9a-f-]{36}$/;

/** The state each decision moves a request to. */
const DECISION_TARGET: Record<RequestAction, RoleRequestState> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrawn',
};

/**
 * What the request service reads from the identity inventory: in-memory lookups, plus one way
 * to have accounts read again now.
 *
 * @public
 */
export interface LiveIdentity {
  /**
   * The role the latest inventory of the ARN's account has under the ARN's role name, matched as
   * IAM matches names (`roleNameKey`: per account, whatever the path and case). Its `arn` may
   * therefore differ from the one asked for.
   */
  role(arn: string): Role | undefined;
  /** Clusters as the inventory knows them (issuer, account, ARN). */
  clusters(): readonly Cluster[];
  /** Status of an AWS account source; `undefined` when aws-identity does not read the account. */
  accountStatus(accountId: string): SourceStatus | undefined;
  /** Reads the given accounts again now, so a newly created role shows up quickly. */
  refreshAccounts(accountIds: string[]): Promise<void>;
  /**
   * The planned service account's binding on one cluster as the index shows it (annotations,
   * associations), or unknown when that cluster or its account could not be read.
   */
  binding(cluster: string, namespace: string, serviceAccount: string): LiveBinding;
  /**
   * The live reports of the service accounts of a catalog entity, the entity read with the
   * given credentials; `undefined` when the catalog has no such entity or hides it from them.
   */
  entityReports(entityRef: string, credentials?: BackstageCredentials): Promise<readonly IdentityReport[] | undefined>;
  /** The live report of one service account; `undefined` when the inventory does not have it. */
  serviceAccountReport(ref: ClusterServiceAccountRef): IdentityReport | undefined;
}

/**
 * What the caller of a read sees in the catalog: of the given entity refs, those it hides and
 * the owner of each it shows (`CatalogVisibility.view` with the caller's credentials).
 *
 * @public
 */
export type CallerCatalog = (entityRefs: string[]) => Promise<CatalogView>;

/**
 * Who reads requests: what they may do, and the catalog as they see it.
 *
 * @public
 */
export interface RequestReader extends RequestReaderActor {
  catalog: CallerCatalog;
}

/**
 * A request route's caller: who, whether they may decide, and whether they may submit requests
 * (which a repair of a drifted request is).
 *
 * @public
 */
export interface RequestReaderActor extends RequestActor {
  /** Holds `aws-identity.request.create`; absent means no. */
  mayRequest?: boolean;
}

/**
 * The team a request is listed, faceted and filtered under, for a reader whose catalog shows
 * `owners`: `requestTeam` with the catalog's owner of the request's entity. The one place the
 * backend decides it.
 */
function teamOf(source: RoleRequestTeamSource, owners: ReadonlyMap<string, string>): string {
  return requestTeam(source, owners.get(source.entityRef));
}

/** The request as a reader sees it: with its {@link teamOf}. */
function withTeam<T extends IdentityRequest>(request: T, owners: ReadonlyMap<string, string>): T {
  return { ...request, team: teamOf(request, owners) };
}

/**
 * Filters of {@link RequestService.list}: the store's, and the team a request is listed under.
 *
 * @public
 */
export type RequestListFilter = RoleRequestFilter & {
  /** The `requestTeam` of the request, an entity ref (`group:default/app-team`, or a requester `user:…`). */
  team?: string;
};

/**
 * Owns every transition of a role request: submit (validated and re-planned, idempotent by
 * key), the decisions approve, reject and withdraw (by `requestActionProblem`, the one rule of
 * who may do what), and the plugin's own steps: deliver the approved change, follow it until it
 * merged, see the role live, verify it against the plan, and expire what nobody decided on.
 * Every step is idempotent, so a crash or a second replica repeats work harmlessly: delivery
 * reuses its branch and pull request, and the store refuses a transition from a state the
 * request already left. Transitions are announced through the notifier.
 *
 * @public
 */
export class RequestService {
  constructor(
    private readonly options: {
      store: RequestStore;
      /**
       * The accounts and clusters requests may target, as configuration has them; every
       * cluster's issuer is completed from the EKS inventory (`resolveRequestDirectory`).
       */
      directory: RoleRequestDirectory;
      live: LiveIdentity;
      logger: LoggerService;
      notifier?: RequestNotifier;
      /** Without a delivery, approved requests wait. */
      delivery?: RoleDelivery;
      /** Folder in the infrastructure repository for the rendered files. Default `aws-identity`. */
      deliveryDirectory?: string;
      /** Submitted requests nobody decided on within this many days expire. Default 14. */
      expireAfterDays?: number;
      /** Hosts a request's `repoUrl` may name (the configured SCM integrations); any when absent. */
      repoHosts?: readonly string[];
      /** Merged requests whose role is not live and as planned within this many days fail. Default 7. */
      convergeWithinDays?: number;
      /** The time; tests move it. Default `Date.now`. */
      now?: () => number;
      /** Called after a request was approved, to start its delivery without waiting for the next pass. */
      onApproved?: (request: IdentityRequest) => void;
      /**
       * Called after a request was recorded or changed state (live updates: the entity's tab and
       * the approval queue re-read it). Must not throw; it only schedules work.
       */
      onChanged?: (request: IdentityRequest) => void;
    },
  ) {}

  /**
   * Records a request from the body of `POST /requests`: the envelope is checked by
   * `parseRoleRequestEnvelope`, the request re-validated and planned by the engine. The
   * requester comes from the credentials (`requesterOf`: `requestedBy` only from the
   * scaffolder acting for that same user).
   * The same idempotency key with the same input returns the recorded request.
   */
  async submit(body: unknown, submitter: RequestSubmitter): Promise<{ request: IdentityRequest; created: boolean }> {
    const envelope = parseRoleRequestEnvelope(body, { repoHosts: this.options.repoHosts });
    if (!envelope.ok) throw new InputError(`${envelope.field}: ${envelope.error}`);
    if (envelope.value.kind === 'migration') return this.submitMigration(envelope.value, submitter);
    const result = planRoleRequest(envelope.value.request, this.directory(), {
      existingRole: (accountId, roleName) => this.options.live.role(`arn:aws:iam::${accountId}:role/${roleName}`),
    });
    if (!result.ok) throw new InputError(`request.${result.field}: ${result.error}`);
    const { idempotencyKey, format, repoUrl } = envelope.value;
    const requestedBy = requesterOf(submitter, envelope.value.requestedBy);
    // Everything that makes two submissions the same request: a reused key with another hash
    // is a conflict, not a silent second request.
    const payloadHash = createHash('sha256')
      .update(JSON.stringify([result.plan.input, format ?? null, repoUrl ?? null, requestedBy]))
      .digest('hex');
    const recorded = await this.options.store.create({
      idempotencyKey,
      payloadHash,
      plan: result.plan,
      requestedBy,
      submittedBy: submitter.actor ?? submitter.ref,
      format,
      repoUrl,
    });
    this.options.logger.info('Recorded role request', {
      requestId: recorded.request.id,
      created: recorded.created,
      roleArn: result.plan.roleArn,
    });
    if (recorded.created) this.options.onChanged?.(recorded.request);
    return recorded;
  }

  /**
   * Records a migration request: the entity is read with the submitter's credentials (an
   * entity they may not see is as unknown as a missing one), and the engine plans the migration
   * of the named service accounts, or of all the entity's IRSA-bound ones, from their live
   * reports (`planMigrationRequest`): the request names service accounts, never what the role
   * trusts. Idempotent by key, as role requests are.
   */
  private async submitMigration(
    envelope: RoleRequestEnvelope,
    submitter: RequestSubmitter,
  ): Promise<{ request: IdentityRequest; created: boolean }> {
    const { request, idempotencyKey, format, repoUrl } = envelope;
    const entityRef = typeof request.entityRef === 'string' ? canonicalEntityRef(request.entityRef) : undefined;
    if (!entityRef) throw new InputError('request.entityRef: must be an entity ref such as component:default/payments');
    const reports = await this.options.live.entityReports(entityRef, submitter.credentials);
    if (!reports) throw new InputError(`request.entityRef: ${entityRef} is not in the catalog`);
    const result = planMigrationRequest(request, entityRef, reports);
    if (!result.ok) throw new InputError(`request.${result.field}: ${result.error}`);
    const requestedBy = requesterOf(submitter, envelope.requestedBy);
    const payloadHash = createHash('sha256')
      .update(JSON.stringify(['migration', result.plan.input, format ?? null, repoUrl ?? null, requestedBy]))
      .digest('hex');
    const recorded = await this.options.store.create({
      kind: 'migration',
      idempotencyKey,
      payloadHash,
      plan: result.plan,
      requestedBy,
      submittedBy: submitter.actor ?? submitter.ref,
      format,
      repoUrl,
    });
    this.options.logger.info('Recorded migration request', {
      requestId: recorded.request.id,
      created: recorded.created,
      serviceAccounts: result.plan.targets.length,
    });
    if (recorded.created) this.options.onChanged?.(recorded.request);
    return recorded;
  }

  /**
   * One page of the requests matching the filter that the caller may see, newest first, each
   * with its `team` and what `actor` may do to it; how many match in all; and the teams of all
   * of them (the team filter aside) for the caller to filter by.
   *
   * The caller's catalog is read once, for the distinct entities of the matching requests: the
   * entities it hides leave the query itself (so pages are full and `totalCount` exact), and
   * the owners it shows decide every team here (`teamOf`), for the items, the facets and the
   * team filter alike. The team is not a column, so a team filter reads every request of the
   * entities that have one under the team, and decides per request.
   */
  async list(
    filter: RequestListFilter,
    page: RoleRequestPage,
    reader: RequestReader,
  ): Promise<{ items: IdentityRequest[]; totalCount: number; facets: RoleRequestFacets }> {
    const { team, ...stored } = filter;
    const sources = await this.options.store.teamSources(stored);
    const { hidden, owners } = await reader.catalog([...new Set(sources.map(source => source.entityRef))]);
    const visible: RoleRequestFilter = { ...stored, excludeEntityRefs: [...(stored.excludeEntityRefs ?? []), ...hidden] };
    const seen = sources.filter(source => !hidden.has(source.entityRef));
    const facets = { teams: [...new Set(seen.map(source => teamOf(source, owners)))].sort() };
    const present = (request: IdentityRequest) => withActions(withTeam(this.current(request), owners), reader);
    if (team !== undefined) {
      // Only the entities with a request under the team are read again; each request is still
      // decided by teamOf (an entity's requests can differ in declared owner and requester).
      const entityRefs = new Set(seen.filter(source => teamOf(source, owners) === team).map(source => source.entityRef));
      const matching: IdentityRequest[] = [];
      if (entityRefs.size > 0) {
        for await (const request of this.each({ ...visible, entityRefs: [...entityRefs] })) {
          if (teamOf(request, owners) === team) matching.push(request);
        }
      }
      const newestFirst = matching.reverse();
      return {
        items: newestFirst.slice(page.offset, page.offset + page.limit).map(present),
        totalCount: newestFirst.length,
        facets,
      };
    }
    const [requests, totalCount] = await Promise.all([
      this.options.store.list(visible, page),
      this.options.store.count(visible),
    ]);
    return { items: requests.map(present), totalCount, facets };
  }

  /**
   * The directory requests are planned against now: configuration's, with every cluster's
   * issuer from configuration or, where it pins none, from EKS as the inventory read it.
   */
  directory(): RoleRequestDirectory {
    return resolveRequestDirectory(this.options.directory, this.options.live.clusters());
  }

  /**
   * The clusters a role request may target, from the same directory, each with the Pod Identity
   * readiness of its agent add-on as the inventory read it: what the scaffolder's cluster picker
   * offers.
   */
  targets(): RoleRequestTarget[] {
    return requestTargets(this.directory(), this.options.live.clusters());
  }

  /**
   * One request, with its `team` and what the reader may do to it. A malformed id, and a
   * request about an entity the reader's catalog hides, are as unknown as a missing one (404).
   */
  async get(id: string, reader: RequestReader): Promise<IdentityRequest> {
    const { request, owners } = await this.findFor(id, reader);
    return this.withRepairs(withActions(withTeam(this.current(request), owners), reader), reader);
  }

  /**
   * A drifted role request with what the reader may do about its drift (`driftRepairOptions`),
   * decided per response; other requests as they are.
   */
  private async withRepairs(request: IdentityRequest, actor: RequestReaderActor): Promise<IdentityRequest> {
    if (request.kind === 'migration' || request.state !== 'drifted') return request;
    const open = await this.openRepairOf(request.id);
    return {
      ...request,
      repairs: driftRepairOptions(request, { ref: actor.ref, mayRequest: actor.mayRequest === true }, open?.id),
    };
  }

  /** The request repairing `id` that is still open, if any. */
  private async openRepairOf(id: string): Promise<IdentityRequest | undefined> {
    const repairs = await this.options.store.list({ succeeds: id });
    return repairs.find(r => isOpenRequestState(r.state));
  }

  /**
   * Repairs a drifted role request with a new request, made by the reader and decided like any
   * other (four eyes, no critical plan): `restore` asks for the approved plan again, so its
   * change puts the plan back; `accept` asks for the live role as the new plan
   * (`planFromLiveRole`), so its change records it in code. Once the repair is verified, the
   * drifted request is superseded. A second click while the repair is open answers with it.
   * Refused with 409 (naming why) unless the request is drifted, its account was read, and, to
   * accept, the live role exists.
   */
  async repair(
    command: { id: string; repair: DriftRepair },
    reader: RequestReader,
  ): Promise<{ request: IdentityRequest; created: boolean }> {
    const { request, owners } = await this.findFor(command.id, reader);
    const open = await this.openRepairOf(request.id);
    // The same repair again by the same person is the request already made (a double click).
    const again = open?.kind !== 'migration' && open?.succeeds?.repair === command.repair && open.requestedBy === reader.ref;
    const actor = { ref: reader.ref, mayRequest: reader.mayRequest === true };
    const problem = driftRepairProblem(request, command.repair, actor, again ? undefined : open?.id);
    if (problem?.kind === 'permission') throw new NotAllowedError(problem.message);
    if (problem || request.kind === 'migration') {
      throw new ConflictError(`Cannot ${command.repair} request ${request.id}: ${problem?.message ?? 'it is a migration request'}`);
    }
    if (open) {
      return { request: await this.withRepairs(withActions(withTeam(this.current(open), owners), reader), reader), created: false };
    }
    const { input, roleArn } = request.plan;
    if (this.options.live.accountStatus(input.accountId)?.state !== 'ok') {
      throw new ConflictError(`Cannot ${command.repair} request ${request.id}: account ${input.accountId} was not read completely; try again once it is`);
    }
    const live = this.options.live.role(roleArn);
    let plan: RolePlan;
    if (command.repair === 'restore') {
      plan = request.plan;
    } else {
      if (!live) throw new ConflictError(`Cannot accept request ${request.id}: ${roleArn} no longer exists in IAM; restore it instead`);
      const accepted = planFromLiveRole(request.plan, live, this.directory(), request.format ?? 'terraform');
      if (!accepted.ok) throw new ConflictError(`Cannot accept request ${request.id}: ${accepted.error}`);
      plan = accepted.plan;
    }
    // One repair per drift episode and kind: concurrent clicks make the same key, so one request.
    const drifted = lastTransitionTo(request, 'drifted')?.at ?? request.updatedAt;
    const payloadHash = createHash('sha256')
      .update(JSON.stringify([command.repair, request.id, plan.trustPolicy, plan.permissionPolicy, reader.ref]))
      .digest('hex');
    const recorded = await this.options.store.create({
      idempotencyKey: `${command.repair}:${request.id}:${drifted}:${(await this.options.store.count({ succeeds: request.id }))}`,
      payloadHash,
      plan,
      succeeds: { requestId: request.id, repair: command.repair },
      requestedBy: reader.ref,
      submittedBy: reader.ref,
      format: request.format,
      repoUrl: request.repoUrl,
    });
    this.options.logger.info(`Recorded the ${command.repair} of a drifted role request`, {
      requestId: recorded.request.id,
      repairs: request.id,
      created: recorded.created,
      roleArn,
    });
    if (recorded.created) this.options.onChanged?.(recorded.request);
    return { request: withActions(withTeam(this.current(recorded.request), owners), reader), created: recorded.created };
  }

  /**
   * The request's role in the latest inventory, compared with the plan; never calls AWS. Unknown
   * to a reader whose catalog hides the request's entity, as the request is.
   */
  async liveRole(id: string, reader: Pick<RequestReader, 'catalog'>): Promise<LiveRoleResponse> {
    const { request } = await this.findFor(id, reader);
    if (request.kind === 'migration') {
      throw new NotFoundError(`request ${id} is a migration request: it plans no role; its progress shows each step`);
    }
    const { plan } = request;
    return describeLiveRole({
      plan,
      role: this.options.live.role(plan.roleArn),
      account: this.options.live.accountStatus(plan.input.accountId),
    });
  }

  /**
   * Applies a person's decision, atomically: refused with 403 when `requestActionProblem` says
   * the actor may not (four eyes, critical plans, only the requester withdraws), 409 when the
   * request is not in a state the decision applies to (or another decision came first).
   */
  async decide(decision: {
    id: string;
    action: RequestAction;
    actor: RequestActor;
    reason?: string;
  }): Promise<IdentityRequest> {
    const { id, action, actor, reason } = decision;
    if (action === 'reject' && !reason) throw new InputError('reason: a rejection needs a reason');
    const current = this.current(await this.find(id));
    const to = DECISION_TARGET[action];
    const problem = requestActionProblem(current, action, actor);
    if (problem?.kind === 'state') throw transitionConflict(current.id, current.state, to, problem.message);
    if (problem) throw new NotAllowedError(problem.message);
    if (action === 'withdraw') return withActions(await this.withdraw(current, actor.ref, reason), actor);
    const updated = await this.move(current, to, { actor: actor.ref, reason });
    if (action === 'approve') this.options.onApproved?.(updated);
    return withActions(updated, actor);
  }

  /**
   * Opens the follow-up change of a verified migration: per service account whose pods are
   * verified on EKS Pod Identity and that still carries the IRSA annotation, the patch removing
   * it and, where the engine's plan has step 6's change, the role's trust without the OIDC
   * statements only it relied on (`renderAnnotationRemoval`). Refused with 409 unless the
   * request offers it now (`annotationRemoval`); delivered once (a second call answers the
   * recorded change). The change is reviewed in the repository like any other.
   */
  async removeAnnotation(id: string, reader: RequestReader): Promise<IdentityRequest> {
    const { request: found, owners } = await this.findFor(id, reader);
    const request = this.current(found);
    if (request.kind !== 'migration') {
      throw new ConflictError(`request ${id} is a role request: only a migration request removes an IRSA annotation`);
    }
    if (request.followUp) return withActions(withTeam(request, owners), reader);
    const offered = request.annotationRemoval?.serviceAccounts ?? [];
    if (offered.length === 0) {
      throw new ConflictError(
        request.state === 'verified'
          ? `request ${id}: no service account is verified on EKS Pod Identity with its IRSA annotation still in place`
          : `request ${id} is ${request.state}: the annotation can be removed once the request is verified`,
      );
    }
    const { delivery } = this.options;
    if (!delivery) throw new ConflictError(`request ${id}: no delivery is configured (awsIdentity.delivery) to open the change`);
    const folder = `${this.options.deliveryDirectory ?? 'aws-identity'}/pod-identity-migration`;
    const files: Record<string, string> = {};
    for (const ref of offered) {
      // The live plan: step 6's change is decided from the role's trust as it is now.
      const plan = this.options.live.serviceAccountReport(ref)?.migration;
      if (!plan) continue;
      for (const file of renderAnnotationRemoval(plan, ref, request.format ?? 'terraform')) {
        files[`${folder}/${file.path}`] = file.content;
      }
    }
    if (Object.keys(files).length === 0) {
      // Nothing to change (the service accounts left the inventory since): no empty pull request.
      throw new ConflictError(`request ${id}: the service accounts to change are no longer in the inventory`);
    }
    const names = offered.map(r => `${r.cluster}/${r.namespace}/${r.name}`);
    const receipt = await delivery.deliver({
      requestId: `${request.id}-remove-annotation`,
      title: `aws-identity: remove the IRSA annotation of ${request.entityRef} (migrated to EKS Pod Identity)`,
      body: followUpDescription(request, names),
      files,
    });
    await this.options.store.setFollowUp(request.id, { kind: receipt.kind, branch: receipt.branch, url: receipt.url, number: receipt.number });
    this.options.logger.info('Delivered the annotation removal of a migration request', { requestId: request.id, url: receipt.url });
    return withActions(withTeam(this.current((await this.options.store.get(request.id))!), owners), reader);
  }

  /**
   * Withdraws a request so that nothing of it stays deliverable. An approved request may have a
   * delivery in flight, so the transition comes first: the store's state check then makes that
   * delivery's own `approved → pr-open` fail, and the delivery takes its change back itself
   * ({@link RequestService.deliver}); what an earlier, crashed attempt pushed is retracted here.
   * A pull-request-open change is retracted first and the request moved only when that worked
   * (409 with the reason otherwise, nothing changed), because no delivery runs any more from
   * `pr-open` and a merged change cannot be taken back.
   */
  private async withdraw(current: IdentityRequest, actor: string, reason?: string): Promise<IdentityRequest> {
    const { delivery } = this.options;
    if (current.state === 'pr-open') {
      if (!delivery) {
        throw new ConflictError(
          `Cannot move request ${current.id} to withdrawn: its change ${current.delivery?.url ?? ''} is open and no delivery is configured to close it`,
        );
      }
      const retraction = await this.retract(current);
      if (retraction === 'merged') {
        throw new ConflictError(
          `Cannot move request ${current.id} to withdrawn: its change ${current.delivery?.url ?? ''} was already merged`,
        );
      }
      return this.move(current, 'withdrawn', { actor, reason });
    }
    const withdrawn = await this.move(current, 'withdrawn', { actor, reason });
    if (current.state === 'approved' && delivery) {
      // Best effort: a delivery racing this withdraw retracts its own change when it loses.
      await this.retract(current).catch(error =>
        this.options.logger.error(
          `aws-identity: request ${current.id} was withdrawn but its branch could not be deleted: ${error}`,
        ),
      );
    }
    return withdrawn;
  }

  /** Takes back the request's change; a remote that refuses is a 409 naming the cause. */
  private async retract(request: IdentityRequest) {
    const receipt = request.delivery ? { ...request.delivery, reused: true } : undefined;
    try {
      return await this.options.delivery!.retract({ requestId: request.id, receipt });
    } catch (error) {
      throw new ConflictError(
        `Cannot move request ${request.id} to withdrawn: its change could not be closed (${error}); try again`,
      );
    }
  }

  /**
   * One pass of the plugin's own steps over every open request: expire, deliver, follow the
   * change, then see the role live and verify it. Never throws; a step that fails is logged
   * and tried again on the next pass.
   */
  async advance(): Promise<void> {
    const expireAfterDays = this.options.expireAfterDays ?? 14;
    const expireBefore = this.now() - expireAfterDays * 24 * 60 * 60 * 1000;
    for await (const request of this.each({ state: 'submitted' })) {
      if (Date.parse(request.createdAt) < expireBefore) {
        await this.step(request, () => this.move(request, 'expired', { reason: `no decision within ${expireAfterDays} days` }));
      }
    }
    for await (const request of this.each({ state: 'approved' })) {
      await this.step(request, () => this.deliver(request));
    }
    for await (const request of this.each({ state: 'pr-open' })) {
      await this.step(request, () => this.followChange(request));
    }
    const now = this.now();
    const waiting: IdentityRequest[] = [];
    // Only requests whose back-off has passed cost an IAM read of their account.
    for await (const request of this.each({ states: ['merged', 'live'] })) {
      if (!request.verification?.nextCheckAt || Date.parse(request.verification.nextCheckAt) <= now) waiting.push(request);
    }
    if (waiting.length > 0) {
      await this.options.live.refreshAccounts([...new Set(waiting.flatMap(accountsOf))]);
    }
    for (const request of waiting) {
      await this.step(request, () => this.verify(request));
    }
    // Verified is not the end: every pass compares them with the index again (in memory, no I/O).
    for await (const request of this.each({ states: ['verified', 'drifted'] })) {
      await this.step(request, () => (request.kind === 'migration' ? this.recheckMigration(request) : this.recheck(request)));
    }
  }

  /**
   * verified → drifted when the live role (deleted, trust, permissions, tags) or the binding
   * (annotation, association, service account) no longer matches the plan, with the drift and
   * the fix; drifted → verified once repaired. Nothing is concluded from an account or a
   * cluster that could not be read.
   */
  private async recheck(request: RoleRequest): Promise<void> {
    const { live } = this.options;
    const { input, roleArn } = request.plan;
    if (live.accountStatus(input.accountId)?.state !== 'ok') return;
    const role = live.role(roleArn);
    const liveBinding = (cluster: string) => live.binding(cluster, input.namespace, input.serviceAccount);
    const checkedAt = new Date(this.now()).toISOString();
    let boundOn = request.verification?.boundOn;
    if (!boundOn) {
      // The first re-check records where the binding is in place; from then on its removal is drift.
      boundOn = input.clusters
        .filter(c => liveBinding(c.name).known && bindingDrift({ ...input, clusters: [c] }, roleArn, liveBinding).length === 0)
        .map(c => c.name);
      await this.options.store.setVerification(request.id, { ...(request.verification ?? { checkedAt, drift: [] }), boundOn });
    }
    const bound = new Set(boundOn);
    const drift = [
      ...(role ? compareWithPlan(request, role, live.clusters()) : [`${roleArn} no longer exists in IAM`]),
      ...bindingDrift({ ...input, clusters: input.clusters.filter(c => bound.has(c.name)) }, roleArn, liveBinding),
    ];
    await this.settle(request, drift, { checkedAt, fix: verifiedDriftFix(roleArn), boundOn });
  }

  /**
   * verified → drifted when a verified migration's association, its role's trust of EKS Pod
   * Identity or its pods on Pod Identity are gone (`migrationDrift`, per target); drifted →
   * verified once they are back. Nothing is concluded from a cluster or account that could not
   * be read.
   */
  private async recheckMigration(request: MigrationRequest): Promise<void> {
    const { live } = this.options;
    const drift = request.migration.targets.flatMap(target =>
      migrationDrift(target, live.serviceAccountReport(target.serviceAccount), cluster =>
        live.binding(cluster, target.serviceAccount.namespace, target.serviceAccount.name),
      ),
    );
    await this.settle(request, drift, { checkedAt: new Date(this.now()).toISOString(), fix: migrationDriftFix() });
  }

  /**
   * The one state rule of a re-check: drift moves a verified request to drifted (with the fix),
   * none moves a drifted one back, and a drifted request records its drift as it changes.
   */
  private async settle(
    request: IdentityRequest,
    drift: string[],
    found: { checkedAt: string; fix: string; boundOn?: string[] },
  ): Promise<void> {
    const { checkedAt, fix, boundOn } = found;
    const where = boundOn ? { boundOn } : {};
    if (request.state === 'verified' && drift.length > 0) {
      await this.move(request, 'drifted', {
        reason: `drift after verification: ${drift.join('; ')}`,
        verification: { checkedAt, drift, fix, ...where },
      });
    } else if (request.state === 'drifted' && drift.length === 0) {
      await this.move(request, 'verified', {
        reason:
          request.kind === 'migration'
            ? 'repaired: the associations, trust and pods are on EKS Pod Identity again'
            : 'repaired: the live role and binding match the plan again',
        verification: { checkedAt, drift, ...where },
      });
    } else if (request.state === 'drifted' && drift.join('\n') !== request.verification?.drift.join('\n')) {
      await this.options.store.setVerification(request.id, { checkedAt, drift, fix, ...where });
    }
  }

  /**
   * Every drifted request with the service accounts it concerns (a role request: every planned
   * cluster, a role's drift concerns each; a migration: each target), as the identity reports
   * show it (IRSA-R02).
   */
  async driftedRequests(): Promise<Array<{ request: DriftedRequest; serviceAccounts: ClusterServiceAccountRef[] }>> {
    const drifted: Array<{ request: DriftedRequest; serviceAccounts: ClusterServiceAccountRef[] }> = [];
    for await (const request of this.each({ state: 'drifted' })) {
      const since = lastTransitionTo(request, 'drifted')?.at;
      const found = { requestId: request.id, drift: request.verification?.drift ?? [], ...(since ? { since } : {}) };
      if (request.kind === 'migration') {
        // Each target's service account shows the drift of the migration, with its own role.
        for (const target of request.migration.targets) {
          drifted.push({
            request: { ...found, roleArn: target.plan.roleArn, kind: 'migration' },
            serviceAccounts: [target.serviceAccount],
          });
        }
        continue;
      }
      const { input, roleArn } = request.plan;
      drifted.push({
        request: { ...found, roleArn },
        serviceAccounts: input.clusters.map(c => ({ cluster: c.name, namespace: input.namespace, name: input.serviceAccount })),
      });
    }
    return drifted;
  }

  /** Every verified role request, oldest first (what the scheduled live proof probes). */
  async *verifiedRequests(): AsyncGenerator<RoleRequest> {
    for await (const request of this.each({ state: 'verified' })) {
      if (request.kind !== 'migration') yield request;
    }
  }

  /**
   * Every request matching the filter, oldest first, read a page at a time: no row cap, so an
   * old request is never skipped, and a request the pass moves does not shift the next page.
   */
  private async *each(filter: RoleRequestFilter): AsyncGenerator<IdentityRequest> {
    let cursor: { createdAt: string; id: string } | undefined;
    for (;;) {
      const page = await this.options.store.listAfter(filter, cursor, PASS_PAGE_SIZE);
      yield* page;
      if (page.length < PASS_PAGE_SIZE) return;
      const last = page[page.length - 1];
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }

  /** Delivers one approved request (approved → pr-open). */
  private async deliver(request: IdentityRequest): Promise<void> {
    const { delivery } = this.options;
    if (!delivery) {
      this.options.logger.warn(
        `aws-identity: request ${request.id} is approved but no delivery is configured (awsIdentity.delivery)`,
      );
      return;
    }
    const change = request.kind === 'migration' ? this.migrationChange(request) : await this.roleChange(request);
    if (!change) return;
    const receipt = await delivery.deliver({ requestId: request.id, body: changeDescription(request), ...change });
    try {
      await this.move(request, 'pr-open', {
        reason: `delivered: ${receipt.url}`,
        delivery: { kind: receipt.kind, branch: receipt.branch, url: receipt.url, number: receipt.number },
      });
    } catch (error) {
      // Withdrawn while the change was being pushed: the change must not outlive the request.
      const now = await this.options.store.get(request.id);
      if (now?.state === 'withdrawn') {
        this.options.logger.info(`aws-identity: request ${request.id} was withdrawn during delivery; retracting ${receipt.url}`);
        await delivery.retract({ requestId: request.id, receipt });
      }
      throw error;
    }
  }

  /**
   * The title and files of a migration request's change: each target's plan rendered by
   * `renderMigration` in the request's format (the two delivered steps: trust statement and
   * association), in one folder, each target's files named after its service account.
   */
  private migrationChange(request: MigrationRequest): { title: string; files: Record<string, string> } {
    const folder = `${this.options.deliveryDirectory ?? 'aws-identity'}/pod-identity-migration`;
    const files = Object.fromEntries(
      request.migration.targets.flatMap(target =>
        renderMigration(target.plan, request.format ?? 'terraform').map(f => [`${folder}/${f.path}`, f.content]),
      ),
    );
    return { title: `aws-identity: migrate ${request.entityRef} to EKS Pod Identity`, files };
  }

  /**
   * The title and files of a role request's change, or `undefined` when it must not be
   * delivered (and was failed).
   */
  private async roleChange(request: RoleRequest): Promise<{ title: string; files: Record<string, string> } | undefined> {
    // Approved before a foreign role took the name: delivering now would adopt and rewrite it.
    const taken = withExistingRole(request.plan, this.existingRole(request)).findings.find(
      f => f.id === ROLE_NAME_TAKEN_CHECK_ID,
    );
    if (taken) {
      await this.move(request, 'failed', { reason: `not delivered: ${taken.message}` });
      return undefined;
    }
    const folder = `${this.options.deliveryDirectory ?? 'aws-identity'}/${request.plan.input.roleName}`;
    const files = Object.fromEntries(
      renderPlan(request.plan, request.format ?? 'terraform').map(f => [`${folder}/${f.path}`, f.content]),
    );
    return { title: `aws-identity: role ${request.plan.input.roleName} for ${request.entityRef}`, files };
  }

  /** pr-open → merged, or failed when the change was closed without merging. */
  private async followChange(request: IdentityRequest): Promise<void> {
    if (!this.options.delivery || !request.delivery) return;
    const state = await this.options.delivery.state({ ...request.delivery, reused: true });
    if (state === 'merged') await this.move(request, 'merged', { reason: 'the change was merged' });
    if (state === 'closed') await this.move(request, 'failed', { reason: 'the change was closed without merging' });
  }

  /**
   * merged → live once IAM has the role; live → verified once it matches the plan. Until then
   * each check records the drift and backs off ({@link nextCheckDelay}); a request that has
   * not converged within `convergeWithinDays` of its merge fails with the last drift.
   */
  private async verify(request: IdentityRequest): Promise<void> {
    if (request.kind === 'migration') {
      await this.verifyMigration(request);
      return;
    }
    const { live } = this.options;
    const role = live.role(request.plan.roleArn);
    if (!role) {
      await this.notConverged(request, [`${request.plan.roleArn} does not exist in IAM yet`]);
      return;
    }
    if (request.state === 'merged') {
      // Live is progress: the checks of the trust and permissions start again without delay.
      await this.move(request, 'live', {
        reason: `${role.arn} exists`,
        verification: { checkedAt: new Date(this.now()).toISOString(), drift: [], attempts: 0 },
      });
      return;
    }
    const drift = compareWithPlan(request, role, live.clusters());
    if (drift.length === 0) {
      const verified = await this.move(request, 'verified', {
        reason: 'the live role matches the plan and its trust admits the service account',
        verification: { checkedAt: new Date(this.now()).toISOString(), drift },
      });
      if (request.succeeds) await this.supersede(request.succeeds.requestId, verified);
    } else {
      await this.notConverged(request, drift);
    }
  }

  /**
   * The drifted (or since repaired) request a verified repair takes over from: superseded, so
   * that only the repair is re-checked from now on. A request already final stays as it is.
   */
  private async supersede(id: string, by: IdentityRequest): Promise<void> {
    const repaired = await this.options.store.get(id);
    if (!repaired || (repaired.state !== 'drifted' && repaired.state !== 'verified')) return;
    const how = by.kind !== 'migration' && by.succeeds?.repair === 'accept' ? 'accepted the live state as the plan' : 'restored the plan';
    await this.move(repaired, 'superseded', { reason: `superseded by request ${by.id}, which ${how} and is verified` });
  }

  /**
   * A delivered migration, followed step by step in the live index (`migrationRequestStage`):
   * merged → live once every target's trust statement and association are there, live →
   * verified once its pods are restarted and use EKS Pod Identity. Until then the missing steps
   * are the drift, with the same back-off and deadline as a role request.
   */
  private async verifyMigration(request: MigrationRequest): Promise<void> {
    const { stage, missing } = migrationRequestStage(this.progressOf(request));
    const checkedAt = new Date(this.now()).toISOString();
    if (request.state === 'merged' && stage !== 'merged') {
      await this.move(request, 'live', {
        reason: 'every service account\'s role trusts EKS Pod Identity and has its association',
        verification: { checkedAt, drift: [], attempts: 0 },
      });
      return;
    }
    if (request.state === 'live' && stage === 'verified') {
      await this.move(request, 'verified', {
        reason: 'the pods of every service account were restarted and use EKS Pod Identity',
        verification: { checkedAt, drift: [] },
      });
      return;
    }
    await this.notConverged(request, missing);
  }

  /** The live progress of a migration request's targets, from the current reports. */
  private progressOf(request: MigrationRequest) {
    const reports = request.migration.targets
      .map(t => this.options.live.serviceAccountReport(t.serviceAccount))
      .filter((r): r is IdentityReport => Boolean(r));
    return migrationRequestProgress(request.migration, reports);
  }

  /** Records a check that found drift: the next check later, or failed once the time is up. */
  private async notConverged(request: IdentityRequest, drift: string[]): Promise<void> {
    const now = this.now();
    const days = this.options.convergeWithinDays ?? 7;
    const merged = lastTransitionTo(request, 'merged');
    const since = Date.parse(merged?.at ?? request.updatedAt);
    const checkedAt = new Date(now).toISOString();
    if (now - since >= days * 24 * 60 * 60 * 1000) {
      await this.move(request, 'failed', {
        reason: `the ${request.kind === 'migration' ? 'migration' : 'role'} did not become live and as planned within ${days} days of the merge: ${drift.join('; ')}`,
        verification: { checkedAt, drift },
      });
      return;
    }
    const attempts = (request.verification?.attempts ?? 0) + 1;
    await this.options.store.setVerification(request.id, {
      checkedAt,
      drift,
      attempts,
      nextCheckAt: new Date(now + nextCheckDelay(attempts)).toISOString(),
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * One recorded, announced transition from the state the request was read in; by the plugin
   * itself unless an actor is given.
   */
  private async move(
    request: IdentityRequest,
    to: RoleRequestState,
    change: Pick<RequestTransition, 'reason' | 'delivery' | 'verification'> & { actor?: string },
  ): Promise<IdentityRequest> {
    const updated = await this.options.store.transition({
      id: request.id,
      from: request.state,
      to,
      actor: change.actor ?? WORKFLOW_ACTOR,
      reason: change.reason,
      delivery: change.delivery,
      verification: change.verification,
    });
    await this.options.notifier?.transitioned(updated, updated.transitions[updated.transitions.length - 1]);
    this.options.onChanged?.(updated);
    return updated;
  }

  /**
   * A request still waiting for its decision, read against the role IAM has under its name now:
   * a role that appeared since submission and that this portal did not create for the entity
   * makes the plan critical (IRSA-R01), so `requestActionProblem` refuses the approval and views
   * show why. Decided requests keep their recorded plan.
   */
  private current(request: IdentityRequest): IdentityRequest {
    // A migration request's plan stays as recorded; its progress is read live on every view.
    if (request.kind === 'migration') {
      const progress = this.progressOf(request);
      const removable = request.state === 'verified' && !request.followUp ? annotationRemovalTargets(progress) : [];
      return {
        ...request,
        progress,
        ...(removable.length > 0 ? { annotationRemoval: { serviceAccounts: removable.map(p => p.serviceAccount) } } : {}),
      };
    }
    if (request.state !== 'submitted') return request;
    const plan = withExistingRole(request.plan, this.existingRole(request));
    return plan === request.plan ? request : { ...request, plan };
  }

  /**
   * The role IAM has under the request's name, as the name-taken check (IRSA-R01) reads it. A
   * repair is for the role its drifted request created and verified, which is why it exists: it
   * is the portal's even when the drift took its ownership tags (the restore puts them back).
   */
  private existingRole(request: RoleRequest): Role | undefined {
    return request.succeeds ? undefined : this.options.live.role(request.plan.roleArn);
  }

  /** The request, if the reader's catalog shows its entity (else 404, as a missing one), and the owners it shows. */
  private async findFor(
    id: string,
    reader: Pick<RequestReader, 'catalog'>,
  ): Promise<{ request: IdentityRequest; owners: ReadonlyMap<string, string> }> {
    const request = await this.find(id);
    const { hidden, owners } = await reader.catalog([request.entityRef]);
    if (hidden.size > 0) throw notFound(id);
    return { request, owners };
  }

  private async find(id: string): Promise<IdentityRequest> {
    const request = REQUEST_ID.test(id) ? await this.options.store.get(id) : undefined;
    if (!request) throw notFound(id);
    return request;
  }

  private async step(request: IdentityRequest, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      // Another replica may have moved it first (a conflict), or a remote failed: either way the
      // next pass sees the current state and continues from there.
      this.options.logger.warn(
        `aws-identity: request ${request.id} (${request.state}) did not advance: ${error}`,
      );
    }
  }
}

/** Checks right after a merge are at every pass: pipelines usually apply within minutes. */
const CHECKS_WITHOUT_DELAY = 3;
const FIRST_DELAY_MS = 60_000;
const LONGEST_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * How long to wait after the `attempts`-th check in a row that found drift: none for the first
 * few, then one minute doubling per check up to six hours.
 */
export function nextCheckDelay(attempts: number): number {
  if (attempts <= CHECKS_WITHOUT_DELAY) return 0;
  return Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempts - CHECKS_WITHOUT_DELAY - 1));
}

/** The request's latest move into `state`, if it ever got there. */
function lastTransitionTo(request: IdentityRequest, state: RoleRequestState) {
  return [...request.transitions].reverse().find(t => t.to === state);
}

/** The 404 of an id that names no request the caller may see. */
function notFound(id: string): NotFoundError {
  return new NotFoundError(`role request ${JSON.stringify(id.slice(0, 64))} not found`);
}

/** The accounts whose IAM a request's verification reads: its role's, or every migrated role's. */
function accountsOf(request: IdentityRequest): string[] {
  if (request.kind !== 'migration') return [request.plan.input.accountId];
  return request.migration.targets.map(t => accountOfArn(t.plan.roleArn)).filter((a): a is string => Boolean(a));
}

/** The request with what `actor` may do to it now (decided per response, never stored). */
function withActions<T extends IdentityRequest>(request: T, actor: RequestActor): T {
  return { ...request, actions: requestActionOptions(request, actor) };
}
