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

import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { RoleArn } from './BoundIdentity';

const arn = 'arn:aws:iam::111111111111:role/orders-s3';
const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString();

describe('RoleArn', () => {
  it('gives the last use IAM recorded', async () => {
    await renderInTestApp(
      <RoleArn
        arn={arn}
        exists
        lastUsed={{ at: '2026-10-01T10:00:00Z', region: 'eu-west-1' }}
      />,
    );
    expect(
      screen.getByText('Last used 2026-10-01 in eu-west-1'),
    ).toBeInTheDocument();
  });

  it('says a role younger than IAM tracking has not been used since it was created', async () => {
    const createdAt = daysAgo(2);
    await renderInTestApp(<RoleArn arn={arn} exists createdAt={createdAt} />);
    expect(
      screen.getByText(
        `Not used since it was created on ${createdAt.slice(
          0,
          10,
        )} (as IAM tracks it)`,
      ),
    ).toBeInTheDocument();
  });

  it('says an older role has not been used within the tracking window', async () => {
    await renderInTestApp(
      <RoleArn arn={arn} exists createdAt={daysAgo(900)} />,
    );
    expect(
      screen.getByText('Not used in the last 400 days (as IAM tracks it)'),
    ).toBeInTheDocument();
  });

  it('says when the role does not exist', async () => {
    await renderInTestApp(<RoleArn arn={arn} exists={false} />);
    expect(
      screen.getByText('This role does not exist in account 111111111111.'),
    ).toBeInTheDocument();
  });
});
