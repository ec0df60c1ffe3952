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
import { Browser, Page } from 'playwright-core';
import {
  collectOwnConsoleErrors,
  launchChromium,
  portalUrl,
  screenshotDir,
  signInAsGuest,
} from './browser';

jest.setTimeout(120_000);

describe('the portal in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let ownErrors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    ownErrors = collectOwnConsoleErrors(page);
    await signInAsGuest(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the catalog with the demo component', async () => {
    await page
      .getByRole('link', { name: 'demo-service' })
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(screenshotDir, 'catalog.png') });
  });

  it('shows the AWS identity tab of a component that runs on Kubernetes', async () => {
    await page.goto(
      `${portalUrl}/catalog/default/component/demo-service/aws-identity`,
    );
    await page
      .getByText('AWS identity of component:default/demo-service')
      .waitFor({ timeout: 60_000 });
    await page
      .getByText(/backend is reachable/i)
      .waitFor({ timeout: 30_000 });
    await page.screenshot({
      path: join(screenshotDir, 'aws-identity-tab.png'),
      fullPage: true,
    });
    expect(ownErrors).toEqual([]);
  });
});
