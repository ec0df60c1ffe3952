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
  Badge,
  Cell,
  Column,
  Flex,
  Row,
  TableBody,
  TableHeader,
  TableRoot,
  Text,
} from '@backstage/ui';
import {
  AccessLevelSummary,
  IdentityReport,
  isSensitiveAccessLevel,
  PermissionSummary,
  RoleAssessment,
} from '@internal/plugin-aws-identity-common';
import { Subsection } from '../../../shared/Subsection/Subsection';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';

const SHOWN_ACTIONS = 6;

/**
 * Actions the role's permission checks called out (escalation, credential exposure, …), as the
 * engine lists them per finding: the UI marks what the engine found instead of keeping its own
 * list. IAM action names are case-insensitive, so they are compared lower-cased.
 */
function flaggedActions(role: RoleAssessment): Set<string> {
  return new Set(
    (role.flaggedActions ?? []).flatMap(f =>
      f.actions.map(a => a.toLowerCase()),
    ),
  );
}

function ActionList(props: { actions: string[]; flagged: Set<string> }) {
  const { actions, flagged } = props;
  const render = (a: string) => {
    const sensitive = flagged.has(a.toLowerCase());
    const wildcard = /[*?]/.test(a);
    return (
      <li key={a}>
        <code>{a}</code>
        {sensitive && (
          <Text variant="body-x-small" weight="bold">
            {' '}
            (sensitive)
          </Text>
        )}
        {wildcard && (
          <Text variant="body-x-small" weight="bold">
            {' '}
            (wildcard)
          </Text>
        )}
      </li>
    );
  };
  const listStyle = { margin: 0, paddingInlineStart: '1rem' };
  if (actions.length <= SHOWN_ACTIONS)
    return <ul style={listStyle}>{actions.map(render)}</ul>;
  return (
    <Flex direction="column" gap="1">
      <ul style={listStyle}>{actions.slice(0, SHOWN_ACTIONS).map(render)}</ul>
      <details>
        <summary>
          <Text variant="body-x-small">
            {actions.length - SHOWN_ACTIONS} more actions
          </Text>
        </summary>
        <ul style={listStyle}>{actions.slice(SHOWN_ACTIONS).map(render)}</ul>
      </details>
    </Flex>
  );
}

function levelFlags(level: AccessLevelSummary, flagged: Set<string>) {
  const flags: string[] = [];
  if (level.anyResource) flags.push('any resource (*)');
  if (
    isSensitiveAccessLevel(level.accessLevel) ||
    level.actions.some(a => flagged.has(a.toLowerCase()))
  ) {
    flags.push('sensitive');
  }
  if (level.actions.some(a => /[*?]/.test(a))) flags.push('wildcard action');
  if (level.conditional) flags.push('conditional');
  return flags;
}

/** Statements the engine left out for this workload, as it said why. */
function LeftOut(props: { summary: PermissionSummary }) {
  const { summary } = props;
  const lines = [
    ...(summary.unresolved ?? []).map(u => ({
      key: `u-${u.policy ?? 'role'}-${u.policyIndex}-${u.statementIndex}`,
      text: `${
        u.policy === 'session'
          ? 'Session policy'
          : `Policy ${u.policyIndex + 1}`
      }, statement ${u.statementIndex + 1}: unresolved for this workload — ${[
        ...u.variables,
        ...(u.conditionKeys ?? []),
      ].join(
        ', ',
      )} has no value (session tags disabled or per pod), so it grants nothing here.`,
    })),
    ...(summary.notForWorkload ?? []).map(u => ({
      key: `n-${u.policy ?? 'role'}-${u.policyIndex}-${u.statementIndex}`,
      text: `${
        u.policy === 'session'
          ? 'Session policy'
          : `Policy ${u.policyIndex + 1}`
      }, statement ${
        u.statementIndex + 1
      }: not for this workload — its condition on ${(
        u.conditionKeys ?? []
      ).join(', ')} does not hold.`,
    })),
  ];
  if (lines.length === 0) return null;
  return (
    <ul
      style={{ margin: 0, paddingInlineStart: '1rem' }}
      data-testid="aws-identity-permissions-left-out"
    >
      {lines.map(line => (
        <li key={line.key}>
          <Text variant="body-small">
            <StatusDot status="warning" />
            {line.text}
          </Text>
        </li>
      ))}
    </ul>
  );
}

