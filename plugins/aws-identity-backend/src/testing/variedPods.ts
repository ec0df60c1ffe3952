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

import { V1Pod, V1ServiceAccount } from '@kubernetes/client-node';
import { IRSA_ANNOTATIONS } from '@internal/plugin-aws-identity-common';

const role = (i: number) => `arn:aws:iam::111122223333:role/varied-${i % 3}`;
const TOKEN_FILE = '/var/run/secrets/eks.amazonaws.com/serviceaccount/token';

/**
 * Service accounts and pods that between them exercise every fact a pod contributes: IRSA and
 * Pod Identity injection (complete, partial, stale role), static keys in `env` and through
 * `envFrom`, credential files, projected tokens (including the per-pod `kube-api-access-*`
 * suffix), host network, Fargate, non-root without `fsGroup`, the skip label, controller and
 * bare pods, per-pod labels, and uninjected pods with creation times. Deterministic: the same
 * sizes give the same objects. For tests comparing the inventory's compact state with a
 * computation from the full pods.
 */
export function variedCluster(serviceAccounts = 12, podsPerServiceAccount = 7): {
  serviceAccounts: V1ServiceAccount[];
  pods: V1Pod[];
  keyNames: Record<string, string[]>;
} {
  const accounts: V1ServiceAccount[] = [];
  const pods: V1Pod[] = [];
  const keyNames: Record<string, string[]> = {};
  for (let s = 0; s < serviceAccounts; s++) {
    const namespace = `ns-${s % 4}`;
    const name = `sa-${s}`;
    const annotated = s % 5 !== 4;
    accounts.push({
      metadata: {
        namespace,
        name,
        resourceVersion: String(10 + s),
        creationTimestamp: new Date(Date.UTC(2026, 0, 1 + s)),
        labels: { 'backstage.io/kubernetes-id': `svc-${s % 6}` },
        annotations: annotated ? { [IRSA_ANNOTATIONS.roleArn]: role(s) } : {},
      },
    });
    // Secret creds-2 is never readable: its pods' aggregate says so.
    if (s % 3 !== 2) keyNames[`Secret/${namespace}/creds-${s % 3}`] = s % 3 ? ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] : ['DB_URL'];
    for (let k = 0; k < podsPerServiceAccount; k++) {
      const v = s * podsPerServiceAccount + k;
      const controlled = k % 3 !== 2;
      const irsa = annotated && v % 4 !== 3;
      const staleRole = irsa && v % 11 === 0;
      const env = [
        ...(irsa
          ? [
              { name: 'AWS_ROLE_ARN', value: staleRole ? role(s + 1) : role(s) },
              { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: TOKEN_FILE },
            ]
          : []),
        ...(v % 13 === 0 ? [{ name: 'AWS_ACCESS_KEY_ID', value: 'AKIA' }] : []),
        ...(v % 9 === 0 ? [{ name: 'AWS_PROFILE', valueFrom: { configMapKeyRef: { name: 'profiles', key: 'p' } } }] : []),
        ...(v % 17 === 0 ? [{ name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://169.254.170.23/v1/credentials' }] : []),
      ];
      pods.push({
        metadata: {
          namespace,
          name: `${name}-${controlled ? `web-5d4f8-${k}` : `job-${k}`}`,
          creationTimestamp: new Date(Date.UTC(2026, 1, 1, 0, v)),
          labels: {
            app: `web-${s % 3}`,
            ...(controlled ? { 'pod-template-hash': '5d4f8' } : { run: `job-${k % 2}` }),
            ...(v % 10 === 0 ? { 'eks.amazonaws.com/skip-pod-identity-webhook': 'true' } : {}),
            ...(v % 19 === 0 ? { 'eks.amazonaws.com/fargate-profile': 'fp' } : {}),
          },
          ownerReferences: controlled
            ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-web-5d4f8`, uid: `rs-${s}`, controller: true }]
            : undefined,
        },
        spec: {
          serviceAccountName: k === podsPerServiceAccount - 1 && s % 3 === 0 ? undefined : name,
          hostNetwork: v % 8 === 0 ? true : undefined,
          securityContext: v % 6 === 0 ? { runAsUser: 1000 } : { fsGroup: 2000 },
          containers: [
            {
              name: 'app',
              env,
              envFrom: v % 7 === 0 ? [{ secretRef: { name: `creds-${s % 3}` } }] : undefined,
              volumeMounts: [
                ...(v % 12 === 0 ? [{ name: 'aws', mountPath: '/root/.aws/' }] : []),
                { name: `kube-api-access-${String(v).padStart(5, 'x')}`, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
              ],
            },
          ],
          volumes: [
            ...(irsa
              ? [{ name: 'aws-iam-token', projected: { sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 86400, path: 'token' } }] } }]
              : []),
            { name: `kube-api-access-${String(v).padStart(5, 'x')}`, projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } },
          ],
        },
      });
    }
  }
  return { serviceAccounts: accounts, pods, keyNames };
}
