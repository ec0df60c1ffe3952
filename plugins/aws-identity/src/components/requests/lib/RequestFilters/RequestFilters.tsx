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

import { Flex, Select } from '@backstage/ui';
import {
  isOpenRequestState,
  ROLE_REQUEST_RISKS,
  ROLE_REQUEST_STATES,
  IdentityRequest,
  requestRisk,
  RoleRequestRisk,
} from '@internal/plugin-aws-identity-common';

/**
 * The state filter value that selects every open request (the default).
 *
 * @public
 */
export const OPEN_STATES_FILTER = 'open';

/**
 * The filter value that selects everything.
 *
 * @public
 */
export const ALL_FILTER = 'all';

/** The engine's risk levels, most severe first. */
const RISKS: RoleRequestRisk[] = [...ROLE_REQUEST_RISKS].reverse();

/**
 * Current filters of the request queue.
 *
 * @public
 */
export interface RequestFilterValues {
  /** A state, {@link OPEN_STATES_FILTER} or {@link ALL_FILTER}. */
  state: string;
  /** One of the backend's `facets.teams` (a group or user entity ref), or {@link ALL_FILTER}. */
  team: string;
  /** A risk, or {@link ALL_FILTER}. */
  risk: string;
}

/**
 * Filters requests by state, team (each request's `team`, as the backend
 * decided it) and risk.
 *
 * @public
 */
export function applyRequestFilters(
  requests: IdentityRequest[],
  filters: RequestFilterValues,
): IdentityRequest[] {
  return requests.filter(r => {
    if (filters.state === OPEN_STATES_FILTER) {
      if (!isOpenRequestState(r.state)) return false;
    } else if (filters.state !== ALL_FILTER && r.state !== filters.state) {
      return false;
    }
    if (filters.team !== ALL_FILTER && r.team !== filters.team) return false;
    if (filters.risk !== ALL_FILTER && requestRisk(r) !== filters.risk) {
      return false;
    }
    return true;
  });
}

/**
 * The state, team and risk selects above the request queue.
 *
 * @public
 */
export function RequestFilters(props: {
  value: RequestFilterValues;
  /** The teams to offer: the backend's `facets.teams`. */
  teams: readonly string[];
  onChange: (value: RequestFilterValues) => void;
}) {
  const { value, teams, onChange } = props;
  const select = (
    field: keyof RequestFilterValues,
    label: string,
    options: Array<{ id: string; label: string }>,
  ) => (
    <Select
      label={label}
      selectedKey={value[field]}
      onSelectionChange={key =>
        key !== null && onChange({ ...value, [field]: String(key) })
      }
      options={options}
    />
  );
  const asOptions = (ids: readonly string[]) =>
    ids.map(id => ({ id, label: id }));
  return (
    <Flex
      gap="3"
      style={{ flexWrap: 'wrap' }}
      role="group"
      aria-label="Filters"
    >
      {select('state', 'State', [
        { id: OPEN_STATES_FILTER, label: 'Open' },
        { id: ALL_FILTER, label: 'All states' },
        ...asOptions(ROLE_REQUEST_STATES),
      ])}
      {select('team', 'Team', [
        { id: ALL_FILTER, label: 'All teams' },
        ...asOptions(teams),
      ])}
      {select('risk', 'Risk', [
        { id: ALL_FILTER, label: 'Any risk' },
        ...asOptions(RISKS),
      ])}
    </Flex>
  );
}
