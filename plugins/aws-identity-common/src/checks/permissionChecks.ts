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
import { ActionInfo, expandActionPattern } from '../actions/actionCatalog';
import { FlaggedActions, RolePolicy } from '../domain/types';
import { matchesWildcard } from '../evaluate/wildcard';
import { parseArn } from '../parse/identifiers';
import { parsePolicy } from '../policy/parsePolicy';
import { ParsedPolicy, ParsedStatement } from '../policy/types';
import { Check, CheckHit } from './types';

/**
 * IAM's fixed size limits for identity policies (characters, whitespace not counted).
 *
 * @public
 */
export const POLICY_SIZE_LIMITS = {
  managed: 6144,
  inlineAggregate: 10240,
} as const;

/**
 * A permission policy ready for checking: parsed, or with its parse error.
 *
 * @public
 */
export interface CheckedPolicy {
  name: string;
  kind: RolePolicy['kind'];
  parsed?: ParsedPolicy;
  error?: string;
}

/**
 * Where resources of the role's policies are allowed to live (IRSA-P14).
 *
 * @public
 */
export interface ResourceScope {
  accountIds?: string[];
  partitions?: string[];
  regions?: string[];
}

/**
 * Everything the permission checks read about one role (or one policy).
 *
 * @public
 */
export interface PermissionCheckContext {
  /** The role, or a label such as the policy file name for the CLI. */
  subjectRef: string;
  policies: CheckedPolicy[];
  permissionsBoundaryArn?: string;
  /** Organisation boundary every workload role must carry (IRSA-P13). */
  requiredPermissionsBoundaryArn?: string;
  allowedResourceScope?: ResourceScope;
}

/**
 * Parses a role's policies into a {@link PermissionCheckContext}.
 *
 * @public
 */
export function createPermissionCheckContext(input: {
  subjectRef: string;
  policies: RolePolicy[];
  permissionsBoundaryArn?: string;
  requiredPermissionsBoundaryArn?: string;
  allowedResourceScope?: ResourceScope;
}): PermissionCheckContext {
  return {
    ...input,
    policies: input.policies.map(p => {
      const parsed = parsePolicy(p.document);
      return parsed.ok
        ? { name: p.name, kind: p.kind, parsed: parsed.value }
        : { name: p.name, kind: p.kind, error: parsed.error };
    }),
  };
}

interface StatementInPolicy {
  policy: CheckedPolicy;
  statement: ParsedStatement;
}

function allowStatements(ctx: PermissionCheckContext): StatementInPolicy[] {
  return ctx.policies.flatMap(policy =>
    (policy.parsed?.statements ?? [])
      .filter(statement => statement.effect === 'Allow')
      .map(statement => ({ policy, statement })),
  );
}

/**
 * True for `*` and ARNs whose resource part is only `*` (e.g.
 * `arn:aws:s3:::*`): "effectively star" in Parliament's terms.
 *
 * @internal
 */
export function isEffectivelyStar(resource: string): boolean {
  return resource === '*' || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(resource);
}

function unconstrained(statement: ParsedStatement): boolean {
  if (statement.notResource) return true;
  return (
    (statement.resource ?? ['*']).some(isEffectivelyStar) &&
    !hasNarrowingCondition(statement)
  );
}

const RESOURCE_SCOPING_KEYS = [
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
];

// Resource "*" narrowed by a positive condition on the resource's own tags or
// account (ABAC) is scoped, not unconstrained. Negated and IfExists forms are
// true when the key is missing, so they do not count.
function hasNarrowingCondition(statement: ParsedStatement): boolean {
  return statement.conditions.some(
    c =>
      !c.negated &&
      !c.ifExists &&
      c.setQualifier !== 'ForAllValues' &&
      c.base !== 'Null' &&
      (c.keyLower.startsWith('aws:resourcetag/') ||
        RESOURCE_SCOPING_KEYS.includes(c.keyLower)),
  );
}

