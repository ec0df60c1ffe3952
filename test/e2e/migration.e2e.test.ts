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
import { CreateAddonCommand, DeleteAddonCommand, ListAddonsCommand } from '@aws-sdk/client-eks';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { applyInfrastructure, eksClient, readState } from '../sandbox/src';
import { paths } from '../sandbox/src/paths';
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
import { awsIdentityApi as backend, eventually, eventuallyRequest } from './awsIdentityApi';
import { signInToken } from './scaffolderRun';

jest.setTimeout(300_000);

/**
 * An IRSA-bound workload moved to EKS Pod Identity by the two people it takes: the developer
 * (the portal's guest) sees the migration plan on the component's tab and requests it; a
 * platform engineer (alice, signed in the way an oauth2-proxy would sign her in) approves it on
 * the approvals page; the sandbox's pipeline merges and applies the delivered change (trust
 * statement, association, pods restarted); the request turns verified once the pods use Pod
 * Identity, and the developer opens the follow-up that removes the IRSA annotation.
 *
 * The workload is the seeded `sdc` (ns1/sdc on sandbox-east): IRSA-bound, verified, a
 * Deployment without hostNetwork, no Fargate profile in the sandbox. The one readiness item
 * the sandbox lacks is the agent add-on: the platform team installs it first, and it is
 * removed again afterwards when this test installed it, so other browser tests see the
 * cluster as seeded.
 */

const cluster = 'sandbox-east';
const namespace = 'ns1';
const serviceAccount = 'sdc';
const entityRef = 'component:default/sdc';
const APPROVER = 'alice';
const TAB = '[data-testid="aws-identity-tab"]';
const SECTION = `aws-identity-sa-${cluster}/${namespace}/${serviceAccount}`;
const SUBJECT = `IRSA → EKS Pod Identity: ${cluster}/${namespace}/${serviceAccount}`;

const stateFile = process.env.AWS_IDENTITY_SANDBOX_STATE ?? paths.defaultStateFile;

function sandboxState() {
  const state = readState(stateFile);
  if (!state) throw new Error(`no sandbox state at ${stateFile}; the portal must run on the sandbox`);
  return state;
}

function shot(page: Page, name: string) {
  return page.screenshot({ path: join(screenshotDir, `migration-${name}.png`), fullPage: true });
}

