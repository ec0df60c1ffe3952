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

import { ListPage, WatchStream } from './clusterReadApi';

/** An object as a watch delivers it: only its resourceVersion matters here. */
interface Versioned {
  metadata?: { resourceVersion?: string };
}

/** What a {@link ListWatch} reports to its owner. */
export interface ListWatchHandlers<T> {
  /** A complete LIST: everything there is, replacing what the owner holds. */
  listed(items: T[]): void;
  /** One watch event. */
  changed(phase: 'ADDED' | 'MODIFIED' | 'DELETED', item: T): void;
  /** The LIST succeeded, or a watch opened after a failure: the resource is readable. */
  readable(): void;
  /** The resource could not be read (`what` names the step, e.g. "listing pods"). */
  failed(what: string, error: unknown): void;
}

/** How often a paginated LIST restarts after its continue token expired (410) before failing. */
const MAX_LIST_RESTARTS = 3;

/**
 * The Kubernetes list-and-watch protocol for one resource type, as client-go's reflector does it
 * (https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes):
 * LIST every page, then WATCH from the list's resourceVersion with bookmarks; a watch the
 * apiserver ends routinely is resumed from the last resourceVersion seen (bookmarks move it);
 * `410 Gone` on the watch means that version was compacted, and only a new LIST can go on.
 * Failures retry with capped exponential back-off and jitter, reset by the next success.
 */
export class ListWatch<T extends Versioned> {
  private abort?: AbortController;
  private timer?: NodeJS.Timeout;
  private failuresInARow = 0;
  private stopped = false;
  /** Counts of the calls made, for tests and benchmarks (a steady state makes no LIST). */
  readonly counts = { lists: 0, watches: 0, relistsAfterGone: 0 };

  constructor(
    private readonly options: {
      /** e.g. "pods", for messages. */
      resource: string;
      list(continueToken: string | undefined): Promise<ListPage<T>>;
      watch: WatchStream;
      handlers: ListWatchHandlers<T>;
      /** First retry delay after a failure; doubles per failure in a row up to `maxRetryMs`. */
      retryMs?: number;
      maxRetryMs?: number;
    },
  ) {}

  /** Lists, then watches. Resolves after the first LIST attempt (successful or not). */
  start(): Promise<void> {
    return this.relist();
  }

  /** Ends the watch and every pending retry. */
  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    if (this.timer) clearTimeout(this.timer);
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    let list: { items: T[]; resourceVersion?: string };
    try {
      this.counts.lists += 1;
      list = await listAllPages(page => this.options.list(page));
    } catch (error) {
      this.options.handlers.failed(`listing ${this.options.resource}`, error);
      this.retry(() => this.relist());
      return;
    }
    if (this.stopped) return;
    this.failuresInARow = 0;
    this.options.handlers.listed(list.items);
    this.options.handlers.readable();
    await this.watch(list.resourceVersion);
  }

  private async watch(resourceVersion: string | undefined): Promise<void> {
    if (this.stopped) return;
    let lastResourceVersion = resourceVersion;
    // Set once this watch has ended or was replaced by a relist; a replaced watch's end (its
    // abort) must neither be reported nor restart it.
    let ended = false;
    let superseded = false;
    this.counts.watches += 1;
    const recovering = this.failuresInARow > 0;
    try {
      this.abort = await this.options.watch(
        resourceVersion,
        (phase, object) => {
          if (superseded) return;
          if (phase === 'ERROR') {
            // 410 Gone: our resourceVersion is too old; only a fresh LIST can resume.
            if ((object as { code?: number } | undefined)?.code === 410) {
              superseded = true;
              this.counts.relistsAfterGone += 1;
              this.abort?.abort();
              void this.relist();
            }
            return;
          }
          const item = object as T;
          lastResourceVersion = item?.metadata?.resourceVersion ?? lastResourceVersion;
          if (phase === 'BOOKMARK') return;
          if (phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED') {
            this.options.handlers.changed(phase, item);
          }
        },
        error => {
          ended = true;
          if (this.stopped || superseded) return;
          if (isGone(error)) {
            // The apiserver may also refuse the watch request itself with HTTP 410 (its watch
            // cache no longer holds the version): as for the ERROR event, only a LIST can go on.
            superseded = true;
            this.counts.relistsAfterGone += 1;
            void this.relist();
            return;
          }
          const routine = !error || (error as Error).name === 'TimeoutError';
          if (routine) {
            // The apiserver ends watches routinely (timeoutSeconds): resume where we were.
            this.timer = setTimeout(() => void this.watch(lastResourceVersion), 0);
            this.timer.unref?.();
            return;
          }
          this.options.handlers.failed(`watching ${this.options.resource}`, error);
          this.retry(() => this.watch(lastResourceVersion));
        },
      );
    } catch (error) {
      // The stream could not be opened at all: start over with a LIST.
      this.options.handlers.failed(`watching ${this.options.resource}`, error);
      this.retry(() => this.relist());
      return;
    }
    // `watch` returns once the stream is open, or after `done` when it could not be opened: an
    // open stream means the resource is readable again after an outage.
    if (!ended && recovering) {
      this.failuresInARow = 0;
      this.options.handlers.readable();
    }
  }

  private retry(next: () => Promise<void>): void {
    if (this.stopped) return;
    this.failuresInARow += 1;
    const base = this.options.retryMs ?? 2_000;
    const cap = this.options.maxRetryMs ?? 30_000;
    const delay = Math.min(cap, base * 2 ** (this.failuresInARow - 1));
    // Jitter in [delay/2, delay]: replicas that lost a cluster together do not return together.
    const jittered = delay / 2 + Math.random() * (delay / 2);
    this.timer = setTimeout(() => void next(), jittered);
    this.timer.unref?.();
  }
}

/** An error that is the apiserver's `410 Gone` (client-node sets `statusCode` on a refused watch, `code` on API errors). */
function isGone(error: unknown): boolean {
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  return statusCode === 410 || code === 410;
}

/**
 * Reads every page of a LIST. A continue token expires (the apiserver answers `410 Gone` once
 * etcd compacted past the list's snapshot, after about five minutes); the only way on is a new
 * list from the first page, so that happens here instead of failing the read.
 */
export async function listAllPages<T>(
  page: (continueToken: string | undefined) => Promise<ListPage<T>>,
): Promise<{ items: T[]; resourceVersion?: string }> {
  for (let restarts = 0; ; restarts++) {
    const items: T[] = [];
    let next: string | undefined;
    let resourceVersion: string | undefined;
    try {
      do {
        const result = await page(next);
        items.push(...result.items);
        next = result.metadata?._continue || undefined;
        resourceVersion = result.metadata?.resourceVersion;
      } while (next);
      return { items, resourceVersion };
    } catch (error) {
      const expired = next !== undefined && (error as { code?: number })?.code === 410;
      if (!expired || restarts >= MAX_LIST_RESTARTS) throw error;
    }
  }
}