function subject(ctx: PermissionCheckContext, item: StatementInPolicy) {
  return {
    kind: 'statement' as const,
    ref: `${ctx.subjectRef}#${item.policy.name}`,
    statementIndex: item.statement.index,
  };
}

function where(item: StatementInPolicy): string {
  return `${item.policy.name} statement ${item.statement.index}${
    item.statement.sid ? ` ("${item.statement.sid}")` : ''
  }`;
}

/** The actions a hit flags, all of them (the message lists at most six). */
function flagged(item: StatementInPolicy, actions: string[]): FlaggedActions {
  const { index, sid } = item.statement;
  return {
    policyName: item.policy.name,
    statementIndex: index,
    ...(sid ? { sid } : {}),
    actions: [...new Set(actions)],
  };
}

/** Expanded actions of a statement; unknown services are skipped. */
function expandedActions(statement: ParsedStatement): ActionInfo[] {
  return (statement.action ?? []).flatMap(
    pattern => expandActionPattern(pattern) ?? [],
  );
}

/** Allow statements on "*" (unconstrained) that name their actions rather than `*`. */
function unconstrainedNamedActions(
  ctx: PermissionCheckContext,
): StatementInPolicy[] {
  return allowStatements(ctx).filter(
    i =>
      unconstrained(i.statement) && !(i.statement.action ?? []).includes('*'),
  );
}

/** One hit naming the actions a statement allows on "*", or none when there are none. */
function allowedOnAnyResource(
  ctx: PermissionCheckContext,
  item: StatementInPolicy,
  actions: ActionInfo[],
  what = '',
): CheckHit[] {
  if (actions.length === 0) return [];
  return [
    {
      subject: subject(ctx, item),
      message: `${where(item)} allows ${what}${list(
        actions.map(a => a.action),
      )} on "*".`,
      flaggedActions: flagged(
        item,
        actions.map(a => a.action),
      ),
    },
  ];
}

