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
 * What happened to one line between the old text and the new text.
 *
 * @public
 */
export type DiffLineOp = 'unchanged' | 'added' | 'removed';

/**
 * One line of a line diff.
 *
 * @public
 */
export interface DiffLine {
  op: DiffLineOp;
  /** The line without its line break. */
  text: string;
}

/**
 * A line diff from an old text to a new text, in reading order (within a
 * change, removed lines come before the added lines that replace them).
 *
 * @internal
 */
export interface LineDiff {
  lines: DiffLine[];
  /** Lines only in the new text. */
  added: number;
  /** Lines only in the old text. */
  removed: number;
}

/**
 * A stretch of a diff as a compact view shows it: lines to print, or a run
 * of unchanged lines folded into a count.
 *
 * @public
 */
export type DiffSegment =
  | { kind: 'lines'; lines: DiffLine[] }
  | { kind: 'collapsed'; count: number };

/**
 * Above this many cells (changed old lines × changed new lines) the LCS table
 * is not built and the changed middle is shown as replaced wholesale: still a
 * correct diff, only not a minimal one. 4M cells are 16 MB and a few
 * milliseconds; IAM documents stay far below (10,240 characters for inline
 * policies), but AWS managed policies such as ReadOnlyAccess do not.
 */
const MAX_TABLE_CELLS = 4_000_000;

/**
 * Line diff of two texts (already split into lines) by longest common
 * subsequence, after trimming the common prefix and suffix. Deterministic:
 * the same inputs always give the same diff.
 *
 * @internal
 */
export function diffLines(
  before: readonly string[],
  after: readonly string[],
): LineDiff {
  let start = 0;
  while (
    start < before.length &&
    start < after.length &&
    before[start] === after[start]
  ) {
    start++;
  }
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    before[endBefore - 1] === after[endAfter - 1]
  ) {
    endBefore--;
    endAfter--;
  }

  const lines: DiffLine[] = before
    .slice(0, start)
    .map(text => ({ op: 'unchanged' as const, text }));
  const middle = diffMiddle(
    before.slice(start, endBefore),
    after.slice(start, endAfter),
  );
  lines.push(...middle);
  for (let i = endBefore; i < before.length; i++) {
    lines.push({ op: 'unchanged', text: before[i] });
  }

  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.op === 'added') added++;
    else if (line.op === 'removed') removed++;
  }
  return { lines, added, removed };
}

function diffMiddle(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n * m > MAX_TABLE_CELLS) {
    return [
      ...a.map(text => ({ op: 'removed' as const, text })),
      ...b.map(text => ({ op: 'added' as const, text })),
    ];
  }
  // lcs[i * (m + 1) + j]: length of the LCS of a[i..] and b[j..]. Filled from the end so the
  // walk below can go forwards and print lines in reading order.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1] + 1
          : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'unchanged', text: a[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      // Ties go to the removal, so a replaced line reads "- old" then "+ new".
      out.push({ op: 'removed', text: a[i] });
      i++;
    } else {
      out.push({ op: 'added', text: b[j] });
      j++;
    }
  }
  for (; i < n; i++) out.push({ op: 'removed', text: a[i] });
  for (; j < m; j++) out.push({ op: 'added', text: b[j] });
  return out;
}

/**
 * `identical`, or how many lines were added and removed, e.g.
 * `3 lines added, 1 removed`.
 *
 * @internal
 */
export function summarizeLineDiff(
  diff: Pick<LineDiff, 'added' | 'removed'>,
): string {
  if (diff.added === 0 && diff.removed === 0) return 'identical';
  return `${diff.added} ${diff.added === 1 ? 'line' : 'lines'} added, ${
    diff.removed
  } removed`;
}

/**
 * Folds runs of unchanged lines, keeping `context` lines next to each change,
 * so that a reviewer sees what changed and where without scrolling through
 * the rest. A fold that would hide a single line keeps it instead.
 *
 * @public
 */
export function collapseUnchanged(
  lines: readonly DiffLine[],
  context: number = 3,
): DiffSegment[] {
  const segments: DiffSegment[] = [];
  const show = (shown: DiffLine[]) => {
    if (shown.length === 0) return;
    const last = segments[segments.length - 1];
    if (last?.kind === 'lines') last.lines.push(...shown);
    else segments.push({ kind: 'lines', lines: [...shown] });
  };
  let i = 0;
  while (i < lines.length) {
    if (lines[i].op !== 'unchanged') {
      show([lines[i]]);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end].op === 'unchanged') end++;
    const run = lines.slice(i, end);
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = end === lines.length ? 0 : context;
    const hidden = run.length - keepBefore - keepAfter;
    if (hidden <= 1) {
      show(run);
    } else {
      show(run.slice(0, keepBefore));
      segments.push({ kind: 'collapsed', count: hidden });
      show(run.slice(run.length - keepAfter));
    }
    i = end;
  }
  return segments;
}
