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
 * A hand-written stand-in for EKS add-ons, next to the Pod Identity shim and for the same reason:
 * moto (5.2.x) serves clusters and Fargate profiles but none of the add-on routes. Only what the
 * migration readiness reads and the sandbox seeds is answered — CreateAddon, ListAddons,
 * DescribeAddon, DeleteAddon (REST-JSON, `/clusters/{name}/addons[/{addonName}]`) — with the
 * request and response shapes of the EKS API reference. A created add-on answers `CREATING` once
 * and `ACTIVE` afterwards, as EKS reports a new add-on; nothing runs in the cluster.
 */
import { randomUUID } from 'node:crypto';
import { AwsErrorResponse, awsError } from './awsProtocol';
import { ShimContext } from './podIdentityShim';

/** `Addon` as documented in the EKS API reference (the fields this stand-in keeps). */
export interface EksAddon {
  addonName: string;
  clusterName: string;
  status: 'CREATING' | 'ACTIVE' | 'CREATE_FAILED' | 'UPDATING' | 'DELETING' | 'DELETE_FAILED' | 'DEGRADED' | 'UPDATE_FAILED';
  addonVersion: string;
  health: { issues: Array<{ code: string; message: string; resourceIds: string[] }> };
  addonArn: string;
  /** Epoch seconds (REST-JSON default timestamp format). */
  createdAt: number;
  modifiedAt: number;
  serviceAccountRoleArn?: string;
  tags: Record<string, string>;
}

/** Options for {@link EksAddonShim}. */
export interface EksAddonShimOptions {
  /** Whether the cluster exists in the emulator (EKS answers 404 for unknown clusters). */
  clusterExists(ctx: ShimContext, clusterName: string): Promise<boolean>;
}

const routePattern = /^\/clusters\/([^/]+)\/addons(?:\/([^/]+))?$/;

/** True when `path` is one of the add-on routes. */
export function isAddonPath(path: string): boolean {
  return routePattern.test(path);
}

/** The version EKS installs when CreateAddon names none (the default of `DescribeAddonVersions`). */
const DEFAULT_VERSIONS: Record<string, string> = {
  'eks-pod-identity-agent': 'v1.3.4-eksbuild.1',
};

const restJson = { protocol: 'rest-json' as const };

function ok(body: unknown): AwsErrorResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body),
  };
}

/** In-memory EKS add-on API. */
export class EksAddonShim {
  private readonly byCluster = new Map<string, EksAddon[]>();

  constructor(private readonly options: EksAddonShimOptions) {}

  /** Drops all state (used by the proxy's reset endpoint). */
  reset(): void {
    this.byCluster.clear();
  }

  /** Sets an add-on's status, as EKS would report a failing one (`DEGRADED`), for fault scenarios. */
  setStatus(ctx: ShimContext, clusterName: string, addonName: string, status: EksAddon['status']): boolean {
    const addon = this.list(ctx, clusterName).find(a => a.addonName === addonName);
    if (!addon) return false;
    addon.status = status;
    addon.modifiedAt = Date.now() / 1000;
    return true;
  }

  /** Handles one request; `path` is without query string. */
  async handle(
    ctx: ShimContext,
    method: string,
    path: string,
    query: URLSearchParams,
    body: string,
  ): Promise<AwsErrorResponse> {
    const match = routePattern.exec(path);
    if (!match) return awsError(restJson, 404, 'ResourceNotFoundException', `Unknown route ${path}`);
    const clusterName = decodeURIComponent(match[1]);
    const addonName = match[2] ? decodeURIComponent(match[2]) : undefined;
    if (!(await this.options.clusterExists(ctx, clusterName))) {
      return awsError(restJson, 404, 'ResourceNotFoundException', `No cluster found for name: ${clusterName}.`);
    }
    if (addonName === undefined) {
      if (method === 'POST') return this.create(ctx, clusterName, body);
      if (method === 'GET') return this.listRoute(ctx, clusterName, query);
    } else {
      const addon = this.list(ctx, clusterName).find(a => a.addonName === addonName);
      if (!addon) {
        return awsError(restJson, 404, 'ResourceNotFoundException', `No addon: ${addonName} found in cluster: ${clusterName}`);
      }
      if (method === 'GET') {
        const shown = { ...addon };
        // EKS reports a new add-on CREATING first; by the next read it is ACTIVE.
        if (addon.status === 'CREATING') addon.status = 'ACTIVE';
        return ok({ addon: shown });
      }
      if (method === 'DELETE') {
        this.byCluster.set(
          this.key(ctx, clusterName),
          this.list(ctx, clusterName).filter(a => a !== addon),
        );
        return ok({ addon: { ...addon, status: 'DELETING' } });
      }
    }
    return awsError(restJson, 405, 'InvalidRequestException', `${method} not supported on ${path}`);
  }

  private key(ctx: ShimContext, clusterName: string): string {
    return `${ctx.accountId}/${ctx.region}/${clusterName}`;
  }

  private list(ctx: ShimContext, clusterName: string): EksAddon[] {
    return this.byCluster.get(this.key(ctx, clusterName)) ?? [];
  }

  private create(ctx: ShimContext, clusterName: string, body: string): AwsErrorResponse {
    let input: Record<string, unknown>;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return awsError(restJson, 400, 'SerializationException', 'Request body is not valid JSON');
    }
    const { addonName } = input;
    if (typeof addonName !== 'string' || addonName === '') {
      return awsError(restJson, 400, 'InvalidParameterException', 'addonName must be specified');
    }
    if (this.list(ctx, clusterName).some(a => a.addonName === addonName)) {
      return awsError(restJson, 409, 'ResourceInUseException', `Addon already exists: ${addonName}`);
    }
    const version =
      typeof input.addonVersion === 'string' ? input.addonVersion : DEFAULT_VERSIONS[addonName];
    if (!version) {
      return awsError(restJson, 400, 'InvalidParameterException', `Addon ${addonName} specified is not supported`);
    }
    const now = Date.now() / 1000;
    const addon: EksAddon = {
      addonName,
      clusterName,
      status: 'CREATING',
      addonVersion: version,
      health: { issues: [] },
      addonArn: `arn:aws:eks:${ctx.region}:${ctx.accountId}:addon/${clusterName}/${addonName}/${randomUUID()}`,
      createdAt: now,
      modifiedAt: now,
      ...(typeof input.serviceAccountRoleArn === 'string' ? { serviceAccountRoleArn: input.serviceAccountRoleArn } : {}),
      tags: (input.tags as Record<string, string> | undefined) ?? {},
    };
    this.byCluster.set(this.key(ctx, clusterName), [...this.list(ctx, clusterName), addon]);
    return ok({ addon });
  }

  private listRoute(ctx: ShimContext, clusterName: string, query: URLSearchParams): AwsErrorResponse {
    const maxResults = query.has('maxResults') ? Number(query.get('maxResults')) : 100;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      return awsError(restJson, 400, 'InvalidParameterException', 'maxResults must be between 1 and 100');
    }
    const nextToken = query.get('nextToken');
    const offset = nextToken ? Number(Buffer.from(nextToken, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      return awsError(restJson, 400, 'InvalidParameterException', 'Invalid nextToken');
    }
    const names = this.list(ctx, clusterName).map(a => a.addonName);
    const page = names.slice(offset, offset + maxResults);
    const next = offset + page.length;
    return ok({
      addons: page,
      ...(next < names.length ? { nextToken: Buffer.from(String(next)).toString('base64') } : {}),
    });
  }
}
