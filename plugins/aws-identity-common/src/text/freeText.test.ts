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
import { freeTextProblem, visibleControlCharacters } from './freeText';

describe('freeTextProblem', () => {
  it.each([['LGTM'], ['Looks right.\nSecond line\twith a tab'], ['Ünïcödé and emoji 👍']])('accepts %j', text => {
    expect(freeTextProblem(text)).toBeUndefined();
  });

  it.each([
    ['NUL', 'ok\u0000', '0000'],
    ['carriage return', 'a\rApproved by', '000D'],
    ['escape', '\u001b[2J', '001B'],
    ['DEL', 'a\u007f', '007F'],
    ['C1 next line', 'a\u0085b', '0085'],
    ['right-to-left override', 'admin\u202Etxt', '202E'],
    ['first strong isolate', '\u2068x', '2068'],
    ['arabic letter mark', '\u061c', '061C'],
  ])('refuses %s', (_name, text, code) => {
    expect(freeTextProblem(text)).toMatch(new RegExp(`U\\+${code}`));
  });
});

describe('visibleControlCharacters', () => {
  it('writes refused characters as escapes and keeps the rest', () => {
    expect(visibleControlCharacters('a\u0000b\n\u202Ec')).toBe('a\\u{0}b\n\\u{202E}c');
  });
});
