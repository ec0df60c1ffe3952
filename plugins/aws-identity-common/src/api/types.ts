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


import { SourceStatus } from '../domain/types';
import type { IdentityReport } from '../report/types';

/**
 * Where an entity's workloads were looked for: the Kubernetes plugin's annotations.
 *
 * @public
 */
export interface WorkloadSelector {
  /** `backstage.io/kubernetes-id`: matched against the label of the same name. */
  kubernetesId?: string;
  /** `backstage.io/kubernetes-label-selector`, equality-based (`a=b,c!=d`). */
  labelSelector?: string;
  /** `backstage.io/kubernetes-namespace`: restricts the namespaces searched. */
  namespace?: string;
}

/**
 * Response of `GET /api/aws-identity/identity?entityRef=…`: the whole entity tab.
 *
 * @public
 */
export interface EntityIdentityResponse {
  entityRef: string;
  selector: WorkloadSelector;
  /** One report per (cluster, namespace, service account) the entity's workloads run as. */
  serviceAccounts: IdentityReport[];
  /** The sources the answer is built from; a failed or stale one is shown as such. */
  sources: SourceStatus[];
  /** RFC 3339 time of the newest data the answer uses. */
  dataAsOf?: string;
}

/**
 * Response of `GET /api/aws-identity/sources`.
 *
 * @public
 */
export interface SourcesResponse {
  sources: SourceStatus[];
}
