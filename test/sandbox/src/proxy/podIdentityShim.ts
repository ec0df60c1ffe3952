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
 * The ONE hand-written stand-in of the sandbox: EKS Pod Identity associations.
 *
 * moto (5.2.x) does not implement Create/List/Describe/Update/DeletePodIdentityAssociation, and
 * no other emulator does, so the recording proxy answers these five routes itself, following the
 * documented EKS API shapes (REST-JSON, `/clusters/{name}/pod-identity-associations[/{id}]`).
 * Everything else goes to moto. The cluster must exist in moto (checked through a callback), the
 * state is per (account, region, cluster), and every change is reported through `onChange` so the
 * sandbox can feed the real pod identity webhook its container-credentials config.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AwsErrorResponse, awsError } from './awsProtocol';

/** `PodIdentityAssociation` as documented in the EKS API reference. */
export interface PodIdentityAssociation {
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  associationArn: string;
  associationId: string;
  tags: Record<string, string>;
  /** Epoch seconds (REST-JSON default timestamp format). */
  createdAt: number;
  modifiedAt: number;
  disableSessionTags: boolean;
  targetRoleArn?: string;
  externalId?: string;
  /** The inline session policy, JSON text (EKS API since 2026-03). */
  policy?: string;
}

/** Context of one call, resolved by the proxy from SigV4 scope and account routing. */
export interface ShimContext {
  accountId: string;
  region: string;
}

/** Options for {@link PodIdentityShim}. */
export interface PodIdentityShimOptions {
  /** Whether the cluster exists in the emulator (EKS answers 404 for unknown clusters). */
  clusterExists(ctx: ShimContext, clusterName: string): Promise<boolean>;
  /** Called after every successful mutation with the cluster's current associations. */
  onChange?(
    ctx: ShimContext,
    clusterName: string,
    associations: PodIdentityAssociation[],
  ): void;
}

/** A response the proxy writes back verbatim. */
export type ShimResponse = AwsErrorResponse;

const routePattern =
  /^\/clusters\/([^/]+)\/pod-identity-associations(?:\/([^/]+))?$/;

/** True when `path` is one of the Pod Identity association routes. */
export function isPodIdentityPath(path: string): boolean {
  return routePattern.test(path);
}

const arnPattern = /^arn:aws[a-z0-9-]*:iam::\d{12}:role\/.+$/;

function ok(status: number, body: unknown): ShimResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
    },
    body: JSON.stringify(body),
  };
}

const restJson = { protocol: 'rest-json' as const };

function notFound(message: string): ShimResponse {
  return awsError(restJson, 404, 'ResourceNotFoundException', message);
}

function invalid(message: string): ShimResponse {
  return awsError(restJson, 400, 'InvalidParameterException', message);
}

function newAssociationId(): string {
  // EKS ids look like `a-` followed by 17 lowercase alphanumerics.
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(17);
  return `a-${Array.from(bytes, b => alphabet[b % alphabet.length]).join('')}`;
}

function summary(a: PodIdentityAssociation) {
  return {
    clusterName: a.clusterName,
    namespace: a.namespace,
    serviceAccount: a.serviceAccount,
    associationArn: a.associationArn,
    associationId: a.associationId,
  };
}

/** In-memory EKS Pod Identity association API. */
export class PodIdentityShim {
  private readonly byCluster = new Map<string, PodIdentityAssociation[]>();
  private readonly tokens = new Map<string, string>();

  constructor(private readonly options: PodIdentityShimOptions) {}

  /** All associations of a cluster (for tests and the sandbox's webhook feed). */
  list(ctx: ShimContext, clusterName: string): PodIdentityAssociation[] {
    return [...(this.byCluster.get(this.key(ctx, clusterName)) ?? [])];
  }

  /** Drops all state (used by the proxy's reset endpoint). */
  reset(): void {
    this.byCluster.clear();
    this.tokens.clear();
  }

