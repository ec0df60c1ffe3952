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

// What the sandbox does in place of kube-controller-manager, which it does not run: the owner
// references the workload controllers set, and the `default` service account of a namespace.

import { KubeClient } from './kubeClient';

/** An owner reference as a workload controller sets it on what it creates. */
export interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: true;
  blockOwnerDeletion: true;
}

/** The owner reference a controller puts on objects it creates for `obj` (as read back from the apiserver). */
export function ownerRef(
  kind: string,
  apiVersion: string,
  obj: { metadata: { name: string; uid?: string } },
): OwnerRef {
  return {
    apiVersion,
    kind,
    name: obj.metadata.name,
    uid: obj.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Creates the namespace's `default` service account if absent (the service-account controller's job). */
export async function ensureDefaultServiceAccount(
  admin: KubeClient,
  namespace: string,
): Promise<void> {
  await admin.apply(
    `/api/v1/namespaces/${namespace}/serviceaccounts`,
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } },
    { replace: false },
  );
}
