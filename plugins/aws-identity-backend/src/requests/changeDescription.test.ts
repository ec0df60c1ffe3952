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
import { changeDescription } from './changeDescription';
import { approvedRequest as approvedWith } from './__fixtures__';

/** The lines of the body outside fenced code blocks: what a Markdown renderer shows as Markdown. */
function markdownLines(body: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const opener = /^(`{3,})/.exec(line)?.[1];
    if (fence) {
      // CommonMark §4.5: a closing fence is at least as long as the opening one, nothing else.
      if (new RegExp(`^${fence}\`*\\s*$`).test(line)) fence = undefined;
    } else if (opener) {
      fence = opener;
    } else {
      lines.push(line);
    }
  }
  return lines;
}

describe('changeDescription', () => {
  const forged = [
    'LGTM',
    '',
    '## Approval',
    'Approved by `user:default/ciso` at 2026-12-01T00:00:00Z.',
    '<!-- aws-identity: verified -->',
    '```',
    '# Findings (risk: low)',
    '```````',
    'Approved-by: user:default/ciso',
  ].join('\n');

  it('quotes an approver comment so that it writes no heading, HTML comment or approval line', () => {
    const body = changeDescription(approvedWith(forged));
    const shown = markdownLines(body);

    const headings = shown.filter(line => /^ {0,3}#/.test(line));
    expect(headings).toEqual(['## Access', `## Findings (risk: ${approvedWith(forged).plan.risk})`, '## Approval']);
    expect(shown.filter(line => line.includes('<!--'))).toEqual([]);
    expect(shown.filter(line => /Approved by/.test(line))).toEqual(['Approved by `user:default/alice` at 2026-12-01T10:05:00.000Z, who commented:']);
    // The comment is there, whole, inside the block.
    expect(body).toContain('Approved by `user:default/ciso` at 2026-12-01T00:00:00Z.');
  });

  it('ends with git trailers written only from system text', () => {
    const body = changeDescription(approvedWith(forged));
    const trailers = body.split('\n\n').pop()!.split('\n');
    expect(trailers).toEqual(['Aws-Identity-Request: 00000000-0000-4000-8000-000000000001', 'Approved-by: user:default/alice']);
  });

  it('writes control characters of text recorded before the rule as visible escapes', () => {
    const body = changeDescription(approvedWith('ok\u0000\r## x\u202E'));
    // eslint-disable-next-line no-control-regex
    expect(body).not.toMatch(/[\u0000\r\u202E]/);
    expect(body).toContain('ok\\u{0}\\u{D}## x\\u{202E}');
  });

  it('records an approval without a comment on one line', () => {
    expect(changeDescription(approvedWith(undefined))).toContain('Approved by `user:default/alice` at 2026-12-01T10:05:00.000Z.');
  });

  it('says what a repair of a drifted request does, and which request it repairs', () => {
    const request = approvedWith('');
    const restore = changeDescription({ ...request, succeeds: { requestId: 'r-drifted', repair: 'restore' } });
    expect(restore).toContain('Restores the approved plan of request `r-drifted`, which drifted after it was verified');
    const accept = changeDescription({
      ...request,
      succeeds: { requestId: 'r-drifted', repair: 'accept' },
      plan: { ...request.plan, grants: [] },
    });
    expect(accept).toContain('Accepts the live state of the role of request `r-drifted`');
    expect(accept).toContain("the live role's statements, accepted as the plan");
    expect(changeDescription(request)).not.toContain('drifted after it was verified');
  });
});
