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
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { RoleRequestDirectory } from '@internal/plugin-aws-identity-common';
import { readApproverGroups } from './approvers';
import {
  ClusterConnection,
  readClusterIssuers,
  readConfiguredClusters,
  readCatalogClusterHosts,
  UnsupportedCluster,
  usesCatalogClusters,
} from './clusterConnections';
import { DeliveryConfig, readDeliveryConfig } from './delivery';
import { toRequestDirectory } from './requestDirectory';
import { readScaffolderConfig, ScaffolderConfig } from './scaffolder';
import { readRoleDigestConfig, RoleDigestConfig } from './roleDigest';
import { readPositiveNumber } from './values';

/**
 * Everything aws-identity reads from configuration: its own `awsIdentity.*` keys, the accounts
 * of `aws.accounts` it inventories, and the Kubernetes plugin's cluster list as aws-identity
 * uses it. AWS credentials are not here: they come from `aws.accounts` through
 * `@backstage/integration-aws-node`.
 *
 * @public
 */
export interface AwsIdentityConfig {
  /** Accounts to inventory and to accept requests for: `awsIdentity.accounts`, else every `aws.accounts[].accountId`. */
  accountIds: string[];
  /** Region for EKS calls and the IAM/STS clients; IAM itself is global. */
  region: string;
  /** Endpoint override for IAM, STS and EKS (an emulator or a VPC endpoint). */
  endpoint?: string;
  /** How often IAM and EKS are read, in seconds. */
  syncIntervalSeconds: number;
  /** How often a replica reloads snapshots other replicas stored, in seconds. */
  snapshotReloadSeconds: number;
  /** An account's data older than this many seconds is reported `stale`. */
  staleAfterSeconds: number;
  /** At most this many accounts are read at once. */
  accountConcurrency: number;
  requests: {
    /** How often approved requests are delivered and delivered ones followed, in seconds. */
    pollSeconds: number;
    /** Submitted requests nobody decided on within this many days expire. */
    expireAfterDays: number;
    /** Merged requests whose role is not live and as planned within this many days fail. */
    convergeWithinDays: number;
  };
  roles: {
    /** Idle days after which a role is reported unused (ROLE-U01). */
    unusedAfterDays: number;
    /** The per-team notification digest of unused roles (ROLE-U01, ROLE-U02). */
    digest: RoleDigestConfig;
  };
  /** Live proof of service accounts' roles (`awsIdentity.liveProof`); off unless enabled. */
  liveProof: LiveProofConfig;
  /** The Kubernetes plugin's `config` clusters aws-identity can read. */
  clusters: ClusterConnection[];
  /** `config` clusters it cannot read (an unsupported auth provider), with the reason. */
  unsupportedClusters: UnsupportedCluster[];
  /** Whether the Kubernetes plugin also locates clusters from the catalog. */
  catalogClusters: boolean;
  /** API server hosts whose catalog clusters may be read; empty: none are. */
  catalogClusterHosts: string[];
  /** What role requests may target: the accounts, the clusters with an account, their issuers. */
  requestDirectory: RoleRequestDirectory;
  /** Group entity refs whose members may decide on role requests. */
  approverGroups: string[];
  /** Where approved requests are delivered; absent when not configured. */
  delivery?: DeliveryConfig;
  /** Folder of the infrastructure repository for rendered files. */
  deliveryDirectory: string;
  scaffolder: ScaffolderConfig;
  /** Organisation policy the checks apply: `awsIdentity.checks`. */
  checks: {
    /** The permissions boundary every workload role must carry (IRSA-P13); unset: not checked. */
    requiredPermissionsBoundaryArn?: string;
  };
}

/**
 * `awsIdentity.liveProof`, validated.
 *
 * @public
 */
export interface LiveProofConfig {
  enabled: boolean;
  perServiceAccountPerHour: number;
  perUserPerHour: number;
  /** Absent: no scheduled probe. */
  probeVerifiedEverySeconds?: number;
  /** STS is an emulator that does not validate tokens; results say so. */
  emulator: boolean;
}

