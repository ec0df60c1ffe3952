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
import { applyInfrastructure, deployService, readState } from '../sandbox/src';
import { paths } from '../sandbox/src/paths';
import {
  backendUrl,
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
import { runTemplate, signInToken } from './scaffolderRun';

jest.setTimeout(300_000);

/**
 * The whole life of a role request, by the two people it takes: a developer (the portal's
 * guest) creates a service with the template; the sandbox's delivery pipeline deploys it; a
 * platform engineer (alice of platform-team, signed in the way an oauth2-proxy in front of the
 * portal would sign her in) approves the request; the sandbox's infrastructure pipeline merges
 * and applies the delivered change; and the developer's tab turns verified.
 */

const name = `e2e-flow-${Date.now().toString(36)}`;
const namespace = 'e2e-flow';
const cluster = 'sandbox-east';
const bucketArn = 'arn:aws:s3:::sandbox-reports';
const entityRef = `component:default/${name}`;
const roleName = `${name}-s3`;
const APPROVER = 'alice';
const TAB = '[data-testid="aws-identity-tab"]';
const SECTION = `aws-identity-sa-${cluster}/${namespace}/${name}`;

const stateFile =
  process.env.AWS_IDENTITY_SANDBOX_STATE ?? paths.defaultStateFile;

function sandboxState() {
  const state = readState(stateFile);
  if (!state)
    throw new Error(
      `no sandbox state at ${stateFile}; the portal must run on the sandbox`,
    );
  return state;
}

/** Asks the backend, as `token`'s user, to approve request `id` with `comment`. */
function approve(id: string, token: string | undefined, comment: string) {
  return backend(`/requests/${id}/approve`, token, {
    method: 'POST',
    body: JSON.stringify({ comment }),
  });
}

/** Asserts that the backend refused with 403 and the error `message`. */
function expectForbidden(
  response: { status: number; body: any },
  message: string,
) {
  expect(response.status).toBe(403);
  expect(response.body.error.message).toBe(message);
}

describe('a role request from the template to a verified tab, by two people', () => {
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
    // What an oauth2-proxy in front of the portal adds to every request of a signed-in person.
    platformContext = await browser.newContext({
      viewport,
      extraHTTPHeaders: { 'X-Forwarded-User': APPROVER },
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

  it('the developer creates the service with the template', async () => {
    await runTemplate(developer, {
      name,
      owner: { search: 'app', option: /app-team/i },
      system: { search: 'data', option: /data-platform/i },
      cluster,
      namespace,
      // The approval flow below is IRSA's (the annotation, the web identity token).
      binding: 'irsa',
      bucketArn,
      accessLevel: 'read',
    });
    const token = await signInToken('guest');
    const { body } = await backend(
      `/requests?entityRef=${encodeURIComponent(entityRef)}`,
      token,
    );
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ state: 'submitted', entityRef });
    requestId = body.items[0].id;
  });

  it('the delivery pipeline deploys it; its tab shows the pending request and no role yet', async () => {
    expect(requestId).not.toBe('');
    const deployed = await deployService(sandboxState(), {
      service: name,
      cluster,
    });
    expect(deployed.applied).toEqual(
      expect.arrayContaining([
        `ServiceAccount ${namespace}/${name}`,
        `Deployment ${namespace}/${name}`,
      ]),
    );
    expect(deployed.podsCreated).toHaveLength(1);

    // The catalog reads the registered file within a few processing rounds.
    const token = await signInToken('guest');
    await eventually(`${entityRef} in the catalog`, async () => {
      const response = await fetch(
        `${backendUrl}/api/catalog/entities/by-name/component/default/${name}`,
        {
          headers: { Authorization: `Bearer ${token}` },
        },
      );
      return response.ok ? true : undefined;
    });

    await openSignedIn(
      developer,
      `${portalUrl}/catalog/default/component/${name}/aws-identity`,
      `${TAB} [data-testid="${SECTION}"]`,
      90_000,
    );
    const section = developer.getByTestId(SECTION);
    const verdict = await section
      .getByTestId('aws-identity-verdict')
      .getAttribute('data-verdict');
    expect(verdict).not.toBe('verified');
    const pending = developer.getByTestId('aws-identity-pending-request');
    await pending.first().waitFor();
    expect(await pending.first().innerText()).toContain('submitted');
    await developer.screenshot({
      path: join(screenshotDir, 'flow-tab-before.png'),
      fullPage: true,
    });
  });

  it('the developer may not approve at all', async () => {
    expect(requestId).not.toBe('');
    const token = await signInToken('guest');
    expectForbidden(
      await approve(requestId, token, 'looks fine to me'),
      'Missing permission aws-identity.request.approve',
    );
  });

  it('a platform engineer cannot approve their own request', async () => {
    // alice may approve (platform-team), so only four eyes can refuse her: she requests a
    // role herself, then tries to approve it.
    const token = await signInToken('oauth2Proxy', APPROVER);
    expect(token).toBeDefined();
    const own = await backend('/requests', token, {
      method: 'POST',
      body: JSON.stringify({
        idempotencyKey: `${name}-own`,
        request: {
          entityRef,
          roleName: `${name}-own`,
          clusters: [cluster],
          namespace,
          serviceAccount: name,
          access: [{ resource: bucketArn, accessLevel: 'read' }],
        },
      }),
    });
    expect(own.status).toBe(201);
    expect(own.body.request.requestedBy).toBe(`user:default/${APPROVER}`);
    const ownId = own.body.request.id;
    try {
      expectForbidden(
        await approve(ownId, token, 'my own, approved by me'),
        'You cannot decide on your own role request; another platform engineer must',
      );
      const after = await backend(`/requests/${ownId}`, token);
      expect(after.body.state).toBe('submitted');
    } finally {
      // Leave the queue as the next steps expect it: only the developer's request.
      await backend(`/requests/${ownId}/withdraw`, token, {
        method: 'POST',
        body: JSON.stringify({ reason: 'e2e: four-eyes check only' }),
      });
    }
  });

  it('a platform engineer finds it in the queue, reviews and approves it', async () => {
    expect(requestId).not.toBe('');
    await openRequestsQueue(platform);
    // Signed in as alice through the proxy headers, not as the guest.
    const identity = await platform.evaluate(async url => {
      const response = await fetch(`${url}/api/auth/oauth2Proxy/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      return (await response.json()).backstageIdentity?.identity?.userEntityRef;
    }, backendUrl);
    expect(identity).toBe(`user:default/${APPROVER}`);

    const row = platform
      .getByTestId('aws-identity-request-row')
      .filter({ hasText: roleName });
    await row.first().waitFor({ timeout: 30_000 });
    const rowText = await row.first().innerText();
    expect(rowText).toContain('submitted');
    expect(rowText).toContain(entityRef);
    await platform.screenshot({
      path: join(screenshotDir, 'flow-queue.png'),
      fullPage: true,
    });

    await row.first().getByRole('link', { name: roleName }).click();
    const policies = platform.getByTestId('aws-identity-planned-policies');
    await policies.waitFor({ timeout: 30_000 });
    expect(await policies.innerText()).toContain(
      `system:serviceaccount:${namespace}:${name}`,
    );
    await platform.screenshot({
      path: join(screenshotDir, 'flow-detail.png'),
      fullPage: true,
    });

    await platform
      .getByLabel(/approval comment/i)
      .fill('Read access to the reports bucket only: approved.');
    await platform.getByRole('button', { name: /^approve$/i }).click();
    await eventuallyRequest(
      'the approval to be recorded',
      requestId,
      request => request.state !== 'submitted',
      30_000,
      () => signInToken('oauth2Proxy', APPROVER),
    );
  });

  it('the approved change is delivered to the infrastructure repository', async () => {
    expect(requestId).not.toBe('');
    const request = await eventuallyRequest(
      'the request to reach pr-open',
      requestId,
      ({ state }) => state === 'pr-open',
      60_000,
    );
    const approval = request.transitions.find((t: any) => t.to === 'approved');
    expect(approval).toMatchObject({ actor: `user:default/${APPROVER}` });
    expect(request.delivery).toMatchObject({ kind: 'git-branch' });
  });

  it('the pipeline merges and applies it; the request becomes verified', async () => {
    expect(requestId).not.toBe('');
    const { merged, applied } = await applyInfrastructure(sandboxState(), {
      merge: true,
    });
    expect(merged.length).toBeGreaterThanOrEqual(1);
    expect(applied.some(arn => arn.endsWith(`:role/${roleName}`))).toBe(true);
    const request = await eventuallyRequest(
      'the request to become verified',
      requestId,
      ({ state }) => state === 'verified',
      120_000,
    );
    expect(request.verification.drift).toEqual([]);
    expect(request.transitions.map((t: any) => t.to)).toEqual([
      'submitted',
      'approved',
      'pr-open',
      'merged',
      'live',
      'verified',
    ]);
  });

  it('the request detail shows it verified, with the live role identical to the plan', async () => {
    expect(requestId).not.toBe('');
    await openSignedIn(
      platform,
      `${portalUrl}/aws-identity/requests/${encodeURIComponent(requestId)}`,
      '[data-testid="aws-identity-live-role"]',
    );
    const live = platform.getByTestId('aws-identity-live-role');
    await live.getByText(/identical to the plan/).waitFor({ timeout: 60_000 });
    const verification = await platform
      .getByTestId('aws-identity-verification')
      .innerText();
    expect(verification).toMatch(/matched the plan/);
    const detail = await platform
      .getByTestId('aws-identity-request-detail')
      .innerText();
    expect(detail).toMatch(/verified/);
    // Decided: no approve or reject any more.
    await expect(
      platform.getByRole('button', { name: /^approve$/i }).count(),
    ).resolves.toBe(0);
    await platform.screenshot({
      path: join(screenshotDir, 'flow-detail-verified.png'),
      fullPage: true,
    });
  });

  it("the developer's tab turns verified", async () => {
    expect(requestId).not.toBe('');
    await eventually(
      'the tab to show the service account verified',
      async () => {
        await openSignedIn(
          developer,
          `${portalUrl}/catalog/default/component/${name}/aws-identity`,
          `${TAB} [data-testid="${SECTION}"]`,
        );
        const verdict = await developer
          .getByTestId(SECTION)
          .getByTestId('aws-identity-verdict')
          .getAttribute('data-verdict');
        return verdict === 'verified' ? verdict : undefined;
      },
      120_000,
    );
    const section = developer.getByTestId(SECTION);
    expect(
      (
        await section.getByTestId('aws-identity-verdict').innerText()
      ).toLowerCase(),
    ).toContain('verified');
    expect(await section.innerText()).toContain(`role/${roleName}`);
    await developer.screenshot({
      path: join(screenshotDir, 'flow-tab-verified.png'),
      fullPage: true,
    });
  });

  it('raises no console errors from the plugin', () => {
    expect(ownErrors.flat()).toEqual([]);
  });
});
