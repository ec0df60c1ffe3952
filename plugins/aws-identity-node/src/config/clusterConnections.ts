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
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * One cluster as the Backstage Kubernetes plugin configures it, plus what aws-identity needs to
 * join it with AWS (the EKS account and name), read from the same `authMetadata`.
 *
 * @public
 */
export interface ClusterConnection {
  /** The cluster's name in Backstage (and the finding/status key). */
  name: string;
  url: string;
  authProvider: 'serviceAccount' | 'aws';
  /** For `serviceAccount`: the bearer token. Never logged. */
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  /** For `aws`: role to assume and the EKS cluster name used in the token. */
  assumeRole?: string;
  externalId?: string;
  /** EKS cluster name (`kubernetes.io/x-k8s-aws-id`), defaults to `name`. */
  eksClusterName: string;
  /** AWS account that owns the EKS cluster, when known (`aws-identity.io/account-id`). */
  accountId?: string;
  region?: string;
}

/**
 * A cluster that was found but cannot be used, and why.
 *
 * @public
 */
export interface UnsupportedCluster {
  name: string;
  reason: string;
}

/**
 * Catalog annotations of a `Resource` of type `kubernetes-cluster`, as the Kubernetes plugin's
 * catalog locator reads them.
 */
const CATALOG_ANNOTATIONS = {
  apiServer: 'kubernetes.io/api-server',
  caData: 'kubernetes.io/api-server-certificate-authority',
  authProvider: 'kubernetes.io/auth-provider',
  skipTlsVerify: 'kubernetes.io/skip-tls-verify',
};

/**
 * Keys of a cluster's `authMetadata` (config) or annotations (catalog): the Kubernetes plugin's
 * own, and the two aws-identity adds to place the cluster in AWS.
 *
 * @public
 */
export const CLUSTER_AUTH_METADATA = {
  assumeRole: 'kubernetes.io/aws-assume-role',
  externalId: 'kubernetes.io/aws-external-id',
  eksClusterName: 'kubernetes.io/x-k8s-aws-id',
  accountId: 'aws-identity.io/account-id',
  region: 'aws-identity.io/region',
} as const;

const LOCATOR_METHODS = 'kubernetes.clusterLocatorMethods';

function unsupportedAuth(name: string, authProvider: string): UnsupportedCluster {
  return {
    name,
    reason: `authProvider "${authProvider}" is not supported by aws-identity (use serviceAccount or aws)`,
  };
}

/**
 * Reads the clusters of `kubernetes.clusterLocatorMethods` entries of type `config`, in the
 * Kubernetes plugin's format, so a portal that has that plugin needs no new cluster config.
 * Clusters with an auth provider aws-identity cannot use are reported, not silently dropped.
 *
 * @public
 */
