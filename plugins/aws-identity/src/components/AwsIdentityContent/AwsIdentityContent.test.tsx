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


import { EntityProvider } from '@backstage/plugin-catalog-react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { AwsIdentityContent } from './AwsIdentityContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'demo-service',
    annotations: { 'backstage.io/kubernetes-id': 'demo-service' },
  },
  spec: { type: 'service', owner: 'guests', lifecycle: 'experimental' },
};

function renderWith(fetchImpl: typeof fetch) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <AwsIdentityContent />
    </EntityProvider>,
    {
      apis: [
        [
          discoveryApiRef,
          { getBaseUrl: async () => 'http://backend/api/aws-identity' },
        ],
        [fetchApiRef, { fetch: fetchImpl }],
      ],
    },
  );
}

describe('AwsIdentityContent', () => {
  it('names the entity and reports a reachable backend', async () => {
    const fetchImpl = jest.fn(async () => new Response('{"status":"ok"}'));
    renderWith(fetchImpl as unknown as typeof fetch);

    expect(
      await screen.findByText(/backend is reachable/i),
    ).toBeInTheDocument();
    expect(
      screen.getByText('AWS identity of component:default/demo-service'),
    ).toBeInTheDocument();
    expect(fetchImpl).toHaveBeenCalledWith(
      'http://backend/api/aws-identity/health',
    );
  });

  it('says so when the backend cannot be reached', async () => {
    const fetchImpl = jest.fn(async () => {
      throw new TypeError('network down');
    });
    renderWith(fetchImpl as unknown as typeof fetch);

    expect(
      await screen.findByText(/backend cannot be reached/i),
    ).toBeInTheDocument();
  });
});