function list(names: string[], max: number = 6): string {
  const unique = [...new Set(names)];
  return unique.length <= max
    ? unique.join(', ')
    : `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

function grants(statement: ParsedStatement, action: string): boolean {
  if (statement.action)
    return statement.action.some(p => matchesWildcard(p, action, true));
  return !(statement.notAction ?? []).some(p =>
    matchesWildcard(p, action, true),
  );
}

const permissionP01: Check<PermissionCheckContext> = {
  id: 'IRSA-P01',
  category: 'permission',
  title: 'Administrator access (Action "*" on Resource "*")',
  severity: 'critical',
  failMode: 'open',
  explanation:
    'The workload can do anything in the account, including changing its own permissions.',
  fix: 'Grant only the actions the workload calls, on its own resources (use a preset).',
  run(ctx) {
    return allowStatements(ctx)
      .filter(
        i =>
          (i.statement.action ?? []).some(a => a === '*' || a === '*:*') &&
          unconstrained(i.statement),
      )
      .map(i => ({
        subject: subject(ctx, i),
        message: `${where(i)} allows every action on every resource.`,
      }));
  },
};

const permissionP02: Check<PermissionCheckContext> = {
  id: 'IRSA-P02',
  category: 'permission',
  title: 'Service-wide action wildcard',
  severity: 'high',
  failMode: 'open',
  explanation:
    '"svc:*" grants every present and future action of the service, including permission management.',
  fix: 'List the actions the workload needs.',
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const i of allowStatements(ctx)) {
      for (const action of i.statement.action ?? []) {
        if (!/^[^:*]+:\*$/.test(action)) continue;
        const critical =
          action.toLowerCase() === 'iam:*' || action.toLowerCase() === 'sts:*';
        hits.push({
          subject: subject(ctx, i),
          severity: critical ? 'critical' : 'high',
          message: `${where(i)} allows ${action}.`,
          flaggedActions: flagged(i, [action]),
        });
      }
    }
    return hits;
  },
};

const permissionP03: Check<PermissionCheckContext> = {
  id: 'IRSA-P03',
  category: 'permission',
  title: 'Resource "*" on actions that support resource constraints',
  severity: 'high',
  failMode: 'open',
  explanation:
    'These actions can be scoped to ARNs; "*" extends them to every resource of that type in the account.',
  fix: 'Replace "*" with the ARNs of the workload\'s resources.',
  run(ctx) {
    return unconstrainedNamedActions(ctx).flatMap(i => {
      const scopable = expandedActions(i.statement).filter(
        a => a.hasResourceTypes,
      );
      return allowedOnAnyResource(ctx, i, scopable);
    });
  },
};

const ESCALATION_ANY_RESOURCE = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:AddUserToGroup',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
];
const ESCALATION_ON_STAR = ['iam:PassRole', 'sts:AssumeRole'];

function broadRoleResource(statement: ParsedStatement): boolean {
  if (statement.notResource) return true;
  return (statement.resource ?? ['*']).some(
    r => isEffectivelyStar(r) || /:role\/\*$/.test(r) || r.endsWith(':*'),
  );
}

const permissionP04: Check<PermissionCheckContext> = {
  id: 'IRSA-P04',
  category: 'permission',
  title: 'Privilege escalation',
  severity: 'critical',
  failMode: 'open',
  explanation:
    'These actions let the workload grant itself (or a role it can pass or assume) more permissions.',
  fix: 'Remove the actions; if PassRole/AssumeRole is needed, name the exact role ARNs.',
  run(ctx) {
    return allowStatements(ctx).flatMap(i => {
      const found = ESCALATION_ANY_RESOURCE.filter(a => grants(i.statement, a));
      if (broadRoleResource(i.statement))
        found.push(...ESCALATION_ON_STAR.filter(a => grants(i.statement, a)));
      return found.length === 0
        ? []
        : [
            {
              subject: subject(ctx, i),
              message: `${where(i)} allows ${list(found)}.`,
              flaggedActions: flagged(i, found),
            },
          ];
    });
  },
};

const permissionP05: Check<PermissionCheckContext> = {
  id: 'IRSA-P05',
  category: 'permission',
  title: 'Unconstrained permissions management',
  severity: 'high',
  failMode: 'open',
  explanation:
    'Permissions-management actions (PutBucketPolicy, PutKeyPolicy, …) on "*" let the workload expose any resource of the type.',
  fix: "Drop the actions, or scope them to the workload's own resource ARNs.",
  run(ctx) {
    return allowStatements(ctx)
      .filter(i => unconstrained(i.statement))
      .flatMap(i => {
        const found = expandedActions(i.statement).filter(
          a => a.accessLevel === 'Permissions management' && a.hasResourceTypes,
        );
        return allowedOnAnyResource(ctx, i, found);
      });
  },
};

const CREDENTIAL_EXPOSURE = [
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'ecr:GetAuthorizationToken',
  'sts:GetSessionToken',
  'sts:GetFederationToken',
  'redshift:GetClusterCredentials',
  'sso:GetRoleCredentials',
  'ec2:GetPasswordData',
  'lightsail:GetInstanceAccessDetails',
];

const permissionP06: Check<PermissionCheckContext> = {
  id: 'IRSA-P06',
  category: 'permission',
  title: 'Credentials exposure',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'These actions return credentials that outlive or escape the role session.',
  fix: "Remove the actions unless the workload's job is to mint credentials; then scope them to named resources.",
  run(ctx) {
    return allowStatements(ctx).flatMap(i => {
      const found = CREDENTIAL_EXPOSURE.filter(a => grants(i.statement, a));
      if (found.length === 0) return [];
      const iam = found.some(a => a.startsWith('iam:'));
      return [
        {
          subject: subject(ctx, i),
          severity: iam ? 'high' : 'medium',
          message: `${where(i)} allows ${list(found)}.`,
          flaggedActions: flagged(i, found),
        },
      ];
    });
  },
};

const DATA_EXFILTRATION = [
  's3:GetObject',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue',
];

const permissionP07: Check<PermissionCheckContext> = {
  id: 'IRSA-P07',
  category: 'permission',
  title: 'Data reads on every resource',
  severity: 'high',
  failMode: 'open',
  explanation:
    'Reading every object, parameter or secret in the account is the usual path for data exfiltration.',
  fix: "Scope the reads to the workload's bucket/prefix, parameter path or secret prefix.",
  run(ctx) {
    return allowStatements(ctx)
      .filter(i => unconstrained(i.statement))
      .flatMap(i => {
        const found = DATA_EXFILTRATION.filter(a => grants(i.statement, a));
        return found.length === 0
          ? []
          : [
              {
                subject: subject(ctx, i),
                message: `${where(i)} allows ${list(found)} on "*".`,
                flaggedActions: flagged(i, found),
              },
            ];
      });
  },
};

const permissionP08: Check<PermissionCheckContext> = {
  id: 'IRSA-P08',
  category: 'permission',
  title: 'Unconstrained write',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'Write actions on "*" let the workload modify or delete resources it does not own.',
  fix: "Scope write actions to the workload's resource ARNs.",
  run(ctx) {
    return unconstrainedNamedActions(ctx).flatMap(i => {
      const found = expandedActions(i.statement).filter(
        a => a.accessLevel === 'Write' && a.hasResourceTypes,
      );
      return allowedOnAnyResource(ctx, i, found, 'write actions ');
    });
  },
};

const permissionP09: Check<PermissionCheckContext> = {
  id: 'IRSA-P09',
  category: 'permission',
  title: 'Allow with NotAction, NotResource or NotPrincipal',
  severity: 'high',
  failMode: 'open',
  explanation:
    'An Allow with a negative element grants everything except a list, including actions and resources added later.',
  fix: 'Rewrite as an Allow of the needed actions/resources (and a Deny if an exception is required).',
  run(ctx) {
    return allowStatements(ctx)
      .filter(
        i =>
          i.statement.notAction ||
          i.statement.notResource ||
          i.statement.notPrincipal,
      )
      .map(i => ({
        subject: subject(ctx, i),
        message: `${where(i)} uses ${[
          i.statement.notAction && 'NotAction',
          i.statement.notResource && 'NotResource',
          i.statement.notPrincipal && 'NotPrincipal',
        ]
          .filter(Boolean)
          .join(' and ')} with Allow.`,
      }));
  },
};

const permissionP10: Check<PermissionCheckContext> = {
  id: 'IRSA-P10',
  category: 'permission',
  title: 'Policy grammar problem',
  severity: 'medium',
  failMode: 'closed',
  explanation:
    'IAM rejects the document, or parts of it grant nothing (unknown actions, malformed ARNs).',
  fix: 'Correct the element named in the message.',
  run(ctx) {
    const hits: CheckHit[] = [];
    for (const policy of ctx.policies) {
      const policySubject = {
        kind: 'policy' as const,
        ref: `${ctx.subjectRef}#${policy.name}`,
      };
      if (policy.error) {
        hits.push({
          subject: policySubject,
          message: `${policy.name}: ${policy.error}.`,
        });
        continue;
      }
      for (const warning of policy.parsed?.warnings ?? []) {
        hits.push({
          subject: policySubject,
          severity: 'low',
          message: `${policy.name}: ${warning}.`,
        });
      }
      for (const statement of policy.parsed?.statements ?? []) {
        const item = { policy, statement };
        if (statement.principal || statement.notPrincipal) {
          hits.push({
            subject: subject(ctx, item),
            message: `${where(
              item,
            )} has a Principal element, which identity policies must not have.`,
          });
        }
        for (const action of [
          ...(statement.action ?? []),
          ...(statement.notAction ?? []),
        ]) {
          if (action === '*') continue;
          if (!/^[a-z0-9-]+:[A-Za-z0-9*?]+$/i.test(action)) {
            hits.push({
              subject: subject(ctx, item),
              message: `${where(
                item,
              )}: "${action}" is not of the form service:Action.`,
            });
          } else if (
            !/[*?]/.test(action) &&
            expandActionPattern(action)?.length === 0
          ) {
            hits.push({
              subject: subject(ctx, item),
              message: `${where(
                item,
              )}: ${action} is not an action of that service.`,
            });
          } else if (
            /[*?]/.test(action) &&
            expandActionPattern(action)?.length === 0
          ) {
            hits.push({
              subject: subject(ctx, item),
              severity: 'low',
              message: `${where(
                item,
              )}: ${action} matches no action of that service.`,
            });
          }
        }
        for (const resource of [
          ...(statement.resource ?? []),
          ...(statement.notResource ?? []),
        ]) {
          // Policy variables (Version 2012-10-17) stand in the resource part of an ARN; the
          // ARN is judged with each variable as one segment character (IAM User Guide, policy
          // variables).
          const shape =
            policy.parsed?.version === '2012-10-17'
              ? resource.replace(/\$\{[^}]*\}/g, 'v')
              : resource;
          if (resource !== '*' && !parseArn(shape).ok) {
            hits.push({
              subject: subject(ctx, item),
              message: `${where(item)}: "${resource.slice(
                0,
                120,
              )}" is not an ARN.`,
            });
          }
        }
      }
    }
    return hits;
  },
};

