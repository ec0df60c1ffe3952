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
import { IRSA_ANNOTATIONS } from '../binding/annotations';
import { Cluster, OidcProvider, TrustAdmission } from '../domain/types';
import { evaluatePolicy } from '../evaluate/evaluatePolicy';
import {
  StatementBreadth,
  SubjectWitness,
  TrustBreadth,
  analyzeTrustBreadth,
} from '../evaluate/trustBreadth';
import { matchesWildcard } from '../evaluate/wildcard';
import {
  DEFAULT_IRSA_AUDIENCE,
  POD_IDENTITY_PRINCIPAL,
} from '../evaluate/workloadRequests';
import { normalizeIssuer, serviceAccountSubject } from '../parse/identifiers';
import { ParsedPolicy, ParsedStatement } from '../policy/types';
import {
  oidcProviderFix,
  podIdentityTrustFix,
  recommendedTrustFix,
} from './trustFixes';
import { Check, CheckHit } from './types';

/**
 * The default role trust policy size quota (IAM `AssumeRolePolicySizeQuota`,
 * 2,048 characters; adjustable up to 4,096).
 *
 * @public
 */
export const DEFAULT_TRUST_POLICY_QUOTA = 2048;

/**
 * Everything the trust checks read about one role.
 *
 * @public
 */
export interface TrustCheckContext {
  roleArn: string;
  roleAccountId?: string;
  policy: ParsedPolicy;
  /** Breadth per trusted provider, with witnesses (`analyzeTrustBreadth`). */
  breadth: TrustBreadth[];
  /** The service account being examined, when checking an IRSA binding. */
  target?: {
    issuerHostPath: string;
    namespace: string;
    serviceAccount: string;
    audience?: string;
  };
  /**
   * How the examined service account reaches the role, for the structured fixes: a role used
   * through EKS Pod Identity gets the Pod Identity trust as its fix. Default `irsa`.
   */
  via?: 'irsa' | 'pod-identity';
  /** The examined service account's cluster (its ARN and region), for the structured fixes. */
  cluster?: Pick<Cluster, 'arn' | 'region'>;
  /** OIDC providers in the role's account; undefined when unknown. */
  oidcProviders?: OidcProvider[];
  /** Issuers (`host/path`) of the clusters the platform knows. */
  knownIssuers?: string[];
  /** `AssumeRolePolicySizeQuota` of the account. */
  trustPolicyQuota: number;
  /**
   * False when the account's own quota could not be read and `trustPolicyQuota` is IAM's default
   * standing in for it: IRSA-T14 then says so. Default true (the caller chose the quota).
   */
  trustPolicyQuotaKnown?: boolean;
  /**
   * Existing service accounts per issuer (`host/path` → `ns/name` list), for
   * dangling-trust detection. Issuers absent from the map are not judged.
   */
  knownServiceAccounts?: Record<string, string[]>;
}

/**
 * Builds a {@link TrustCheckContext}, running the breadth analysis once.
 *
 * @public
 */
export function createTrustCheckContext(
  input: Omit<TrustCheckContext, 'breadth' | 'trustPolicyQuota'> & {
    trustPolicyQuota?: number;
  },
): TrustCheckContext {
  return {
    ...input,
    trustPolicyQuota: input.trustPolicyQuota ?? DEFAULT_TRUST_POLICY_QUOTA,
    breadth: analyzeTrustBreadth(input.policy, input.target),
  };
}

const statementSubject = (ctx: TrustCheckContext, index: number) => ({
  kind: 'statement' as const,
  ref: ctx.roleArn,
  statementIndex: index,
});
const roleSubject = (ctx: TrustCheckContext) => ({
  kind: 'role' as const,
  ref: ctx.roleArn,
});

function isWebIdentityStatement(statement: ParsedStatement): boolean {
  return (
    statement.effect === 'Allow' &&
    (statement.principal?.byType.Federated ?? []).some(arn =>
      arn.includes(':oidc-provider/'),
    )
  );
}

