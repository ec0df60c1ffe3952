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

import { ensureMoto } from './toolchain';
import { ManagedProcess, ProcessGroup, waitUntil } from './processes';
import { freePort } from './ports';

/** A running moto server. */
export interface MotoServer {
  url: string;
  port: number;
  process: ManagedProcess;
}

/** Starts moto (one server serves IAM, STS and EKS; it dispatches on the SigV4 scope). */
export async function startMoto(
  group: ProcessGroup,
  log: (l: string) => void,
): Promise<MotoServer> {
  const server = await ensureMoto(log);
  const port = await freePort();
  const proc = group.spawn(
    'moto',
    server,
    ['-H', '127.0.0.1', '-p', String(port)],
    {
      env: {
        ...process.env,
        // Keep moto from reaching out for anything and from loading 1,000+ AWS managed policies.
        MOTO_IAM_LOAD_MANAGED_POLICIES: 'false',
        AWS_ACCESS_KEY_ID: 'sandbox',
        AWS_SECRET_ACCESS_KEY: 'sandbox',
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    'moto start',
    async () => ((await fetch(`${url}/moto-api/`)).ok ? true : undefined),
    { timeoutMs: 60_000, process: proc },
  );
  return { url, port, process: proc };
}