  /** Handles one request; `path` is without query string. */
  async handle(
    ctx: ShimContext,
    method: string,
    path: string,
    query: URLSearchParams,
    body: string,
  ): Promise<ShimResponse> {
    const match = routePattern.exec(path);
    if (!match) return notFound(`Unknown route ${path}`);
    const clusterName = decodeURIComponent(match[1]);
    const associationId = match[2] ? decodeURIComponent(match[2]) : undefined;
    if (!(await this.options.clusterExists(ctx, clusterName))) {
      return notFound(`No cluster found for name: ${clusterName}.`);
    }
    let input: Record<string, unknown> = {};
    if (body.trim() !== '') {
      try {
        input = JSON.parse(body);
      } catch {
        return awsError(
          restJson,
          400,
          'SerializationException',
          'Request body is not valid JSON',
        );
      }
    }
    if (associationId === undefined) {
      if (method === 'POST') return this.create(ctx, clusterName, input);
      if (method === 'GET') return this.listRoute(ctx, clusterName, query);
    } else {
      const existing = this.find(ctx, clusterName, associationId);
      if (!existing) {
        return notFound(
          `No Pod Identity Association found with id: ${associationId}`,
        );
      }
      if (method === 'GET') return ok(200, { association: existing });
      if (method === 'POST')
        return this.update(ctx, clusterName, existing, input);
      if (method === 'DELETE') return this.remove(ctx, clusterName, existing);
    }
    return awsError(
      restJson,
      405,
      'InvalidRequestException',
      `${method} not supported on ${path}`,
    );
  }

  private key(ctx: ShimContext, clusterName: string): string {
    return `${ctx.accountId}/${ctx.region}/${clusterName}`;
  }

  private find(ctx: ShimContext, clusterName: string, id: string) {
    return this.byCluster
      .get(this.key(ctx, clusterName))
      ?.find(a => a.associationId === id);
  }

  private changed(ctx: ShimContext, clusterName: string): void {
    this.options.onChange?.(ctx, clusterName, this.list(ctx, clusterName));
  }

  private create(
    ctx: ShimContext,
    clusterName: string,
    input: Record<string, unknown>,
  ): ShimResponse {
    const { namespace, serviceAccount, roleArn } = input;
    for (const [name, value] of Object.entries({
      namespace,
      serviceAccount,
      roleArn,
    })) {
      if (typeof value !== 'string' || value === '') {
        return invalid(`${name} must be specified`);
      }
    }
    if (!arnPattern.test(roleArn as string)) {
      return invalid(`Invalid role ARN: ${String(roleArn)}`);
    }
    const token =
      typeof input.clientRequestToken === 'string'
        ? input.clientRequestToken
        : undefined;
    const key = this.key(ctx, clusterName);
    const list = this.byCluster.get(key) ?? [];
    if (token && this.tokens.has(`${key}/${token}`)) {
      const previous = list.find(
        a => a.associationId === this.tokens.get(`${key}/${token}`),
      );
      if (previous) return ok(200, { association: previous });
    }
    if (
      list.some(
        a => a.namespace === namespace && a.serviceAccount === serviceAccount,
      )
    ) {
      return awsError(
        restJson,
        409,
        'ResourceInUseException',
        `Association already exists: namespace ${namespace}, service account ${serviceAccount}`,
      );
    }
    const policyProblem = this.sessionPolicyProblem(input.policy, input.disableSessionTags === true);
    if (policyProblem) return invalid(policyProblem);
    const associationId = newAssociationId();
    const now = Date.now() / 1000;
    const targetRoleArn =
      typeof input.targetRoleArn === 'string' ? input.targetRoleArn : undefined;
    const association: PodIdentityAssociation = {
      clusterName,
      namespace: namespace as string,
      serviceAccount: serviceAccount as string,
      roleArn: roleArn as string,
      associationArn: `arn:aws:eks:${ctx.region}:${ctx.accountId}:podidentityassociation/${clusterName}/${associationId}`,
      associationId,
      tags: (input.tags as Record<string, string> | undefined) ?? {},
      createdAt: now,
      modifiedAt: now,
      disableSessionTags: input.disableSessionTags === true,
      ...(targetRoleArn ? { targetRoleArn, externalId: randomUUID() } : {}),
      ...(typeof input.policy === 'string' ? { policy: input.policy } : {}),
    };
    list.push(association);
    this.byCluster.set(key, list);
    if (token) this.tokens.set(`${key}/${token}`, associationId);
    this.changed(ctx, clusterName);
    return ok(200, { association });
  }

