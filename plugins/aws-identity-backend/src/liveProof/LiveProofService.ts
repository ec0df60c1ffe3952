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
import { CustomErrorBase, NotFoundError } from '@backstage/errors';
import {
  LiveProofResult,
  LiveProofTarget,
  LiveProofTrigger,
  liveProofRefused,
  liveProved,
  planLiveProof,
} from '@internal/plugin-aws-identity-common';
import { LiveProofConfig, ServiceAccountTokenRequest } from '@internal/plugin-aws-identity-node';
import { describeError } from '../lib/describeError';
import { IdentitySnapshot } from '../identity/IdentitySnapshot';
import { SlidingWindowLimiter } from './SlidingWindowLimiter';
import { WebIdentityProver } from './WebIdentityProver';

/** A proof asked for too often: HTTP 429 with the seconds to wait. */
export class TooManyProofsError extends CustomErrorBase {
  statusCode = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Runs live proofs: the report decides what to prove ({@link planLiveProof}); for IRSA this asks
 * the cluster for a token of the service account and hands it to the {@link WebIdentityProver}.
 * Limits proofs per service account and per user, keeps the last result per service account
 * in memory (what the tab shows), and never keeps, logs or returns the token or the session.
 *
 * @internal
 */
export class LiveProofService {
  private readonly perServiceAccount: SlidingWindowLimiter;
  private readonly perUser: SlidingWindowLimiter;
  private readonly results = new Map<string, LiveProofResult>();
  private readonly now: () => number;

  constructor(
    private readonly options: {
      settings: LiveProofConfig;
      snapshot: () => IdentitySnapshot;
      /** The cluster source's TokenRequest; absent when the source cannot issue tokens. */
      requestToken?: (request: ServiceAccountTokenRequest) => Promise<string>;
      prover: WebIdentityProver;
      logger: LoggerService;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
    const { perServiceAccountPerHour, perUserPerHour } = options.settings;
    this.perServiceAccount = new SlidingWindowLimiter({ limit: perServiceAccountPerHour, windowMs: HOUR_MS, now: this.now });
    this.perUser = new SlidingWindowLimiter({ limit: perUserPerHour, windowMs: HOUR_MS, now: this.now });
  }

  get enabled(): boolean {
    return this.options.settings.enabled;
  }

  /** The last result of each of these service accounts that has one. */
  lastResults(targets: readonly LiveProofTarget[]): LiveProofResult[] {
    return targets.flatMap(t => this.results.get(keyOf(t)) ?? []);
  }

  /**
   * Proves one service account's role live. `actor` is the user who asked (limited per user);
   * the scheduled probe passes none. Throws {@link TooManyProofsError} over a limit and
   * `NotFoundError` for a service account the inventory has not seen; every other failure is
   * a `refused` result.
   */
  async prove(target: LiveProofTarget, trigger: LiveProofTrigger, actor?: string): Promise<LiveProofResult> {
    const snapshot = this.options.snapshot();
    const serviceAccount = snapshot.serviceAccount({ cluster: target.cluster, namespace: target.namespace, name: target.serviceAccount });
    if (!serviceAccount) {
      throw new NotFoundError(
        `serviceAccount: ${target.namespace}/${target.serviceAccount} is not a service account of cluster ${target.cluster}`,
      );
    }
    const saKey = keyOf(target);
    const saWait = this.perServiceAccount.take(saKey);
    if (saWait !== undefined) {
      throw new TooManyProofsError(
        `${target.namespace}/${target.serviceAccount} on ${target.cluster} was proved ${this.options.settings.perServiceAccountPerHour} times in the last hour; try again in ${saWait} s`,
        saWait,
      );
    }
    if (actor) {
      const userWait = this.perUser.take(actor);
      if (userWait !== undefined) {
        throw new TooManyProofsError(
          `${actor} asked for ${this.options.settings.perUserPerHour} live proofs in the last hour; try again in ${userWait} s`,
          userWait,
        );
      }
    }
    const report = snapshot.report(serviceAccount);
    const plan = planLiveProof(report, serviceAccount);
    const at = new Date(this.now()).toISOString();
    let result: LiveProofResult;
    if (plan.kind === 'answered') {
      result = { ...plan.result, at, trigger };
    } else {
      const context = {
        target,
        roleArn: plan.roleArn,
        audience: plan.audience,
        at,
        trigger,
        ...(this.options.settings.emulator ? { caveat: 'emulator: token not validated' } : {}),
      };
      result = await this.proveWebIdentity(plan, context, report);
    }
    this.results.set(saKey, result);
    // The outcome only: the token and the session never reach a log line.
    this.options.logger.info(
      `aws-identity: live proof of ${target.namespace}/${target.serviceAccount} on ${target.cluster} (${trigger}): ${result.outcome}`,
    );
    return result;
  }

  private async proveWebIdentity(
    plan: Extract<ReturnType<typeof planLiveProof>, { kind: 'web-identity' }>,
    context: Parameters<typeof liveProved>[0],
    report: Parameters<typeof liveProofRefused>[1],
  ): Promise<LiveProofResult> {
    const { target } = context;
    let token: string;
    try {
      if (!this.options.requestToken) throw new Error('the cluster source cannot issue service-account tokens');
      token = await this.options.requestToken({
        cluster: target.cluster,
        namespace: target.namespace,
        serviceAccount: target.serviceAccount,
        audience: plan.audience,
        expirationSeconds: plan.tokenExpirationSeconds,
      });
    } catch (error) {
      return liveProofRefused({ ...context, stage: 'token', errorText: describeError(error) }, report);
    }
    try {
      const { callerArn } = await this.options.prover.prove({
        roleArn: plan.roleArn,
        token,
        // Shows in CloudTrail as who assumed the role: the proof, not a workload.
        sessionName: 'aws-identity-live-proof',
        sessionPolicy: plan.sessionPolicy,
        durationSeconds: plan.sessionDurationSeconds,
      });
      return liveProved({ ...context, callerArn });
    } catch (error) {
      return liveProofRefused({ ...context, stage: 'sts', errorText: stsErrorText(error) }, report);
    }
  }
}

function keyOf(target: LiveProofTarget): string {
  return `${target.cluster}\u0000${target.namespace}\u0000${target.serviceAccount}`;
}

/**
 * An STS failure as the CLI would print it ("An error occurred (Code) when calling the
 * AssumeRoleWithWebIdentity operation: message"), the form the STS error decoder reads. The
 * SDK's error carries no request data, so no token can leak through it.
 */
function stsErrorText(error: unknown): string {
  const e = error as { name?: string; message?: string };
  const code = e?.name && e.name !== 'Error' ? e.name : undefined;
  const message = (e?.message ?? String(error)).slice(0, 1000);
  return code ? `An error occurred (${code}) when calling the AssumeRoleWithWebIdentity operation: ${message}` : message;
}
