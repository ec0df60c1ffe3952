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

import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { Container, Header } from '@backstage/ui';
import { Route, Routes, useParams } from 'react-router-dom';
import { RequestDetail } from '../lib/RequestDetail/RequestDetail';
import { RequestQueue } from '../lib/RequestQueue/RequestQueue';

function DetailRoute() {
  const { id = '' } = useParams();
  return <RequestDetail id={id} />;
}

/**
 * The approvals page: the request queue at its root and a request's detail
 * at `:id`.
 *
 * @remarks
 * Its routes are React Router v6 routes, scoped to the page by
 * `ReactRouterV6PageRouter` in the new frontend system; in legacy apps, which
 * route with React Router themselves, that adapter renders its children as
 * they are.
 *
 * @public
 */
export function RequestsPage(props: {
  /** Show a page header (legacy apps; the new frontend system adds its own). */
  withHeader?: boolean;
}) {
  return (
    <ReactRouterV6PageRouter>
      {props.withHeader && <Header title="AWS role requests" />}
      <Container py="4">
        <section aria-label="AWS role requests">
          <Routes>
            <Route path="/" element={<RequestQueue />} />
            <Route path="/:id" element={<DetailRoute />} />
          </Routes>
        </section>
      </Container>
    </ReactRouterV6PageRouter>
  );
}

/**
 * The approvals page with its own header, for legacy apps.
 *
 * @public
 */
export function LegacyRequestsPage() {
  return <RequestsPage withHeader />;
}
