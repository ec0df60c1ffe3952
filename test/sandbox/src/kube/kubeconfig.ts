import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

/** Writes a kubeconfig with one cluster, one token user and one context. */
export function writeKubeconfig(
  file: string,
  opts: { clusterName: string; server: string; caFile: string; user: string; token: string },
): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: opts.clusterName, cluster: { server: opts.server, 'certificate-authority': opts.caFile } },
    ],
    users: [{ name: opts.user, user: { token: opts.token } }],
    contexts: [
      { name: `${opts.user}@${opts.clusterName}`, context: { cluster: opts.clusterName, user: opts.user } },
    ],
    'current-context': `${opts.user}@${opts.clusterName}`,
  };
  writeFileSync(file, stringify(config), { mode: 0o600 });
}
