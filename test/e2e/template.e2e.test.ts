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

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import {
  backendUrl,
  openRequestsQueue,
  screenshotDir,
  useGuestSession,
} from './browser';
import { guestToken, runTemplate, TEMPLATE } from './scaffolderRun';

jest.setTimeout(300_000);

const templateDir = join(
  __dirname,
  '..',
  '..',
  'examples',
  'templates',
  TEMPLATE,
);
const gitBaseDir =
  process.env.AWS_IDENTITY_GIT_BASE_DIR ??
  join(__dirname, '..', '..', '.sandbox', 'git');

/** A service name no earlier run used: the template refuses an existing repository. */
const name = `e2e-svc-${Date.now().toString(36)}`;
const namespace = 'e2e-apps';
const bucketArn = 'arn:aws:s3:::sandbox-reports';

/** Every file under `dir`, as the scaffolder's dry-run endpoint takes them. */
function directoryContents(dir: string, root = dir): object[] {
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    return statSync(path).isDirectory()
      ? directoryContents(path, root)
      : [
          {
            path: relative(root, path),
            base64Content: readFileSync(path).toString('base64'),
          },
        ];
  });
}

describe('the "New service with S3 access" template in the portal', () => {
  const session = useGuestSession({ width: 1400, height: 1000 });
  let taskId = '';

  it('runs every step to completion', async () => {
    let review = '';
    taskId = await runTemplate(
      session.page,
      {
        name,
        owner: { search: 'platform', option: /platform-team/i },
        system: { search: 'data', option: /data-platform/i },
        cluster: 'sandbox-east',
        namespace,
        binding: 'irsa',
        bucketArn,
        accessLevel: 'read-write',
        onClusterPicked: async pickerPage => {
          await pickerPage.screenshot({
            path: join(screenshotDir, 'template-cluster-picker.png'),
            fullPage: true,
          });
        },
      },
      async reviewPage => {
        review = await reviewPage.locator('body').innerText();
        await reviewPage.screenshot({
          path: join(screenshotDir, 'template-review.png'),
          fullPage: true,
        });
      },
    ).catch(async error => {
      await session.page.screenshot({
        path: join(screenshotDir, 'template-task.png'),
        fullPage: true,
      });
      throw error;
    });
    expect(review).toContain(name);
    expect(review).toContain(bucketArn);

    // The task session.page shows all steps green and the output.
    await session.page
      .getByText(/waits for platform approval/i)
      .first()
      .waitFor({ timeout: 60_000 });
    await session.page.screenshot({
      path: join(screenshotDir, 'template-task.png'),
      fullPage: true,
    });
    const output = await session.page.locator('body').innerText();
    expect(output).toMatch(/is\s+submitted/i);
    expect(output).toMatch(
      new RegExp(`arn:aws:iam::\\d{12}:role/${name}-s3\\b`),
    );
    expect(output).toContain(`system:serviceaccount:${namespace}:${name}`);
  });

  it('published the repository with the rendered files', () => {
    expect(taskId).not.toBe('');
    const repo = join(gitBaseDir, `${name}.git`);
    expect(existsSync(repo)).toBe(true);
    const files = execFileSync(
      'git',
      ['--git-dir', repo, 'ls-tree', '-r', '--name-only', 'HEAD'],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'README.md',
        'k8s/deployment.yaml',
        `infra/aws-identity/terraform/${name}-s3.tf`,
        'infra/aws-identity/kubernetes/serviceaccount.yaml',
        'infra/aws-identity/policies/trust-policy.json',
        'infra/aws-identity/policies/permission-policy.json',
      ]),
    );
    const catalogInfo = execFileSync(
      'git',
      ['--git-dir', repo, 'show', 'HEAD:catalog-info.yaml'],
      { encoding: 'utf8' },
    );
    expect(catalogInfo).toContain(`name: ${name}`);
    // IRSA: the non-root container reads the projected token thanks to fsGroup.
    const deployment = YAML.parse(
      execFileSync(
        'git',
        ['--git-dir', repo, 'show', 'HEAD:k8s/deployment.yaml'],
        { encoding: 'utf8' },
      ),
    );
    expect(deployment.spec.template.spec.securityContext.fsGroup).toBe(65534);
  });

  it('recorded the role request in the approvals queue', async () => {
    expect(taskId).not.toBe('');
    await openRequestsQueue(session.page);
    const row = session.page
      .getByTestId('aws-identity-request-row')
      .filter({ hasText: `${name}-s3` });
    await row.first().waitFor({ timeout: 30_000 });
    await expect(row.count()).resolves.toBe(1);
    const rowText = await row.innerText();
    expect(rowText).toContain('submitted');
    expect(rowText).toContain(`component:default/${name}`);
    await row.scrollIntoViewIfNeeded();
    await session.page.screenshot({
      path: join(screenshotDir, 'template-queue.png'),
      fullPage: true,
    });

    await row.getByRole('link', { name: `${name}-s3` }).click();
    const detail = session.page.getByTestId('aws-identity-planned-policies');
    await detail.waitFor({ timeout: 30_000 });
    const policies = await detail.innerText();
    expect(policies).toContain(`system:serviceaccount:${namespace}:${name}`);
    expect(policies).toContain(bucketArn);
    await session.page.screenshot({
      path: join(screenshotDir, 'template-request.png'),
      fullPage: true,
    });
  });

  it('previews (dry-run) the policies without publishing or recording anything', async () => {
    // The same endpoint the scaffolder's Template Editor uses for its dry-run panel.
    const dryName = `${name}-dry`;
    const token = await guestToken();
    const response = await fetch(`${backendUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({
        template: YAML.parse(
          readFileSync(join(templateDir, 'template.yaml'), 'utf8'),
        ),
        values: {
          name: dryName,
          owner: 'group:default/platform-team',
          system: 'system:default/data-platform',
          target: {
            cluster: 'sandbox-east',
            accountId: '111111111111',
            region: 'us-east-1',
            recommendedBinding: 'irsa',
            podIdentityReady: false,
          },
          namespace,
          binding: 'irsa',
          arnResources: [{ resource: bucketArn, accessLevel: 'read' }],
        },
        secrets: {},
        directoryContents: directoryContents(templateDir),
      }),
    });
    const body: any = await response.json();
    const log = (body.log ?? []).map((l: any) => l.body?.message).join('\n');
    expect({ status: response.status, log }).toEqual({
      status: 200,
      log: expect.stringContaining('Finished step Request the role'),
    });
    const preview = JSON.stringify(body.output);
    expect(preview).toContain(`role/${dryName}-s3`);
    expect(preview).toContain(`system:serviceaccount:${namespace}:${dryName}`);
    expect(preview).toContain(bucketArn);
    expect(
      (body.directoryContents ?? []).map((f: { path: string }) => f.path),
    ).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        `infra/aws-identity/terraform/${dryName}-s3.tf`,
      ]),
    );
    // Nothing created: no repository, no request.
    expect(existsSync(join(gitBaseDir, `${dryName}.git`))).toBe(false);
    const requests: any = await (
      await fetch(
        `${backendUrl}/api/aws-identity/requests?entityRef=${encodeURIComponent(
          `component:default/${dryName}`,
        )}`,
        { headers: token ? { Authorization: `Bearer ${token}` } : {} },
      )
    ).json();
    expect(requests.items).toEqual([]);
  });

  // The other binding on the other cluster, the picker operated by keyboard alone, and two
  // resources with their own access levels in one request.
  const podName = `${name}-pi`;
  const queueArn = 'arn:aws:sqs:eu-west-1:222222222222:sandbox-jobs';
  it('runs with EKS Pod Identity on sandbox-west, the cluster picked by keyboard', async () => {
    const token = await guestToken();
    const targets: any = await (
      await fetch(`${backendUrl}/api/aws-identity/request-targets`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      })
    ).json();
    const west = targets.items.find((t: any) => t.cluster === 'sandbox-west');
    expect(west).toMatchObject({ accountId: '222222222222', region: 'eu-west-1' });

    let readiness = '';
    let review = '';
    await runTemplate(
      session.page,
      {
        name: podName,
        owner: { search: 'platform', option: /platform-team/i },
        system: { search: 'data', option: /data-platform/i },
        cluster: 'sandbox-west',
        pickClusterBy: 'keyboard',
        namespace,
        binding: 'pod-identity',
        bucketArn: 'arn:aws:s3:::sandbox-ledger',
        accessLevel: 'read',
        moreResources: [{ arn: queueArn, accessLevel: 'write' }],
        onClusterPicked: async pickerPage => {
          readiness = await pickerPage
            .getByTestId('aws-identity-cluster-picker-readiness')
            .innerText();
          await pickerPage.screenshot({
            path: join(screenshotDir, 'template-cluster-picker-keyboard.png'),
            fullPage: true,
          });
        },
      },
      async reviewPage => {
        review = await reviewPage.locator('body').innerText();
        await reviewPage.screenshot({
          path: join(screenshotDir, 'template-review-pod-identity.png'),
          fullPage: true,
        });
      },
    ).catch(async error => {
      await session.page.screenshot({
        path: join(screenshotDir, 'template-task-pod-identity.png'),
        fullPage: true,
      });
      throw error;
    });
    // The picker shows the backend's readiness evidence for the cluster, as written.
    expect(readiness).toContain(west.podIdentity.evidence);
    expect(review).toContain('sandbox-west');
    expect(review).toContain(queueArn);

    await session.page
      .getByText(/waits for platform approval/i)
      .first()
      .waitFor({ timeout: 60_000 });
    await session.page.screenshot({
      path: join(screenshotDir, 'template-task-pod-identity.png'),
      fullPage: true,
    });
    const output = await session.page.locator('body').innerText();
    expect(output).toMatch(
      new RegExp(`arn:aws:iam::222222222222:role/${podName}-s3 \\(pod-identity`),
    );
    expect(output).toContain('pods.eks.amazonaws.com');
    expect(output).toContain(queueArn);
    // The output links the request and the approvals page.
    const requestLink = session.page
      .getByRole('link', { name: 'Role request', exact: true })
      .first();
    await expect(requestLink.getAttribute('href')).resolves.toMatch(
      /\/aws-identity\/requests\/[0-9a-f-]{36}$/,
    );
    const approvalsLink = session.page
      .getByRole('link', { name: 'Approvals', exact: true })
      .first();
    await expect(approvalsLink.getAttribute('href')).resolves.toMatch(
      /\/aws-identity\/requests$/,
    );

    // The published manifests follow the binding: no role-arn annotation, no fsGroup.
    const repo = join(gitBaseDir, `${podName}.git`);
    const show = (path: string) =>
      execFileSync('git', ['--git-dir', repo, 'show', `HEAD:${path}`], {
        encoding: 'utf8',
      });
    const serviceAccount = YAML.parse(
      show('infra/aws-identity/kubernetes/serviceaccount.yaml'),
    );
    expect(
      serviceAccount.metadata.annotations?.['eks.amazonaws.com/role-arn'],
    ).toBeUndefined();
    const deployment = YAML.parse(show('k8s/deployment.yaml'));
    expect(deployment.spec.template.spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65534,
    });
  });

  it('raises no console errors from the plugin', () => {
    expect(session.ownErrors).toEqual([]);
  });
});
