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

import { EnvFromReference } from '@internal/plugin-aws-identity-common';
import { describeError } from '../../lib/describeError';
import { EnvSourceKeys } from './podAggregates';

/**
 * The key names of the Secrets and ConfigMaps pods use through `envFrom`, per namespace: what
 * the shadowing check needs to know which variables such a pod gets, without ever keeping a
 * value. Reads happen when a pod's list or watch event first references an object
 * ({@link EnvSourceKeyCache.observe}) and then every `refreshMs` while pods still do, never on a
 * page view: {@link EnvSourceKeyCache.lookup} only answers from the cache. A refused read (RBAC without `get` on secrets) is
 * remembered as an error, so the report can say "could not read", never "no shadowing".
 *
 * @public
 */
export class EnvSourceKeyCache {
  /** Per namespace: `Kind/name` → the last answer and when it was read. */
  private readonly byNamespace = new Map<string, Map<string, { keys: EnvSourceKeys; readAt: number }>>();
  private readonly pending = new Set<string>();
  /** Every object a pod referenced (bounded by distinct `envFrom` targets, names only). */
  private readonly referenced = new Set<string>();
  private timer?: ReturnType<typeof setInterval>;
  /** Reads made so far (GET of one Secret or ConfigMap each). */
  readonly counts = { reads: 0, errors: 0 };

  constructor(
    private readonly options: {
      read: (kind: 'Secret' | 'ConfigMap', namespace: string, name: string) => Promise<string[]>;
      /** Called with the namespace whose answers changed. */
      changed: (namespace: string) => void;
      /** How long an answer is trusted before it is read again (default 5 minutes). */
      refreshMs?: number;
    },
  ) {}

  /**
   * Notes that a pod in `namespace` references `ref` (called on the pod's list or watch event)
   * and queues the first read of its key names, so the keys are usually known before anyone
   * looks and a view never starts I/O.
   */
  observe(ref: EnvFromReference, namespace: string): void {
    const id = `${ref.kind}/${ref.name}`;
    this.referenced.add(`${namespace}\u0000${id}`);
    if (!this.byNamespace.get(namespace)?.has(id)) this.queue(ref.kind, namespace, ref.name);
  }

  /** The cached key names of `ref` in `namespace`, `undefined` while not read yet; no I/O. */
  lookup(ref: EnvFromReference, namespace: string): EnvSourceKeys {
    return this.byNamespace.get(namespace)?.get(`${ref.kind}/${ref.name}`)?.keys;
  }

  /** Starts refreshing referenced objects whose answer is older than `refreshMs`. */
  start(): void {
    const refreshMs = this.options.refreshMs ?? 5 * 60_000;
    this.timer = setInterval(() => this.refresh(refreshMs), Math.max(1000, refreshMs / 5));
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private refresh(refreshMs: number): void {
    const now = Date.now();
    for (const entry of this.referenced) {
      const [namespace, id] = entry.split('\u0000');
      const cached = this.byNamespace.get(namespace)?.get(id);
      const [kind, name] = splitId(id);
      if (!cached || now - cached.readAt >= refreshMs) this.queue(kind, namespace, name);
    }
  }

  private queue(kind: 'Secret' | 'ConfigMap', namespace: string, name: string): void {
    const key = `${namespace}\u0000${kind}/${name}`;
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.counts.reads += 1;
    this.options
      .read(kind, namespace, name)
      .then(
        keys => ({ keys: [...new Set(keys)].sort() }) as EnvSourceKeys,
        error => {
          this.counts.errors += 1;
          return { error: `could not read ${kind} ${name}'s keys: ${describeError(error)}` } as EnvSourceKeys;
        },
      )
      .then(keys => {
        this.pending.delete(key);
        let names = this.byNamespace.get(namespace);
        if (!names) {
          names = new Map();
          this.byNamespace.set(namespace, names);
        }
        const before = JSON.stringify(names.get(`${kind}/${name}`)?.keys);
        names.set(`${kind}/${name}`, { keys, readAt: Date.now() });
        if (before !== JSON.stringify(keys)) this.options.changed(namespace);
      });
  }
}

function splitId(id: string): ['Secret' | 'ConfigMap', string] {
  const slash = id.indexOf('/');
  return [id.slice(0, slash) as 'Secret' | 'ConfigMap', id.slice(slash + 1)];
}
