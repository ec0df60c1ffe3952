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

import { canonicalJson, canonicalJsonLines } from './canonicalJson';
import {
  collapseUnchanged,
  DiffLine,
  diffLines,
  summarizeLineDiff,
} from './lineDiff';

const ops = (lines: DiffLine[]) =>
  lines.map(
    l => `${{ unchanged: ' ', added: '+', removed: '-' }[l.op]}${l.text}`,
  );

describe('diffLines', () => {
  it('finds nothing to change in equal texts', () => {
    const diff = diffLines(['a', 'b'], ['a', 'b']);
    expect(diff).toEqual({
      lines: [
        { op: 'unchanged', text: 'a' },
        { op: 'unchanged', text: 'b' },
      ],
      added: 0,
      removed: 0,
    });
    expect(summarizeLineDiff(diff)).toBe('identical');
  });

  it('prints a replaced line as removed, then added, between unchanged lines', () => {
    const diff = diffLines(
      ['{', '"a": 1,', '"b": 2', '}'],
      ['{', '"a": 1,', '"b": 3', '}'],
    );
    expect(ops(diff.lines)).toEqual([
      ' {',
      ' "a": 1,',
      '-"b": 2',
      '+"b": 3',
      ' }',
    ]);
    expect(summarizeLineDiff(diff)).toBe('1 line added, 1 removed');
  });

  it('keeps a minimal diff when lines move around common ones', () => {
    const diff = diffLines(
      ['x', 'a', 'b', 'c', 'y'],
      ['a', 'q', 'b', 'c', 'z'],
    );
    expect(ops(diff.lines)).toEqual(['-x', ' a', '+q', ' b', ' c', '-y', '+z']);
    expect(diff).toMatchObject({ added: 2, removed: 2 });
  });

  it('handles empty sides', () => {
    expect(ops(diffLines([], ['a', 'b']).lines)).toEqual(['+a', '+b']);
    expect(ops(diffLines(['a'], []).lines)).toEqual(['-a']);
    expect(diffLines([], [])).toEqual({ lines: [], added: 0, removed: 0 });
  });

  it('stays correct, if not minimal, beyond the table budget', () => {
    const before = Array.from({ length: 2500 }, (_, i) => `old ${i}`);
    const after = Array.from({ length: 2500 }, (_, i) => `new ${i}`);
    const diff = diffLines(['{', ...before, '}'], ['{', ...after, '}']);
    expect(diff).toMatchObject({ added: 2500, removed: 2500 });
    expect(diff.lines[0]).toEqual({ op: 'unchanged', text: '{' });
    expect(diff.lines[diff.lines.length - 1]).toEqual({
      op: 'unchanged',
      text: '}',
    });
  });
});

describe('collapseUnchanged', () => {
  const unchanged = (n: number, from = 0): DiffLine[] =>
    Array.from({ length: n }, (_, i) => ({
      op: 'unchanged' as const,
      text: `u${from + i}`,
    }));

  it('folds long unchanged runs, keeping context next to each change', () => {
    const lines: DiffLine[] = [
      ...unchanged(10),
      { op: 'added', text: 'new' },
      ...unchanged(10, 10),
      { op: 'removed', text: 'old' },
      ...unchanged(5, 20),
    ];
    const segments = collapseUnchanged(lines, 2);
    expect(
      segments.map(s =>
        s.kind === 'collapsed' ? `(${s.count})` : ops(s.lines).join('|'),
      ),
    ).toEqual([
      '(8)',
      ' u8| u9|+new| u10| u11',
      '(6)',
      ' u18| u19|-old| u20| u21',
      '(3)',
    ]);
  });

  it('does not fold a single line, and folds an identical text whole', () => {
    const lines: DiffLine[] = [
      { op: 'added', text: 'a' },
      ...unchanged(3),
      { op: 'added', text: 'b' },
    ];
    expect(collapseUnchanged(lines, 1)).toEqual([{ kind: 'lines', lines }]);
    expect(collapseUnchanged(unchanged(7))).toEqual([
      { kind: 'collapsed', count: 7 },
    ]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    const text = canonicalJson({
      b: 1,
      a: { z: [3, 1, { y: 1, x: 2 }], c: null },
    });
    expect(text).toBe(
      canonicalJson({ a: { c: null, z: [3, 1, { x: 2, y: 1 }] }, b: 1 }),
    );
    expect(canonicalJsonLines({ b: 1, a: [2, 1] })).toEqual([
      '{',
      '  "a": [',
      '    2,',
      '    1',
      '  ],',
      '  "b": 1',
      '}',
    ]);
  });
});
