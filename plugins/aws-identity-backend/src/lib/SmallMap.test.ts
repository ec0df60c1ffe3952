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
import { SmallMap } from './SmallMap';

describe('SmallMap', () => {
  it('behaves as a Map through growth past its array limit and back', () => {
    const small = new SmallMap<string, number>();
    const reference = new Map<string, number>();
    const step = (op: 'set' | 'delete', key: string, value = 0) => {
      const answers = op === 'set' ? [small.set(key, value), reference.set(key, value) && undefined] : [small.delete(key), reference.delete(key)];
      expect(answers[0]).toBe(answers[1]);
      expect([...small]).toEqual([...reference]);
      expect(small.size).toBe(reference.size);
    };
    for (let i = 0; i < 40; i++) step('set', `k${i % 30}`, i);
    for (let i = 0; i < 30; i += 2) step('delete', `k${i}`);
    step('delete', 'missing');
    for (let i = 0; i < 30; i++) step('delete', `k${i}`);
    step('set', 'again', 1);
    expect(small.get('again')).toBe(1);
    expect(small.has('again')).toBe(true);
    expect(small.has('k1')).toBe(false);
    expect(small.get('k1')).toBeUndefined();
    expect([...small.keys()]).toEqual(['again']);
    expect([...small.values()]).toEqual([1]);
    const seen: string[] = [];
    small.forEach((value, key) => seen.push(`${key}=${value}`));
    expect(seen).toEqual(['again=1']);
    small.set('b', 2);
    small.replace('again', 'renamed', 3);
    small.replace('missing', 'c', 4);
    expect([...small]).toEqual([['renamed', 3], ['b', 2], ['c', 4]]);
    const large = SmallMap.of(Array.from({ length: 20 }, (_, i): [string, number] => [`k${i}`, i]));
    large.replace('k1', 'one', 1);
    expect([...large.keys()].slice(0, 3)).toEqual(['k0', 'one', 'k2']);
    expect([...SmallMap.of([['a', 1], ['b', 2], ['a', 3]])]).toEqual([...new Map([['a', 1], ['b', 2], ['a', 3]])]);
  });
});
