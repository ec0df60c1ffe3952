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

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';

/** Where the running portal's frontend is served. */
export const portalUrl =
  process.env.AWS_IDENTITY_PORTAL_URL ?? 'http://localhost:3000';

/** Where the running portal's backend is served. */
export const backendUrl =
  process.env.AWS_IDENTITY_BACKEND_URL ?? 'http://localhost:7007';

/** Screenshots land here (git-ignored) so a person can look at them. */
export const screenshotDir = join(__dirname, '..', '..', 'test-results', 'e2e');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts Debian's Chromium headless with the flags that work on a machine without internet:
 * background networking, component updates and sync would otherwise dial out at start.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}; install the Debian package "chromium"`,
    );
  }
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * Console errors raised by aws-identity's own code. Backstage's MUI v4 components print React
 * warnings we cannot fix, so errors are attributed by the script that raised them rather than
 * silenced globally.
 */
export function collectOwnConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const source = `${message.location().url} ${message.text()}`;
    if (/aws-identity|AwsIdentity/.test(source)) {
      errors.push(message.text());
    }
  });
  // Uncaught errors count when our code is on the stack; others (e.g. the guest
  // sign-in failing while a dev backend restarts) belong to Backstage itself.
  page.on('pageerror', error => {
    if (
      /aws-identity|AwsIdentity/.test(`${error.stack ?? ''} ${error.message}`)
    ) {
      errors.push(String(error));
    }
  });
  return errors;
}

/** An axe-core violation, reduced to what a report needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the part of the page matched by `selector` and returns its
 * violations. axe is injected from the test workspace's dependency, not a CDN.
 */
export async function runAxe(
  page: Page,
  selector: string,
): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  }
  return page.evaluate(async sel => {
    const axe = (window as any).axe;
    const result = await axe.run(sel, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n: any) => String(n.target)),
    }));
  }, selector);
}

/**
 * Signs in through the guest provider, which the local portal offers, and returns once the
 * sign-in page is gone.
 */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto(portalUrl);
  // The label is upper-cased by CSS, so match case-insensitively.
  const enter = page.getByRole('button', { name: /enter/i });
  await enter.click();
  // The guest sign-in finishes with a request to the auth backend. A navigation that aborts it
  // counts as a failed sign-in: Backstage's sign-in page then forgets the chosen provider, and
  // the next page asks again.
  await enter.waitFor({ state: 'detached', timeout: 30_000 });
}

/**
 * Waits until the backend answers: in a dev portal it restarts whenever a
 * backend file changes, and a page loaded meanwhile falls back to sign-in.
 */
export async function waitForBackend(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${backendUrl}/api/aws-identity/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The backend at ${backendUrl} did not answer within ${timeoutMs} ms`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/** A headless Chromium with one page signed in to the portal as guest. */
export interface GuestSession {
  browser: Browser;
  page: Page;
  /** The console errors aws-identity's own code raises on `page` (see collectOwnConsoleErrors). */
  ownErrors: string[];
}

/**
 * What every single-person e2e test starts with: waits for the backend, starts Chromium, opens
 * a page of the given size that collects aws-identity's console errors, and signs in as guest.
 */
async function openGuestSession(viewport: {
  width: number;
  height: number;
}): Promise<GuestSession> {
  await waitForBackend();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const ownErrors = collectOwnConsoleErrors(page);
  await signInAsGuest(page);
  return { browser, page, ownErrors };
}

/**
 * A guest session for the enclosing suite: opened before its first test and its browser closed
 * after its last. The object returned is filled in by the time the first test runs.
 */
export function useGuestSession(viewport: {
  width: number;
  height: number;
}): GuestSession {
  const session = {} as GuestSession;
  beforeAll(async () => {
    Object.assign(session, await openGuestSession(viewport));
  });
  afterAll(async () => {
    await session.browser?.close();
  });
  return session;
}

/**
 * Opens a portal page and waits for `readySelector`, signing in again as guest
 * if the session was lost (for instance because the backend restarted).
 */
export async function openSignedIn(
  page: Page,
  url: string,
  readySelector: string,
  timeoutMs = 60_000,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await waitForBackend();
    await page.goto(url);
    const enter = page.getByRole('button', { name: /enter/i });
    const ready = page.locator(readySelector).first();
    await Promise.race([
      ready.waitFor({ timeout: timeoutMs }),
      enter.waitFor({ timeout: timeoutMs }),
    ]).catch(() => undefined);
    if (await ready.isVisible()) return;
    if (await enter.isVisible()) {
      await enter.click();
      try {
        await ready.waitFor({ timeout: timeoutMs });
        return;
      } catch {
        // fall through and retry from the start
      }
    }
  }
  await page.locator(readySelector).first().waitFor({ timeout: timeoutMs });
}

/** Opens the portal's role-request queue and waits for its rows, or for its empty state. */
export async function openRequestsQueue(page: Page): Promise<void> {
  await openSignedIn(
    page,
    `${portalUrl}/aws-identity/requests`,
    '[data-testid="aws-identity-request-row"], [data-testid="aws-identity-requests-empty"]',
  );
}
