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


import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { KubeConfig } from '@kubernetes/client-node';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { readFileSync } from 'node:fs';
import { ClusterConnection } from '@internal/plugin-aws-identity-node';

/**
 * Builds a client-node `KubeConfig` for a configured cluster. For `aws` auth the bearer token
 * is the one `aws eks get-token` makes: a presigned STS `GetCallerIdentity` URL carrying the
 * `x-k8s-aws-id` header, prefixed `k8s-aws-v1.` and base64url-encoded.
 *
 * @public
 */
export async function kubeConfigFor(
  cluster: ClusterConnection,
  credentials: AwsCredentialsManager,
): Promise<KubeConfig> {
  const token =
    cluster.authProvider === 'aws'
      ? await eksToken(cluster, credentials)
      : cluster.serviceAccountToken;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        caData:
          cluster.caData ??
          (cluster.caFile
            ? Buffer.from(readFileSync(cluster.caFile)).toString('base64')
            : undefined),
      },
    ],
    users: [{ name: 'aws-identity', token }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'aws-identity' }],
    currentContext: cluster.name,
  });
  return kubeConfig;
}

async function eksToken(
  cluster: ClusterConnection,
  credentials: AwsCredentialsManager,
): Promise<string> {
  const provider = await credentials.getCredentialProvider(
    cluster.assumeRole ? { arn: cluster.assumeRole } : { accountId: cluster.accountId },
  );
  const region = cluster.region ?? 'us-east-1';
  const signer = new SignatureV4({
    credentials: provider.sdkCredentialProvider,
    region,
    service: 'sts',
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname: `sts.${region}.amazonaws.com`,
    path: '/',
    headers: { host: `sts.${region}.amazonaws.com`, 'x-k8s-aws-id': cluster.eksClusterName },
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
  });
  const signed = await signer.presign(request, { expiresIn: 60 });
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const url = `https://${signed.hostname}${signed.path}?${query}`;
  return `k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
}
