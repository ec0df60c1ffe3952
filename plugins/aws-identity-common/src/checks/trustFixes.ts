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
import type { TrustCheckContext } from './trustChecks';
import { StructuredFix } from './structuredFix';
import { eksClusterNameOfArn } from '../parse/identifiers';

/**
 * The trust the scaffolder would generate for the examined service account, the way it reaches
 * the role: the IRSA trust for its cluster's issuer, or the EKS Pod Identity trust. Undefined when
 * the context names no service account (or no issuer for IRSA).
 */
export function recommendedTrustFix(
  ctx: TrustCheckContext,
): StructuredFix | undefined {
  return ctx.via === 'pod-identity'
    ? podIdentityTrustFix(ctx)
    : irsaTrustFix(ctx);
}

/** The IRSA trust for the examined service account, when the context has one. */
function irsaTrustFix(ctx: TrustCheckContext): StructuredFix | undefined {
  if (!ctx.target || !ctx.roleAccountId || ctx.via === 'pod-identity')
    return undefined;
  return {
    kind: 'irsa-trust-policy',
    roleArn: ctx.roleArn,
    accountId: ctx.roleAccountId,
    issuerHostPath: ctx.target.issuerHostPath,
    namespace: ctx.target.namespace,
    serviceAccount: ctx.target.serviceAccount,
    audience: ctx.target.audience,
    roleExists: true,
  };
}

/** The Pod Identity trust, only for a role the service account reaches through Pod Identity. */
export function podIdentityTrustFix(
  ctx: TrustCheckContext,
): StructuredFix | undefined {
  if (ctx.via !== 'pod-identity' || !ctx.roleAccountId) return undefined;
  return {
    kind: 'pod-identity-trust-policy',
    roleArn: ctx.roleArn,
    accountId: ctx.roleAccountId,
    clusterArns: ctx.cluster?.arn ? [ctx.cluster.arn] : [],
  };
}

/**
 * Register the issuer as an OIDC provider. The cluster's EKS name and region are only known when
 * the issuer is the examined service account's own cluster.
 */
export function oidcProviderFix(
  ctx: TrustCheckContext,
  issuerHostPath: string,
): StructuredFix {
  const ownCluster =
    ctx.target?.issuerHostPath.toLowerCase() === issuerHostPath.toLowerCase();
  return {
    kind: 'create-oidc-provider',
    issuerHostPath,
    eksClusterName: ownCluster
      ? eksClusterNameOfArn(ctx.cluster?.arn)
      : undefined,
    region: ownCluster ? ctx.cluster?.region : undefined,
  };
}