function claimConditions(statement: ParsedStatement, claim: 'sub' | 'aud') {
  return statement.conditions.filter(
    c => c.keyLower.endsWith(`:${claim}`) && c.keyLower.includes('/'),
  );
}

/** The conditions on `<issuer>:sub` and `<issuer>:aud`, the two claims IRSA trust is keyed on. */
function claimConditionsOfBoth(statement: ParsedStatement) {
  return [
    ...claimConditions(statement, 'sub'),
    ...claimConditions(statement, 'aud'),
  ];
}

function isEqualsOperator(base: string): boolean {
  return base.startsWith('StringEquals') || base.startsWith('StringNotEquals');
}

// The witness as findings show it: a real subject the trust admits.
function admits(witness: SubjectWitness): string {
  return `admits ${witness.subject}, for example`;
}

/** Where an admission comes from: the statement's index and, when it has one, its Sid. */
function inStatement(
  ctx: TrustCheckContext,
  index: number,
): Pick<TrustAdmission, 'statementIndex' | 'sid'> {
  const sid = ctx.policy.statements[index]?.sid;
  return sid ? { statementIndex: index, sid } : { statementIndex: index };
}

/**
 * The `<issuer>:sub` patterns of a statement, as written (empty without a `sub` condition).
 *
 * @public
 */
export function subPatterns(statement: ParsedStatement | undefined): string[] {
  return statement
    ? claimConditions(statement, 'sub').flatMap(c => c.values)
    : [];
}

function subValues(statement: ParsedStatement): string {
  return subPatterns(statement)
    .map(v => `"${v}"`)
    .join(', ');
}

/**
 * Whom a statement without a `sub` condition admits: nothing narrows the subject, so every
 * namespace proven means every service account of the cluster (a Deny may still carve some out).
 */
function noSubScope(s: StatementBreadth): TrustAdmission['scope'] {
  if (s.everyNamespace) return 'every-service-account';
  return s.otherNamespace ? 'other-namespace' : 'other-service-accounts';
}

const trustT01: Check<TrustCheckContext> = {
  id: 'IRSA-T01',
  category: 'trust',
  title: 'Trust policy has no service account (sub) condition',
  severity: 'critical',
  failMode: 'open',
  explanation:
    'Without a condition on <issuer>:sub, every service account in the cluster that can obtain a token for the audience can assume the role.',
  fix: 'Add "StringEquals": {"<issuer>:sub": "system:serviceaccount:<namespace>:<name>"} to the statement.',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const b of ctx.breadth) {
      for (const s of b.statements) {
        if (s.constrainsSubject) continue;
        const witness = s.otherNamespace ?? s.otherServiceAccounts[0]?.witness;
        if (!witness) continue;
        hits.push({
          subject: statementSubject(ctx, s.statementIndex),
          message: `Statement ${s.statementIndex} trusts ${
            b.provider.issuerHostPath
          } without any sub condition: ${admits(witness)}.`,
          admits: {
            scope: noSubScope(s),
            ...inStatement(ctx, s.statementIndex),
            issuerHostPath: b.provider.issuerHostPath,
            ...(s.everyNamespace ? {} : { namespace: witness.namespace }),
            subjectPatterns: [],
            example: witness.subject,
          },
        });
      }
    }
    return hits;
  },
};

