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

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pki } from '../pki';
import { freePort } from '../ports';
import { ManagedProcess, ProcessGroup, waitUntil } from '../processes';
import { RunningCluster } from './cluster';

/** A running amazon-eks-pod-identity-webhook serving one cluster. */
export interface RunningWebhook {
  url: string;
  metricsUrl: string;
  /** Container-credentials (Pod Identity) config the webhook watches; see {@link writePodIdentityConfig}. */
  containerCredentialsConfig: string;
  process: ManagedProcess;
}

/**
 * Writes the webhook's container-credentials config: the (namespace, service account) pairs that
 * have an EKS Pod Identity association. The real webhook then injects
 * `AWS_CONTAINER_CREDENTIALS_FULL_URI` for them and gives that precedence over IRSA.
 */
export function writePodIdentityConfig(
  file: string,
  identities: { namespace: string; serviceAccount: string }[],
): void {
  writeFileSync(file, JSON.stringify({ identities }, null, 2));
}

/**
 * Starts the real pod identity webhook (v0.6.17) out of cluster against `cluster`, and registers
 * it with a MutatingWebhookConfiguration (`admissionReviewVersions: ["v1beta1"]`: v0.6.17
 * answers v1beta1 reviews without TypeMeta, which apiservers only accept for v1beta1).
 */
export async function startWebhook(
  group: ProcessGroup,
  binary: string,
  pki: Pki,
  cluster: RunningCluster,
  runDir: string,
): Promise<RunningWebhook> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const dir = join(runDir, cluster.name);
  const containerCredentialsConfig = join(
    dir,
    'pod-identity-associations.json',
  );
  writePodIdentityConfig(containerCredentialsConfig, []);
  const proc = group.spawn(`pod-identity-webhook-${cluster.name}`, binary, [
    '--in-cluster=false',
    `--kubeconfig=${cluster.kubeconfigs.admin}`,
    `--port=${port}`,
    `--metrics-port=${metricsPort}`,
    `--tls-cert=${pki.servingCert}`,
    `--tls-key=${pki.servingKey}`,
    '--annotation-prefix=eks.amazonaws.com',
    '--token-audience=sts.amazonaws.com',
    `--aws-default-region=${cluster.region}`,
    '--sts-regional-endpoint=true',
    // Seeds create pods right after their service accounts; wait for the informer cache.
    '--service-account-lookup-grace-period=3s',
    `--watch-container-credentials-config=${containerCredentialsConfig}`,
    '--enable-debugging-handlers',
    '--logtostderr',
    '-v=2',
  ]);
  const url = `https://127.0.0.1:${port}`;
  const metricsUrl = `http://127.0.0.1:${metricsPort}`;
  await waitUntil(
    `pod identity webhook for ${cluster.name}`,
    async () => ((await fetch(`${metricsUrl}/metrics`)).ok ? true : undefined),
    { timeoutMs: 60_000, process: proc },
  );
  await cluster.admin.apply(
    '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations',
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'pod-identity-webhook' },
      webhooks: [
        {
          name: 'pod-identity-webhook.amazonaws.com',
          admissionReviewVersions: ['v1beta1'],
          sideEffects: 'None',
          // Upstream uses Ignore; Fail makes a broken sandbox webhook visible in tests.
          failurePolicy: 'Fail',
          timeoutSeconds: 10,
          clientConfig: {
            url: `${url}/mutate`,
            caBundle: readFileSync(pki.caCert).toString('base64'),
          },
          objectSelector: {
            matchExpressions: [
              {
                key: 'eks.amazonaws.com/skip-pod-identity-webhook',
                operator: 'DoesNotExist',
              },
            ],
          },
          rules: [
            {
              operations: ['CREATE'],
              apiGroups: [''],
              apiVersions: ['v1'],
              resources: ['pods'],
            },
          ],
        },
      ],
    },
  );
  return { url, metricsUrl, containerCredentialsConfig, process: proc };
}
