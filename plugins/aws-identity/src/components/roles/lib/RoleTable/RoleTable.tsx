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
import { Flex, Link, Text } from '@backstage/ui';
import {
  RoleListItem,
  RoleTrustBreadth,
  SEVERITIES,
} from '@internal/plugin-aws-identity-common';
import { useIdentityTabHref } from '../../../shared/identityTab/useIdentityTabHref';
import { roleConsoleUrl, timeAgo } from '../../../shared/presentation/format';
import { severityColor } from '../../../shared/presentation/verdict';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';

const cellStyle = {
  textAlign: 'start' as const,
  padding: 'var(--bui-space-2) var(--bui-space-3)',
  borderBottom: '1px solid var(--bui-border-1)',
  verticalAlign: 'top' as const,
};

/** How each trust breadth the backend decided reads in the table. */
const BREADTH_LABELS: Record<RoleTrustBreadth, string> = {
  exact: 'Exact service accounts',
  wider: 'Wider than named',
  'every-namespace': 'Every namespace',
  'any-service-account': 'Any service account',
  association: 'Pod Identity associations',
  'not-workload': 'Not a workload role',
  invalid: 'Trust policy invalid',
};

const OWNER_SOURCE_LABELS = {
  binding: 'bound component',
  request: 'portal request',
  tag: 'owner tag',
} as const;

function OwnerCell(props: { role: RoleListItem }) {
  const tabHref = useIdentityTabHref();
  const { owner } = props.role;
  if (!owner) {
    return (
      <Text variant="body-small" color="secondary">
        {props.role.orphaned ? 'Nobody (orphaned)' : 'No owner'}
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="1">
      {owner.entityRefs.map(ref => (
        <Link key={ref} href={tabHref(ref)} variant="body-small">
          {ref}
        </Link>
      ))}
      {owner.owners.map(o => (
        <Text key={o} variant="body-small">
          {o}
        </Text>
      ))}
      {owner.entityRefs.length === 0 && owner.owners.length === 0 && (
        <Text variant="body-small" color="secondary">
          an entity you cannot see
        </Text>
      )}
      <Text variant="body-x-small" color="secondary">
        from {OWNER_SOURCE_LABELS[owner.source]}
      </Text>
    </Flex>
  );
}

function UsageCell(props: { role: RoleListItem }) {
  const { usage, lastUsed } = props.role;
  if (usage.used && lastUsed?.at) {
    return (
      <Text variant="body-small">
        {timeAgo(lastUsed.at)}
        {lastUsed.region ? ` (${lastUsed.region})` : ''}
      </Text>
    );
  }
  return (
    <Text variant="body-small" color="secondary">
      {usage.idleDays === undefined
        ? 'Never (creation date unknown)'
        : `Never (${usage.idleDays} days)`}
    </Text>
  );
}

function FindingsCell(props: { role: RoleListItem }) {
  const counts = SEVERITIES.filter(s => props.role.findingCounts[s] > 0);
  if (counts.length === 0) {
    return (
      <Text variant="body-small" color="secondary">
        None
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="1">
      {counts.map(s => (
        <Text key={s} variant="body-small">
          <StatusDot status={severityColor(s)} />
          {props.role.findingCounts[s]} {s}
        </Text>
      ))}
      <Text variant="body-x-small" color="secondary">
        {props.role.findings[0]?.id}: {props.role.findings[0]?.title}
      </Text>
    </Flex>
  );
}

function RoleRow(props: { role: RoleListItem }) {
  const { role } = props;
  return (
    <tr data-testid="aws-identity-role-row">
      <td style={cellStyle}>
        <Flex direction="column" gap="1">
          <Link
            href={roleConsoleUrl(role.arn)}
            target="_blank"
            rel="noreferrer"
            variant="body-small"
          >
            {role.name}
          </Link>
          <Text variant="body-x-small" color="secondary">
            {role.arn}
          </Text>
        </Flex>
      </td>
      <td style={cellStyle}>
        <Text variant="body-small">{role.accountId}</Text>
      </td>
      <td style={cellStyle}>
        <OwnerCell role={role} />
      </td>
      <td style={cellStyle}>
        {role.bindings.length === 0 ? (
          <Text variant="body-small" color="secondary">
            None
          </Text>
        ) : (
          <Flex direction="column" gap="1">
            {role.bindings.map(b => (
              <Text
                key={`${b.via}:${b.cluster}/${b.namespace}/${b.serviceAccount}`}
                variant="body-small"
              >
                {b.cluster}/{b.namespace}/{b.serviceAccount}{' '}
                <Text as="span" variant="body-x-small" color="secondary">
                  ({b.via === 'irsa' ? 'IRSA' : 'Pod Identity'})
                </Text>
              </Text>
            ))}
          </Flex>
        )}
      </td>
      <td style={cellStyle}>
        <UsageCell role={role} />
      </td>
      <td style={cellStyle}>
        <Text variant="body-small">
          <StatusDot status={role.risky ? 'danger' : 'success'} />
          {BREADTH_LABELS[role.trust.breadth]}
        </Text>
      </td>
      <td style={cellStyle}>
        <FindingsCell role={role} />
      </td>
    </tr>
  );
}

const HEADINGS = [
  'Role',
  'Account',
  'Owner',
  'Bindings',
  'Last used',
  'Trust',
  'Findings',
];

/**
 * One page of roles as the backend listed them.
 *
 * @public
 */
export function RoleTable(props: { roles: RoleListItem[]; caption: string }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <caption style={{ textAlign: 'start', paddingBottom: 8 }}>
          <Text variant="body-small" color="secondary">
            {props.caption}
          </Text>
        </caption>
        <thead>
          <tr>
            {HEADINGS.map(h => (
              <th key={h} scope="col" style={cellStyle}>
                <Text variant="body-small" weight="bold">
                  {h}
                </Text>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.roles.map(role => (
            <RoleRow key={role.arn} role={role} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
