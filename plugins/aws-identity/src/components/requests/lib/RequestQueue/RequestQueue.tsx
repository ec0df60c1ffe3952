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

import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Flex, Link, Text } from '@backstage/ui';
import {
  isOpenRequestState,
  IdentityRequest,
  REQUEST_QUEUE_SIGNAL_CHANNEL,
  requestRisk,
  requestSubject,
  RoleRequestRisk,
  RoleRequestState,
  ROLE_REQUEST_RISKS,
  ROLE_REQUEST_STATES,
} from '@internal/plugin-aws-identity-common';
import { useCallback, useMemo, useState } from 'react';
import { awsIdentityApiRef } from '../../../../api/AwsIdentityApi';
import { REQUESTS_POLL_INTERVAL_MS } from '../../usePolled';
import { useLiveLoad } from '../../../shared/live/useLiveLoad';
import { migrationProgressLines } from '../MigrationProgress/MigrationProgress';
import {
  requestStateColor,
  riskColor,
} from '../../../shared/presentation/requests';
import { backendMessage } from '../../../shared/presentation/errors';
import { timeAgo } from '../../../shared/presentation/format';
import {
  ALL_FILTER,
  applyRequestFilters,
  OPEN_STATES_FILTER,
  RequestFilters,
  RequestFilterValues,
} from '../RequestFilters/RequestFilters';
import { StatusDot } from '../../../shared/StatusDot/StatusDot';
import {
  DataTable,
  DataTableColumn,
} from '../../../shared/DataTable/DataTable';

/** The states of the "Open" filter, asked of the backend as one list. */
const OPEN_STATES = ROLE_REQUEST_STATES.filter(isOpenRequestState);

/** The state filter as the backend is asked for it: one state, the open ones, or all (undefined). */
function statesToAsk(
  filter: string,
): RoleRequestState | readonly RoleRequestState[] | undefined {
  if (filter === OPEN_STATES_FILTER) return OPEN_STATES;
  return (ROLE_REQUEST_STATES as readonly string[]).includes(filter)
    ? (filter as RoleRequestState)
    : undefined;
}

function RequestLink(props: { request: IdentityRequest }) {
  // A target relative to the queue's route: Backstage UI links resolve it at their own route
  // scope and add the app's base path themselves.
  return (
    <Link href={encodeURIComponent(props.request.id)} variant="body-small">
      {props.request.kind === 'migration'
        ? requestSubject(props.request)
        : props.request.plan.input.roleName}
    </Link>
  );
}

const COLUMNS: ReadonlyArray<DataTableColumn<IdentityRequest>> = [
  // A role request is named by its role, a migration by what it moves.
  { heading: 'Request', cell: r => <RequestLink request={r} /> },
  {
    heading: 'State',
    cell: r => (
      <>
        <Text variant="body-small">
          <StatusDot status={requestStateColor(r.state)} />
          {r.state}
        </Text>
        {r.kind === 'migration' &&
          migrationProgressLines(r).map(line => (
            <Text
              key={line}
              as="p"
              variant="body-small"
              color="secondary"
              data-testid="aws-identity-request-progress"
            >
              {line}
            </Text>
          ))}
      </>
    ),
  },
  {
    heading: 'Risk',
    cell: r => (
      <Text variant="body-small">
        <StatusDot status={riskColor(requestRisk(r))} />
        {requestRisk(r)}
      </Text>
    ),
  },
  {
    heading: 'Component',
    cell: r => <Text variant="body-small">{r.entityRef}</Text>,
  },
  { heading: 'Team', cell: r => <Text variant="body-small">{r.team}</Text> },
  {
    heading: 'Requested by',
    cell: r => <Text variant="body-small">{r.requestedBy}</Text>,
  },
  {
    heading: 'Submitted',
    cell: r => <Text variant="body-small">{timeAgo(r.createdAt)}</Text>,
  },
];

/**
 * The queue of role requests, with state, team and risk filters, reloaded
 * when the backend signals a submission or a decision (every few seconds in
 * an app without signals).
 *
 * @public
 */
export function RequestQueue() {
  const api = useApi(awsIdentityApiRef);
  const [filters, setFilters] = useState<RequestFilterValues>({
    state: OPEN_STATES_FILTER,
    team: ALL_FILTER,
    risk: ALL_FILTER,
  });
  // The backend filters by all three and decides each request's team (with the user's view
  // of the catalog); applyRequestFilters re-applies them to what it answered, a no-op that keeps
  // the rows consistent with the selects while a new answer is on its way.
  const serverState = statesToAsk(filters.state);
  const serverRisk = (ROLE_REQUEST_RISKS as readonly string[]).includes(
    filters.risk,
  )
    ? (filters.risk as RoleRequestRisk)
    : undefined;
  const serverTeam = filters.team === ALL_FILTER ? undefined : filters.team;
  const load = useCallback(
    () =>
      api.listRequests({
        ...(serverState ? { state: serverState } : {}),
        ...(serverRisk ? { risk: serverRisk } : {}),
        ...(serverTeam ? { team: serverTeam } : {}),
      }),
    [api, serverState, serverRisk, serverTeam],
  );
  // Live over the queue's signal channel; polled only in an app without signals.
  const { loading, value, error } = useLiveLoad(
    `requests:${[serverState ?? ''].flat().join(',')}:${serverRisk ?? ''}:${
      serverTeam ?? ''
    }`,
    load,
    {
      channel: REQUEST_QUEUE_SIGNAL_CHANNEL,
      fallbackIntervalMs: REQUESTS_POLL_INTERVAL_MS,
    },
  );
  const requests = useMemo(() => value?.items ?? [], [value]);
  // The teams to choose from are the backend's, over every request the other filters match.
  const teamOptions = value?.facets.teams ?? [];
  const shown = applyRequestFilters(requests, filters);

  return (
    <Flex direction="column" gap="4">
      <RequestFilters
        value={filters}
        teams={teamOptions}
        onChange={setFilters}
      />
      {error && (
        <Alert
          status="danger"
          icon
          data-testid="aws-identity-requests-error"
          title="The role requests could not be loaded"
          description={backendMessage(error)}
        />
      )}
      {loading && !value && (
        <Text variant="body-small" color="secondary">
          Loading role requests…
        </Text>
      )}
      {value && shown.length === 0 && (
        <Text
          variant="body-medium"
          color="secondary"
          data-testid="aws-identity-requests-empty"
        >
          No role requests match these filters.
        </Text>
      )}
      {shown.length > 0 && (
        <DataTable
          caption={`${shown.length} of ${requests.length} role requests`}
          columns={COLUMNS}
          rows={shown}
          rowKey={r => r.id}
          rowTestId="aws-identity-request-row"
        />
      )}
    </Flex>
  );
}
