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
import { parseArn } from '../parse/identifiers';
import { ParsedPolicy } from '../policy/types';
import { StatementTrace, evaluatePolicy } from './evaluatePolicy';
import { DEFAULT_IRSA_AUDIENCE, irsaRequest } from './workloadRequests';

/**
 * An OIDC provider named in a trust policy's `Principal.Federated`.
 *
 * @public
 */
export interface TrustedProvider {
  /** The provider ARN as written. */
  arn: string;
  /** Account in the ARN. */
  accountId: string;
  /** Issuer `host/path`. */
  issuerHostPath: string;
  /** Statements that name this provider. */
  statementIndexes: number[];
}

/**
 * Lists the OIDC providers a trust policy names in `Allow` statements.
 *
 * @public
 */
export function trustedOidcProviders(policy: ParsedPolicy): TrustedProvider[] {
  const byArn = new Map<string, TrustedProvider>();
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const arn of statement.principal?.byType.Federated ?? []) {
      const parsed = parseArn(arn);
      if (!parsed.ok || !parsed.value.resource.startsWith('oidc-provider/'))
        continue;
      const existing = byArn.get(arn);
      if (existing) {
        existing.statementIndexes.push(statement.index);
        continue;
      }
      byArn.set(arn, {
        arn,
        accountId: parsed.value.accountId,
        issuerHostPath: parsed.value.resource.slice('oidc-provider/'.length),
        statementIndexes: [statement.index],
      });
    }
  }
  return [...byArn.values()];
}

/**
 * How wide an IRSA trust is for one provider, established by evaluating
 * probe requests rather than by reading patterns: a role is "namespace-wide"
 * when an invented service account in the intended namespace gets it.
 *
 * @public
 */
export interface TrustBreadth {
  provider: TrustedProvider;
  /** An invented service account in an invented namespace is allowed. */
  anyServiceAccount: boolean;
  /** Allowed service accounts in namespaces the policy does not name literally. */
  otherNamespaces: Array<{
    namespace: string;
    serviceAccount: string;
    pattern: string;
  }>;
  /** Namespaces in which any service account name is allowed. */
  namespaceWide: Array<{ namespace: string; pattern: string }>;
  /** A request without the `sub` key is allowed (fail-open on a missing key). */
  allowsWithoutSub: boolean;
  /** A token with an unexpected audience is allowed. */
  anyAudience: boolean;
  /** Subjects written literally in the policy (no wildcard), as `ns/name`. */
  literalSubjects: Array<{ namespace: string; serviceAccount: string }>;
  /** Statements that allowed the broadest successful probe. */
  deciding: StatementTrace[];
}

// Names no real cluster uses, valid as DNS-1123 labels.
const PROBE_NAMESPACE = 'zz-aws-identity-probe-ns';
const PROBE_SERVICE_ACCOUNT = 'zz-aws-identity-probe-sa';
const PROBE_AUDIENCE = 'zz-aws-identity-probe-audience';
const SUB_PREFIX = 'system:serviceaccount:';

function witness(pattern: string, filler: string): string {
  return pattern.replace(/\*/g, filler).replace(/\?/g, 'z');
}

function subPatterns(policy: ParsedPolicy, issuerHostPath: string): string[] {
  const key = `${issuerHostPath}:sub`.toLowerCase();
  const out = new Set<string>();
  for (const statement of policy.statements) {
    for (const condition of statement.conditions) {
      if (condition.keyLower === key) condition.values.forEach(v => out.add(v));
    }
  }
  return [...out];
}

function sameAccountProbe(provider: TrustedProvider) {
  return {
    issuerHostPath: provider.issuerHostPath,
    accountId: provider.accountId,
  };
}

/**
 * Probes a trust policy for every OIDC provider it names and reports who,
 * besides the intended service account, could assume the role.
 *
 * @internal
 */
export function analyzeTrustBreadth(policy: ParsedPolicy): TrustBreadth[] {
  return trustedOidcProviders(policy).map(provider => {
    const base = sameAccountProbe(provider);
    const allowed = (
      namespace: string,
      serviceAccount: string,
      audience?: string,
    ) =>
      evaluatePolicy(
        policy,
        irsaRequest({ ...base, namespace, serviceAccount, audience }),
      );

    const any = allowed(PROBE_NAMESPACE, PROBE_SERVICE_ACCOUNT);
    const otherNamespaces: TrustBreadth['otherNamespaces'] = [];
    const namespaceWide: TrustBreadth['namespaceWide'] = [];
    const literalSubjects: TrustBreadth['literalSubjects'] = [];
    let anyAudience = false;

    for (const pattern of subPatterns(policy, provider.issuerHostPath)) {
      if (!pattern.startsWith(SUB_PREFIX)) continue;
      const segments = pattern.slice(SUB_PREFIX.length).split(':');
      if (segments.length !== 2) continue;
      const [nsPattern, saPattern] = segments;
      const nsWild = /[*?]/.test(nsPattern);
      const saWild = /[*?]/.test(saPattern);
      if (!nsWild && !saWild) {
        literalSubjects.push({
          namespace: nsPattern,
          serviceAccount: saPattern,
        });
      }
      if (nsWild) {
        // Would a namespace someone else creates match? Try a fresh one
        // shaped by the pattern, then a completely unrelated one.
        for (const namespace of [
          witness(nsPattern, 'zz-probe'),
          PROBE_NAMESPACE,
        ]) {
          const serviceAccount = witness(saPattern, 'zz-probe');
          if (allowed(namespace, serviceAccount).allowed) {
            otherNamespaces.push({ namespace, serviceAccount, pattern });
            break;
          }
        }
      } else if (allowed(nsPattern, PROBE_SERVICE_ACCOUNT).allowed) {
        namespaceWide.push({ namespace: nsPattern, pattern });
      }
    }

    // Audience probe: take the first subject the policy admits (literal,
    // namespace-wide or wildcard witness) and swap the audience.
    const candidates = [
      ...literalSubjects,
      ...namespaceWide.map(ns => ({
        namespace: ns.namespace,
        serviceAccount: PROBE_SERVICE_ACCOUNT,
      })),
      ...otherNamespaces,
      { namespace: PROBE_NAMESPACE, serviceAccount: PROBE_SERVICE_ACCOUNT },
    ];
    const admitted = candidates
      .map(c => ({ c, result: allowed(c.namespace, c.serviceAccount) }))
      .find(x => x.result.allowed);
    if (admitted) {
      anyAudience = allowed(
        admitted.c.namespace,
        admitted.c.serviceAccount,
        PROBE_AUDIENCE,
      ).allowed;
    }
    const withoutSub = evaluatePolicy(policy, {
      ...irsaRequest({
        ...base,
        namespace: PROBE_NAMESPACE,
        serviceAccount: PROBE_SERVICE_ACCOUNT,
      }),
      context: { [`${provider.issuerHostPath}:aud`]: DEFAULT_IRSA_AUDIENCE },
    });

    return {
      provider,
      anyServiceAccount: any.allowed,
      otherNamespaces,
      namespaceWide,
      allowsWithoutSub: withoutSub.allowed,
      anyAudience,
      literalSubjects,
      deciding: any.allowed ? any.deciding : admitted?.result.deciding ?? [],
    };
  });
}
