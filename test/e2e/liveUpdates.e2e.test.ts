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

import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  collectOwnConsoleErrors,
  launchChromium,
  openRequestsQueue,
  openSignedIn,
  portalUrl,
  screenshotDir,
  signInAsGuest,
  waitForBackend,
} from './browser';
import { awsIdentityApi as backend } from './awsIdentityApi';
import { signInToken } from './scaffolderRun';

jest.setTimeout(240_000);

/**
 * Live updates over Backstage signals: a developer (the guest) has their component's tab open
 * and a colleague (bob) the approval queue; a platform engineer (alice) approves the request
 * through the API. Both open pages show the decision without a reload, faster than they would poll
 * without signals (the tab every 30 s, the queue every 5 s).
 */

const entityRef = 'component:default/reports';
const roleName = `e2e-live-${Date.now().toString(36)}`;
const TAB = '[data-testid="aws-identity-tab"]';
/**
 * Well under the tab's polling interval (30 s): only a signal makes the tab change this fast.
 * The queue would poll every 5 s without signals, so the test first shows that it does not.
 */
const LIVE_WITHIN_MS = 10_000;
/** The queue's polling interval without signals, and a margin. */
const QUEUE_POLL_WINDOW_MS = 5000 + 2000;

describe('a decision by another person appears in open pages without a reload', () => {
  let browser: Browser;
  let developerContext: BrowserContext;
  let platformContext: BrowserContext;
  let developer: Page;
  let platform: Page;
  const ownErrors: string[][] = [];
  let requestId = '';

  beforeAll(async () => {
    await waitForBackend();
    browser = await launchChromium();
    const viewport = { width: 1400, height: 1000 };
    developerContext = await browser.newContext({ viewport });
    // bob watches the queue, signed in the way an oauth2-proxy would sign him in.
    platformContext = await browser.newContext({
      viewport,
      extraHTTPHeaders: { 'X-Forwarded-User': 'bob' },
    });
    developer = await developerContext.newPage();
    platform = await platformContext.newPage();
    ownErrors.push(
      collectOwnConsoleErrors(developer),
      collectOwnConsoleErrors(platform),
    );
    await signInAsGuest(developer);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the developer requests a role and sees it pending on the open tab', async () => {
    const token = await signInToken('guest');
    const submitted = await backend('/requests', token, {
      method: 'POST',
      body: JSON.stringify({
        idempotencyKey: roleName,
        request: {
          entityRef,
          roleName,
          clusters: ['sandbox-east'],
          namespace: 'reports',
          serviceAccount: 'reports',
          access: [
            { resource: 'arn:aws:s3:::sandbox-reports', accessLevel: 'read' },
          ],
        },
      }),
    });
    expect(submitted.status).toBe(201);
    requestId = submitted.body.request.id;

    await openSignedIn(
      developer,
      `${portalUrl}/catalog/default/component/reports/aws-identity`,
      TAB,
      90_000,
    );
    const pending = developer
      .getByTestId('aws-identity-pending-request')
      .filter({ hasText: roleName });
    await pending.waitFor({ timeout: 30_000 });
    expect(await pending.innerText()).toContain('submitted');

    await openRequestsQueue(platform);
    const row = platform
      .getByTestId('aws-identity-request-row')
      .filter({ hasText: roleName });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('submitted');

    // With signals the open queue does not poll: no read of the list for longer than the
    // fallback interval, so whatever changes it next is a signal.
    const reads: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (/\/api\/aws-identity\/requests\?/.test(r.url())) reads.push(r.url());
    };
    platform.on('request', onRequest);
    await platform.waitForTimeout(QUEUE_POLL_WINDOW_MS);
    platform.off('request', onRequest);
    expect(reads).toEqual([]);
  });

  it('an approval through the API by a platform engineer shows on the tab and the queue within seconds', async () => {
    expect(requestId).not.toBe('');
    // alice of platform-team decides, neither of the two watching.
    const token = await signInToken('oauth2Proxy', 'alice');
    const decidedAt = Date.now();
    const approved = await backend(`/requests/${requestId}/approve`, token, {
      method: 'POST',
      body: JSON.stringify({ comment: 'e2e: live update' }),
    });
    expect(approved.status).toBe(200);

    const pending = developer
      .getByTestId('aws-identity-pending-request')
      .filter({ hasText: roleName });
    const row = platform
      .getByTestId('aws-identity-request-row')
      .filter({ hasText: roleName });
    const notSubmitted = (page: Page, testId: string) =>
      page.waitForFunction(
        ([id, name]) =>
          [...document.querySelectorAll(`[data-testid="${id}"]`)].some(
            e =>
              e.textContent?.includes(name) &&
              !e.textContent.includes('submitted'),
          ),
        [testId, roleName] as const,
        { timeout: LIVE_WITHIN_MS * 2 },
      );
    await Promise.all([
      notSubmitted(developer, 'aws-identity-pending-request').then(() => {
        expect(Date.now() - decidedAt).toBeLessThan(LIVE_WITHIN_MS);
      }),
      notSubmitted(platform, 'aws-identity-request-row').then(() => {
        expect(Date.now() - decidedAt).toBeLessThan(LIVE_WITHIN_MS);
      }),
    ]);
    expect(await pending.innerText()).not.toContain('submitted');
    expect(await row.innerText()).not.toContain('submitted');

    await developer.screenshot({
      // The top of the tab, where the pending requests are (the page is long).
      path: join(screenshotDir, 'live-tab-after-approval.png'),
    });
    await platform.screenshot({
      path: join(screenshotDir, 'live-queue-after-approval.png'),
      fullPage: true,
    });
    expect(ownErrors.flat()).toEqual([]);
  });
});
