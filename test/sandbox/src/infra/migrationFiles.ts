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


import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The folder of `<deliveryDirectory>` the portal delivers migration changes to. */
export const MIGRATION_FOLDER = 'pod-identity-migration';

/** Step 2 of a migration as a delivered IaC file describes it. */
export interface DeliveredAssociation {
  /** The EKS name of the cluster (`cluster_name`, `clusterName`). */
  eksClusterName: string;
  region?: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
}

/** One service account's delivered migration change (steps 1 and 2), read from `main`. */
export interface DeliveredMigration {
  /** The file stem the renderer gives a service account's files (`migrate-<cluster>-<ns>-<sa>`). */
  stem: string;
  /** The IaC file the change was read from, for messages. */
  file: string;
  /** Step 1: the role whose trust changes and the full new trust (the delivered JSON). */
  trust?: { roleName: string; trustPolicy: unknown };
  /** Step 2, when it was not done before the request was delivered. */
  association?: DeliveredAssociation;
}

/** One service account's delivered follow-up (step 5, and step 6 where rendered). */
export interface DeliveredAnnotationRemoval {
  stem: string;
  file: string;
  namespace: string;
  serviceAccount: string;
  /** The merge patch of the service account (`null` values remove keys, RFC 7386). */
  patch: { metadata: { annotations: Record<string, string | null> } };
  /** Step 6: the role's trust without the OIDC statements only this service account relied on. */
  trustWithoutOidc?: unknown;
}

/** What {@link readDeliveredMigrations} found on `main`. */
export interface DeliveredMigrationFiles {
  migrations: DeliveredMigration[];
  annotationRemovals: DeliveredAnnotationRemoval[];
}

/** Terraform string attributes of one block (`key = "value"`), as the portal's renderer writes them. */
function hclStringAttributes(block: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of block.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("(?:[^"\\]|\\.)*")\s*$/gm)) {
    attributes[match[1]] = JSON.parse(match[2].replace(/\$\$\{/g, '${'));
  }
  return attributes;
}

/** The top-level blocks `resource "<type>" "<label>" { … }` of a Terraform file. */
function hclResources(text: string, type: string): Record<string, string>[] {
  const blocks: Record<string, string>[] = [];
  const opening = new RegExp(`^resource "${type}" "[^"]*" \\{$`, 'gm');
  for (const match of text.matchAll(opening)) {
    const end = text.indexOf('\n}', match.index);
    blocks.push(hclStringAttributes(text.slice(match.index, end < 0 ? undefined : end)));
  }
  return blocks;
}

function yamlObjects(file: string, text: string): any[] {
  return parseAllDocuments(text).map(doc => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    return doc.toJSON();
  }).filter(Boolean);
}

function roleNameOf(arn: string): string {
  return arn.split('/').pop()!;
}

/**
 * Reads steps 1 and 2 from one delivered IaC file, in whichever of the four formats the request
 * chose: the role named by the Terraform `aws_iam_role`, the ACK or Crossplane `Role`, and the
 * association of `aws_eks_pod_identity_association`, ACK/Crossplane `PodIdentityAssociation`
 * or eksctl `podIdentityAssociations`.
 */
