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
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  IAC_FORMATS,
  REQUEST_ACCESS_LEVELS,
  SEVERITIES,
} from '@internal/plugin-aws-identity-common';
import { CatalogVisibility } from '../auth/CatalogVisibility';
import { canonicalEntityRef } from '../identity/entityIdentity';
import { IdentityService } from '../identity/IdentityService';
import { OrgViews } from '../org/OrgViews';
import { LiveIdentity, RequestService } from '../requests/RequestService';

/**
 * What the aws-identity actions are built from: the registry they are registered with and the
 * same services the HTTP routes call, so an action and its route answer alike.
 *
 * @internal
 */
export interface AwsIdentityActionsOptions {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  auditor: AuditorService;
  identity: IdentityService;
  orgViews: OrgViews;
  /** What the caller may read: the catalog's decision, with the caller's credentials. */
  visibility: CatalogVisibility;
  requests: RequestService;
  /** The live roles, for the planner's "role name already taken" check (as on submit). */
  live: Pick<LiveIdentity, 'role'>;
}

/** The zod (v3 API) the Actions Registry hands to schema callbacks. */
export type Zod = Parameters<ActionsRegistryActionOptions<any, any>['schema']['input']>[0];

/**
 * A value as its JSON: what an HTTP route would send. Engine results carry lazily computed
 * fields (`TrustDecision.deciding` is a getter, written out by `toJSON`), which the registry's
 * output schema would not see on the object itself. Typed loosely on purpose: the registry
 * checks it against the action's output schema.
 */
export function asJson(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

/** The `entityRef` input in canonical form; a 400 naming the field otherwise. */
export function entityRefInput(value: string): string {
  const entityRef = canonicalEntityRef(value);
  if (entityRef === undefined) {
    throw new InputError(
      `entityRef: ${JSON.stringify(value.slice(0, 200))} is not an entity reference, e.g. component:default/payments`,
    );
  }
  return entityRef;
}

/** The `entityRef` input field. */
export const entityRefField = (z: Zod) =>
  z
    .string()
    .describe('The catalog entity, e.g. `component:default/payments` (a bare name is a component in the default namespace).');

/** One finding as the engine reports it (catalogue id, severity, fail mode, fix). */
export const findingSchema = (z: Zod) =>
  z
    .object({
      id: z.string().describe('Catalogue id of the check, e.g. `IRSA-T01`.'),
      severity: z.enum(SEVERITIES as [string, ...string[]]),
      failMode: z.enum(['open', 'closed']).describe('`open`: works but admits too much; `closed`: denies what should work.'),
      title: z.string(),
      message: z.string().describe('What is wrong in this instance.'),
      fix: z.string().describe('A concrete fix.'),
    })
    .passthrough();

/** The status of one source (an AWS account or a cluster) an answer is built from. */
export const sourceStatusSchema = (z: Zod) =>
  z
    .object({
      source: z.object({}).passthrough().describe('`{ kind: "aws-account", accountId }` or `{ kind: "cluster", cluster }`.'),
      state: z.enum(['ok', 'stale', 'error']),
      lastSuccessAt: z.string().optional(),
      error: z.string().optional(),
    })
    .passthrough();

/**
 * The fields of a role request, as `POST /requests` takes them in `request`. Deliberately
 * permissive about contents (as the scaffolder's fields are): the engine (`planRoleRequest`)
 * re-validates every value and names the field in its error.
 */
export const roleRequestSchema = (z: Zod) =>
  z.object({
    entityRef: z.string().describe('The component the role is for, e.g. `component:default/payments`.'),
    roleName: z.string().describe('IAM role name: 1–64 letters, digits and `+=,.@_-`.'),
    rolePath: z.string().optional().describe('IAM role path, `/` or `/segment/…/`. Default `/`.'),
    accountId: z
      .string()
      .optional()
      .describe("Account to create the role in (12 digits, one of the configured accounts). Default: the first cluster's account."),
    binding: z
      .enum(['irsa', 'pod-identity'])
      .optional()
      .describe('How pods get the role: `irsa` (service account annotation, default) or `pod-identity` (EKS Pod Identity association).'),
    clusters: z
      .array(z.string())
      .describe('Names of the clusters (as the portal configures them) whose pods may assume the role. Issuers come from the inventory, never from the request.'),
    namespace: z.string().describe('Kubernetes namespace of the workload (DNS-1123 label; not kube-system or default).'),
    serviceAccount: z.string().describe('Service account of the workload (not `default`).'),
    access: z
      .array(
        z.object({
          resource: z.string().describe('Resource ARN, e.g. `arn:aws:s3:::my-bucket`.'),
          preset: z.string().optional().describe('Engine preset id, e.g. `s3-read`; alternative to `accessLevel`.'),
          accessLevel: z
            .enum(REQUEST_ACCESS_LEVELS as [string, ...string[]])
            .optional()
            .describe("Access level; the preset follows from the resource's service."),
        }),
      )
      .describe('What the role may access.'),
    trustPolicyQuota: z
      .number()
      .optional()
      .describe("The account's trust policy size quota (`AssumeRolePolicySizeQuota`), 2048 by default, at most 4096."),
    owner: z
      .string()
      .optional()
      .describe('Owner of the component as the requester declares it (`group:default/app-team`); the catalog owner wins once the component is registered.'),
  });

/** The IaC format of a request. */
export const formatField = (z: Zod) =>
  z
    .enum(IAC_FORMATS as [string, ...string[]])
    .optional()
    .describe('IaC format the approved change is delivered in. Default from configuration (terraform).');