const permissionP11: Check<PermissionCheckContext> = {
  id: 'IRSA-P11',
  category: 'permission',
  title: 'Policy size over the IAM quota',
  severity: 'medium',
  failMode: 'closed',
  explanation: `Managed policies are limited to ${POLICY_SIZE_LIMITS.managed} characters and a role's inline policies to ${POLICY_SIZE_LIMITS.inlineAggregate} together (whitespace not counted).`,
  fix: 'Split the policy, or merge statements that share resources.',
  run(ctx) {
    const hits: CheckHit[] = [];
    let inline = 0;
    for (const policy of ctx.policies) {
      const size = policy.parsed?.minifiedLength ?? 0;
      if (policy.kind === 'inline') inline += size;
      else if (size > POLICY_SIZE_LIMITS.managed) {
        hits.push({
          subject: { kind: 'policy', ref: `${ctx.subjectRef}#${policy.name}` },
          message: `${policy.name} is ${size} characters (limit ${POLICY_SIZE_LIMITS.managed}).`,
        });
      }
    }
    if (inline > POLICY_SIZE_LIMITS.inlineAggregate) {
      hits.push({
        subject: { kind: 'role', ref: ctx.subjectRef },
        message: `Inline policies total ${inline} characters (limit ${POLICY_SIZE_LIMITS.inlineAggregate}).`,
      });
    }
    return hits;
  },
};