function readMigrationIac(file: string, text: string): { roleName?: string; association?: DeliveredAssociation } {
  if (file.endsWith('.tf')) {
    const role = hclResources(text, 'aws_iam_role')[0];
    const a = hclResources(text, 'aws_eks_pod_identity_association')[0];
    return {
      roleName: role?.name,
      association: a && {
        eksClusterName: a.cluster_name,
        namespace: a.namespace,
        serviceAccount: a.service_account,
        roleArn: a.role_arn,
      },
    };
  }
  const objects = yamlObjects(file, text);
  const config = objects.find(o => o.kind === 'ClusterConfig');
  if (config) {
    const a = config.iam?.podIdentityAssociations?.[0];
    return {
      association: a && {
        eksClusterName: config.metadata.name,
        region: config.metadata.region,
        namespace: a.namespace,
        serviceAccount: a.serviceAccountName,
        roleArn: a.roleARN,
      },
    };
  }
  const role = objects.find(o => o.kind === 'Role');
  const a = objects.find(o => o.kind === 'PodIdentityAssociation');
  const forProvider = a?.spec?.forProvider;
  return {
    roleName: role?.spec?.name ?? role?.metadata?.annotations?.['crossplane.io/external-name'],
    association: a && {
      eksClusterName: forProvider?.clusterName ?? a.spec.clusterName,
      region: forProvider?.region,
      namespace: forProvider?.namespace ?? a.spec.namespace,
      serviceAccount: forProvider?.serviceAccount ?? a.spec.serviceAccount,
      roleArn: forProvider?.roleArn ?? a.spec.roleARN,
    },
  };
}

/**
 * Reads every delivered migration change and annotation-removal follow-up on `main` of the
 * infrastructure repository: `<dir>/pod-identity-migration/<format>/<stem>.{tf,yaml}` with
 * `policies/<stem>-trust-policy.json`, and `kubernetes/<stem>-remove-irsa-annotation.yaml`
 * with `policies/<stem>-trust-policy-without-oidc.json`.
 */
export function readDeliveredMigrations(path: string): DeliveredMigrationFiles {
  const work = mkdtempSync(join(tmpdir(), 'aws-identity-infra-'));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    git('clone', '--quiet', '--depth', '1', '--branch', 'main', path, '.');
    const files = git('ls-files').split('\n').filter(f => f.includes(`${MIGRATION_FOLDER}/`));
    const read = (file: string) => readFileSync(join(work, file), 'utf8');
    const sibling = (file: string, relative: string) => {
      const folder = file.slice(0, file.lastIndexOf(`${MIGRATION_FOLDER}/`) + MIGRATION_FOLDER.length);
      const candidate = `${folder}/${relative}`;
      return files.includes(candidate) ? candidate : undefined;
    };

    const migrations: DeliveredMigration[] = [];
    for (const file of files.filter(f => /\/(terraform|ack|crossplane|eksctl)\/migrate-[^/]*\.(tf|yaml)$/.test(f))) {
      const stem = basename(file).replace(/\.(tf|yaml)$/, '');
      if (stem.endsWith('-remove-oidc')) continue;
      const { roleName, association } = readMigrationIac(file, read(file));
      const trustFile = sibling(file, `policies/${stem}-trust-policy.json`);
      const trustRole = roleName ?? (association ? roleNameOf(association.roleArn) : undefined);
      if (trustFile && !trustRole) throw new Error(`${file}: names no role for ${trustFile}`);
      migrations.push({
        stem,
        file,
        ...(trustFile ? { trust: { roleName: trustRole!, trustPolicy: JSON.parse(read(trustFile)) } } : {}),
        ...(association ? { association } : {}),
      });
    }

    const annotationRemovals: DeliveredAnnotationRemoval[] = [];
    for (const file of files.filter(f => /\/kubernetes\/[^/]*-remove-irsa-annotation\.yaml$/.test(f))) {
      const stem = basename(file).replace(/-remove-irsa-annotation\.yaml$/, '');
      const patch = yamlObjects(file, read(file)).find(o => o.kind === 'ServiceAccount');
      if (!patch?.metadata?.name || !patch.metadata.namespace) {
        throw new Error(`${file}: not a ServiceAccount patch with a name and namespace`);
      }
      const withoutOidc = sibling(file, `policies/${stem}-trust-policy-without-oidc.json`);
      annotationRemovals.push({
        stem,
        file,
        namespace: patch.metadata.namespace,
        serviceAccount: patch.metadata.name,
        patch: { metadata: { annotations: patch.metadata.annotations ?? {} } },
        ...(withoutOidc ? { trustWithoutOidc: JSON.parse(read(withoutOidc)) } : {}),
      });
    }
    return { migrations, annotationRemovals };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
