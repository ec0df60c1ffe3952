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

import { screen, waitFor } from '@testing-library/react';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { RoleRequest } from '@internal/plugin-aws-identity-common';
import { asSeenBy, roleRequest } from '../../../__testUtils__/requests';
import { verifiedResponse } from '../../../__testUtils__/responses';
import { TestSignalApi } from '../../../__testUtils__/signals';
import { entityWith, mockApi } from '../../../__testUtils__/testApi';
import { awsIdentityApiRef } from '../../../api/AwsIdentityApi';
import { AwsIdentityContent } from '../../entity/AwsIdentityContent/AwsIdentityContent';
import { IDENTITY_POLL_INTERVAL_MS } from '../../entity/useEntityIdentity';
import { RequestDetail } from '../../requests/lib/RequestDetail/RequestDetail';
import { RequestQueue } from '../../requests/lib/RequestQueue/RequestQueue';
import { REQUESTS_POLL_INTERVAL_MS } from '../../requests/usePolled';

const QUEUE = 'aws-identity:requests';
const REPORTS = 'aws-identity:entity:component:default/reports';

function renderPage(
  element: JSX.Element,
  requests: RoleRequest[],
  signals?: TestSignalApi,
) {
  const api = mockApi(verifiedResponse, requests);
  renderInTestApp(
    <ReactRouterV6PageRouter>{element}</ReactRouterV6PageRouter>,
    {
      apis: [
        [awsIdentityApiRef, api],
        ...(signals ? ([[signalApiRef, signals]] as const) : []),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

function renderTab(signals?: TestSignalApi) {
  const api = mockApi(verifiedResponse, [
    roleRequest({ entityRef: 'component:default/reports' }),
  ]);
  renderInTestApp(
    <EntityProvider entity={entityWith('reports')}>
      <AwsIdentityContent />
    </EntityProvider>,
    {
      apis: [
        [awsIdentityApiRef, api],
        ...(signals ? ([[signalApiRef, signals]] as const) : []),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

describe('live updates over Backstage signals', () => {
  afterEach(() => jest.useRealTimers());

  describe('the identity tab', () => {
    it("re-reads the identity and the pending requests on a signal on the entity's channel", async () => {
      const signals = new TestSignalApi();
      const api = renderTab(signals);
      await screen.findByText('2 service accounts: 2 verified.');
      expect(signals.channels()).toEqual([REPORTS]);
      expect(api.getEntityIdentity).toHaveBeenCalledTimes(1);

      api.getPendingRequests.mockResolvedValueOnce([
        roleRequest({
          entityRef: 'component:default/reports',
          state: 'approved',
        }),
      ]);
      signals.emit(REPORTS, { type: 'request', requestId: 'req-1' });
      await waitFor(() =>
        expect(api.getEntityIdentity).toHaveBeenCalledTimes(2),
      );
      expect(api.getPendingRequests).toHaveBeenCalledTimes(2);
      expect(await screen.findByText('approved')).toBeInTheDocument();
      // What was shown stays while the reload runs: no loading placeholder.
      expect(
        screen.queryByTestId('aws-identity-loading'),
      ).not.toBeInTheDocument();

      signals.emit(REPORTS, { type: 'identity', digest: 'd-2' });
      await waitFor(() =>
        expect(api.getEntityIdentity).toHaveBeenCalledTimes(3),
      );
    });

    it('ignores signals of other entities', async () => {
      const signals = new TestSignalApi();
      const api = renderTab(signals);
      await screen.findByText('2 service accounts: 2 verified.');
      signals.emit('aws-identity:entity:component:default/other', {
        type: 'identity',
        digest: 'd',
      });
      signals.emit(QUEUE, { type: 'request', requestId: 'req-1' });
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(api.getEntityIdentity).toHaveBeenCalledTimes(1);
    });

    it('polls in an app without the signal API', async () => {
      jest.useFakeTimers();
      const api = renderTab();
      await screen.findByText('2 service accounts: 2 verified.');
      expect(api.getEntityIdentity).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(IDENTITY_POLL_INTERVAL_MS);
      await waitFor(() =>
        expect(api.getEntityIdentity).toHaveBeenCalledTimes(2),
      );
    });
  });

  describe('the approval queue', () => {
    const requests = [roleRequest()];

    it('reloads on a signal on the queue channel and does not poll while signals work', async () => {
      jest.useFakeTimers();
      const signals = new TestSignalApi();
      const api = renderPage(<RequestQueue />, requests, signals);
      await screen.findAllByTestId('aws-identity-request-row');
      expect(api.listRequests).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(REQUESTS_POLL_INTERVAL_MS * 3);
      expect(api.listRequests).toHaveBeenCalledTimes(1);

      signals.emit(QUEUE, { type: 'request', requestId: 'req-9' });
      await waitFor(() => expect(api.listRequests).toHaveBeenCalledTimes(2));
    });

    it('polls in an app without the signal API', async () => {
      jest.useFakeTimers();
      const api = renderPage(<RequestQueue />, requests);
      await screen.findAllByTestId('aws-identity-request-row');
      await jest.advanceTimersByTimeAsync(REQUESTS_POLL_INTERVAL_MS);
      await waitFor(() => expect(api.listRequests).toHaveBeenCalledTimes(2));
    });
  });

  describe('the request page', () => {
    it('reloads for a signal naming its request, not for other requests', async () => {
      const signals = new TestSignalApi();
      const request = asSeenBy(roleRequest(), {
        ref: 'user:default/platform-lead',
        mayDecide: true,
      });
      const api = renderPage(
        <RequestDetail id={request.id} />,
        [request],
        signals,
      );
      await screen.findByTestId('aws-identity-request-detail');
      await waitFor(() => expect(api.getRequest).toHaveBeenCalledTimes(1));

      signals.emit(QUEUE, { type: 'request', requestId: 'another' });
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(api.getRequest).toHaveBeenCalledTimes(1);

      signals.emit(QUEUE, { type: 'request', requestId: request.id });
      await waitFor(() => expect(api.getRequest).toHaveBeenCalledTimes(2));
    });
  });
});
