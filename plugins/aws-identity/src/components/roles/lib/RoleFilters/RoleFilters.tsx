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
import { Flex, Select, TextField } from '@backstage/ui';
import { RoleListFilter } from '@internal/plugin-aws-identity-common';

/** The "unused for" choices, in days. */
const UNUSED_DAYS = [30, 90, 180, 365];
const ANY = 'any';

/**
 * The filters above the roles table. They only shape the query: the backend filters.
 *
 * @public
 */
export function RoleFilters(props: {
  value: RoleListFilter;
  /** The accounts to offer: those the backend lists roles from. */
  accounts: readonly string[];
  onChange: (value: RoleListFilter) => void;
}) {
  const { value, accounts, onChange } = props;
  const set = (patch: Partial<RoleListFilter>) => {
    const next: RoleListFilter = { ...value, ...patch };
    for (const key of Object.keys(patch) as Array<keyof RoleListFilter>) {
      if (next[key] === undefined) delete next[key];
    }
    onChange(next);
  };
  const flag = (current: boolean | undefined) =>
    current === undefined ? ANY : String(current);
  const asFlag = (key: unknown): boolean | undefined => {
    if (key === 'true') return true;
    if (key === 'false') return false;
    return undefined;
  };
  return (
    <Flex
      gap="3"
      style={{ flexWrap: 'wrap', alignItems: 'end' }}
      role="group"
      aria-label="Filters"
    >
      <TextField
        label="Role name or ARN"
        value={value.text ?? ''}
        onChange={text => set({ text: text.trim() || undefined })}
      />
      <Select
        label="Ownership"
        selectedKey={flag(value.orphaned)}
        onSelectionChange={key => set({ orphaned: asFlag(key) })}
        options={[
          { id: ANY, label: 'Any' },
          { id: 'true', label: 'Orphaned (no owner, no binding)' },
          { id: 'false', label: 'Owned or bound' },
        ]}
      />
      <Select
        label="Unused for"
        selectedKey={
          value.unusedDays === undefined ? ANY : String(value.unusedDays)
        }
        onSelectionChange={key =>
          set({
            unusedDays: key === ANY || key === null ? undefined : Number(key),
          })
        }
        options={[
          { id: ANY, label: 'Any use' },
          ...UNUSED_DAYS.map(days => ({
            id: String(days),
            label: `${days}+ days`,
          })),
        ]}
      />
      <Select
        label="Trust"
        selectedKey={flag(value.risky)}
        onSelectionChange={key => set({ risky: asFlag(key) })}
        options={[
          { id: ANY, label: 'Any trust' },
          { id: 'true', label: 'Risky trust' },
          { id: 'false', label: 'Not risky' },
        ]}
      />
      <Select
        label="Account"
        selectedKey={value.accountIds?.[0] ?? ANY}
        onSelectionChange={key =>
          set({
            accountIds: key === ANY || key === null ? undefined : [String(key)],
          })
        }
        options={[
          { id: ANY, label: 'All accounts' },
          ...accounts.map(id => ({ id, label: id })),
        ]}
      />
    </Flex>
  );
}
