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
  CoreV1Api,
  KubeConfig,
  V1ListMeta,
  V1Pod,
  V1ServiceAccount,
  Watch,
  WellKnownApi,
} from '@kubernetes/client-node';

/** Page size for LIST calls: large enough to be cheap, small enough for the apiserver. */
const LIST_PAGE_SIZE = 500;
/** Server-side watch duration; below client-node's 30 s inactivity timeout. */
const WATCH_SECONDS = 25;

/** One page of a LIST. */
export interface ListPage<T> {
  items: T[];
  metadata?: V1ListMeta;
}

/**
 * A WATCH from `resourceVersion`, with bookmarks. Resolves once the stream is open (or after
 * `done` when it could not be opened), to the controller that ends it.
 */
export type WatchStream = (
  resourceVersion: string | undefined,
  onEvent: (phase: string, object: any) => void,
  done: (error: unknown) => void,
) => Promise<AbortController>;

/**
 * The Kubernetes API reads of one cluster inventory: paginated LISTs and WATCHes of service
 * accounts and pods in every namespace, and the issuer discovery document. The seam between the
 * inventory's bookkeeping and client-node; unit tests fake it.
 */
export interface ClusterReadApi {
  listServiceAccounts(continueToken: string | undefined): Promise<ListPage<V1ServiceAccount>>;
  listPods(continueToken: string | undefined): Promise<ListPage<V1Pod>>;
  /** `/.well-known/openid-configuration` of the service-account issuer. */
  readIssuerDiscovery(): Promise<{ issuer?: string }>;
  watchServiceAccounts: WatchStream;
  watchPods: WatchStream;
  /**
   * The key names of one Secret or ConfigMap (GET, then only the names of `data` and
   * `binaryData` are kept: values never leave this call). Rejects with the API error (403 when
   * RBAC does not grant `get`).
   */
  readKeyNames(kind: 'Secret' | 'ConfigMap', namespace: string, name: string): Promise<string[]>;
  /**
   * The one write: a TokenRequest for a service account (the live proof's token, never kept).
   * Rejects with the API error (403 when RBAC does not grant `create` on `serviceaccounts/token`).
   * Optional: fakes of the reads need not have it.
   */
  requestToken?(namespace: string, name: string, spec: { audience: string; expirationSeconds: number }): Promise<string>;
}

/**
 * {@link ClusterReadApi} over client-node for one cluster's `KubeConfig`.
 */
export function createClusterReadApi(kubeConfig: KubeConfig): ClusterReadApi {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  return {
    async listServiceAccounts(_continue) {
      const page = await core.listServiceAccountForAllNamespaces({ limit: LIST_PAGE_SIZE, _continue });
      return { items: page.items, metadata: page.metadata };
    },
    async listPods(_continue) {
      const page = await core.listPodForAllNamespaces({ limit: LIST_PAGE_SIZE, _continue });
      return { items: page.items, metadata: page.metadata };
    },
    async readIssuerDiscovery() {
      const raw = await kubeConfig.makeApiClient(WellKnownApi).getServiceAccountIssuerOpenIDConfiguration();
      return (typeof raw === 'string' ? JSON.parse(raw) : raw) as { issuer?: string };
    },
    async readKeyNames(kind, namespace, name) {
      if (kind === 'Secret') {
        return Object.keys((await core.readNamespacedSecret({ namespace, name })).data ?? {});
      }
      const configMap = await core.readNamespacedConfigMap({ namespace, name });
      return [...Object.keys(configMap.data ?? {}), ...Object.keys(configMap.binaryData ?? {})];
    },
    async requestToken(namespace, name, { audience, expirationSeconds }) {
      const answer = await core.createNamespacedServiceAccountToken({
        namespace,
        name,
        body: { spec: { audiences: [audience], expirationSeconds } },
      });
      const token = answer.status?.token;
      if (!token) throw new Error('the TokenRequest answer has no token');
      return token;
    },
    watchServiceAccounts: watchAll(kubeConfig, '/api/v1/serviceaccounts'),
    watchPods: watchAll(kubeConfig, '/api/v1/pods'),
  };
}

function watchAll(kubeConfig: KubeConfig, path: string): WatchStream {
  return (resourceVersion, onEvent, done) =>
    new Watch(kubeConfig).watch(
      path,
      // The client aborts a watch after 30 s without events; asking the server to end it
      // sooner makes every quiet period a clean end that is resumed from.
      { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: WATCH_SECONDS },
      onEvent,
      done,
    );
}
