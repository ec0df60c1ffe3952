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

/**
 * Where the engine's checks run: the portal (the backend's `GET /identity` report and its
 * request API), the `aws-identity` CLI (`check`, `trust`, `lint`) and the scaffolder's
 * `aws-identity:role:plan`.
 *
 * @public
 */
export type CheckSurface = 'portal' | 'cli' | 'scaffolder-plan';

/**
 * Checks of the registry a surface does not decide, and why: the surface lacks the data the
 * check needs (or judges something that does not exist there yet). Every other check of the
 * registry runs in every surface; the registry test holds each surface to this list.
 *
 * @public
 */
export const checksNotDecidedIn: Readonly<
  Record<CheckSurface, ReadonlyArray<{ id: string; reason: string }>>
> = {
  portal: [],
  cli: [
    {
      id: 'IRSA-T15',
      reason:
        "Needs every service account of the trusted cluster; the manifests of a change are only part of it, so 'does not exist' would be a guess.",
    },
    {
      id: 'IRSA-P13',
      reason:
        "The organisation's required permissions boundary is portal configuration (awsIdentity.checks.requiredPermissionsBoundaryArn); the CLI has no such input.",
    },
    {
      id: 'IRSA-R01',
      reason:
        "Whether a role name is taken by a role aws-identity did not create needs the live account and the portal's request records; the CLI checks documents, not requests.",
    },
    {
      id: 'PID-11',
      reason:
        "An association's service account missing from the manifests may well exist in the cluster: the manifests of a change are only part of it, so 'left behind' would be a guess (as for IRSA-T15).",
    },
    ...['ROLE-U01', 'ROLE-U02'].map(id => ({
      id,
      reason:
        "Usage checks judge a role's use over time (IAM RoleLastUsed against today) on the portal's roles page; the CLI judges what a change deploys, which a role's idle days do not decide.",
    })),
    {
      id: 'IRSA-R02',
      reason:
        "Drift after verification compares the live role with a request the portal approved and verified; the CLI has neither the portal's request records nor the live account.",
    },
  ],
  'scaffolder-plan': [
    ...[
      'IRSA-B01',
      'IRSA-B02',
      'IRSA-B03',
      'IRSA-B04',
      'IRSA-B05',
      'IRSA-B06',
      'IRSA-B07',
      'IRSA-B08',
      'IRSA-B09',
      'IRSA-B11',
      'IRSA-B12',
    ].map(id => ({
      id,
      reason:
        'A plan is for a role that is not bound yet: binding checks judge an existing service account (its annotations and pods), which the portal does once it is deployed.',
    })),
    {
      id: 'IRSA-T15',
      reason:
        'A request names the service account before it is deployed, so its absence from the cluster is expected, not a dangling trust.',
    },
    {
      id: 'IRSA-P13',
      reason:
        "The plan's role is generated without a permissions boundary input; the portal judges the live role against the required boundary once it exists.",
    },
    ...['PID-06', 'PID-07'].map(id => ({
      id,
      reason:
        "The target role is another account's role the plan does not read: its trust (who it pins, the external id) and the chain's second hop are judged on the live report once the association exists.",
    })),
    ...['RUN-01', 'RUN-02', 'RUN-03', 'RUN-04', 'RUN-05', 'RUN-06'].map(id => ({
      id,
      reason:
        'Runtime checks read the pods of a bound service account (injection, hostNetwork, Fargate, credential env, token volumes); a plan comes before any pod runs, and the portal judges them once pods exist.',
    })),
    {
      id: 'PID-11',
      reason:
        "A plan's association is for a service account the request creates with it, so that account's absence from the cluster is expected, not an association left behind.",
    },
    ...['ROLE-U01', 'ROLE-U02'].map(id => ({
      id,
      reason:
        "Usage checks judge IAM's RoleLastUsed of a role that exists; the planned role has no use yet, and the roles page judges it once it exists.",
    })),
    {
      id: 'IRSA-R02',
      reason:
        'Drift is found on a request that was verified; a plan is a request that has not been approved yet.',
    },
  ],
};
