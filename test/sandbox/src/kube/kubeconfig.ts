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

import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

/** Writes a kubeconfig with one cluster, one token user and one context. */
export function writeKubeconfig(
  file: string,
  opts: {
    clusterName: string;
    server: string;
    caFile: string;
    user: string;
    token: string;
  },
): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: opts.clusterName,
        cluster: { server: opts.server, 'certificate-authority': opts.caFile },
      },
    ],
    users: [{ name: opts.user, user: { token: opts.token } }],
    contexts: [
      {
        name: `${opts.user}@${opts.clusterName}`,
        context: { cluster: opts.clusterName, user: opts.user },
      },
    ],
    'current-context': `${opts.user}@${opts.clusterName}`,
  };
  writeFileSync(file, stringify(config), { mode: 0o600 });
}