const permissionP13: Check<PermissionCheckContext> = {
  id: 'IRSA-P13',
  category: 'permission',
  title: 'Role without the organisation permissions boundary',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'The boundary caps what the role can ever do, whatever policies are attached later.',
  fix: "Set PermissionsBoundary to the organisation's workload boundary policy.",
  run(ctx) {
    const required = ctx.requiredPermissionsBoundaryArn;
    if (!required || ctx.permissionsBoundaryArn === required) return [];
    return [
      {
        subject: { kind: 'role', ref: ctx.subjectRef },
        message: ctx.permissionsBoundaryArn
          ? `The boundary is ${ctx.permissionsBoundaryArn}, not ${required}.`
          : `The role has no permissions boundary; ${required} is required.`,
      },
    ];
  },
};

const permissionP14: Check<PermissionCheckContext> = {
  id: 'IRSA-P14',
  category: 'permission',
  title: 'Resource outside the allowed accounts, partitions or regions',
  severity: 'medium',
  failMode: 'open',
  explanation:
    'A workload role reaching into another account or region is usually a copy-paste error or an unreviewed cross-account path.',
  fix: "Use the ARNs of resources in the component's own accounts and regions.",
  run(ctx) {
    const scope = ctx.allowedResourceScope;
    if (!scope) return [];
    return allowStatements(ctx).flatMap(i =>
      (i.statement.resource ?? []).flatMap(resource => {
        const arn = parseArn(resource);
        if (!arn.ok) return [];
        const { partition, region, accountId } = arn.value;
        const problems = [
          scope.partitions &&
          !/[*?]/.test(partition) &&
          !scope.partitions.includes(partition)
            ? `partition ${partition}`
            : '',
          scope.accountIds &&
          accountId &&
          !/[*?]/.test(accountId) &&
          !scope.accountIds.includes(accountId)
            ? `account ${accountId}`
            : '',
          scope.regions &&
          region &&
          !/[*?]/.test(region) &&
          !scope.regions.includes(region)
            ? `region ${region}`
            : '',
        ].filter(Boolean);
        return problems.length === 0
          ? []
          : [
              {
                subject: subject(ctx, i),
                message: `${where(i)}: ${resource} is in ${problems.join(
                  ', ',
                )}.`,
              },
            ];
      }),
    );
  },
};

