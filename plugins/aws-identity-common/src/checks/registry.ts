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
import { bindingChecks } from './bindingChecks';
import { driftChecks } from './driftChecks';
import { permissionChecks } from './permissionChecks';
import { podIdentityAssociationChecks } from './podIdentityChainChecks';
import { podIdentityChecks } from './podIdentityChecks';
import { podIdentityInventoryChecks } from './podIdentityInventoryChecks';
import { requestChecks } from './requestChecks';
import { roleUsageChecks } from './roleUsageChecks';
import { runtimeChecks } from './runtimeChecks';
import { trustChecks } from './trustChecks';
import { Check, CheckMetadata } from './types';

function metadata({
  run: _run,
  structuredFix: _structuredFix,
  ...rest
}: CheckMetadata & { run: unknown; structuredFix?: unknown }): CheckMetadata {
  return rest;
}

/**
 * Every check the engine implements, in catalogue order, with its run
 * function: the one list the registry and the surface tests (which watch each
 * check's run while a surface works) are made from.
 *
 * @public
 */
export const implementedChecks: ReadonlyArray<Check<any>> = [
  ...trustChecks,
  ...bindingChecks,
  ...runtimeChecks,
  ...permissionChecks,
  ...podIdentityChecks,
  ...podIdentityAssociationChecks,
  ...podIdentityInventoryChecks,
  ...requestChecks,
  ...driftChecks,
  ...roleUsageChecks,
];

/**
 * Every check the engine implements, in catalogue order, without its run
 * function: what a UI needs to render a legend or a filter.
 *
 * @public
 */
export const checkRegistry: ReadonlyArray<CheckMetadata> =
  implementedChecks.map(metadata);

/**
 * Looks a check up by catalogue id (case-insensitive).
 *
 * @public
 */
export function findCheck(id: string): CheckMetadata | undefined {
  const wanted = id.toUpperCase();
  return checkRegistry.find(check => check.id.toUpperCase() === wanted);
}

/**
 * Catalogue checks the engine deliberately does not compute, and why: they
 * need data that is not in IAM documents or Kubernetes objects of one
 * service account.
 *
 * @public
 */
export const checksNotComputableOffline: ReadonlyArray<{
  id: string;
  reason: string;
}> = [
  {
    id: 'IRSA-T16',
    reason:
      'Needs the RBAC graph of the namespace (who may create pods, service accounts or tokens) and the catalog ownership of those subjects; not part of a service account and its role.',
  },
  {
    id: 'IRSA-B10',
    reason:
      'Depends on which STS endpoint the application code calls at run time; only observable from CloudTrail or the pod.',
  },
  {
    id: 'IRSA-B13',
    reason:
      'Blast radius of token theft needs RBAC (exec/attach rights) and node access data, not the service account.',
  },
  {
    id: 'IRSA-N01',
    reason:
      'Needs EC2 launch template / instance metadata options (HttpTokens, hop limit), not IAM or Kubernetes objects.',
  },
  {
    id: 'IRSA-N02',
    reason:
      "Needs the aws-node DaemonSet and the node role; outside one service account's report.",
  },
  {
    id: 'IRSA-N03',
    reason:
      "Needs the node instance profile and its policies; outside one service account's report.",
  },
  {
    id: 'IRSA-P12',
    reason:
      'CheckNoNewAccess / CheckAccessNotGranted are IAM Access Analyzer service calls; an offline diff would not be equivalent.',
  },
  {
    id: 'PID-03',
    reason:
      'Tag spoofing protection lives in organisation SCPs/RCPs, which are not part of the role or the cluster.',
  },
];