function SummaryTable(props: {
  label: string;
  summary: PermissionSummary;
  flagged: Set<string>;
}) {
  const { label, summary: permissions, flagged } = props;
  const rows = permissions.services.flatMap(service =>
    service.levels.map(level => ({ service: service.service, level })),
  );
  return (
    <Flex direction="column" gap="2">
      <Text variant="body-small" color="secondary">
        {label}
      </Text>
      {permissions.limitedBySessionPolicy && (
        <Text variant="body-small" color="secondary">
          Limited by the association&apos;s session policy: only what both the
          role&apos;s policies and the session policy allow.
        </Text>
      )}
      {permissions.wildcardActions.length > 0 && (
        <Text variant="body-small">
          <StatusDot status="warning" />
          Written with wildcards: {permissions.wildcardActions.join(', ')}
        </Text>
      )}
      {permissions.denyStatements > 0 && (
        <Text variant="body-small" color="secondary">
          {permissions.denyStatements} Deny statement(s) also apply; they are
          not subtracted below.
        </Text>
      )}
      <LeftOut summary={permissions} />
      {rows.length === 0 ? (
        <Text variant="body-small">This role allows nothing.</Text>
      ) : (
        <TableRoot aria-label={label}>
          <TableHeader>
            <Column isRowHeader>Service</Column>
            <Column>Access level</Column>
            <Column>Actions</Column>
            <Column>Resources</Column>
            <Column>Marks</Column>
          </TableHeader>
          <TableBody>
            {rows.map(({ service, level }) => (
              <Row
                id={`${service}-${level.accessLevel}`}
                key={`${service}-${level.accessLevel}`}
              >
                <Cell>
                  <Text variant="body-small" weight="bold">
                    {service}
                  </Text>
                </Cell>
                <Cell>
                  <Text variant="body-small">{level.accessLevel}</Text>
                </Cell>
                <Cell>
                  <ActionList actions={level.actions} flagged={flagged} />
                </Cell>
                <Cell>
                  <ul style={{ margin: 0, paddingInlineStart: '1rem' }}>
                    {level.resources.map(r => (
                      <li key={r}>
                        <code style={{ overflowWrap: 'anywhere' }}>{r}</code>
                      </li>
                    ))}
                  </ul>
                </Cell>
                <Cell>
                  <Flex gap="1" style={{ flexWrap: 'wrap' }}>
                    {levelFlags(level, flagged).map(flag => (
                      <Badge size="small" key={flag}>
                        {flag}
                      </Badge>
                    ))}
                  </Flex>
                </Cell>
              </Row>
            ))}
          </TableBody>
        </TableRoot>
      )}
    </Flex>
  );
}

function RolePermissions(props: { role: RoleAssessment }) {
  const { role } = props;
  const flagged = flaggedActions(role);
  // Pod Identity: what the pods get, per association, as the engine summarised it (the
  // target role's permissions, limited by the session policy, ABAC resolved).
  if (role.effectivePermissions && role.effectivePermissions.length > 0) {
    return (
      <Flex direction="column" gap="3">
        {role.effectivePermissions.map(effective => {
          const label = `Permissions of ${effective.roleArn}${
            effective.roleArn !== effective.associationRoleArn
              ? ` (target role, assumed through ${effective.associationRoleArn})`
              : ''
          }`;
          return effective.summary ? (
            <SummaryTable
              key={effective.roleArn}
              label={label}
              summary={effective.summary}
              flagged={flagged}
            />
          ) : (
            <Text
              variant="body-small"
              color="secondary"
              key={effective.roleArn}
            >
              {effective.unknownReason}
            </Text>
          );
        })}
      </Flex>
    );
  }
  if (!role.permissions) {
    return (
      <Text variant="body-small" color="secondary">
        Permissions of {role.arn} are not known.
      </Text>
    );
  }
  return (
    <SummaryTable
      label={`Permissions of ${role.arn}`}
      summary={role.permissions}
      flagged={flagged}
    />
  );
}

/**
 * What each bound role may do, by service and access level.
 *
 * @public
 */
export function PermissionsTable(props: { report: IdentityReport }) {
  const { report } = props;
  // Mid-migration the same role is bound twice (IRSA and Pod Identity); its permissions are one.
  const roles = report.roles.filter(
    (r, i, all) =>
      r.exists !== false && all.findIndex(o => o.arn === r.arn) === i,
  );
  return (
    <Subsection title="Permissions" testId="aws-identity-permissions">
      {roles.length === 0 ? (
        <Text variant="body-small" color="secondary">
          No role, so no AWS permissions through a role.
        </Text>
      ) : (
        roles.map(role => <RolePermissions key={role.arn} role={role} />)
      )}
    </Subsection>
  );
}
