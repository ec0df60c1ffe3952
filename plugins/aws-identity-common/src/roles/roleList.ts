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
import { SEVERITIES, SourceStatus } from '../domain/types';
import { RoleListItem } from './roleListItem';
import { isUnusedFor } from './roleUsage';

/**
 * Filters of the roles view (`GET /roles`); every given filter must hold.
 *
 * @public
 */
export interface RoleListFilter {
  /** Only roles with no owner and no binding. */
  orphaned?: boolean;
  /** Only roles idle for at least this many days (never-used roles count from their creation). */
  unusedDays?: number;
  /** Only roles whose trust admits more workloads than it names, or has a high/critical finding. */
  risky?: boolean;
  /** Only roles of these accounts. */
  accountIds?: string[];
  /** Only roles owned by this owner ref or entity ref (exact, case-insensitive). */
  owner?: string;
  /** Only roles whose name or ARN contains this text (case-insensitive). */
  text?: string;
}

/**
 * Paging of `GET /roles` (`limit`, `offset`): the default and largest page size, and the largest
 * offset.
 *
 * @public
 */
export const ROLE_LIST_PAGE = { defaultLimit: 50, maxLimit: 500, maxOffset: 10_000_000 } as const;

/**
 * Response of `GET /api/aws-identity/roles`.
 *
 * @public
 */
export interface RoleListResponse {
  /** One page, by account then role name. */
  items: RoleListItem[];
  /** How many roles match the filters in all. */
  totalCount: number;
  limit: number;
  offset: number;
  /**
   * Every account the roles come from, as its source reads now: roles of an account in `error`
   * or `stale` may be missing or out of date, and the view says so per account.
   */
  accounts: SourceStatus[];
}

/**
 * The roles matching a filter, in the order given.
 *
 * @public
 */
export function filterRoleList(items: readonly RoleListItem[], filter: RoleListFilter): RoleListItem[] {
  const accounts = filter.accountIds ? new Set(filter.accountIds) : undefined;
  const owner = filter.owner?.toLowerCase();
  const text = filter.text?.toLowerCase();
  return items.filter(
    item =>
      (filter.orphaned === undefined || item.orphaned === filter.orphaned) &&
      (filter.risky === undefined || item.risky === filter.risky) &&
      (filter.unusedDays === undefined || isUnusedFor(item.usage, filter.unusedDays)) &&
      (!accounts || accounts.has(item.accountId)) &&
      (!owner ||
        (item.owner !== undefined &&
          [...item.owner.owners, ...item.owner.entityRefs].some(ref => ref.toLowerCase() === owner))) &&
      (!text || item.name.toLowerCase().includes(text) || item.arn.toLowerCase().includes(text)),
  );
}

/**
 * Orders roles as the view lists them: by account, then name as IAM compares names (without
 * case), then ARN. Compares code units, not locale rules: the order is the same on every
 * server, and sorting tens of thousands of rows stays cheap.
 *
 * @public
 */
export function compareRoleListItems(a: RoleListItem, b: RoleListItem): number {
  return (
    compareText(a.accountId, b.accountId) ||
    compareText(a.name.toLowerCase(), b.name.toLowerCase()) ||
    compareText(a.arn, b.arn)
  );
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const CSV_COLUMNS = [
  'arn',
  'account',
  'name',
  'owner_source',
  'owner_entities',
  'owners',
  'bindings',
  'last_used',
  'idle_days',
  'trust_workload',
  'trust_breadth',
  ...SEVERITIES.map(s => `findings_${s}`),
  'orphaned',
  'risky',
] as const;

/**
 * The roles as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or
 * line break). A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) is prefixed with `'`, as OWASP's CSV-injection guidance
 * advises: tags and names are written by people, and an export must not run their text.
 *
 * @public
 */
export function roleListCsv(items: readonly RoleListItem[]): string {
  const rows = items.map(item => [
    item.arn,
    item.accountId,
    item.name,
    item.owner?.source ?? '',
    (item.owner?.entityRefs ?? []).join(' '),
    (item.owner?.owners ?? []).join(' '),
    item.bindings.map(b => `${b.via}:${b.cluster}/${b.namespace}/${b.serviceAccount}`).join(' '),
    item.lastUsed?.at ?? '',
    item.usage.idleDays === undefined ? '' : String(item.usage.idleDays),
    item.trust.workload.join(' '),
    item.trust.breadth,
    ...SEVERITIES.map(s => String(item.findingCounts[s])),
    String(item.orphaned),
    String(item.risky),
  ]);
  const lines = [[...CSV_COLUMNS], ...rows].map(row => row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
