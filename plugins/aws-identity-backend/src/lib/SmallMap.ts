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

/** Above this many entries a {@link SmallMap} keeps a `Map` (lookups stop being scans). */
const ARRAY_LIMIT = 16;

/**
 * A map for the many small maps an inventory keeps (the pods of one service account): up to 16
 * entries live in one exactly sized array of alternating keys and values, beyond that in a
 * `Map`. A `Map` costs about 300 bytes even for five entries; the array costs 8 per key and per
 * value. Lookups scan at most 16 keys. Keys are compared with `===`.
 */
export class SmallMap<K, V> implements ReadonlyMap<K, V> {
  private store: Array<K | V> | Map<K, V> = [];

  /** A map of `pairs` (later pairs win, as with `new Map(pairs)`). */
  static of<K, V>(initial: Iterable<readonly [K, V]>): SmallMap<K, V> {
    const map = new SmallMap<K, V>();
    for (const [key, value] of initial) map.set(key, value);
    return map;
  }

  get size(): number {
    return Array.isArray(this.store) ? this.store.length / 2 : this.store.size;
  }

  get(key: K): V | undefined {
    const entries = this.store;
    if (!Array.isArray(entries)) return entries.get(key);
    const at = indexOfKey(entries, key);
    return at < 0 ? undefined : (entries[at + 1] as V);
  }

  set(key: K, value: V): void {
    const entries = this.store;
    if (!Array.isArray(entries)) {
      entries.set(key, value);
      return;
    }
    const at = indexOfKey(entries, key);
    if (at >= 0) {
      entries[at + 1] = value;
    } else if (entries.length / 2 < ARRAY_LIMIT) {
      const grown = exactly<K | V>(entries.length + 2, i => entries[i]);
      grown[entries.length] = key;
      grown[entries.length + 1] = value;
      this.store = grown;
    } else {
      this.store = new Map<K, V>([...pairs<K, V>(entries), [key, value]]);
    }
  }

  /**
   * Sets `key` to `value` in the place of `replaced` when that is there (a renamed entry keeps
   * its position in the iteration order, as one set under its old key would), else as `set`.
   */
  replace(replaced: K, key: K, value: V): void {
    const entries = this.store;
    if (Array.isArray(entries)) {
      const at = indexOfKey(entries, replaced);
      if (at < 0) {
        this.set(key, value);
        return;
      }
      entries[at] = key;
      entries[at + 1] = value;
    } else if (entries.has(replaced)) {
      this.store = new Map([...entries].map(([k, v]): [K, V] => (k === replaced ? [key, value] : [k, v])));
    } else {
      entries.set(key, value);
    }
  }

  /** Removes `key`; whether it was there. */
  delete(key: K): boolean {
    const entries = this.store;
    if (!Array.isArray(entries)) {
      const deleted = entries.delete(key);
      // Back to an array once small again, so a shrunken account does not keep a Map.
      if (deleted && entries.size <= ARRAY_LIMIT / 2) {
        const flat = [...entries].flat();
        this.store = exactly(flat.length, i => flat[i]);
      }
      return deleted;
    }
    const at = indexOfKey(entries, key);
    if (at < 0) return false;
    this.store = exactly(entries.length - 2, i => entries[i < at ? i : i + 2]);
    return true;
  }

  has(key: K): boolean {
    const entries = this.store;
    return Array.isArray(entries) ? indexOfKey(entries, key) >= 0 : entries.has(key);
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  entries(): MapIterator<[K, V]> {
    const entries = this.store;
    return Array.isArray(entries) ? pairs<K, V>(entries) : entries.entries();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/**
 * An array of exactly `length` elements. Spreading, `push` and `slice` may leave growth slack
 * allocated (measured on Node 24: five pairs built by spreading held 320 bytes, exactly sized
 * ones 170 with their holder).
 */
function exactly<T>(length: number, at: (i: number) => T): T[] {
  const array = new Array<T>(length);
  for (let i = 0; i < length; i++) array[i] = at(i);
  return array;
}

function indexOfKey<K, V>(entries: Array<K | V>, key: K): number {
  for (let i = 0; i < entries.length; i += 2) if (entries[i] === key) return i;
  return -1;
}

function* pairs<K, V>(entries: Array<K | V>): MapIterator<[K, V]> {
  for (let i = 0; i < entries.length; i += 2) yield [entries[i] as K, entries[i + 1] as V];
}