  private listRoute(
    ctx: ShimContext,
    clusterName: string,
    query: URLSearchParams,
  ): ShimResponse {
    const namespace = query.get('namespace');
    const serviceAccount = query.get('serviceAccount');
    const maxResults = query.has('maxResults')
      ? Number(query.get('maxResults'))
      : 100;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      return invalid('maxResults must be between 1 and 100');
    }
    let offset = 0;
    const nextToken = query.get('nextToken');
    if (nextToken) {
      offset = Number(Buffer.from(nextToken, 'base64').toString('utf8'));
      if (!Number.isInteger(offset) || offset < 0)
        return invalid('Invalid nextToken');
    }
    const matching = this.list(ctx, clusterName).filter(
      a =>
        (namespace === null || a.namespace === namespace) &&
        (serviceAccount === null || a.serviceAccount === serviceAccount),
    );
    const page = matching.slice(offset, offset + maxResults);
    const next = offset + page.length;
    return ok(200, {
      associations: page.map(summary),
      ...(next < matching.length
        ? { nextToken: Buffer.from(String(next)).toString('base64') }
        : {}),
    });
  }

  /**
   * EKS's documented rules for the session policy: JSON text of at most 2,048 characters, and
   * only together with `disableSessionTags: true` (an InvalidParameterException otherwise).
   */
  private sessionPolicyProblem(policy: unknown, disableSessionTags: boolean): string | undefined {
    if (policy === undefined) return undefined;
    if (typeof policy !== 'string') return 'policy must be a string';
    if (policy.length > 2048) return 'policy must be at most 2048 characters';
    try {
      JSON.parse(policy);
    } catch {
      return 'policy is not valid JSON';
    }
    if (!disableSessionTags) return 'disableSessionTags must be true when a policy is specified';
    return undefined;
  }

  private update(
    ctx: ShimContext,
    clusterName: string,
    existing: PodIdentityAssociation,
    input: Record<string, unknown>,
  ): ShimResponse {
    // Validated before anything changes: a refused update leaves the association as it was.
    const disableSessionTags =
      typeof input.disableSessionTags === 'boolean' ? input.disableSessionTags : existing.disableSessionTags;
    // An empty policy removes it, as for targetRoleArn.
    const policy = input.policy === '' ? undefined : (input.policy ?? existing.policy);
    const policyProblem = this.sessionPolicyProblem(policy, disableSessionTags);
    if (policyProblem) return invalid(policyProblem);
    if (input.roleArn !== undefined) {
      if (
        typeof input.roleArn !== 'string' ||
        !arnPattern.test(input.roleArn)
      ) {
        return invalid(`Invalid role ARN: ${String(input.roleArn)}`);
      }
      existing.roleArn = input.roleArn;
    }
    existing.disableSessionTags = disableSessionTags;
    if (policy === undefined) delete existing.policy;
    else existing.policy = policy as string;
    if (typeof input.targetRoleArn === 'string') {
      if (input.targetRoleArn === '') {
        delete existing.targetRoleArn;
        delete existing.externalId;
      } else {
        existing.targetRoleArn = input.targetRoleArn;
        existing.externalId ??= randomUUID();
      }
    }
    existing.modifiedAt = Date.now() / 1000;
    this.changed(ctx, clusterName);
    return ok(200, { association: existing });
  }

  private remove(
    ctx: ShimContext,
    clusterName: string,
    existing: PodIdentityAssociation,
  ): ShimResponse {
    const key = this.key(ctx, clusterName);
    this.byCluster.set(
      key,
      (this.byCluster.get(key) ?? []).filter(
        a => a.associationId !== existing.associationId,
      ),
    );
    this.changed(ctx, clusterName);
    return ok(200, { association: existing });
  }
}
