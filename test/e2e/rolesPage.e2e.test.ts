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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import {
  openSignedIn,
  portalUrl,
  screenshotDir,
  useGuestSession,
} from './browser';

jest.setTimeout(180_000);

/**
 * The "AWS roles" page on the sandbox: every role of both accounts, the orphaned and the risky
 * ones by filter, the CSV export of what the filters match, and an owner's link to the
 * component's identity tab.
 */

const ROW = '[data-testid="aws-identity-role-row"]';
const session = useGuestSession({ width: 1400, height: 1000 });

/** The total in the table's caption ("Roles 1–50 of 73"), 0 when no role matches. */
async function totalShown(page: Page): Promise<number> {
  const caption = page.locator('caption').first();
  if (!(await caption.isVisible())) return 0;
  const match = /of (\d+)/.exec(await caption.innerText());
  return match ? Number(match[1]) : 0;
}

/**
 * Picks `option` in the filter labelled `label`: a Backstage UI select, whose button is named by
 * its value, then its label ("Any trust Trust").
 */
async function choose(page: Page, label: string, option: string) {
  // What the table shows: its caption, or "empty" for the empty state. A filter that matches
  // nothing has no caption, so the caption alone cannot tell that the page re-read.
  const shown = () =>
    document.querySelector('[data-testid="aws-identity-roles-empty"]')
      ? 'empty'
      : document.querySelector('caption')?.textContent ?? '';
  const before = await page.evaluate(shown);
  await page.getByRole('button', { name: new RegExp(` ${label}$`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  // The page re-reads from the backend; wait until what the table shows changed.
  // While it re-reads, the table shows neither a caption nor the empty state (''): that is not
  // yet what it changed to.
  await page
    .waitForFunction(
      previous => {
        const now = document.querySelector(
          '[data-testid="aws-identity-roles-empty"]',
        )
          ? 'empty'
          : document.querySelector('caption')?.textContent ?? '';
        return now !== '' && now !== previous;
      },
      before,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
}

describe('the AWS roles page', () => {
  let all = 0;

  it('lists every role of the read accounts with owner, bindings, use, trust and findings', async () => {
    const { page } = session;
    await openSignedIn(page, `${portalUrl}/aws-identity/roles`, ROW, 90_000);
    all = await totalShown(page);
    expect(all).toBeGreaterThan(10);
    const headers = await page.locator('thead th').allInnerTexts();
    expect(headers).toEqual([
      'Role',
      'Account',
      'Owner',
      'Bindings',
      'Last used',
      'Trust',
      'Findings',
    ]);
    await page.screenshot({
      path: join(screenshotDir, 'roles-page.png'),
      fullPage: true,
    });
  });

  it('filters the orphaned roles: no owner and no binding', async () => {
    const { page } = session;
    await choose(page, 'Ownership', 'Orphaned (no owner, no binding)');
    const orphaned = await totalShown(page);
    expect(orphaned).toBeLessThan(all);
    for (const row of await page.locator(ROW).all()) {
      const text = await row.innerText();
      expect(text).toContain('Nobody (orphaned)');
    }
    await page.screenshot({
      path: join(screenshotDir, 'roles-orphaned.png'),
      fullPage: true,
    });
    await choose(page, 'Ownership', 'Any');
    expect(await totalShown(page)).toBe(all);
  });

  it('filters the risky roles and exports exactly them as CSV', async () => {
    const { page } = session;
    await choose(page, 'Trust', 'Risky trust');
    const risky = await totalShown(page);
    expect(risky).toBeGreaterThan(0);
    expect(risky).toBeLessThan(all);
    await page.screenshot({
      path: join(screenshotDir, 'roles-risky.png'),
      fullPage: true,
    });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Export CSV (${risky} roles)` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('aws-roles.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0].split(',')[0]).toBe('arn');
    expect(lines).toHaveLength(risky + 1);
    await choose(page, 'Trust', 'Any trust');
  });

  it("follows an owner's link to the component's AWS identity tab", async () => {
    const { page } = session;
    const link = page
      .locator(ROW)
      .getByRole('link', { name: 'component:default/reports', exact: true })
      .first();
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    await page.waitForURL(
      /\/catalog\/default\/component\/reports\/aws-identity/,
      { timeout: 30_000 },
    );
    await page.getByTestId('aws-identity-tab').waitFor({ timeout: 60_000 });
    await page.screenshot({
      path: join(screenshotDir, 'roles-owner-tab.png'),
      fullPage: true,
    });
  });
});
