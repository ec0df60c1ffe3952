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

import { render, screen, within } from '@testing-library/react';
import { DataTable } from './DataTable';

describe('DataTable', () => {
  it('is a table named by its caption, with column headers and one row per item', () => {
    render(
      <DataTable
        caption="2 of 3 things"
        columns={[
          { heading: 'Name', cell: (t: { id: string; n: number }) => t.id },
          { heading: 'Count', cell: t => String(t.n) },
        ]}
        rows={[
          { id: 'a', n: 1 },
          { id: 'b', n: 2 },
        ]}
        rowKey={t => t.id}
        rowTestId="thing-row"
      />,
    );
    const table = screen.getByRole('table', { name: '2 of 3 things' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Name', 'Count']);
    const rows = screen.getAllByTestId('thing-row');
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});