export function readConfiguredClusters(config: Config): {
  clusters: ClusterConnection[];
  unsupported: UnsupportedCluster[];
} {
  const clusters: ClusterConnection[] = [];
  const unsupported: UnsupportedCluster[] = [];
  for (const method of config.getOptionalConfigArray(LOCATOR_METHODS) ?? []) {
    if (method.getString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      const authProvider = cluster.getString('authProvider');
      if (authProvider !== 'serviceAccount' && authProvider !== 'aws') {
        unsupported.push(unsupportedAuth(name, authProvider));
        continue;
      }
      // Read as a plain object: its keys contain dots, which Config would treat as paths.
      const metadata = cluster.getOptional<Record<string, unknown>>('authMetadata') ?? {};
      const meta = (key: string) =>
        typeof metadata[key] === 'string' ? (metadata[key] as string) : undefined;
      clusters.push({
        name,
        url: cluster.getString('url'),
        authProvider,
        serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
        caData: cluster.getOptionalString('caData'),
        caFile: cluster.getOptionalString('caFile'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        assumeRole: meta(CLUSTER_AUTH_METADATA.assumeRole),
        externalId: meta(CLUSTER_AUTH_METADATA.externalId),
        eksClusterName: meta(CLUSTER_AUTH_METADATA.eksClusterName) ?? name,
        accountId: meta(CLUSTER_AUTH_METADATA.accountId),
        region: meta(CLUSTER_AUTH_METADATA.region),
      });
    }
  }
  const names = new Set<string>();
  for (const cluster of clusters) {
    if (names.has(cluster.name)) {
      throw new InputError(`${LOCATOR_METHODS}: cluster name "${cluster.name}" is used twice`);
    }
    names.add(cluster.name);
  }
  return { clusters, unsupported };
}

/**
 * Whether `kubernetes.clusterLocatorMethods` asks for clusters from the catalog.
 *
 * @public
 */
export function usesCatalogClusters(config: Config): boolean {
  return (config.getOptionalConfigArray(LOCATOR_METHODS) ?? []).some(
    method => method.getString('type') === 'catalog',
  );
}

/**
 * Where a pod's own service-account token lives, used for catalog clusters with `serviceAccount` auth.
 *
 * @public
 */
export const IN_CLUSTER_TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Reads clusters from catalog `Resource` entities of type `kubernetes-cluster`, with the same
 * annotations the Kubernetes plugin's catalog locator reads. Anyone who can register an entity
 * writes these annotations, and the backend sends its own credentials to the API server they
 * name; so a catalog cluster is read only when its API server's host is in `allowedHosts`
 * (`awsIdentity.catalogClusters.allowedApiServerHosts`; none configured: every catalog cluster
 * is refused, with the reason), and the settings that would weaken or redirect those
 * credentials (`skipTLSVerify`, `assumeRole`, `externalId`) are never taken from the catalog:
 * they are dropped and named in `ignored`. A catalog entity carries no secret either, so
 * `serviceAccount` auth uses the backend's in-cluster token.
 *
 * @public
 */
export function readCatalogClusters(
  entities: Entity[],
  options: { inClusterToken?: string; allowedHosts?: readonly string[] } = {},
): {
  clusters: ClusterConnection[];
  unsupported: UnsupportedCluster[];
  /** Per cluster, the catalog settings that were ignored. */
  ignored: Array<{ name: string; settings: string[] }>;
} {
  const { inClusterToken } = options;
  const allowedHosts = new Set((options.allowedHosts ?? []).map(h => h.toLowerCase()));
  const clusters: ClusterConnection[] = [];
  const unsupported: UnsupportedCluster[] = [];
  const ignored: Array<{ name: string; settings: string[] }> = [];
  for (const entity of entities) {
    const annotations = entity.metadata.annotations ?? {};
    const name = entity.metadata.name;
    const url = annotations[CATALOG_ANNOTATIONS.apiServer];
    if (!url) {
      unsupported.push({ name, reason: `annotation ${CATALOG_ANNOTATIONS.apiServer} is missing` });
      continue;
    }
    const host = apiServerHost(url);
    if (!host) {
      unsupported.push({ name, reason: `annotation ${CATALOG_ANNOTATIONS.apiServer} is not an https URL: ${url}` });
      continue;
    }
    if (allowedHosts.size === 0) {
      unsupported.push({
        name,
        reason:
          'clusters from the catalog are not read without an allow-list of API server hosts (awsIdentity.catalogClusters.allowedApiServerHosts)',
      });
      continue;
    }
    if (!allowedHosts.has(host)) {
      unsupported.push({
        name,
        reason: `API server host ${host} is not in awsIdentity.catalogClusters.allowedApiServerHosts`,
      });
      continue;
    }
    const authProvider = annotations[CATALOG_ANNOTATIONS.authProvider] ?? 'serviceAccount';
    if (authProvider !== 'serviceAccount' && authProvider !== 'aws') {
      unsupported.push(unsupportedAuth(name, authProvider));
      continue;
    }
    if (authProvider === 'serviceAccount' && !inClusterToken) {
      unsupported.push({
        name,
        reason: `serviceAccount auth from the catalog needs the backend's in-cluster token at ${IN_CLUSTER_TOKEN_PATH}`,
      });
      continue;
    }
    const dropped = [
      CATALOG_ANNOTATIONS.skipTlsVerify,
      CLUSTER_AUTH_METADATA.assumeRole,
      CLUSTER_AUTH_METADATA.externalId,
    ].filter(key => annotations[key] !== undefined);
    if (dropped.length > 0) ignored.push({ name, settings: dropped });
    clusters.push({
      name,
      url,
      authProvider,
      serviceAccountToken: authProvider === 'serviceAccount' ? inClusterToken : undefined,
      caData: annotations[CATALOG_ANNOTATIONS.caData],
      skipTLSVerify: false,
      eksClusterName: annotations[CLUSTER_AUTH_METADATA.eksClusterName] ?? name,
      accountId: annotations[CLUSTER_AUTH_METADATA.accountId],
      region: annotations[CLUSTER_AUTH_METADATA.region],
    });
  }
  return { clusters, unsupported, ignored };
}

/** The lower-cased host of an https API server URL; undefined for anything else. */
function apiServerHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The API server hosts whose catalog clusters may be read
 * (`awsIdentity.catalogClusters.allowedApiServerHosts`); empty when none are configured.
 *
 * @public
 */
export function readCatalogClusterHosts(config: Config): string[] {
  const hosts = config.getOptionalStringArray('awsIdentity.catalogClusters.allowedApiServerHosts') ?? [];
  hosts.forEach((host, i) => {
    if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) {
      throw new InputError(
        `awsIdentity.catalogClusters.allowedApiServerHosts[${i}]: "${host}" must be a host name such as api.prod.example.com, without scheme or port`,
      );
    }
  });
  return hosts;
}

/**
 * The issuers configured for role requests (`awsIdentity.clusters[].issuer`), by cluster name.
 *
 * @public
 */
export function readClusterIssuers(config: Config): ReadonlyMap<string, string> {
  const issuers = new Map<string, string>();
  const entries = config.getOptionalConfigArray('awsIdentity.clusters') ?? [];
  entries.forEach((entry, i) => {
    const name = entry.getString('name');
    if (issuers.has(name)) {
      throw new InputError(`awsIdentity.clusters[${i}].name: cluster "${name}" is listed twice`);
    }
    issuers.set(name, entry.getString('issuer'));
  });
  return issuers;
}
