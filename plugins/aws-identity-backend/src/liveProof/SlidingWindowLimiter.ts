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

/**
 * At most `limit` uses per key within any `windowMs` (a sliding window of the uses' times).
 * Memory is bounded by the keys used within the window: a key's times are dropped once they
 * are all older than the window.
 *
 * @internal
 */
export class SlidingWindowLimiter {
  private readonly uses = new Map<string, number[]>();

  constructor(
    private readonly options: { limit: number; windowMs: number; now?: () => number },
  ) {}

  /**
   * Takes one use of `key` when it has one left: `undefined` then, else the seconds until the
   * oldest use in the window expires (for `Retry-After`).
   */
  take(key: string): number | undefined {
    const now = (this.options.now ?? Date.now)();
    const since = now - this.options.windowMs;
    const times = (this.uses.get(key) ?? []).filter(t => t > since);
    if (times.length >= this.options.limit) {
      this.uses.set(key, times);
      return Math.max(1, Math.ceil((times[0] + this.options.windowMs - now) / 1000));
    }
    times.push(now);
    this.uses.set(key, times);
    this.prune(since);
    return undefined;
  }

  /** Forgets the keys whose every use is older than the window. */
  private prune(since: number): void {
    if (this.uses.size < 1000) return;
    for (const [key, times] of this.uses) {
      if (times[times.length - 1] <= since) this.uses.delete(key);
    }
  }
}