const trustT02a: Check<TrustCheckContext> = {
  id: 'IRSA-T02a',
  category: 'trust',
  title: 'Wildcard sub condition admits every namespace',
  severity: 'critical',
  failMode: 'open',
  explanation:
    'StringLike "*" crosses ":" in IAM, so a sub pattern whose namespace part is only a wildcard matches service accounts in every namespace, including ones created later.',
  fix: 'Replace the pattern with the exact subject system:serviceaccount:<namespace>:<name> under StringEquals.',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const b of ctx.breadth) {
      // Every namespace, decided over all statements with a sub condition
      // (minus what Deny statements exclude), not pattern by pattern.
      if (!b.everyNamespace) continue;
      for (const s of b.statements) {
        if (!s.constrainsSubject || !s.otherNamespace) continue;
        const statement = ctx.policy.statements[s.statementIndex];
        hits.push({
          subject: statementSubject(ctx, s.statementIndex),
          message: `Statement ${s.statementIndex}'s sub condition (${subValues(
            statement,
          )}) admits every namespace of ${b.provider.issuerHostPath}: ${admits(
            s.otherNamespace,
          )}.`,
          admits: {
            scope: 'every-namespace',
            ...inStatement(ctx, s.statementIndex),
            issuerHostPath: b.provider.issuerHostPath,
            subjectPatterns: subPatterns(statement),
            example: s.otherNamespace.subject,
          },
        });
      }
    }
    return hits;
  },
};

const trustT02b: Check<TrustCheckContext> = {
  id: 'IRSA-T02b',
  category: 'trust',
  title: 'Wildcard inside the namespace part of sub',
  severity: 'high',
  failMode: 'open',
  explanation:
    'A pattern such as system:serviceaccount:team-*:api matches a namespace anyone with namespace-create rights can make (team-evil), so the role is not tied to one team.',
  fix: 'List the exact namespaces (several values under one StringEquals key are OR-ed) instead of a namespace wildcard.',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const b of ctx.breadth) {
      if (b.everyNamespace || b.anyServiceAccount) continue;
      for (const s of b.statements) {
        if (!s.constrainsSubject || !s.otherNamespace) continue;
        const statement = ctx.policy.statements[s.statementIndex];
        hits.push({
          subject: roleSubject(ctx),
          message: `Statement ${s.statementIndex}'s sub condition (${subValues(
            statement,
          )}) also admits namespace "${
            s.otherNamespace.namespace
          }", which the policy does not name: ${admits(s.otherNamespace)}.`,
          admits: {
            scope: 'other-namespace',
            ...inStatement(ctx, s.statementIndex),
            issuerHostPath: b.provider.issuerHostPath,
            namespace: s.otherNamespace.namespace,
            subjectPatterns: subPatterns(statement),
            example: s.otherNamespace.subject,
          },
        });
      }
    }
    return hits;
  },
};

const trustT02c: Check<TrustCheckContext> = {
  id: 'IRSA-T02c',
  category: 'trust',
  title: 'Namespace-wide trust',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'Every service account in the namespace can assume the role, including ones created later for other workloads. EKS documents the pattern, but best practice names the service account.',
  fix: 'Name the service account: system:serviceaccount:<namespace>:<name> under StringEquals.',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const b of ctx.breadth) {
      if (b.anyServiceAccount) continue;
      for (const s of b.statements) {
        if (!s.constrainsSubject) continue;
        for (const o of s.otherServiceAccounts) {
          hits.push({
            subject: roleSubject(ctx),
            message: o.everyServiceAccount
              ? `Any service account in namespace "${o.namespace}" of ${
                  b.provider.issuerHostPath
                } can assume the role (statement ${s.statementIndex}): ${admits(
                  o.witness,
                )}.`
              : `Service accounts in namespace "${o.namespace}" of ${
                  b.provider.issuerHostPath
                } that the policy does not name can assume the role (statement ${
                  s.statementIndex
                }): ${admits(o.witness)}.`,
            admits: {
              scope: o.everyServiceAccount
                ? 'namespace'
                : 'other-service-accounts',
              ...inStatement(ctx, s.statementIndex),
              issuerHostPath: b.provider.issuerHostPath,
              namespace: o.namespace,
              subjectPatterns: subPatterns(
                ctx.policy.statements[s.statementIndex],
              ),
              example: o.witness.subject,
            },
          });
        }
      }
    }
    return hits;
  },
};

