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

import {
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import {
  APPLIED_POLICY_NAME,
  applyInfrastructure,
  deployService,
  iamClient,
  readState,
} from '../sandbox/src';
import { paths } from '../sandbox/src/paths';
import { awsIdentityApi, eventually, eventuallyRequest } from './awsIdentityApi';
import {
  collectOwnConsoleErrors,
  launchChromium,
  openSignedIn,
  portalUrl,
  screenshotDir,
  signInAsGuest,
  waitForBackend,
} from './browser';
import { runTemplate, signInToken } from './scaffolderRun';

jest.setTimeout(420_000);

/**
 * Drift after verified, in the browser: a developer (the guest) creates a service with the
 * template, the sandbox deploys it, alice approves its role request, and the sandbox pipeline
 * applies it until it is verified; someone then adds a statement to the role by hand in the
 * sandbox's IAM. The tab shows IRSA-R02 linking to the request, whose page offers restore and
 * accept; the developer presses Restore and sees the new request.
 *
 * The service is new in every run, as the approval spec's: the portal's database outlives the
 * sandbox, so a verified request about a seeded component would drift in the next run (its role
 * gone with the old moto) and show IRSA-R02 on that component's tab in the other specs.
 */

const name = `e2e-drift-${Date.now().toString(36)}`;
const entityRef = `component:default/${name}`;
const cluster = 'sandbox-east';
const namespace = 'e2e-drift';
const SECTION = `aws-identity-sa-${cluster}/${namespace}/${name}`;
const TAB = '[data-testid="aws-identity-tab"]';
const BY_HAND = {
  Sid: 'ByHand',
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::sandbox-data-collector/*',
};

function sandboxState() {
  const file = process.env.AWS_IDENTITY_SANDBOX_STATE ?? paths.defaultStateFile;
  const state = readState(file);
  if (!state)
    throw new Error(
      `no sandbox state at ${file}; the portal must run on the sandbox`,
    );
  return state;
}

const guest = () => signInToken('guest');

describe('a verified request drifts; the tab links to it and Restore makes a new request', () => {
  let browser: Browser;
  let page: Page;
  let ownErrors: string[] = [];
  let iam: IAMClient;
  let requestId = '';
  let restoreId = '';
  /** The role the template's request planned, and its policy as the pipeline applied it. */
  let roleName = '';
  let planned = '';

  beforeAll(async () => {
    await waitForBackend();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    ownErrors = collectOwnConsoleErrors(page);
    await signInAsGuest(page);
  });

  afterAll(async () => {
    // No open request outlives the spec: the restore was only to be shown.
    if (restoreId) {
      await awsIdentityApi(`/requests/${restoreId}/withdraw`, await guest(), {
        method: 'POST',
        body: JSON.stringify({ reason: 'e2e: drift repair shown only' }),
      });
    }
    iam?.destroy();
    await browser?.close();
  });

  it('the developer creates a service with the template; the sandbox deploys it', async () => {
    await runTemplate(page, {
      name,
      owner: { search: 'app', option: /app-team/i },
      system: { search: 'data', option: /data-platform/i },
      cluster,
      namespace,
      binding: 'irsa',
      bucketArn: 'arn:aws:s3:::sandbox-reports',
      accessLevel: 'read',
    });
    const { body } = await awsIdentityApi(
      `/requests?entityRef=${encodeURIComponent(entityRef)}`,
      await guest(),
    );
    expect(body.items).toHaveLength(1);
    requestId = body.items[0].id;
    const deployed = await deployService(sandboxState(), {
      service: name,
      cluster,
    });
    expect(deployed.podsCreated).toHaveLength(1);
  });

  it('alice approves its role request; the pipeline applies it and it is verified', async () => {
    expect(requestId).not.toBe('');
    const approved = await awsIdentityApi(
      `/requests/${requestId}/approve`,
      await signInToken('oauth2Proxy', 'alice'),
      {
        method: 'POST',
        body: JSON.stringify({ comment: 'e2e: drift repair' }),
      },
    );
    expect(approved.status).toBe(200);
    await eventuallyRequest(
      'the request to reach pr-open',
      requestId,
      r => r.state === 'pr-open',
      60_000,
    );
    const state = sandboxState();
    const { applied } = await applyInfrastructure(state, { merge: true });
    const verified = await eventuallyRequest(
      'the request to become verified',
      requestId,
      r => r.state === 'verified',
    );
    expect(applied).toContain(verified.plan.roleArn);

    roleName = verified.plan.input.roleName;
    iam = iamClient({
      endpoint: state.aws.endpoint,
      accountId: verified.plan.input.accountId,
    });
    const { PolicyDocument } = await iam.send(
      new GetRolePolicyCommand({
        RoleName: roleName,
        PolicyName: APPLIED_POLICY_NAME,
      }),
    );
    planned = decodeURIComponent(PolicyDocument!);
  });

  it('a statement added by hand in IAM moves it to drifted, and the tab shows IRSA-R02 with a link to it', async () => {
    expect(planned).not.toBe('');
    const document = JSON.parse(planned);
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: APPLIED_POLICY_NAME,
        PolicyDocument: JSON.stringify({
          ...document,
          Statement: [...document.Statement, BY_HAND],
        }),
      }),
    );
    await eventuallyRequest(
      'the request to drift',
      requestId,
      r => r.state === 'drifted',
    );

    const finding = page
      .getByTestId(SECTION)
      .locator(
        '[data-testid="aws-identity-finding"][data-finding-id="IRSA-R02"]',
      )
      .filter({ hasText: requestId });
    // The tab reads the report when it opens; the drift is on it once the backend loaded it.
    await eventually(
      'IRSA-R02 on the tab',
      async () => {
        await openSignedIn(
          page,
          `${portalUrl}/catalog/default/component/${name}/aws-identity`,
          `${TAB} [data-testid="${SECTION}"]`,
          90_000,
        );
        return (await finding.count()) > 0 ? true : undefined;
      },
      90_000,
      5000,
    );
    const link = finding.getByTestId('aws-identity-finding-request');
    expect(await link.innerText()).toBe(`Open request ${requestId}`);
    expect(await finding.innerText()).toContain('was verified, then drifted');
    await finding.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(screenshotDir, 'drift-tab-finding.png'),
    });
    await finding.screenshot({
      path: join(screenshotDir, 'drift-tab-finding-detail.png'),
    });

    await link.click();
    await page.waitForURL(
      url => url.pathname.endsWith(`/aws-identity/requests/${requestId}`),
      { timeout: 30_000 },
    );
  });

  it('the request page offers restore and accept', async () => {
    expect(requestId).not.toBe('');
    const repairs = page.getByTestId('aws-identity-drift-repairs');
    await repairs.waitFor({ timeout: 30_000 });
    await expect(
      repairs
        .getByRole('button', { name: 'Restore the approved plan' })
        .isEnabled(),
    ).resolves.toBe(true);
    await expect(
      repairs
        .getByRole('button', { name: 'Accept the live state as the plan' })
        .isEnabled(),
    ).resolves.toBe(true);
    expect(
      await page.getByTestId('aws-identity-request-detail').innerText(),
    ).toMatch(/drifted/);
    await page.screenshot({
      path: join(screenshotDir, 'drift-request-repairs.png'),
      fullPage: true,
    });
    await repairs.screenshot({
      path: join(screenshotDir, 'drift-request-repairs-detail.png'),
    });
  });

  it('pressing Restore shows the new request, which waits for a decision', async () => {
    expect(requestId).not.toBe('');
    await page
      .getByRole('button', { name: 'Restore the approved plan' })
      .click();
    const made = page.getByTestId('aws-identity-drift-repair-made');
    await made.waitFor({ timeout: 30_000 });
    const text = await made.innerText();
    const match = /request ([0-9a-f-]{36})/.exec(text);
    expect(match).not.toBeNull();
    restoreId = match![1];
    expect(text).toContain("waits for a platform engineer's decision");
    await page.screenshot({
      path: join(screenshotDir, 'drift-restore-requested.png'),
      fullPage: true,
    });
    await page
      .getByTestId('aws-identity-drift-repairs')
      .screenshot({
        path: join(screenshotDir, 'drift-restore-requested-detail.png'),
      });

    const restore = await eventuallyRequest(
      'the restore to be recorded',
      restoreId,
      r => r.state === 'submitted',
    );
    expect(restore.succeeds).toEqual({ requestId, repair: 'restore' });

    await made.getByRole('link').click();
    await page.waitForURL(
      url => url.pathname.endsWith(`/aws-identity/requests/${restoreId}`),
      { timeout: 30_000 },
    );
    const detail = page.getByTestId('aws-identity-request-detail');
    // The page shows the request once it has read it.
    await page.waitForFunction(
      () =>
        !document
          .querySelector('[data-testid="aws-identity-request-detail"]')
          ?.textContent?.includes('Loading'),
      undefined,
      { timeout: 30_000 },
    );
    expect(await detail.innerText()).toMatch(/submitted/);
    await page.screenshot({
      path: join(screenshotDir, 'drift-restore-request.png'),
      fullPage: true,
    });
    expect(ownErrors).toEqual([]);
  });
});
