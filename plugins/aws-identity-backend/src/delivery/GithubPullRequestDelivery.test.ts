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


import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { Octokit } from '@octokit/rest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import MarkdownIt from 'markdown-it';
import { changeDescription } from '../requests/changeDescription';
import { approvedRequest } from '../requests/__fixtures__';
import { GithubPullRequestDelivery } from './GithubPullRequestDelivery';

/**
 * GitHub's REST contract for the calls the delivery makes, recorded from the REST API reference
 * (request bodies and the response fields we read), backed by a little state so that the
 * sequence — and a retry after a partial run — behaves as on github.com.
 */
function githubContract() {
  const api = 'https://api.github.com/repos/acme/infra';
  const state = {
    refs: new Map<string, string>([['heads/main', 'base-sha']]),
    pulls: [] as Array<{ number: number; head: string; state: 'open' | 'closed'; merged: boolean; title: string; body: string }>,
    trees: [] as unknown[],
    commits: [] as unknown[],
    reviewRequests: [] as unknown[],
    calls: [] as string[],
  };
  const record = (request: Request) => {
    const url = new URL(request.url);
    state.calls.push(`${request.method} ${url.pathname}`);
  };
  const handlers = [
    http.get(`${api}`, ({ request }) => {
      record(request);
      return HttpResponse.json({ full_name: 'acme/infra', default_branch: 'main' });
    }),
    http.get(`${api}/pulls`, ({ request }) => {
      record(request);
      const url = new URL(request.url);
      const head = url.searchParams.get('head')?.replace(/^acme:/, '');
      // `state` is open (GitHub's default), closed or all; a merged pull request is closed with `merged_at`.
      const wanted = url.searchParams.get('state') ?? 'open';
      const found = state.pulls.filter(p => (wanted === 'all' || p.state === wanted) && p.head === head).reverse();
      return HttpResponse.json(
        found.map(p => ({
          number: p.number,
          html_url: `https://github.com/acme/infra/pull/${p.number}`,
          state: p.state,
          merged_at: p.merged ? '2026-12-01T10:00:00Z' : null,
          head: { ref: p.head },
        })),
      );
    }),
    http.get(`${api}/git/ref/*`, ({ request }) => {
      record(request);
      const ref = new URL(request.url).pathname.split('/git/ref/')[1];
      const sha = state.refs.get(decodeURIComponent(ref));
      if (!sha) return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      return HttpResponse.json({ ref: `refs/${ref}`, object: { sha, type: 'commit' } });
    }),
    http.get(`${api}/git/commits/:sha`, ({ request, params }) => {
      record(request);
      return HttpResponse.json({ sha: params.sha, tree: { sha: `tree-of-${params.sha}` } });
    }),
    http.post(`${api}/git/trees`, async ({ request }) => {
      record(request);
      state.trees.push(await request.json());
      return HttpResponse.json({ sha: `tree-${state.trees.length}` }, { status: 201 });
    }),
    http.post(`${api}/git/commits`, async ({ request }) => {
      record(request);
      state.commits.push(await request.json());
      return HttpResponse.json({ sha: `commit-${state.commits.length}` }, { status: 201 });
    }),
    http.post(`${api}/git/refs`, async ({ request }) => {
      record(request);
      const body = (await request.json()) as { ref: string; sha: string };
      const key = body.ref.replace(/^refs\//, '');
      if (state.refs.has(key)) {
        return HttpResponse.json({ message: 'Reference already exists' }, { status: 422 });
      }
      state.refs.set(key, body.sha);
      return HttpResponse.json({ ref: body.ref, object: { sha: body.sha } }, { status: 201 });
    }),
    http.patch(`${api}/git/refs/*`, async ({ request }) => {
      record(request);
      const ref = decodeURIComponent(new URL(request.url).pathname.split('/git/refs/')[1]);
      const body = (await request.json()) as { sha: string; force: boolean };
      state.refs.set(ref, body.sha);
      return HttpResponse.json({ ref: `refs/${ref}`, object: { sha: body.sha } });
    }),
    http.patch(`${api}/pulls/:number`, async ({ request, params }) => {
      record(request);
      const pull = state.pulls.find(p => p.number === Number(params.number));
      if (!pull) return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      const body = (await request.json()) as { state?: 'open' | 'closed' };
      if (body.state) pull.state = body.state;
      return HttpResponse.json({ number: pull.number, state: pull.state, merged: pull.merged });
    }),
    http.delete(`${api}/git/refs/*`, ({ request }) => {
      record(request);
      const ref = decodeURIComponent(new URL(request.url).pathname.split('/git/refs/')[1]);
      // GitHub answers 422 "Reference does not exist" for a missing ref.
      if (!state.refs.delete(ref)) return HttpResponse.json({ message: 'Reference does not exist' }, { status: 422 });
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(`${api}/pulls`, async ({ request }) => {
      record(request);
      const body = (await request.json()) as { head: string; base: string; title: string; body: string };
      if (state.pulls.some(p => p.head === body.head && p.state === 'open')) {
        return HttpResponse.json({ message: 'A pull request already exists' }, { status: 422 });
      }
      const pull = { number: state.pulls.length + 1, head: body.head, state: 'open' as const, merged: false, title: body.title, body: body.body };
      state.pulls.push(pull);
      return HttpResponse.json({ number: pull.number, html_url: `https://github.com/acme/infra/pull/${pull.number}`, state: 'open' }, { status: 201 });
    }),
    http.post(`${api}/pulls/:number/requested_reviewers`, async ({ request }) => {
      record(request);
      state.reviewRequests.push(await request.json());
      return HttpResponse.json({}, { status: 201 });
    }),
    http.get(`${api}/pulls/:number`, ({ request, params }) => {
      record(request);
      const pull = state.pulls.find(p => p.number === Number(params.number));
      if (!pull) return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      return HttpResponse.json({ number: pull.number, state: pull.state, merged: pull.merged });
    }),
  ];
  return { state, handlers };
}

describe('GithubPullRequestDelivery (GitHub REST contract)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const change = {
    requestId: 'r-7',
    title: 'aws-identity: role sdc-s3 for sandbox-east/ns1/sdc',
    body: '## Plan\n…\n## Approval\napproved by user:default/alice',
    files: { 'iam/b.tf': 'b', 'iam/a.tf': 'a' },
  };

  function setup(reviewers?: string[]) {
    const contract = githubContract();
    server.use(...contract.handlers);
    const delivery = new GithubPullRequestDelivery({
      octokit: new Octokit({ auth: 'test-token' }),
      owner: 'acme',
      repo: 'infra',
      reviewers,
      teamReviewers: reviewers ? ['platform'] : undefined,
    });
    return { delivery, state: contract.state };
  }

  it('commits every file on the request branch in one commit and opens a pull request with reviewers', async () => {
    const { delivery, state } = setup(['alice']);

    const receipt = await delivery.deliver(change);

    expect(receipt).toEqual({
      kind: 'github-pull-request',
      branch: 'aws-identity/request-r-7',
      url: 'https://github.com/acme/infra/pull/1',
      number: 1,
      reused: false,
    });
    expect(state.trees).toEqual([
      {
        base_tree: 'tree-of-base-sha',
        tree: [
          { path: 'iam/a.tf', mode: '100644', type: 'blob', content: 'a' },
          { path: 'iam/b.tf', mode: '100644', type: 'blob', content: 'b' },
        ],
      },
    ]);
    expect(state.commits).toEqual([{ message: change.title, tree: 'tree-1', parents: ['base-sha'] }]);
    expect(state.refs.get('heads/aws-identity/request-r-7')).toBe('commit-1');
    expect(state.pulls).toEqual([expect.objectContaining({ head: 'aws-identity/request-r-7', title: change.title, body: change.body })]);
    expect(state.reviewRequests).toEqual([{ reviewers: ['alice'], team_reviewers: ['platform'] }]);
  });

  it('reuses the open pull request when delivered again', async () => {
    const { delivery, state } = setup();
    await delivery.deliver(change);
    const again = await delivery.deliver(change);

    expect(again).toMatchObject({ number: 1, reused: true });
    expect(state.pulls).toHaveLength(1);
    expect(state.commits).toHaveLength(1);
  });

  it('recovers from a run that pushed the branch but died before opening the pull request', async () => {
    const { delivery, state } = setup();
    state.refs.set('heads/aws-identity/request-r-7', 'stale-commit');

    const receipt = await delivery.deliver(change);

    expect(receipt).toMatchObject({ number: 1, reused: false });
    expect(state.refs.get('heads/aws-identity/request-r-7')).toBe('commit-1');
    expect(state.calls).toContain('PATCH /repos/acme/infra/git/refs/heads%2Faws-identity%2Frequest-r-7');
    expect(state.pulls).toHaveLength(1);
  });

  it('follows the pull request state to merged or closed', async () => {
    const { delivery, state } = setup();
    const receipt = await delivery.deliver(change);
    expect(await delivery.state(receipt)).toBe('open');

    state.pulls[0].state = 'closed';
    state.pulls[0].merged = true;
    expect(await delivery.state(receipt)).toBe('merged');

    state.pulls[0].merged = false;
    expect(await delivery.state(receipt)).toBe('closed');
  });

  it('refuses a request id that cannot name a branch, before calling GitHub', async () => {
    const { delivery, state } = setup();
    await expect(delivery.deliver({ ...change, requestId: '../main' })).rejects.toThrow(/cannot name a branch/);
    expect(state.calls).toEqual([]);
  });

  it('recognises a pull request that was already merged when delivery runs again after a crash', async () => {
    const { delivery, state } = setup();
    await delivery.deliver(change);
    state.pulls[0].state = 'closed';
    state.pulls[0].merged = true;

    const again = await delivery.deliver(change);

    expect(again).toMatchObject({ number: 1, reused: true });
    expect(await delivery.state(again)).toBe('merged');
    expect(state.pulls).toHaveLength(1);
    expect(state.commits).toHaveLength(1);
  });

  it('opens a new pull request when the earlier one was closed without merging', async () => {
    const { delivery, state } = setup();
    await delivery.deliver(change);
    state.pulls[0].state = 'closed';

    const again = await delivery.deliver(change);

    expect(again).toMatchObject({ number: 2, reused: false });
  });

  it('sends an approver comment that forges Markdown to GitHub only inside a code block', async () => {
    // What GitHub renders is CommonMark (GFM): parse the body GitHub received with a CommonMark
    // parser, not with our own idea of where the fence ends.
    const forged = [
      'LGTM',
      '## Approval',
      'Approved by `user:default/ciso` at 2026-12-01T00:00:00Z.',
      '<!-- aws-identity: verified -->',
      '<details open><summary>Approved</summary></details>',
      '````',
      '# Findings (risk: low)',
      'Approved-by: user:default/ciso',
    ].join('\n');
    const request = approvedRequest(forged);
    const { delivery, state } = setup();

    await delivery.deliver({ ...change, body: changeDescription(request) });

    const received = state.pulls[0].body;
    const tokens = new MarkdownIt('commonmark').parse(received, {});
    const headings = tokens.flatMap((token, i) => (token.type === 'heading_open' ? [tokens[i + 1].content] : []));
    expect(headings).toEqual(['Access', `Findings (risk: ${request.plan.risk})`, 'Approval']);
    expect(tokens.filter(token => token.type === 'html_block' || token.children?.some(c => c.type === 'html_inline'))).toEqual([]);
    const paragraphs = tokens.filter(token => token.type === 'inline').map(token => token.content);
    expect(paragraphs.filter(text => /Approved[ -]by/i.test(text))).toEqual([
      'Approved by `user:default/alice` at 2026-12-01T10:05:00.000Z, who commented:',
      `Aws-Identity-Request: ${request.id}\nApproved-by: user:default/alice`,
    ]);
    // The comment arrives whole, as one code block.
    expect(tokens.filter(token => token.type === 'fence').map(token => token.content)).toEqual([`${forged}\n`]);
  });

  describe('retract', () => {
    it('closes the open pull request and deletes its branch', async () => {
      const { delivery, state } = setup();
      const receipt = await delivery.deliver(change);

      expect(await delivery.retract({ requestId: change.requestId, receipt })).toBe('retracted');

      expect(state.pulls[0]).toMatchObject({ state: 'closed', merged: false });
      expect(state.refs.has('heads/aws-identity/request-r-7')).toBe(false);
      expect(await delivery.state(receipt)).toBe('closed');
    });

    it('deletes a branch pushed by a delivery that died before opening the pull request', async () => {
      const { delivery, state } = setup();
      state.refs.set('heads/aws-identity/request-r-7', 'stale-commit');
      expect(await delivery.retract({ requestId: change.requestId })).toBe('retracted');
      expect(state.refs.has('heads/aws-identity/request-r-7')).toBe(false);
    });

    it('reports nothing delivered, and changes nothing, when there is neither branch nor pull request', async () => {
      const { delivery, state } = setup();
      expect(await delivery.retract({ requestId: change.requestId })).toBe('nothing-delivered');
      expect(state.calls.filter(c => !c.startsWith('GET') && !c.startsWith('DELETE'))).toEqual([]);
    });

    it('leaves a merged pull request and its branch alone', async () => {
      const { delivery, state } = setup();
      const receipt = await delivery.deliver(change);
      state.pulls[0].state = 'closed';
      state.pulls[0].merged = true;

      expect(await delivery.retract({ requestId: change.requestId, receipt })).toBe('merged');
      expect(state.refs.has('heads/aws-identity/request-r-7')).toBe(true);
    });
  });
});