const trustT03: Check<TrustCheckContext> = {
  id: 'IRSA-T03',
  category: 'trust',
  title: 'Wildcard character under StringEquals',
  severity: 'low',
  failMode: 'closed',
  explanation:
    'StringEquals compares literally: "*" and "?" are not wildcards there, so the condition only matches a subject that really contains "*" and the role is silently unusable.',
  fix: 'Use the exact subject, or StringLike if a pattern is really intended (then review IRSA-T02).',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const statement of ctx.policy.statements) {
      for (const c of claimConditionsOfBoth(statement)) {
        if (!isEqualsOperator(c.base)) continue;
        for (const value of c.values.filter(v => /[*?]/.test(v))) {
          hits.push({
            subject: statementSubject(ctx, statement.index),
            message: `${c.operator} ${c.key} = "${value}" contains a wildcard character that ${c.base} treats literally.`,
          });
        }
      }
    }
    return hits;
  },
};

const trustT04: Check<TrustCheckContext> = {
  id: 'IRSA-T04',
  category: 'trust',
  title: 'Audience (aud) not pinned to sts.amazonaws.com',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'STS already rejects audiences the provider does not list, so this is defence in depth; it matters once the provider lists more than one client ID.',
  fix: 'Add "StringEquals": {"<issuer>:aud": "sts.amazonaws.com"} next to the sub condition.',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const b of ctx.breadth) {
      if (b.anyAudience) {
        const provider = ctx.oidcProviders?.find(
          p =>
            p.issuerHostPath === b.provider.issuerHostPath &&
            p.accountId === b.provider.accountId,
        );
        // STS only accepts audiences the provider lists, so with sts.amazonaws.com as its only
        // client ID the missing condition widens nothing today: hardening, not exposure.
        const onlyDefaultAudience =
          provider !== undefined &&
          provider.clientIds.every(id => id === DEFAULT_IRSA_AUDIENCE);
        hits.push({
          subject: roleSubject(ctx),
          severity: onlyDefaultAudience ? 'low' : undefined,
          message: onlyDefaultAudience
            ? `No effective aud condition for ${b.provider.issuerHostPath}; STS still enforces the provider's only client ID, ${DEFAULT_IRSA_AUDIENCE}, until another one is added.`
            : `A token for ${
                b.provider.issuerHostPath
              } with an audience nobody named is accepted (for example "${
                b.audienceWitness ?? ''
              }"): no effective aud condition.`,
          admits: {
            scope: 'any-audience',
            issuerHostPath: b.provider.issuerHostPath,
            ...(b.audienceWitness ? { example: b.audienceWitness } : {}),
          },
        });
      }
    }
    for (const statement of ctx.policy.statements.filter(
      isWebIdentityStatement,
    )) {
      for (const c of claimConditions(statement, 'aud')) {
        if (c.negated || c.base === 'Null') continue;
        const others = c.values.filter(v => v !== DEFAULT_IRSA_AUDIENCE);
        if (others.length > 0 && !c.values.includes(DEFAULT_IRSA_AUDIENCE)) {
          hits.push({
            subject: statementSubject(ctx, statement.index),
            failMode: 'closed',
            message: `${c.key} expects ${others
              .map(v => `"${v}"`)
              .join(
                ', ',
              )}, not "${DEFAULT_IRSA_AUDIENCE}": pods using the default audience cannot assume the role.`,
            fix: `Use "${DEFAULT_IRSA_AUDIENCE}", or set the ${IRSA_ANNOTATIONS.audience} annotation to match and list it as a client ID of the provider.`,
          });
        }
      }
    }
    return hits;
  },
};

