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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  IAC_FORMATS,
  REQUEST_ACCESS_LEVELS,
  RolePlan,
  RoleRequestDirectory,
  RoleRequestDraft,
  planRoleRequest,
} from '@internal/plugin-aws-identity-common';

type SchemaCallback = Extract<
  NonNullable<NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input']>,
  Record<string, unknown>
>[string];
/** The zod implementation the scaffolder hands to schema callbacks. */
export type ZodImpl = Parameters<SchemaCallback>[0];

/** Catalog annotation holding a Resource entity's ARN. */
export const ARN_ANNOTATION = 'aws.amazon.com/arn';

/**
 * The input fields of a role request, shared by `aws-identity:role:plan`,
 * `aws-identity:role:render` and `aws-identity:request:create`. The schema is
 * deliberately permissive about string contents: every value is re-validated
 * by the engine, which names the field in its error.
 */
export const roleRequestFields = {
  entityRef: (z: ZodImpl) =>
    z.string({ description: 'The component the role is for, e.g. `component:default/payments`.' }),
  roleName: (z: ZodImpl) =>
    z.string({ description: 'IAM role name: 1–64 letters, digits and `+=,.@_-`.' }),
  rolePath: (z: ZodImpl) =>
    z.string({ description: 'IAM role path, `/` or `/segment/…/`. Default `/`.' }).optional(),
  accountId: (z: ZodImpl) =>
    z
      .string({ description: 'Account to create the role in (12 digits, one of the configured accounts). Default: the first cluster\'s account.' })
      .optional(),
  binding: (z: ZodImpl) =>
    z
      .string({ description: 'How pods get the role: `irsa` (service account annotation, default) or `pod-identity` (EKS Pod Identity association).' })
      .optional(),
  clusters: (z: ZodImpl) =>
    z.array(
      z.union([
        z.string({ description: 'A cluster name from the Kubernetes plugin configuration.' }),
        z.object({
          name: z.string({ description: 'A cluster name from the Kubernetes plugin configuration.' }),
          issuer: z
            .string({
              description:
                'OIDC issuer URL. Optional and only checked: the role trusts the issuer configuration (`awsIdentity.clusters`) or EKS reports for the cluster; another one is refused.',
            })
            .optional(),
          accountId: z
            .string({
              description:
                'The cluster\'s AWS account, as the AwsIdentityClusterPicker field sends it. Optional and only checked against the request directory.',
            })
            .optional(),
          region: z
            .string({ description: 'The cluster\'s AWS Region. Optional and only checked against the request directory.' })
            .optional(),
        }),
      ]),
      { description: 'Clusters whose pods may assume the role.' },
    ),
  namespace: (z: ZodImpl) =>
    z.string({ description: 'Kubernetes namespace of the workload (DNS-1123 label; not kube-system or default).' }),
  serviceAccount: (z: ZodImpl) =>
    z.string({ description: 'Service account of the workload (DNS-1123 subdomain without `*`, `?`, `:`; not `default`).' }),
  access: (z: ZodImpl) =>
    z.array(
      z.object({
        resource: z.string({
          description: 'Resource ARN (e.g. `arn:aws:s3:::my-bucket`) or a catalog Resource ref (`resource:default/my-bucket`) carrying the `aws.amazon.com/arn` annotation.',
        }),
        preset: z.string({ description: 'Engine preset id, e.g. `s3-read`; alternative to `accessLevel`.' }).optional(),
        accessLevel: z
          .string({ description: `Access level: ${REQUEST_ACCESS_LEVELS.join(', ')}; the preset follows from the resource's service.` })
          .optional(),
      }),
      { description: 'What the role may access (empty with `targetRoleArn`: the target role grants the access).' },
    ),
  trustPolicyQuota: (z: ZodImpl) =>
    z
      .number({ description: 'The account\'s trust policy size quota (`AssumeRolePolicySizeQuota`), 2048 by default, at most 4096.' })
      .optional(),
  owner: (z: ZodImpl) =>
    z
      .string({
        description:
          'Owner of the component as the requester declares it: a group or user entity ref, e.g. `group:default/app-team` (a bare name is a group in the default namespace). Until the component is in the catalog, its role request is listed under this team and its owner notifications go here; afterwards the catalog\'s owner wins.',
      })
      .optional(),
  targetRoleArn: (z: ZodImpl) =>
    z
      .string({
        description:
          'Pod Identity only: the cross-account IAM role the association chains to (`arn:aws:iam::<account>:role/<name>`). The pods get its session; the requested role only may assume it, and the plan carries the trust policy the target role needs.',
      })
      .optional(),
  sessionPolicy: (z: ZodImpl) =>
    z
      .union([z.string(), z.record(z.unknown())], {
        description:
          'Pod Identity only: the association\'s session policy (IAM policy JSON, at most 2,048 characters minified); the pods get the intersection of the role\'s policies and this one. Needs `disableSessionTags: true`.',
      })
      .optional(),
  disableSessionTags: (z: ZodImpl) =>
    z
      .boolean({ description: 'Pod Identity only: EKS attaches no kubernetes-* / eks-cluster-* session tags. Required with a session policy.' })
      .optional(),
};

