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
  AxeViolation,
  openSignedIn,
  portalUrl,
  runAxe,
  screenshotDir,
  useGuestSession,
} from './browser';

jest.setTimeout(180_000);

interface ExpectedServiceAccount {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  verdict: string;
  findings: string[];
  optionalFindings: string[];
  rationale: string;
  scenario: string;
  /** Pod Identity: the role whose session the pods get, its grants, what is unresolved. */
  permissions?: { roleArn: string; allows: string[]; unresolved: string[] };
}

const expectations: { entities: Record<string, ExpectedServiceAccount[]> } =
  JSON.parse(
    readFileSync(join(__dirname, '..', 'sandbox', 'expectations.json'), 'utf8'),
  );

const TAB = '[data-testid="aws-identity-tab"]';

/** What the tab shows for one service account. */
async function shownFor(page: Page, sa: ExpectedServiceAccount) {
  const section = page.getByTestId(
    `aws-identity-sa-${sa.cluster}/${sa.namespace}/${sa.serviceAccount}`,
  );
  await section.waitFor({ timeout: 30_000 });
  const verdict = await section
    .getByTestId('aws-identity-verdict')
    .getAttribute('data-verdict');
  const verdictText = await section
    .getByTestId('aws-identity-verdict')
    .innerText();
  const ids = section.getByTestId('aws-identity-finding-id');
  const findings: string[] = [];
  for (const tag of await ids.all()) {
    expect(await tag.isVisible()).toBe(true);
    findings.push((await tag.innerText()).trim());
  }
  return { verdict, verdictText, findings };
}

describe('the AWS identity tab against the sandbox', () => {
  const session = useGuestSession({ width: 1400, height: 900 });
  const axeReport: Record<string, AxeViolation[]> = {};

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(
      `axe (all impacts) per entity:\n${JSON.stringify(axeReport, null, 1)}`,
    );
  });

  describe.each(Object.entries(expectations.entities))(
    '%s',
    (entityRef, serviceAccounts) => {
      const name = entityRef.split('/').pop()!;

      beforeAll(async () => {
        session.ownErrors.length = 0;
        await openSignedIn(
          session.page,
          `${portalUrl}/catalog/default/component/${name}/aws-identity`,
          `${TAB} [data-testid^="aws-identity-sa-"]`,
        );
        await session.page.screenshot({
          path: join(screenshotDir, `${name}.png`),
          fullPage: true,
        });
      });

      it('shows one section per expected service account', async () => {
        const sections = await session.page
          .locator(`${TAB} section[data-testid^="aws-identity-sa-"]`)
          .evaluateAll(els => els.map(e => e.getAttribute('data-testid')));
        expect(sections.sort()).toEqual(
          serviceAccounts
            .map(
              sa =>
                `aws-identity-sa-${sa.cluster}/${sa.namespace}/${sa.serviceAccount}`,
            )
            .sort(),
        );
      });

      it.each(
        serviceAccounts.map(
          sa =>
            [`${sa.cluster}/${sa.namespace}/${sa.serviceAccount}`, sa] as const,
        ),
      )(
        '%s: verdict and finding ids match the expectation table',
        async (_key, sa) => {
          const shown = await shownFor(session.page, sa);
          const allowed = new Set([...sa.findings, ...sa.optionalFindings]);
          expect({
            verdict: shown.verdict,
            missing: sa.findings.filter(id => !shown.findings.includes(id)),
            unexpected: shown.findings.filter(id => !allowed.has(id)),
          }).toEqual({ verdict: sa.verdict, missing: [], unexpected: [] });
          // The verdict is spelled out for people, not only carried in an attribute.
          expect(shown.verdictText.toLowerCase()).toContain(
            sa.verdict.replace('-', ' '),
          );
        },
      );

      const withPermissions = serviceAccounts.filter(sa => sa.permissions);
      if (withPermissions.length > 0)
        it.each(
          withPermissions.map(
            sa =>
              [
                `${sa.cluster}/${sa.namespace}/${sa.serviceAccount}`,
                sa,
              ] as const,
          ),
        )(
          '%s: the Permissions section shows what the pods get',
          async (_key, sa) => {
            const permissions = session.page
              .getByTestId(
                `aws-identity-sa-${sa.cluster}/${sa.namespace}/${sa.serviceAccount}`,
              )
              .getByTestId('aws-identity-permissions');
            const text = await permissions.innerText();
            const expected = sa.permissions!;
            expect(text).toContain(expected.roleArn);
            for (const grant of expected.allows) {
              const [action, resource] = grant.split(' ');
              expect(text).toContain(action);
              expect(text).toContain(resource);
            }
            // Unresolved ABAC is said so on the tab, never shown as allowed.
            const leftOut =
              expected.unresolved.length > 0
                ? await permissions
                    .getByTestId('aws-identity-permissions-left-out')
                    .innerText()
                : '';
            expect(
              expected.unresolved.filter(key => !leftOut.includes(key)),
            ).toEqual([]);
            expect(
              expected.unresolved.length === 0 ||
                leftOut.includes('unresolved'),
            ).toBe(true);
          },
        );

      it('has no serious or critical axe violations on the tab', async () => {
        const violations = await runAxe(session.page, TAB);
        axeReport[name] = violations;
        expect(
          violations.filter(
            v => v.impact === 'serious' || v.impact === 'critical',
          ),
        ).toEqual([]);
      });

      it('raises no console errors from the plugin', () => {
        expect(session.ownErrors).toEqual([]);
      });
    },
  );
});
