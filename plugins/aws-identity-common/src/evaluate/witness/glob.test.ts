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
import { matchesWildcard } from '../wildcard';
import { Glob } from './glob';

const read = (glob: Glob, text: string) =>
  [...text].reduce((state, ch) => glob.step(state, ch), glob.start());
const like = (pattern: string) =>
  Glob.wildcard([{ text: pattern, literal: false }], false);

describe('Glob (IAM wildcards as an automaton)', () => {
  // The automaton must agree with the evaluator's own matcher (IAM
  // "StringLike": `*` any run including ":" and "/", `?` one character).
  it.each([
    ['system:serviceaccount:*', 'system:serviceaccount:a:b'],
    ['system:serviceaccount:*i', 'system:serviceaccount:x:api'],
    ['system:serviceaccount:*i', 'system:serviceaccount:x:apx'],
    ['team-?:api', 'team-a:api'],
    ['team-?:api', 'team-ab:api'],
    ['a*b*c', 'aXbYc'],
    ['a*b*c', 'acb'],
    ['**', ''],
    ['?', ''],
    ['', ''],
  ])('%j on %j agrees with matchesWildcard', (pattern, value) => {
    const glob = like(pattern);
    expect(glob.accepts(read(glob, value))).toBe(
      matchesWildcard(pattern, value),
    );
  });

  it('a literal read to its end matches no longer string ("open", not "always")', () => {
    const glob = Glob.literal('app:api', false);
    const state = read(glob, 'app:api');
    expect(glob.accepts(state)).toBe(true);
    expect(glob.status(state)).toBe('open');
    expect(glob.status(read(glob, 'app:apix'))).toBe('dead');
  });

  it('a trailing star matches every continuation ("always")', () => {
    const glob = like('app:*');
    expect(glob.status(read(glob, 'app:'))).toBe('always');
    expect(glob.status(read(glob, 'app'))).toBe('open');
    expect(glob.status(read(glob, 'apx'))).toBe('dead');
  });

  it('text from a policy variable is literal: "*" there is no wildcard', () => {
    const glob = Glob.wildcard(
      [
        { text: 'home/', literal: false },
        { text: '*', literal: true },
      ],
      false,
    );
    expect(glob.accepts(read(glob, 'home/*'))).toBe(true);
    expect(glob.accepts(read(glob, 'home/x'))).toBe(false);
  });

  it('IgnoreCase literals match both cases', () => {
    const glob = Glob.literal('STS.amazonaws.com', true);
    expect(glob.accepts(read(glob, 'sts.AMAZONAWS.com'))).toBe(true);
  });
});