/** A Secrets Manager name prefix needs at least this many letters or digits to scope anything. */
const MIN_SECRET_PREFIX_CHARACTERS = 3;

/**
 * The literal name prefix a Secrets Manager secret ARN pattern admits (what comes before its
 * first wildcard), when the pattern has a wildcard; `undefined` for exact secret ARNs and
 * non-secret resources.
 */
function secretNamePrefix(resource: string): string | undefined {
  const arn = parseArn(resource);
  if (!arn.ok || arn.value.service !== 'secretsmanager') return undefined;
  if (!arn.value.resource.startsWith('secret:')) return undefined;
  const name = arn.value.resource.slice('secret:'.length);
  const wildcard = name.search(/[*?]/);
  return wildcard < 0 ? undefined : name.slice(0, wildcard);
}

const SECRET_READS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:DescribeSecret',
];

const permissionP15: Check<PermissionCheckContext> = {
  id: 'IRSA-P15',
  category: 'permission',
  title: 'Secrets Manager prefix that admits nearly every secret',
  severity: 'high',
  failMode: 'open',
  explanation:
    'Secret names share one namespace per account and region; a prefix of one or two characters (or one made only of wildcards and separators) matches the secrets of most teams, so the role can read what it was never meant to.',
  fix: "Scope the statement to the component's own secret prefix, e.g. secret:<team>/<component>/*.",
  run(ctx) {
    return allowStatements(ctx).flatMap(i => {
      const reads = SECRET_READS.filter(a => grants(i.statement, a));
      if (reads.length === 0) return [];
      return (i.statement.resource ?? []).flatMap((resource): CheckHit[] => {
        const prefix = secretNamePrefix(resource);
        if (prefix === undefined) return [];
        const significant = prefix.replace(/[^A-Za-z0-9]/g, '').length;
        if (significant >= MIN_SECRET_PREFIX_CHARACTERS) return [];
        return [
          {
            subject: subject(ctx, i),
            message: `${where(
              i,
            )} allows Secrets Manager reads on ${resource}: the name prefix ${JSON.stringify(
              prefix,
            )} has ${significant} letter(s) or digit(s), which admits nearly every secret of the account and region.`,
            flaggedActions: flagged(i, reads),
            structuredFix: {
              kind: 'scope-resource',
              policyName: i.policy.name,
              statementIndex: i.statement.index,
              resource,
              scoped: resource.replace(
                /:secret:.*$/,
                ':secret:<TEAM>/<COMPONENT>/*',
              ),
            },
          },
        ];
      });
    });
  },
};

/**
 * The permission-policy checks (security.md §1.4).
 *
 * @public
 */
export const permissionChecks: ReadonlyArray<Check<PermissionCheckContext>> = [
  permissionP01,
  permissionP02,
  permissionP03,
  permissionP04,
  permissionP05,
  permissionP06,
  permissionP07,
  permissionP08,
  permissionP09,
  permissionP10,
  permissionP11,
  permissionP13,
  permissionP14,
  permissionP15,
];