const trustT05: Check<TrustCheckContext> = {
  id: 'IRSA-T05',
  category: 'trust',
  title: 'Trusted issuer or condition key does not match the cluster',
  severity: 'high',
  failMode: 'open',
  explanation:
    "A role annotated in one cluster but trusting another cluster's issuer is usable from that other cluster, not this one; a condition keyed on a different issuer than the Federated principal never sees its key.",
  fix: 'Trust the issuer of the cluster the service account lives in (aws eks describe-cluster --query cluster.identity.oidc.issuer), and key the conditions on the same issuer.',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const statement of ctx.policy.statements.filter(
      isWebIdentityStatement,
    )) {
      const hosts = (statement.principal?.byType.Federated ?? [])
        .filter(arn => arn.includes(':oidc-provider/'))
        .flatMap(arn => {
          const issuer = normalizeIssuer(arn);
          return issuer.ok ? [issuer.value.hostPath.toLowerCase()] : [];
        });
      for (const c of claimConditionsOfBoth(statement)) {
        const prefix = c.keyLower.slice(0, c.keyLower.lastIndexOf(':'));
        if (!hosts.includes(prefix)) {
          hits.push({
            subject: statementSubject(ctx, statement.index),
            severity: 'medium',
            failMode: c.negated || c.ifExists ? 'open' : 'closed',
            message: `Condition key ${
              c.key
            } names issuer ${prefix}, but the statement trusts ${hosts.join(
              ', ',
            )}: the key is absent from those tokens' requests.`,
          });
        }
      }
    }
    if (ctx.target && ctx.breadth.length > 0) {
      const target = ctx.target.issuerHostPath.toLowerCase();
      const trusted = ctx.breadth.map(b =>
        b.provider.issuerHostPath.toLowerCase(),
      );
      if (!trusted.includes(target)) {
        hits.push({
          subject: roleSubject(ctx),
          message: `The role trusts ${trusted.join(
            ', ',
          )} but the service account's cluster issuer is ${
            ctx.target.issuerHostPath
          }: another cluster can use the role, this one cannot.`,
          admits: { scope: 'other-issuer', issuers: trusted },
        });
      }
    }
    return hits;
  },
};

const trustT06: Check<TrustCheckContext> = {
  id: 'IRSA-T06',
  category: 'trust',
  title: 'OIDC provider missing or in another account',
  severity: 'medium',
  failMode: 'closed',
  explanation:
    'STS looks the provider up in the role\'s account: a provider ARN from another account, or a provider that does not exist, fails with "InvalidIdentityToken: No OpenIDConnect provider found in your account".',
  fix: "Create the cluster's OIDC provider in the role's account (eksctl utils associate-iam-oidc-provider) and reference that ARN.",
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const b of ctx.breadth) {
      if (ctx.roleAccountId && b.provider.accountId !== ctx.roleAccountId) {
        hits.push({
          subject: roleSubject(ctx),
          message: `Provider ${b.provider.arn} is in account ${b.provider.accountId}, the role is in ${ctx.roleAccountId}.`,
          structuredFix: oidcProviderFix(ctx, b.provider.issuerHostPath),
        });
      } else if (
        ctx.oidcProviders &&
        !ctx.oidcProviders.some(
          p =>
            p.arn === b.provider.arn ||
            (p.issuerHostPath.toLowerCase() ===
              b.provider.issuerHostPath.toLowerCase() &&
              p.accountId === b.provider.accountId),
        )
      ) {
        hits.push({
          subject: roleSubject(ctx),
          message: `Provider ${b.provider.arn} does not exist in account ${b.provider.accountId}.`,
          structuredFix: oidcProviderFix(ctx, b.provider.issuerHostPath),
        });
      }
    }
    return hits;
  },
};

const trustT07: Check<TrustCheckContext> = {
  id: 'IRSA-T07',
  category: 'trust',
  title: 'Negated, IfExists or set operator on sub/aud',
  severity: 'high',
  failMode: 'open',
  explanation:
    'sub and aud are single-valued. Negated operators, …IfExists and ForAllValues are true when the key is absent, so a token from another issuer (or a typo in the key) passes; ForAnyValue behaves unexpectedly on single-valued keys.',
  fix: 'Use plain StringEquals (or StringLike) on <issuer>:sub and <issuer>:aud.',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const statement of ctx.policy.statements) {
      for (const c of claimConditionsOfBoth(statement)) {
        if (!(c.negated || c.ifExists || c.setQualifier)) continue;
        const opens =
          ctx.breadth.some(b => b.allowsWithoutSub) &&
          statement.effect === 'Allow';
        hits.push({
          subject: statementSubject(ctx, statement.index),
          message: `${c.operator} on ${c.key}${
            opens
              ? ': evaluation shows a request without the sub key is allowed'
              : ''
          }.`,
          admits: {
            scope: 'missing-sub',
            ...inStatement(ctx, statement.index),
          },
        });
      }
    }
    for (const b of ctx.breadth) {
      if (b.allowsWithoutSub && !b.anyServiceAccount && hits.length === 0) {
        hits.push({
          subject: roleSubject(ctx),
          message: `A request for ${b.provider.issuerHostPath} without a sub key is allowed.`,
          admits: {
            scope: 'missing-sub',
            issuerHostPath: b.provider.issuerHostPath,
          },
        });
      }
    }
    return hits;
  },
};

