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

import { Page } from 'playwright-core';
import { backendUrl, openSignedIn, portalUrl } from './browser';

/** The template the portal offers for a new service with S3 access. */
export const TEMPLATE = 'new-service-with-s3-access';

/** The values of one run of {@link TEMPLATE}, as its form asks for them. */
export interface TemplateValues {
  name: string;
  /** Text typed into the owner picker, and the option to pick. */
  owner: { search: string; option: RegExp };
  system: { search: string; option: RegExp };
  /** The cluster, picked in the AwsIdentityClusterPicker by its accessible name or by keyboard. */
  cluster: string;
  /** How the cluster picker is operated: pointer (default) or keyboard only. */
  pickClusterBy?: 'pointer' | 'keyboard';
  namespace: string;
  /** The binding option to choose; the form's default (as the cluster allows) when absent. */
  binding?: 'irsa' | 'pod-identity';
  /** The first resource, typed by ARN. */
  bucketArn: string;
  accessLevel: AccessLevel;
  /** More resources typed by ARN, each with its access level. */
  moreResources?: Array<{ arn: string; accessLevel: AccessLevel }>;
  /** Runs once the cluster is chosen (for assertions and screenshots of the picker). */
  onClusterPicked?: (page: Page) => Promise<void>;
}

/** The access levels of the template's resources. */
export type AccessLevel = 'list' | 'read' | 'write' | 'read-write';

/** The option labels of the binding field (template.yaml's enumNames). */
const BINDING_OPTIONS: Record<NonNullable<TemplateValues['binding']>, RegExp> = {
  irsa: /^IRSA/,
  'pod-identity': /^EKS Pod Identity/,
};

/** A backend token of the portal's guest, for calls a test makes outside the browser. */
export async function guestToken(): Promise<string | undefined> {
  return signInToken('guest');
}

/**
 * A backend token for `provider`: `guest`, or `oauth2Proxy` with the headers an
 * oauth2-proxy would forward for `user` (the sandbox portal trusts them).
 */
export async function signInToken(
  provider: 'guest' | 'oauth2Proxy',
  user?: string,
): Promise<string | undefined> {
  try {
    const response = await fetch(`${backendUrl}/api/auth/${provider}/refresh`, {
      headers: {
        'X-Requested-With': 'XMLHttpRequest',
        ...(user ? { 'X-Forwarded-User': user } : {}),
      },
    });
    const body: any = await response.json();
    return body?.backstageIdentity?.token;
  } catch {
    return undefined;
  }
}

