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
  Cluster,
  IdentityReport,
  TrustAdmissionIndex,
  buildIdentityReport,
  eksClusterNameOfArn,
  normalizeIssuer,
  parseArn,
  resolveBinding,
  validateAccountId,
  validateNamespace,
} from '@internal/plugin-aws-identity-common';
import { ParsedOptions, UsageError, many, optional, single } from '../args';
import { CliIo, readInputArgument } from '../io';
import { readIamDocuments } from './readIamDocuments';
import { ManifestLocation, ManifestWorkload, readManifests } from './readManifests';

/** The cluster the options describe (`--cluster-arn`, or `--account` and `--issuer`). */
export function clusterOf(options: ParsedOptions): Cluster {
  const clusterArn = optional(options, 'cluster-arn');
  const issuerText = optional(options, 'issuer');
  const issuer = issuerText === undefined ? undefined : normalizeIssuer(issuerText);
  if (issuer && !issuer.ok) throw new UsageError(`--issuer: ${issuer.error}`);
  if (clusterArn !== undefined) {
    const parsed = parseArn(clusterArn);
    const name = eksClusterNameOfArn(clusterArn);
    if (!parsed.ok || parsed.value.service !== 'eks' || !name)
      throw new UsageError('--cluster-arn: expected arn:aws:eks:REGION:ACCOUNT:cluster/NAME');
    if (options.has('account') && single(options, 'account') !== parsed.value.accountId)
      throw new UsageError(`--account: differs from the account of --cluster-arn (${parsed.value.accountId})`);
    return {
      name: optional(options, 'cluster') ?? name,
      accountId: parsed.value.accountId,
      region: parsed.value.region,
      arn: clusterArn,
      issuer: issuer?.value.url ?? '',
    };
  }
  const account = validateAccountId(single(options, 'account'));
  if (!account.ok) throw new UsageError(`--account: ${account.error}`);
  return { name: optional(options, 'cluster') ?? 'cluster', accountId: account.value, issuer: issuer?.value.url ?? '' };
}

/** One service account of the manifests with the engine's report. */
export interface CheckedServiceAccount {
  namespace: string;
  name: string;
  /** Where the ServiceAccount is declared; absent when only workloads refer to it. */
  location?: ManifestLocation;
  workloads: ManifestWorkload[];
  report: IdentityReport;
}

/**
 * Reads `--manifests` and `--iam` and builds the engine's report for every service account the
 * manifests declare or their workloads run as: what `check` prints and `migrate` plans from.
 * `cluster` overrides facts the options cannot give (the agent add-on, Fargate profiles).
 */
export function evaluateManifests(
  options: ParsedOptions,
  io: CliIo,
  extend: (cluster: Cluster) => Cluster = c => c,
) {
  const cluster = extend(clusterOf(options));
  const namespace = validateNamespace(optional(options, 'namespace') ?? 'default');
  if (!namespace.ok) throw new UsageError(`--namespace: ${namespace.error}`);
  const iam = readIamDocuments(
    many(options, 'iam').map(name => ({ name, text: readInputArgument(io, 'iam', name) })),
  );
  const manifestsDir = single(options, 'manifests');
  const manifests = readManifests(manifestsDir, cluster.name, namespace.value);

  // Every service account the manifests declare, and those their workloads run as without
  // declaring them (they exist in the cluster already, or the deploy will fail: either way the
  // pods get that account's identity).
  const accounts = new Map<string, Omit<CheckedServiceAccount, 'report'> & { annotations: Record<string, string> }>();
  for (const sa of manifests.serviceAccounts) {
    accounts.set(`${sa.namespace}/${sa.name}`, {
      namespace: sa.namespace,
      name: sa.name,
      location: sa.location,
      workloads: [],
      annotations: sa.annotations,
    });
  }
  for (const workload of manifests.workloads) {
    const key = `${workload.namespace}/${workload.serviceAccountName}`;
    const entry = accounts.get(key) ?? {
      namespace: workload.namespace,
      name: workload.serviceAccountName,
      workloads: [],
      annotations: {},
    };
    entry.workloads.push(workload);
    accounts.set(key, entry);
  }
  // Across the manifests, as the portal does across the cluster: which roles' trust admits each
  // service account (IRSA-B03, "could also assume") and which service accounts share a role
  // (IRSA-B07). Only what the manifests declare is known, so both are lower bounds.
  const admissions = new TrustAdmissionIndex(iam.roles, iam.oidcProvidersKnown ? { oidcProviders: iam.oidcProviders } : {});
  const boundRoles = new Map(
    [...accounts.values()].map(entry => [
      `${entry.namespace}/${entry.name}`,
      resolveBinding(
        { cluster: cluster.name, namespace: entry.namespace, name: entry.name, annotations: entry.annotations },
        manifests.associations,
      ).roleArns,
    ]),
  );
  const othersSharing = (key: string) =>
    [...boundRoles]
      .filter(([other, arns]) => other !== key && arns.some(arn => boundRoles.get(key)?.includes(arn)))
      .map(([other]) => `${cluster.name}/${other}`)
      .sort();
  const checked: CheckedServiceAccount[] = [...accounts.values()]
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`))
    .map(({ annotations, ...entry }) => ({
      ...entry,
      report: buildIdentityReport({
        cluster,
        serviceAccount: { cluster: cluster.name, namespace: entry.namespace, name: entry.name, annotations },
        roles: iam.roles,
        completeAccounts: iam.completeAccounts,
        oidcProviders: iam.oidcProviders,
        oidcProvidersKnown: iam.oidcProvidersKnown,
        podIdentityAssociations: manifests.associations,
        context: {
          knownClusters: [cluster],
          rolesAdmittingServiceAccount: admissions.rolesAdmitting(cluster, {
            cluster: cluster.name,
            namespace: entry.namespace,
            name: entry.name,
            annotations,
          }),
          otherServiceAccountsOfRole: othersSharing(`${entry.namespace}/${entry.name}`),
        },
      }),
    }));

  return { cluster, iam, manifests, manifestsDir, checked };
}