const trustT08: Check<TrustCheckContext> = {
  id: 'IRSA-T08',
  category: 'trust',
  title: 'Several OIDC providers in one statement',
  severity: 'high',
  failMode: 'open',
  explanation:
    'Conditions of one statement are AND-ed: with two providers and both providers\' sub keys in one block, no token carries both keys, so the statement never matches; "fixing" it with IfExists makes it fail open.',
  fix: 'Write one statement per provider, each with its own sub and aud conditions.',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const statement of ctx.policy.statements.filter(
      isWebIdentityStatement,
    )) {
      const providers = (statement.principal?.byType.Federated ?? []).filter(
        a => a.includes(':oidc-provider/'),
      );
      if (providers.length < 2) continue;
      const prefixes = new Set(
        claimConditions(statement, 'sub').map(c =>
          c.keyLower.slice(0, c.keyLower.lastIndexOf(':')),
        ),
      );
      const lenient = claimConditions(statement, 'sub').some(
        c => c.ifExists || c.negated || c.setQualifier,
      );
      hits.push({
        subject: statementSubject(ctx, statement.index),
        severity: lenient ? 'high' : 'medium',
        failMode: lenient || prefixes.size <= 1 ? 'open' : 'closed',
        message: `Statement ${statement.index} lists ${
          providers.length
        } providers${
          prefixes.size > 1
            ? ` and AND-s sub keys of ${prefixes.size} issuers`
            : ''
        }${lenient ? ' with lenient operators' : ''}.`,
      });
    }
    return hits;
  },
};

const trustT09: Check<TrustCheckContext> = {
  id: 'IRSA-T09',
  category: 'trust',
  title: 'Role trusts more than one cluster issuer',
  severity: 'medium',
  failMode: 'open',
  explanation:
    "Blue/green and DR leftovers keep old clusters able to assume the role; issuers of clusters that no longer exist can come back under someone else's control.",
  fix: 'Remove statements for clusters that no longer run the workload.',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    const issuers = [
      ...new Set(ctx.breadth.map(b => b.provider.issuerHostPath)),
    ];
    if (issuers.length < 2) return [];
    const known = ctx.knownIssuers?.map(i => i.toLowerCase());
    const unknown = known
      ? issuers.filter(i => !known.includes(i.toLowerCase()))
      : [];
    return [
      {
        subject: roleSubject(ctx),
        severity: unknown.length > 0 ? 'high' : 'medium',
        message: `The role trusts ${issuers.length} issuers: ${issuers.join(
          ', ',
        )}.${
          unknown.length > 0
            ? ` Not a known cluster: ${unknown.join(', ')}.`
            : ''
        }`,
      },
    ];
  },
};

const EXTERNAL_PROBE =
  'arn:aws:iam::000000000000:role/zz-aws-identity-external-probe';