/** Polls the scaffolder until the task leaves the open states; returns its final status. */
export async function taskStatus(
  taskId: string,
  timeoutMs = 120_000,
): Promise<string> {
  const token = await guestToken();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(
      `${backendUrl}/api/scaffolder/v2/tasks/${taskId}`,
      { headers: token ? { Authorization: `Bearer ${token}` } : {} },
    );
    const status = response.ok ? ((await response.json()) as any).status : '';
    if (['completed', 'failed', 'cancelled'].includes(status)) return status;
    if (Date.now() > deadline) return `still ${status || 'unknown'}`;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/** The scaffolder task's log, for the failure message. */
export async function taskLog(taskId: string): Promise<string> {
  const token = await guestToken();
  try {
    const response = await fetch(
      `${backendUrl}/api/scaffolder/v2/tasks/${taskId}/events`,
      { headers: token ? { Authorization: `Bearer ${token}` } : {} },
    );
    const events: any[] = await response.json();
    return events
      .map(e => `${e.body?.stepId ?? '-'}: ${e.body?.message ?? e.type}`)
      .join('\n');
  } catch (error) {
    return `(the task log could not be read: ${error})`;
  }
}

/** Types into a MUI autocomplete (OwnerPicker / EntityPicker) and picks an option. */
export async function pickOption(
  page: Page,
  field: string,
  text: string,
  option: RegExp,
) {
  // RJSF ids the input root_<field>; MUI v4 puts role=combobox on its wrapper.
  const input = page.locator(`input#root_${field}`);
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

/**
 * Picks `cluster` in the AwsIdentityClusterPicker. The trigger is found by its accessible name
 * (which holds the field's label, "Cluster"); the option by its name, which starts with the
 * cluster.
 * By keyboard: focus the trigger, open the list with Enter, move with ArrowDown until the
 * cluster's option has focus, choose it with Enter.
 */
export async function pickCluster(
  page: Page,
  cluster: string,
  by: 'pointer' | 'keyboard',
) {
  // react-aria names the trigger by its value and its label ("Choose a cluster Cluster").
  const trigger = page.getByRole('button', { name: /\bCluster\b/ });
  await trigger.waitFor();
  await page.waitForFunction(
    () =>
      !document
        .querySelector('[data-testid=aws-identity-cluster-picker] button')
        ?.hasAttribute('disabled'),
  );
  const option = page.getByRole('option', {
    name: new RegExp(`^${cluster.replace(/[-.]/g, '\\$&')} ·`),
  });
  if (by === 'pointer') {
    await trigger.click();
    await option.click();
    return;
  }
  await trigger.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('listbox').waitFor();
  for (let i = 0; i < 10; i++) {
    const focused = await page.evaluate(
      () => document.activeElement?.textContent ?? '',
    );
    if (focused.startsWith(`${cluster} ·`)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

/** Adds item `index` to "Resources by ARN" and fills it. */
async function addArnResource(
  page: Page,
  index: number,
  arn: string,
  accessLevel: AccessLevel,
) {
  // The step's two lists each have an "Add Item" button: catalog Resources, then ARNs.
  await page.getByRole('button', { name: 'Add Item' }).nth(1).click();
  await page.locator(`input#root_arnResources_${index}_resource`).fill(arn);
  await page.locator(`#root_arnResources_${index}_accessLevel`).click();
  await page.getByRole('option', { name: accessLevel, exact: true }).click();
}

export async function next(page: Page) {
  await page.getByRole('button', { name: /^next/i }).click();
}

/**
 * Fills and submits the template's form as a person would and waits for the task to finish.
 * Returns the task id; throws with the task log when a step failed. `onReview` runs on the
 * review step (for assertions and screenshots).
 */
export async function runTemplate(
  page: Page,
  values: TemplateValues,
  onReview?: (page: Page) => Promise<void>,
): Promise<string> {
  await openSignedIn(
    page,
    `${portalUrl}/create/templates/default/${TEMPLATE}`,
    'input#root_name',
  );

  // Step 1: Service
  await page.locator('input#root_name').fill(values.name);
  await pickOption(page, 'owner', values.owner.search, values.owner.option);
  await pickOption(page, 'system', values.system.search, values.system.option);
  await next(page);

  // Step 2: Where it runs — the AwsIdentityClusterPicker, found by its accessible name.
  await pickCluster(page, values.cluster, values.pickClusterBy ?? 'pointer');
  await page
    .getByTestId('aws-identity-cluster-picker-readiness')
    .waitFor({ timeout: 30_000 });
  await values.onClusterPicked?.(page);
  await page.locator('input#root_namespace').fill(values.namespace);
  await next(page);

  // Step 3: How pods get the role.
  await page.locator('#root_binding').waitFor();
  if (values.binding) {
    await page.locator('#root_binding').click();
    await page
      .getByRole('option', { name: BINDING_OPTIONS[values.binding] })
      .click();
  }
  await next(page);

  // Step 4: AWS access — resources typed by ARN, which need no catalog lookup.
  const resources = [
    { arn: values.bucketArn, accessLevel: values.accessLevel },
    ...(values.moreResources ?? []),
  ];
  for (const [i, resource] of resources.entries()) {
    await addArnResource(page, i, resource.arn, resource.accessLevel);
  }
  await next(page);

  // Step 5: Repository — the default, the portal's git server.
  await page.locator('#root_publishTo').waitFor();
  await page.getByRole('button', { name: /^review/i }).click();

  await page.getByRole('button', { name: /^create/i }).waitFor();
  await onReview?.(page);

  await page.getByRole('button', { name: /^create/i }).click();
  await page.waitForURL(/\/create\/tasks\/[^/]+/, { timeout: 60_000 });
  const taskId = page.url().split('/create/tasks/')[1].split(/[?#/]/)[0];

  // The backend's word on the task decides, not the page.
  const status = await taskStatus(taskId);
  if (status !== 'completed') {
    throw new Error(
      `The scaffolder task ${taskId} ended ${status}:\n${await taskLog(
        taskId,
      )}`,
    );
  }
  return taskId;
}