/** The values of {@link roleRequestFields} as the handler receives them. */
export type RoleRequestFieldValues = RoleRequestDraft;

/** The IaC format field of render and request:create. */
export const formatField = (z: ZodImpl) =>
  z
    .string({ description: `IaC format: ${IAC_FORMATS.join(', ')}. Default from \`awsIdentity.scaffolder.defaultFormat\` (terraform).` })
    .optional();

/**
 * Replaces catalog Resource refs in `access[].resource` by the ARN their
 * `aws.amazon.com/arn` annotation holds, reading the catalog with the task
 * initiator's credentials.
 */
export async function resolveCatalogResources(
  access: unknown,
  catalog: CatalogService,
  credentials: () => Promise<BackstageCredentials>,
): Promise<unknown> {
  if (!Array.isArray(access)) return access;
  const resolved: unknown[] = [];
  for (const [i, item] of access.entries()) {
    const resource = (item as { resource?: unknown } | null)?.resource;
    if (typeof resource !== 'string' || !/^resource:/i.test(resource)) {
      resolved.push(item);
      continue;
    }
    const entity = await catalog.getEntityByRef(resource, { credentials: await credentials() });
    const arn = entity?.metadata.annotations?.[ARN_ANNOTATION];
    if (!entity || entity.kind !== 'Resource' || !arn) {
      throw new InputError(
        `access[${i}].resource: catalog Resource ${JSON.stringify(resource.slice(0, 120))} was not found or has no ${ARN_ANNOTATION} annotation`,
      );
    }
    resolved.push({ ...(item as object), resource: arn });
  }
  return resolved;
}

/**
 * The directory the actions plan against: the backend's (issuers from configuration, else EKS)
 * when it can be read, else configuration's. Either way no issuer comes from the template.
 */
export async function directoryOf(options: {
  directory: RoleRequestDirectory;
  inventoryDirectory?: () => Promise<RoleRequestDirectory>;
}): Promise<RoleRequestDirectory> {
  if (!options.inventoryDirectory) return options.directory;
  try {
    return await options.inventoryDirectory();
  } catch {
    // The backend is unreachable or refuses: configuration's issuers still stand, and a cluster
    // without one is refused by the planner with that reason rather than trusted on the
    // template's word.
    return options.directory;
  }
}

/**
 * Resolves catalog refs, then validates and plans the request with the
 * engine. Throws an `InputError` whose message starts with the invalid field.
 */
export async function planFromInput(
  input: RoleRequestDraft,
  options: {
    directory: RoleRequestDirectory;
    catalog: CatalogService;
    credentials: () => Promise<BackstageCredentials>;
  },
): Promise<RolePlan> {
  const access = await resolveCatalogResources(input.access, options.catalog, options.credentials);
  const result = planRoleRequest({ ...input, access }, options.directory);
  if (!result.ok) throw new InputError(`${result.field}: ${result.error}`);
  return result.plan;
}
