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
import { Finding, PodIdentityAssociation } from '../domain/types';
import { Check, runChecks } from './types';

/**
 * What the inventory-level Pod Identity checks read: one association and what the cluster's
 * service-account inventory says about the service account it names.
 *
 * @public
 */
export interface PodIdentityInventoryCheckContext {
  association: PodIdentityAssociation;
  /**
   * Whether the service account exists: `false` only when the cluster's inventory is complete
   * (its source is `ok`) and lacks it; `undefined` when the inventory cannot tell.
   */
  serviceAccountExists?: boolean;
  /** The service accounts that do exist in the association's namespace (names), for the fix. */
  namespaceServiceAccounts?: readonly string[];
}

const pid11: Check<PodIdentityInventoryCheckContext> = {
  id: 'PID-11',
  category: 'pod-identity',
  title: 'Association for a service account that does not exist',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'EKS does not check that the service account of an association exists. Until it does, no pod uses the association, and whoever may create service accounts in that namespace can create one with that name and get the role’s credentials; often the association was meant for a service account that was renamed, which then runs without it.',
  fix: 'Delete the association (aws eks delete-pod-identity-association --cluster-name <cluster> --association-id <id>), or point it at the service account the workload uses, or create that service account if the association is meant for a workload still to be deployed.',
  run(ctx) {
    if (ctx.serviceAccountExists !== false) return [];
    const a = ctx.association;
    const others = ctx.namespaceServiceAccounts ?? [];
    const where = `${a.cluster}/${a.namespace}/${a.serviceAccount}`;
    return [
      {
        subject: { kind: 'association', ref: a.associationId ?? where },
        message: `The association${a.associationId ? ` ${a.associationId}` : ''} names service account ${a.namespace}/${a.serviceAccount} in cluster ${a.cluster}, which does not exist; it grants ${a.targetRoleArn ?? a.roleArn} to whoever creates it.`,
        fix: `Delete it (aws eks delete-pod-identity-association --cluster-name ${a.cluster} --association-id ${
          a.associationId ?? '<id>'
        })${
          others.length > 0
            ? `, or point it at one of the service accounts namespace ${a.namespace} has (${[...others].sort().join(', ')}) with aws eks update-pod-identity-association if one of them is the workload's.`
            : `; namespace ${a.namespace} has no service accounts, so create ${a.serviceAccount} only if the workload is about to be deployed.`
        }`,
      },
    ];
  },
};

/**
 * Checks of Pod Identity associations against the cluster's service-account inventory: they
 * run where associations are listed (the organisation's findings), since an association for a
 * missing service account belongs to no service account's report.
 *
 * @public
 */
export const podIdentityInventoryChecks: ReadonlyArray<Check<PodIdentityInventoryCheckContext>> = [pid11];

/**
 * One cluster's service-account inventory, as far as its source read it.
 *
 * @public
 */
export interface ServiceAccountInventory {
  /** True when the source's last read is complete and fresh (`ok`): absence then means absent. */
  complete: boolean;
  /** Existing service accounts as `namespace/name`. */
  serviceAccounts: ReadonlySet<string>;
}

/**
 * Runs {@link podIdentityInventoryChecks} for every association against its cluster's
 * inventory. A cluster without a complete inventory decides nothing.
 *
 * @public
 */
export function podIdentityInventoryFindings(input: {
  associations: readonly PodIdentityAssociation[];
  inventories: ReadonlyMap<string, ServiceAccountInventory>;
}): Array<{ association: PodIdentityAssociation; findings: Finding[] }> {
  return input.associations.flatMap(association => {
    const inventory = input.inventories.get(association.cluster);
    const key = `${association.namespace}/${association.serviceAccount}`;
    const findings = runChecks(
      podIdentityInventoryChecks,
      {
        association,
        serviceAccountExists: inventory?.complete ? inventory.serviceAccounts.has(key) : undefined,
        namespaceServiceAccounts: [...(inventory?.serviceAccounts ?? [])]
          .filter(k => k.startsWith(`${association.namespace}/`))
          .map(k => k.slice(association.namespace.length + 1)),
      },
      { kind: 'association', ref: association.associationId ?? `${association.cluster}/${key}` },
    );
    return findings.length > 0 ? [{ association, findings }] : [];
  });
}
