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
import { validRequest } from '../requests/__fixtures__';
import {
  describeOnEachDatabase,
  expectRefused,
  USERS,
} from './harness';

jest.setTimeout(120_000);

describeOnEachDatabase('the adversarial harness on %s', useBackend => {
  const backend = useBackend();

  it('starts clean: nothing stored, nothing pushed', async () => {
    await backend.expectNothingStored();
    backend.expectNothingPushed();
  });

  it('sees a refused request leave no trace', async () => {
    const res = await backend.post('/requests', { idempotencyKey: 'k', request: { ...validRequest, roleName: '' } });
    expectRefused(res, 400, 'request.roleName');
    await backend.expectNothingStored();
    await backend.expectNothingDelivered();
    backend.expectNothingPushed();
  });

  it('sees an approved request delivered to the bare remote', async () => {
    const submitted = await backend.submit();
    const approved = await backend.post(`/requests/${submitted.id}/approve`, {}, USERS.approver);
    expect(approved.status).toBe(200);
    await waitFor(() => backend.pushedBranches().length === 1);
    expect(backend.pushedBranches()).toEqual([expect.stringContaining('aws-identity/')]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 200));
  }
}