const trustT10: Check<TrustCheckContext> = {
  id: 'IRSA-T10',
  category: 'trust',
  title: 'Wildcard AWS principal',
  severity: 'critical',
  failMode: 'open',
  explanation:
    'Principal "*" lets any AWS principal in any account assume the role unless a condition restricts it.',
  fix: 'Remove the statement, or name the exact principal ARN.',
  structuredFix: podIdentityTrustFix,
  run(ctx) {
    const result = evaluatePolicy(ctx.policy, {
      principal: { type: 'AWS', id: EXTERNAL_PROBE, accountId: '000000000000' },
      action: 'sts:AssumeRole',
      context: {
        'aws:PrincipalArn': EXTERNAL_PROBE,
        'aws:PrincipalAccount': '000000000000',
      },
    });
    return result.deciding
      .filter(
        t =>
          ctx.policy.statements[t.index].principal?.any ||
          ctx.policy.statements[t.index].notPrincipal,
      )
      .map(t => ({
        subject: statementSubject(ctx, t.index),
        message: `Statement ${t.index} lets a principal from an unrelated account assume the role (${t.reason}).`,
        admits: {
          scope: 'any-aws-principal' as const,
          ...inStatement(ctx, t.index),
          // "*" or an Allow with NotPrincipal: both admit every principal of every account
          // (NotPrincipal all but the few it lists).
          principals: ['*'],
        },
      }));
  },
};

const ACCOUNT_PRINCIPAL = /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)$/;
const NARROWING_KEYS = ['aws:principalarn', 'sts:externalid'];

const trustT11: Check<TrustCheckContext> = {
  id: 'IRSA-T11',
  category: 'trust',
  title: 'Whole-account AWS principal without narrowing condition',
  severity: 'high',
  failMode: 'open',
  explanation:
    "An account principal (…:root) delegates to every IAM principal of that account whose own policy allows sts:AssumeRole; without aws:PrincipalArn or sts:ExternalId the trust is as wide as that account's admins make it.",
  fix: 'Name the role ARN in Principal.AWS, or add a condition on aws:PrincipalArn (and sts:ExternalId for third parties).',
  structuredFix: podIdentityTrustFix,
  run(ctx) {
    return ctx.policy.statements
      .filter(
        s =>
          s.effect === 'Allow' &&
          (s.principal?.byType.AWS ?? []).some(p => ACCOUNT_PRINCIPAL.test(p)),
      )
      .filter(s => !s.conditions.some(c => NARROWING_KEYS.includes(c.keyLower)))
      .map(s => {
        const accounts = (s.principal?.byType.AWS ?? []).filter(p =>
          ACCOUNT_PRINCIPAL.test(p),
        );
        return {
          subject: statementSubject(ctx, s.index),
          message: `Statement ${
            s.index
          } trusts account principal(s) ${accounts.join(
            ', ',
          )} without aws:PrincipalArn or sts:ExternalId.`,
          admits: {
            scope: 'account-principals' as const,
            ...inStatement(ctx, s.index),
            principals: accounts,
          },
        };
      });
  },
};

const SOURCE_KEYS = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
];

const trustT12: Check<TrustCheckContext> = {
  id: 'IRSA-T12',
  category: 'trust',
  title: 'Service principal in an IRSA role without source condition',
  severity: 'high',
  failMode: 'open',
  explanation:
    'A service principal without aws:SourceAccount/aws:SourceArn can be used by that service on behalf of any customer (cross-service confused deputy).',
  fix: 'Remove the service principal from the workload role, or add aws:SourceAccount and aws:SourceArn conditions.',
  structuredFix: podIdentityTrustFix,
  run(ctx) {
    if (!ctx.policy.statements.some(isWebIdentityStatement)) return [];
    return ctx.policy.statements
      .filter(s => s.effect === 'Allow')
      .flatMap(s =>
        (s.principal?.byType.Service ?? [])
          .filter(service => service.toLowerCase() !== POD_IDENTITY_PRINCIPAL)
          .filter(
            () => !s.conditions.some(c => SOURCE_KEYS.includes(c.keyLower)),
          )
          .map(service => ({
            subject: statementSubject(ctx, s.index),
            message: `Statement ${s.index} trusts ${service} without aws:SourceAccount / aws:SourceArn.`,
            admits: {
              scope: 'service-principals' as const,
              ...inStatement(ctx, s.index),
              principals: [service],
            },
          })),
      );
  },
};