function readLiveProofConfig(own: Config | undefined): LiveProofConfig {
  const probe = own?.getOptionalNumber('liveProof.probeVerifiedEverySeconds');
  return {
    enabled: own?.getOptionalBoolean('liveProof.enabled') ?? false,
    perServiceAccountPerHour: readPositiveNumber(own, 'liveProof.perServiceAccountPerHour', 6),
    perUserPerHour: readPositiveNumber(own, 'liveProof.perUserPerHour', 30),
    ...(probe === undefined ? {} : { probeVerifiedEverySeconds: readPositiveNumber(own, 'liveProof.probeVerifiedEverySeconds', probe) }),
    emulator: own?.getOptionalBoolean('liveProof.emulator') ?? false,
  };
}

const ACCOUNT_ID = /^\d{12}$/;

function readAccountIds(config: Config): string[] {
  const own = config.getOptionalStringArray('awsIdentity.accounts');
  const ids = own ?? (config.getOptionalConfigArray('aws.accounts') ?? []).map(a => a.getString('accountId'));
  ids.forEach((id, i) => {
    if (!ACCOUNT_ID.test(id)) {
      const key = own ? `awsIdentity.accounts[${i}]` : `aws.accounts[${i}].accountId`;
      throw new InputError(`${key}: account id "${id}" is not 12 digits`);
    }
  });
  return [...new Set(ids)];
}

/**
 * Reads and validates the aws-identity configuration once, for the backend plugin, its
 * permission policy and the scaffolder actions alike. Fails fast on a malformed value, with an
 * error naming the key.
 *
 * @public
 */
export function readAwsIdentityConfig(config: Config): AwsIdentityConfig {
  const own = config.getOptionalConfig('awsIdentity');
  const accountIds = readAccountIds(config);
  const syncIntervalSeconds = readPositiveNumber(own, 'syncIntervalSeconds', 300);
  const { clusters, unsupported } = readConfiguredClusters(config);
  const { delivery, directory } = readDeliveryConfig(config);
  return {
    accountIds,
    region: own?.getOptionalString('region') ?? 'us-east-1',
    endpoint: own?.getOptionalString('endpoint'),
    syncIntervalSeconds,
    snapshotReloadSeconds: readPositiveNumber(own, 'snapshotReloadSeconds', 10),
    staleAfterSeconds: readPositiveNumber(own, 'staleAfterSeconds', syncIntervalSeconds * 3),
    accountConcurrency: readPositiveNumber(own, 'accountConcurrency', 4),
    requests: {
      pollSeconds: readPositiveNumber(own, 'requests.pollSeconds', 30),
      expireAfterDays: readPositiveNumber(own, 'requests.expireAfterDays', 14),
      convergeWithinDays: readPositiveNumber(own, 'requests.convergeWithinDays', 7),
    },
    roles: {
      unusedAfterDays: readPositiveNumber(own, 'roles.unusedAfterDays', 90),
      digest: readRoleDigestConfig(own),
    },
    liveProof: readLiveProofConfig(own),
    clusters,
    unsupportedClusters: unsupported,
    catalogClusters: usesCatalogClusters(config),
    catalogClusterHosts: readCatalogClusterHosts(config),
    requestDirectory: toRequestDirectory({ accountIds, clusters, issuers: readClusterIssuers(config) }),
    approverGroups: readApproverGroups(config),
    delivery,
    deliveryDirectory: directory,
    scaffolder: readScaffolderConfig(config),
    checks: { requiredPermissionsBoundaryArn: readBoundaryArn(own) },
  };
}

/** An IAM managed policy ARN: what `PermissionsBoundary` takes. */
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+$/;

function readBoundaryArn(own: Config | undefined): string | undefined {
  const key = 'checks.requiredPermissionsBoundaryArn';
  const arn = own?.getOptionalString(key);
  if (arn !== undefined && !POLICY_ARN.test(arn)) {
    throw new InputError(`awsIdentity.${key}: "${arn}" is not an IAM policy ARN (arn:aws:iam::ACCOUNT:policy/NAME)`);
  }
  return arn;
}
