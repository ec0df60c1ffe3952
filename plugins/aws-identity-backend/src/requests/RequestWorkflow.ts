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


import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Cluster,
  comparePlanWithLiveRole,
  renderPlan,
  Role,
  RoleRequest,
  RoleRequestTransition,
} from '@internal/plugin-aws-identity-common';
import { RoleDelivery } from '../delivery/types';
import { RequestNotifier } from './RequestNotifier';
import { RequestStore } from './RequestStore';

/** The actor recorded for transitions the plugin makes on its own. */
export const WORKFLOW_ACTOR = 'plugin:aws-identity';

/**
 * What the workflow needs to know about live IAM and the clusters.
 *
 * @public
 */
export interface LiveIdentityView {
  /** Roles by ARN from the latest inventory. */
  role(arn: string): Role | undefined;
  /** Clusters as the inventory knows them (issuer, account, ARN). */
  clusters(): readonly Cluster[];
  /** Reads the given accounts again now, so a newly created role shows up quickly. */
  refreshAccounts(accountIds: string[]): Promise<void>;
}

/**
 * Moves approved requests forward: delivers the change (approved → pr-open), follows it until
 * it merged, waits for the role to appear in IAM (→ live), then checks that the live role has the
 * planned trust and permissions and that the trust admits the service account (→ verified); a
 * mismatch is kept as drift and retried. Every step is idempotent, so a crash or a second
 * replica repeats work harmlessly: delivery reuses its branch and pull request, and a transition
 * from a state the request already left is refused by the store.
 *
 * @public
 */
export class RequestWorkflow {
  constructor(
    private readonly options: {
      store: RequestStore;
      delivery?: RoleDelivery;
      live: LiveIdentityView;
      logger: LoggerService;
      notifier?: RequestNotifier;
      /** Folder in the infrastructure repository for the rendered files. */
      directory?: string;
      /** Submitted requests nobody decided on within this many days expire. Default 14. */
      expireAfterDays?: number;
    },
  ) {}

  /** One pass over every open request. Never throws; failures are logged and retried. */
  async run(): Promise<void> {
    const expireBefore = Date.now() - (this.options.expireAfterDays ?? 14) * 24 * 60 * 60 * 1000;
    for (const request of await this.options.store.list({ state: 'submitted' })) {
      if (Date.parse(request.createdAt) < expireBefore) {
        await this.step(request, () =>
          this.move(request, 'expired', `no decision within ${this.options.expireAfterDays ?? 14} days`),
        );
      }
    }
    for (const request of await this.options.store.list({ state: 'approved' })) {
      await this.step(request, () => this.deliver(request));
    }
    for (const request of await this.options.store.list({ state: 'pr-open' })) {
      await this.step(request, () => this.followChange(request));
    }
    const waiting = [
      ...(await this.options.store.list({ state: 'merged' })),
      ...(await this.options.store.list({ state: 'live' })),
    ];
    if (waiting.length > 0) {
      await this.options.live.refreshAccounts([...new Set(waiting.map(r => r.plan.input.accountId))]);
    }
    for (const request of waiting) {
      await this.step(request, () => this.verify(request));
    }
  }

  /** Delivers one approved request. */
  async deliver(request: RoleRequest): Promise<void> {
    const { delivery } = this.options;
    if (!delivery) {
      this.options.logger.warn(
        `aws-identity: request ${request.id} is approved but no delivery is configured (awsIdentity.delivery)`,
      );
      return;
    }
    const folder = `${this.options.directory ?? 'aws-identity'}/${request.plan.input.roleName}`;
    const files = Object.fromEntries(
      renderPlan(request.plan, request.format ?? 'terraform').map(f => [`${folder}/${f.path}`, f.content]),
    );
    const receipt = await delivery.deliver({
      requestId: request.id,
      title: `aws-identity: role ${request.plan.input.roleName} for ${request.entityRef}`,
      body: changeDescription(request),
      files,
    });
    await this.move(request, 'pr-open', `delivered: ${receipt.url}`, {
      delivery: { kind: receipt.kind, branch: receipt.branch, url: receipt.url, number: receipt.number },
    });
  }

  private async followChange(request: RoleRequest): Promise<void> {
    if (!this.options.delivery || !request.delivery) return;
    const state = await this.options.delivery.state({ ...request.delivery, reused: true });
    if (state === 'merged') await this.move(request, 'merged', 'the change was merged');
    if (state === 'closed') await this.move(request, 'failed', 'the change was closed without merging');
  }

  private async verify(request: RoleRequest): Promise<void> {
    const role = this.options.live.role(request.plan.roleArn);
    if (!role) {
      await this.options.store.setVerification(request.id, {
        checkedAt: new Date().toISOString(),
        drift: [`${request.plan.roleArn} does not exist in IAM yet`],
      });
      return;
    }
    if (request.state === 'merged') {
      await this.move(request, 'live', `${role.arn} exists`);
      return;
    }
    const drift = compareWithPlan(request, role, this.options.live.clusters());
    const verification = { checkedAt: new Date().toISOString(), drift };
    if (drift.length === 0) {
      await this.move(request, 'verified', 'the live role matches the plan and its trust admits the service account', {
        verification,
      });
    } else {
      await this.options.store.setVerification(request.id, verification);
    }
  }

  private async move(
    request: RoleRequest,
    to: RoleRequest['state'],
    reason: string,
    extra: Pick<Parameters<RequestStore['transition']>[0], 'delivery' | 'verification'> = {},
  ): Promise<void> {
    const updated = await this.options.store.transition({
      id: request.id,
      from: request.state,
      to,
      actor: WORKFLOW_ACTOR,
      reason,
      ...extra,
    });
    const transition: RoleRequestTransition = updated.transitions[updated.transitions.length - 1];
    await this.options.notifier?.transitioned(updated, transition);
  }

  private async step(request: RoleRequest, work: () => Promise<void>): Promise<void> {
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

/** The pull-request body: the plan, the findings and the approval record. */
export function changeDescription(request: RoleRequest): string {
  const { plan } = request;
  const approval = request.transitions.find(t => t.to === 'approved');
  const lines = [
    `Role \`${plan.roleArn}\` for \`${request.entityRef}\`, requested by \`${request.requestedBy}\`.`,
    '',
    `Service account \`${plan.input.namespace}/${plan.input.serviceAccount}\` (${plan.input.binding}) on ${plan.input.clusters.map(c => `\`${c.name}\``).join(', ')}.`,
    '',
    '## Access',
    ...plan.grants.map(g => `- ${g.preset} on \`${g.resource}\``),
    '',
    `## Findings (risk: ${plan.risk})`,
    ...(plan.findings.length === 0
      ? ['None.']
      : plan.findings.map(f => `- **${f.id}** (${f.severity}): ${f.message}`)),
    '',
    '## Approval',
    approval
      ? `Approved by \`${approval.actor}\` at ${approval.at}${approval.reason ? `: ${approval.reason}` : ''}.`
      : 'Not approved.',
    '',
    `Request \`${request.id}\`, tracked by aws-identity until the role is live and verified.`,
  ];
  return lines.join('\n');
}

/**
 * Differences between the live role and the plan, in words for the requester: the drift of the
 * engine's one comparison with the live role (the same the request view shows as a diff).
 */
export function compareWithPlan(request: RoleRequest, role: Role, clusters: readonly Cluster[]): string[] {
  return comparePlanWithLiveRole(request.plan, role, clusters).drift;
}