const trustT13: Check<TrustCheckContext> = {
  id: 'IRSA-T13',
  category: 'trust',
  title: 'OIDC principal with the wrong action',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'Web identity federation only uses sts:AssumeRoleWithWebIdentity; sts:AssumeRole or wildcards for a Federated principal are an error (Access Analyzer "Mismatched action for principal").',
  fix: 'Set Action to "sts:AssumeRoleWithWebIdentity".',
  structuredFix: recommendedTrustFix,
  run(ctx) {
    return ctx.policy.statements
      .filter(isWebIdentityStatement)
      .filter(s =>
        s.action
          ? s.action.some(a => matchesWildcard(a, 'sts:AssumeRole', true))
          : !(s.notAction ?? []).some(a =>
              matchesWildcard(a, 'sts:AssumeRole', true),
            ),
      )
      .map(s => ({
        subject: statementSubject(ctx, s.index),
        message: `Statement ${s.index} grants ${
          s.action
            ? s.action.join(', ')
            : `NotAction ${s.notAction?.join(', ')}`
        } to an OIDC provider, which covers sts:AssumeRole.`,
      }));
  },
};

const trustT14: Check<TrustCheckContext> = {
  id: 'IRSA-T14',
  category: 'trust',
  title: 'Trust policy close to the size quota',
  severity: 'medium',
  failMode: 'closed',
  explanation:
    'IAM counts the trust policy without whitespace against AssumeRolePolicySizeQuota; at 80 % the next cluster or service account added will fail with LimitExceeded.',
  fix: 'Merge subjects of the same issuer into one value list, drop stale issuers, or raise the quota (up to 4,096).',
  structuredFix: podIdentityTrustFix,
  run(ctx) {
    const size = ctx.policy.minifiedLength;
    const quota = ctx.trustPolicyQuota;
    if (size < 0.8 * quota) return [];
    return [
      {
        subject: roleSubject(ctx),
        severity: size > quota ? 'high' : 'medium',
        message: `The minified trust policy is ${size} characters, ${Math.round(
          (size / quota) * 100,
        )} % of the ${quota}-character quota${
          ctx.trustPolicyQuotaKnown === false
            ? " (IAM's default: the account's AssumeRolePolicySizeQuota could not be read)"
            : ''
        }.`,
      },
    ];
  },
};

const trustT15: Check<TrustCheckContext> = {
  id: 'IRSA-T15',
  category: 'trust',
  title: 'Trust names a service account that does not exist',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'Dangling trust: whoever creates that namespace/service account later gets the role (name squatting).',
  fix: 'Remove the subject from the trust policy, or create the service account for its intended owner.',
  structuredFix: podIdentityTrustFix,
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const b of ctx.breadth) {
      const known = ctx.knownServiceAccounts?.[b.provider.issuerHostPath];
      if (!known) continue;
      for (const subject of b.literalSubjects) {
        const ref = `${subject.namespace}/${subject.serviceAccount}`;
        if (!known.includes(ref)) {
          hits.push({
            subject: roleSubject(ctx),
            message: `The role trusts ${ref} on ${b.provider.issuerHostPath}, which does not exist in that cluster.`,
            admits: {
              scope: 'nonexistent-service-account',
              issuerHostPath: b.provider.issuerHostPath,
              namespace: subject.namespace,
              example: serviceAccountSubject({
                namespace: subject.namespace,
                name: subject.serviceAccount,
              }),
            },
          });
        }
      }
    }
    return hits;
  },
};

/**
 * The IRSA trust-policy checks (security.md §1.1).
 *
 * @public
 */
export const trustChecks: ReadonlyArray<Check<TrustCheckContext>> = [
  trustT01,
  trustT02a,
  trustT02b,
  trustT02c,
  trustT03,
  trustT04,
  trustT05,
  trustT06,
  trustT07,
  trustT08,
  trustT09,
  trustT10,
  trustT11,
  trustT12,
  trustT13,
  trustT14,
  trustT15,
];
