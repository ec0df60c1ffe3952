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

import { Cluster, Role, ServiceAccount, TrustAdmissionIndex } from '@internal/plugin-aws-identity-common';
import { AccountSnapshot } from '@internal/plugin-aws-identity-node';
import { admissionIndexOf } from '../src/identity/accountIndexes';
import { percentile } from './b1';

/** B8 figures. */
export interface B8Result {
  roles: number;
  serviceAccounts: number;
  buildMs: number;
  indexMb: number;
  lookupP50Us: number;
  lookupP95Us: number;
  allLookupsMs: number;
  /** Roles found per service account, on average (a sanity figure: the lookups found something). */
  meanFound: number;
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const NAMESPACES = 200;
const ISSUERS = ['oidc.eks.us-east-1.amazonaws.com/id/BENCH0000000000000000000000000001', 'oidc.eks.us-east-1.amazonaws.com/id/BENCH0000000000000000000000000002'];

/**
 * The trusts as platforms write them (EKS User Guide forms): most roles trust one service
 * account exactly, some a whole namespace (`StringLike …:<ns>:*`), some Pod Identity (the
 * guide's trust, or narrowed by the `kubernetes-namespace` session tag).
 */
function trustOf(i: number, accountId: string, issuer: string, namespace: string, name: string) {
  const provider = `arn:aws:iam::${accountId}:oidc-provider/${issuer}`;
  const kind = i % 20;
  if (kind < 16) {
    return {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${name}`, [`${issuer}:aud`]: 'sts.amazonaws.com' } },
      }],
    };
  }
  if (kind < 18) {
    return {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { [`${issuer}:sub`]: `system:serviceaccount:${namespace}:*` }, StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' } },
      }],
    };
  }
  const narrowed = kind === 19 ? { 'aws:RequestTag/kubernetes-namespace': namespace } : {};
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { StringEquals: { 'aws:SourceAccount': accountId, ...narrowed } },
    }],
  };
}

/**
 * B8: "could also assume" from the index. Files `roles` roles of two accounts (as the identity
 * snapshot does, one index per account read) and looks up, for each of `serviceAccounts` service
 * accounts of two clusters, every role whose trust admits it. Prints the build time, the heap the
 * indexes retain beyond the roles themselves, and the per-lookup time. In memory only: no sandbox.
 */
export function runB8(options: { roles: number; serviceAccounts: number }): B8Result {
  const accounts = ['111122223333', '444455556666'];
  const clusters: Cluster[] = accounts.map((accountId, c) => ({
    name: `bench-${c}`,
    accountId,
    region: 'us-east-1',
    arn: `arn:aws:eks:us-east-1:${accountId}:cluster/bench-${c}`,
    issuer: `https://${ISSUERS[c]}`,
  }));
  const serviceAccounts: ServiceAccount[] = Array.from({ length: options.serviceAccounts }, (_, i) => ({
    cluster: clusters[i % 2].name,
    namespace: `ns-${i % NAMESPACES}`,
    name: `sa-${i}`,
    annotations: {},
  }));
  const snapshots: AccountSnapshot[] = accounts.map((accountId, c) => {
    const roles: Role[] = [];
    for (let i = c; i < options.roles; i += 2) {
      // Role i is written for service account i (of the cluster of the same account).
      const sa = serviceAccounts[(i * 7) % serviceAccounts.length];
      roles.push({
        arn: `arn:aws:iam::${accountId}:role/bench-${i}`,
        name: `bench-${i}`,
        accountId,
        trustPolicy: trustOf(i, accountId, ISSUERS[c], sa.namespace, sa.name),
      });
    }
    return {
      accountId,
      roles,
      oidcProviders: [{ arn: `arn:aws:iam::${accountId}:oidc-provider/${ISSUERS[c]}`, accountId, issuerHostPath: ISSUERS[c], clientIds: ['sts.amazonaws.com'] }],
      summary: {},
      readAt: new Date().toISOString(),
    };
  });
  // Warm the code paths so that only data remains in the heap difference.
  new TrustAdmissionIndex(snapshots[0].roles.slice(0, 50)).rolesAdmitting(clusters[0], serviceAccounts[0]);

  const before = heapAfterGc();
  const started = process.hrtime.bigint();
  const indexes = snapshots.map(admissionIndexOf);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const after = heapAfterGc();

  const byName = new Map(clusters.map(c => [c.name, c]));
  const times: number[] = [];
  let found = 0;
  const all = process.hrtime.bigint();
  for (const sa of serviceAccounts) {
    const t = process.hrtime.bigint();
    found += TrustAdmissionIndex.rolesAdmitting(indexes, byName.get(sa.cluster)!, sa).length;
    times.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  const allLookupsMs = Number(process.hrtime.bigint() - all) / 1e6;
  times.sort((a, b) => a - b);
  return {
    roles: options.roles,
    serviceAccounts: options.serviceAccounts,
    buildMs,
    indexMb: (after - before) / 1024 / 1024,
    lookupP50Us: percentile(times, 50),
    lookupP95Us: percentile(times, 95),
    allLookupsMs,
    meanFound: found / serviceAccounts.length,
  };
}
