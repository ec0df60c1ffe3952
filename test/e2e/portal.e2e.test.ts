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
import {
  openSignedIn,
  portalUrl,
  screenshotDir,
  useGuestSession,
} from './browser';

jest.setTimeout(120_000);

// A sandbox entity: the demo-service example is not loaded when the sandbox runs.
const ENTITY = 'reports';

describe('the portal in Chromium', () => {
  const session = useGuestSession({ width: 1400, height: 900 });

  it('shows the catalog with a sandbox component', async () => {
    // The guest is in app-team, so the catalog opens on "Owned"; ENTITY belongs to data-team.
    await session.page.goto(`${portalUrl}/?filters%5Buser%5D=all`);
    const link = session.page.getByRole('link', { name: ENTITY, exact: true });
    await link.waitFor({ timeout: 60_000 });
    expect(await link.getAttribute('href')).toBe(
      `/catalog/default/component/${ENTITY}`,
    );
    await session.page.screenshot({ path: join(screenshotDir, 'catalog.png') });
  });

  it('shows the AWS identity card on the overview and links to the tab', async () => {
    await openSignedIn(
      session.page,
      `${portalUrl}/catalog/default/component/${ENTITY}`,
      '[data-testid="aws-identity-card-sa-sandbox-east/reports/reports"]',
    );
    const card = session.page.getByTestId('aws-identity-card');
    await session.page.screenshot({
      path: join(screenshotDir, 'overview-card.png'),
    });
    await card.getByRole('link', { name: 'View the AWS identity tab' }).click();
    await session.page
      .getByTestId('aws-identity-tab')
      .waitFor({ timeout: 30_000 });
    expect(session.page.url()).toBe(
      `${portalUrl}/catalog/default/component/${ENTITY}/aws-identity`,
    );
    expect(session.ownErrors).toEqual([]);
  });
});
