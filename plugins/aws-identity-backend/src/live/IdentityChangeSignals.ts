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
import { entitySignalChannel, EntitySignal, WorkloadSelector } from '@internal/plugin-aws-identity-common';
import { IdentitySnapshot } from '../identity/IdentitySnapshot';
import { SignalPublisher } from './SignalPublisher';

/** How long source changes are gathered before the entities' digests are compared, by default. */
export const DEFAULT_IDENTITY_SETTLE_MS = 2000;

/**
 * Tells open tabs that their entity's identity changed. After a source change has settled (a
 * sync or a rolling deployment fires many), it compares each catalog entity's report digest in
 * the new snapshot ({@link IdentitySnapshot.reportsDigest}) with the one it last saw, and
 * signals only the entities whose digest differs. An entity seen for the first time is only
 * recorded: there is no earlier version of it a tab could be showing.
 *
 * @public
 */
export class IdentityChangeSignals {
  private readonly digests = new Map<string, string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly options: {
      publisher: SignalPublisher;
      logger: LoggerService;
      /** The current snapshot (`IdentityService.snapshot`). */
      snapshot: () => IdentitySnapshot;
      /** The catalog entities that run on Kubernetes, with their selectors. */
      entities: () => ReadonlyArray<{ entityRef: string; selector: WorkloadSelector }>;
      /** Source changes within this many milliseconds are compared once. */
      settleMs?: number;
    },
  ) {}

  /** To be called on every source change: schedules one comparison for the whole burst. */
  changed(): void {
    if (!this.options.publisher.enabled || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.compare();
      } catch (error) {
        this.options.logger.warn(`aws-identity: comparing identities for live updates failed: ${error}`);
      }
    }, this.options.settleMs ?? DEFAULT_IDENTITY_SETTLE_MS);
    this.timer.unref?.();
  }

  /**
   * Compares every entity's digest with the last one and signals those that changed; returns
   * their refs. Entities gone from the catalog are forgotten.
   */
  compare(): string[] {
    const snapshot = this.options.snapshot();
    const changed: string[] = [];
    const present = new Set<string>();
    for (const { entityRef, selector } of this.options.entities()) {
      present.add(entityRef);
      const digest = snapshot.reportsDigest(selector);
      const before = this.digests.get(entityRef);
      this.digests.set(entityRef, digest);
      if (before === undefined || before === digest) continue;
      const signal: EntitySignal = { type: 'identity', digest };
      this.options.publisher.publish(entitySignalChannel(entityRef), signal);
      changed.push(entityRef);
    }
    for (const entityRef of this.digests.keys()) {
      if (!present.has(entityRef)) this.digests.delete(entityRef);
    }
    return changed;
  }

  /** Cancels a pending comparison. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
