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
import {
  DataTable,
  DataTableColumn,
} from '../../../shared/DataTable/DataTable';

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

/** A role IAM never saw used, by the days since it was created (the roles view's idle days). */
function neverUsedLabel(idleDays: number | undefined): string {
  if (idleDays === undefined) return 'Never (creation date unknown)';
  // A role created today is not "0 days" unused: it has not had a chance yet.
  if (idleDays === 0) return 'Never (created today)';
  return `Never (${idleDays} day${idleDays === 1 ? '' : 's'})`;
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
      {neverUsedLabel(usage.idleDays)}
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

function BindingsCell(props: { role: RoleListItem }) {
  const { bindings } = props.role;
  if (bindings.length === 0) {
    return (
      <Text variant="body-small" color="secondary">
        None
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="1">
      {bindings.map(b => (
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
  );
}

const COLUMNS: ReadonlyArray<DataTableColumn<RoleListItem>> = [
  {
    heading: 'Role',
    cell: role => (
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
    ),
  },
  {
    heading: 'Account',
    cell: role => <Text variant="body-small">{role.accountId}</Text>,
  },
  { heading: 'Owner', cell: role => <OwnerCell role={role} /> },
  { heading: 'Bindings', cell: role => <BindingsCell role={role} /> },
  { heading: 'Last used', cell: role => <UsageCell role={role} /> },
  {
    heading: 'Trust',
    cell: role => (
      <Text variant="body-small">
        <StatusDot status={role.risky ? 'danger' : 'success'} />
        {BREADTH_LABELS[role.trust.breadth]}
      </Text>
    ),
  },
  { heading: 'Findings', cell: role => <FindingsCell role={role} /> },
];

/**
 * One page of roles as the backend listed them.
 *
 * @public
 */
export function RoleTable(props: { roles: RoleListItem[]; caption: string }) {
  return (
    <DataTable
      caption={props.caption}
      columns={COLUMNS}
      rows={props.roles}
      rowKey={role => role.arn}
      rowTestId="aws-identity-role-row"
    />
  );
}
