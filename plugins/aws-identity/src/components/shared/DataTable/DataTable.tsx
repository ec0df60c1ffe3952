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

import { Text } from '@backstage/ui';
import { ReactNode } from 'react';

/** The cells of every table of the plugin: start-aligned, top-aligned, one rule below. */
const cellStyle = {
  textAlign: 'start' as const,
  padding: 'var(--bui-space-2) var(--bui-space-3)',
  borderBottom: '1px solid var(--bui-border-1)',
  verticalAlign: 'top' as const,
};

/**
 * One column of a {@link DataTable}: its heading and how a row fills its cell.
 *
 * @public
 */
export interface DataTableColumn<T> {
  heading: string;
  cell: (row: T) => ReactNode;
}

/**
 * The plugin's list table (the approval queue, the roles page): a captioned HTML table with
 * column headings, one row per item, scrolling sideways on narrow screens. A plain table rather
 * than a grid: rows are read, not edited, and screen readers announce caption and headings.
 *
 * @public
 */
export function DataTable<T>(props: {
  /** Says what the rows are (e.g. "3 of 10 role requests"). */
  caption: string;
  columns: ReadonlyArray<DataTableColumn<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** `data-testid` of every row. */
  rowTestId?: string;
}) {
  const { caption, columns, rows, rowKey, rowTestId } = props;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <caption style={{ textAlign: 'start', paddingBottom: 8 }}>
          <Text variant="body-small" color="secondary">
            {caption}
          </Text>
        </caption>
        <thead>
          <tr>
            {columns.map(c => (
              <th key={c.heading} scope="col" style={cellStyle}>
                <Text variant="body-small" weight="bold">
                  {c.heading}
                </Text>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(row => (
            <tr key={rowKey(row)} data-testid={rowTestId}>
              {columns.map(c => (
                <td key={c.heading} style={cellStyle}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