describe('an IRSA workload migrated to EKS Pod Identity in the browser, by two people', () => {
  let browser: Browser;
  let developerContext: BrowserContext;
  let platformContext: BrowserContext;
  let developer: Page;
  let platform: Page;
  const ownErrors: string[][] = [];
  let requestId = '';
  let installedAddon = false;

  const eastEks = () => {
    const east = sandboxState().clusters.find(c => c.name === cluster)!;
    return {
      eks: eksClient({ endpoint: sandboxState().aws.endpoint, accountId: east.accountId, region: east.region }),
      clusterName: east.arn.split('/').pop()!,
    };
  };

  beforeAll(async () => {
    await waitForBackend();
    // The platform team installs the EKS Pod Identity Agent add-on (EKS User Guide, "pod-id-agent-setup").
    const { eks, clusterName } = eastEks();
    const { addons } = await eks.send(new ListAddonsCommand({ clusterName }));
    if (!addons?.includes('eks-pod-identity-agent')) {
      await eks.send(new CreateAddonCommand({ clusterName, addonName: 'eks-pod-identity-agent' }));
      installedAddon = true;
    }
    eks.destroy();

    browser = await launchChromium();
    const viewport = { width: 1400, height: 1000 };
    developerContext = await browser.newContext({ viewport });
    // What an oauth2-proxy in front of the portal adds to every request of a signed-in person.
    platformContext = await browser.newContext({ viewport, extraHTTPHeaders: { 'X-Forwarded-User': APPROVER } });
    developer = await developerContext.newPage();
    platform = await platformContext.newPage();
    ownErrors.push(collectOwnConsoleErrors(developer), collectOwnConsoleErrors(platform));
    await signInAsGuest(developer);
  });

  afterAll(async () => {
    await browser?.close();
    if (installedAddon) {
      const { eks, clusterName } = eastEks();
      await eks.send(new DeleteAddonCommand({ clusterName, addonName: 'eks-pod-identity-agent' }));
      eks.destroy();
    }
  });

  it('the tab shows the plan, ready, and the developer requests the migration', async () => {
    const tab = `${portalUrl}/catalog/default/component/${serviceAccount}/aws-identity`;
    const button = developer.getByRole('button', {
      name: `Request migration of ${namespace}/${serviceAccount} to EKS Pod Identity`,
    });
    // The index reads the new add-on on its next sync; until then the plan says the agent is missing.
    await eventually(
      'the migration plan to be ready',
      async () => {
        await openSignedIn(developer, tab, `${TAB} [data-testid="${SECTION}"]`);
        const status = await developer.getByTestId(SECTION).getByTestId('aws-identity-migration-status').getAttribute('data-status');
        return status === 'ready' ? status : undefined;
      },
      120_000,
    );
    const plan = developer.getByTestId(SECTION).getByTestId('aws-identity-migration');
    expect(await plan.getByTestId('aws-identity-migration-readiness-pod-identity-agent').getAttribute('data-state')).toBe('ready');
    const text = await plan.innerText();
    expect(text).toContain('Migrate to Pod Identity');
    expect(text).toContain('Readiness');
    expect(text).toContain('Steps');
    await button.scrollIntoViewIfNeeded();
    await shot(developer, '1-plan');

    await button.click();
    const requested = plan.getByTestId('aws-identity-migration-requested');
    await requested.waitFor({ timeout: 30_000 });
    expect(await requested.innerText()).toMatch(/Migration requested \(submitted\); it needs another person's approval/);
    await shot(developer, '2-requested');

    const { body } = await backend(`/requests?entityRef=${encodeURIComponent(entityRef)}`, await signInToken('guest'));
    const migration = body.items.find((r: any) => r.kind === 'migration' && r.state === 'submitted');
    expect(migration).toBeDefined();
    requestId = migration.id;
  });

  it('a platform engineer approves it on the approvals page, each target showing its step', async () => {
    expect(requestId).not.toBe('');
    await openRequestsQueue(platform);
    const row = platform.getByTestId('aws-identity-request-row').filter({ hasText: SUBJECT });
    await row.first().waitFor({ timeout: 30_000 });
    expect(await row.first().innerText()).toContain('submitted');
    expect(await row.first().getByTestId('aws-identity-request-progress').innerText()).toMatch(
      new RegExp(`^${namespace}/${serviceAccount}: step 1 `),
    );
    await shot(platform, '3-queue');

    await row.first().getByRole('link', { name: SUBJECT }).click();
    const progress = platform.getByTestId('aws-identity-migration-progress');
    await progress.waitFor({ timeout: 30_000 });
    await shot(platform, '4-detail');
    await platform.getByLabel(/approval comment/i).fill('Agent add-on active on sandbox-east: approved.');
    await platform.getByRole('button', { name: /^approve$/i }).click();
    const delivered = await eventuallyRequest('the change to be delivered', requestId, r => r.state === 'pr-open', 60_000);
    expect(delivered.transitions.find((t: any) => t.to === 'approved')).toMatchObject({ actor: `user:default/${APPROVER}` });
    expect(delivered.delivery).toMatchObject({ kind: 'git-branch' });
  });

  it('the pipeline applies it; the pods restart on Pod Identity and the request turns verified', async () => {
    expect(requestId).not.toBe('');
    const { merged, migrations } = await applyInfrastructure(sandboxState(), { merge: true });
    expect(merged).toContain(`aws-identity/request-${requestId}`);
    expect(migrations.associated).toContain(`${cluster}/${namespace}/${serviceAccount}`);
    const verified = await eventuallyRequest('the request to become verified', requestId, r => r.state === 'verified');
    expect(verified.transitions.map((t: any) => t.to)).toEqual(['submitted', 'approved', 'pr-open', 'merged', 'live', 'verified']);

    await openSignedIn(
      developer,
      `${portalUrl}/aws-identity/requests/${encodeURIComponent(requestId)}`,
      '[data-testid="aws-identity-migration-progress"]',
    );
    // Steps 1-4 done; the plan stays in progress until the annotation (step 5) is gone.
    const verifyStep = developer.locator(
      '[data-testid="aws-identity-migration-progress-step-verify-pods"][data-state="done"]',
    );
    await verifyStep.waitFor({ timeout: 60_000 });
    expect(await developer.getByTestId('aws-identity-migration-target').innerText()).toContain(
      `${cluster}/${namespace}/${serviceAccount}: in progress`,
    );
    const offer = developer.getByTestId('aws-identity-annotation-removal');
    await offer.waitFor({ timeout: 30_000 });
    expect(await offer.innerText()).toContain('eks.amazonaws.com/role-arn annotation can go');
    await shot(developer, '5-verified');
  });

  it('the developer opens the annotation removal; the pipeline applies it', async () => {
    expect(requestId).not.toBe('');
    await developer.getByRole('button', { name: 'Open the change removing the IRSA annotation' }).click();
    const delivered = developer.getByTestId('aws-identity-annotation-removal-delivered');
    await delivered.waitFor({ timeout: 30_000 });
    expect(await delivered.innerText()).toMatch(/^Annotation removal: /);
    await shot(developer, '6-removal-delivered');

    const { merged, migrations } = await applyInfrastructure(sandboxState(), { merge: true });
    expect(merged).toContain(`aws-identity/request-${requestId}-remove-annotation`);
    expect(migrations.annotationRemoved).toContain(`${cluster}/${namespace}/${serviceAccount}`);

    // The tab now reads the service account as bound through Pod Identity only.
    await eventually(
      'the tab to show the service account on Pod Identity',
      async () => {
        await openSignedIn(
          developer,
          `${portalUrl}/catalog/default/component/${serviceAccount}/aws-identity`,
          `${TAB} [data-testid="${SECTION}"]`,
        );
        const text = await developer.getByTestId(SECTION).innerText();
        return /Pod Identity/.test(text) && !text.includes('Request migration') ? text : undefined;
      },
      120_000,
    );
    await shot(developer, '7-tab-after');
  });

  it('raises no console errors from the plugin', () => {
    expect(ownErrors.flat()).toEqual([]);
  });
});
