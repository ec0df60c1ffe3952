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
import { Locator, Page } from 'playwright-core';
import { scenarios } from '../sandbox/src/seeds/scenarios';
import { PodIdentitySeed, Scenario } from '../sandbox/src/seeds/types';
import { openSignedIn, portalUrl, screenshotDir, useGuestSession } from './browser';

jest.setTimeout(180_000);

// The sandbox's EKS Pod Identity scenarios as a person meets them on the tab: the role chain
// hop by hop, what the pods may do (the chain's last role within the session policy) and every
// role whose trust would also take this service account. Everything is found by its accessible
// name, as a screen reader announces it; the screenshots are for a person to look at.

const podIdentityScenarios = scenarios.filter(s => (s.podIdentity?.length ?? 0) > 0 && s.component);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The region of one service account's section, by its heading. */
function sectionOf(page: Page, a: PodIdentitySeed): Locator {
  return page.getByRole('region', {
    name: `Service account ${a.namespace}/${a.serviceAccount} on ${a.cluster}`,
    exact: true,
  });
}

/** A subsection of a service account's section ("Could also assume, Service account …"). */
function subsection(section: Locator, title: string): Locator {
  return section.getByRole('region', { name: new RegExp(`^${escapeRegExp(title)} Service account`) });
}

function expectationOf(scenario: Scenario, a: PodIdentitySeed) {
  return scenario.expectations.find(e => e.namespace === a.namespace && e.serviceAccount === a.serviceAccount);
}

describe('EKS Pod Identity on the AWS identity tab', () => {
  const session = useGuestSession({ width: 1400, height: 900 });

  describe.each(podIdentityScenarios.map(s => [s.component, s] as const))('%s', (component, scenario) => {
    const associations = scenario.podIdentity!.map(a => [`${a.cluster}/${a.namespace}/${a.serviceAccount}`, a] as const);

    beforeAll(async () => {
      session.ownErrors.length = 0;
      await openSignedIn(
        session.page,
        `${portalUrl}/catalog/default/component/${component}/aws-identity`,
        '[data-testid="aws-identity-tab"] [data-testid^="aws-identity-sa-"]',
      );
      await session.page.screenshot({ path: join(screenshotDir, `pod-identity-${component}.png`), fullPage: true });
    });

    it.each(associations)('%s: the role chain shows both hops of a target-role association in order, and no chain for a single hop', async (_key, association) => {
      // EKS assumes the association role for pods.eks.amazonaws.com, then, with a target role,
      // that role's session assumes the target role (EKS User Guide, target IAM roles). Without
      // one there is a single hop, which the trust evaluation shows, and no chain section.
      const section = sectionOf(session.page, association);
      await section.waitFor({ timeout: 30_000 });
      const hop = (n: number, who: string, roleArn: string, by: string) =>
        expect.stringMatching(new RegExp(`^Hop ${n}: ${who} ${escapeRegExp(roleArn)} \\(${escapeRegExp(by)}\\) — (allowed|denied|undecided)`));
      const expected = association.targetRoleArn
        ? [
            hop(1, 'Association role', association.roleArn, 'assumed by pods.eks.amazonaws.com'),
            hop(2, 'Target role', association.targetRoleArn, 'assumed by the association role'),
          ]
        : [];
      const hops = subsection(section, 'Pod Identity role chain').getByRole('listitem');
      expect(await hops.allInnerTexts()).toEqual(expected);
    });

    it.each(associations)('%s: the permissions grid is the session role, with what the pods get', async (_key, association) => {
      const section = sectionOf(session.page, association);
      await section.waitFor({ timeout: 30_000 });
      const expectation = expectationOf(scenario, association);
      // The pods' session is the chain's last role (the target role when there is one), unless
      // another binding wins the SDK's credential chain: the expectation table names it then.
      const sessionRole =
        expectation?.permissions?.roleArn ?? expectation?.effectiveRoleArn ?? association.targetRoleArn ?? association.roleArn;
      const permissions = subsection(section, 'Permissions');
      const named = new RegExp(`^Permissions of ${escapeRegExp(sessionRole)}`);
      await permissions.getByText(named).first().waitFor({ timeout: 10_000 });
      // A role that grants something has a grid named after it; one the expectation table says
      // grants nothing (ABAC on disabled session tags) has none.
      const grants = (expectation?.permissions?.allows ?? []).map(grant => grant.split(' '));
      const grantsNothing = expectation?.permissions !== undefined && grants.length === 0;
      const grids = permissions.getByRole('grid', { name: named });
      expect(await grids.count()).toBe(grantsNothing ? 0 : 1);
      const gridText = (await grids.allInnerTexts()).join('\n');
      expect(grants.filter(([action, resource]) => !gridText.includes(action) || !gridText.includes(resource))).toEqual([]);
      // A session policy narrows the pods' session, and the tab says so.
      const limited = association.sessionPolicy !== undefined && sessionRole === (association.targetRoleArn ?? association.roleArn);
      expect(/limited by the association's session policy/i.test(await permissions.innerText())).toBe(limited);
      const unresolved = expectation?.permissions?.unresolved ?? [];
      const leftOutText = unresolved.length > 0 ? await permissions.getByTestId('aws-identity-permissions-left-out').innerText() : '';
      expect(unresolved.filter(key => !leftOutText.includes(key))).toEqual([]);
    });

    it.each(associations)('%s: could also assume lists the association role as bound, via Pod Identity', async (_key, association) => {
      const section = sectionOf(session.page, association);
      const roles = subsection(section, 'Could also assume').getByRole('listitem');
      const bound = roles.filter({ hasText: association.roleArn });
      expect(await bound.allInnerTexts()).toEqual([expect.stringContaining('via Pod Identity; bound: this service account uses it')]);
      await section.screenshot({
        path: join(screenshotDir, `pod-identity-${component}-${association.namespace}-${association.serviceAccount}.png`),
      });
    });

    it('raises no console errors from the plugin', () => {
      expect(session.ownErrors).toEqual([]);
    });
  });
});
