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
import { hiddenCharacterProblem, nonAsciiProblem, visibleControlCharacters } from './plainText';
import { jsonShapeProblem } from './jsonShape';
import { validateRegion, validateRoleName } from './identifiers';

describe('nonAsciiProblem', () => {
  it('accepts printable ASCII', () => {
    expect(nonAsciiProblem('arn:aws:iam::111111111111:role/team/app@x+y=z,w.v-u_t')).toBeUndefined();
  });

  it.each([
    ['Cyrillic а (U+0430), which renders like Latin a', 'p\u0430yments', 'the non-ASCII character U+0430'],
    ['full-width ａ (U+FF41)', '\uff41pp', 'the full-width character U+FF41'],
    ['zero-width space (U+200B)', 'app\u200b', 'the invisible character U+200B'],
    ['byte order mark (U+FEFF)', '\ufeffapp', 'the invisible character U+FEFF'],
    ['right-to-left override (U+202E)', 'app\u202e', 'the bidirectional control U+202E'],
    ['first strong isolate (U+2068)', 'app\u2068', 'the bidirectional control U+2068'],
    ['NUL', 'a\u0000', 'the control character U+0000'],
    ['DEL', 'a\u007f', 'the control character U+007F'],
    ['next line (C1, U+0085)', 'a\u0085', 'the control character U+0085'],
    ['an emoji outside the BMP', 'a\u{1f600}', 'U+1F600'],
  ])('names %s by its code point', (_name, text, reason) => {
    expect(nonAsciiProblem(text)).toContain(reason);
  });

  it('refuses a space unless allowed', () => {
    expect(nonAsciiProblem('a b')).toBe('contains a space');
    expect(nonAsciiProblem('a b', { allowSpace: true })).toBeUndefined();
  });
});

describe('hiddenCharacterProblem', () => {
  it('accepts text in any script, with tabs and line breaks', () => {
    expect(hiddenCharacterProblem('Genehmigt für Zoë — ok\n\tsee ticket')).toBeUndefined();
  });

  it.each([['NUL', 'ok\u0000'], ['escape', 'ok\u001b[2J'], ['RLO', 'ok\u202e'], ['zero-width joiner', 'ok\u200d']])(
    'refuses %s',
    (_name, text) => {
      expect(hiddenCharacterProblem(text)).toMatch(/^contains the /);
    },
  );
});

describe('jsonShapeProblem', () => {
  it('accepts a role request body', () => {
    expect(jsonShapeProblem({ idempotencyKey: 'k', request: { access: [{ resource: 'arn:aws:s3:::b' }] } })).toBeUndefined();
  });

  it('names the path where nesting goes too deep', () => {
    let value: unknown = 0;
    for (let i = 0; i < 10; i++) value = [value];
    expect(jsonShapeProblem({ request: { access: value } }, { maxDepth: 5 })).toEqual({
      path: 'body.request.access[0][0][0]',
      error: 'nests deeper than 5 levels',
    });
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    const value = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(jsonShapeProblem(value)).toMatchObject({ error: 'nests deeper than 32 levels' });
  });

  it.each([
    ['{"__proto__":{"admin":true}}', 'body.__proto__'],
    ['{"a":[{"constructor":{"prototype":{}}}]}', 'body.a[0].constructor'],
    ['{"a":{"prototype":1}}', 'body.a.prototype'],
  ])('refuses the prototype key in %s', (text, path) => {
    expect(jsonShapeProblem(JSON.parse(text))).toEqual({ path, error: expect.stringContaining('is not allowed') });
  });

  it('quotes keys that are not identifiers', () => {
    expect(jsonShapeProblem({ 'a b': { __proto__x: 1, c: [[1]] } }, { maxDepth: 3 })).toEqual({
      path: 'body["a b"].c[0]',
      error: 'nests deeper than 3 levels',
    });
  });
});

describe('validateRegion', () => {
  // Region codes from the AWS General Reference (Regions and endpoints), incl. GovCloud, China
  // and the isolated partitions.
  it.each([
    'us-east-1', 'us-west-2', 'af-south-1', 'ap-southeast-7', 'ca-central-1', 'eu-central-2', 'il-central-1',
    'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-west-1', 'us-gov-east-1', 'cn-north-1',
    'cn-northwest-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1',
  ])('accepts %s', region => {
    expect(validateRegion(region)).toEqual({ ok: true, value: region });
  });

  it.each([
    ['an availability zone', 'us-east-1a'],
    ['upper case', 'US-EAST-1'],
    ['no number', 'us-east'],
    ['no dashes', 'useast1'],
    ['the global pseudo-region', 'aws-global'],
    ['a trailing space', 'us-east-1 '],
    ['a Cyrillic е', 'us-\u0435ast-1'],
    ['empty', ''],
  ])('refuses %s', (_name, region) => {
    expect(validateRegion(region)).toMatchObject({ ok: false, error: expect.stringMatching(/^region /) });
  });
});

describe('role names are ASCII (IAM CreateRole: [\\w+=,.@-]+)', () => {
  it('names the look-alike in the reason', () => {
    expect(validateRoleName('reports-\u0430pi')).toEqual({
      ok: false,
      error: 'role name "reports-\\u0430pi" contains the non-ASCII character U+0430 (possibly a look-alike of an ASCII one)',
    });
  });
});

describe('hiddenCharacterProblem as the free-text rule', () => {
  it.each([['LGTM'], ['Looks right.\nSecond line\twith a tab'], ['Windows line ends\r\nare fine'], ['Ünïcödé and emoji 👍']])('accepts %j', text => {
    expect(hiddenCharacterProblem(text)).toBeUndefined();
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
    expect(hiddenCharacterProblem(text)).toMatch(new RegExp(`U\\+${code}`));
  });
});

describe('visibleControlCharacters', () => {
  it('writes refused characters as escapes and keeps the rest', () => {
    expect(visibleControlCharacters('a\u0000b\n\u202Ec')).toBe('a\\u{0}b\n\\u{202E}c');
  });
});
