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
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { verifiedResponse } from './__testUtils__/responses';
import { entityWith, mockApi } from './__testUtils__/testApi';
import { awsIdentityApiRef } from './api/AwsIdentityApi';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  awsIdentityClusterPickerFormField,
  awsIdentityEntityCard,
  awsIdentityEntityContent,
  awsIdentityPlugin,
} from './plugin';

describe('awsIdentityPlugin', () => {
  it('provides the API, the tab and the card', () => {
    expect(awsIdentityPlugin.getExtension('api:aws-identity')).toBeDefined();
    expect(
      awsIdentityPlugin.getExtension(
        'entity-content:aws-identity/aws-identity',
      ),
    ).toBeDefined();
    expect(
      awsIdentityPlugin.getExtension('entity-card:aws-identity/aws-identity'),
    ).toBeDefined();
  });

  // The scaffolder collects every `scaffolder-form-field` extension of the app's plugins.
  it('provides the AwsIdentityClusterPicker scaffolder field', async () => {
    const extension = awsIdentityPlugin.getExtension(
      'scaffolder-form-field:aws-identity/cluster-picker',
    );
    expect(extension).toBeDefined();
    const loader = createExtensionTester(
      awsIdentityClusterPickerFormField,
    ).get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const field = (await loader()) as unknown as { $$type: string; name?: string };
    expect(JSON.stringify(field)).toContain('AwsIdentityClusterPicker');
  });

  it.each([
    [
      'tab',
      () => createExtensionTester(awsIdentityEntityContent).reactElement(),
    ],
    ['card', () => createExtensionTester(awsIdentityEntityCard).reactElement()],
  ])('renders the %s extension', async (_name, element) => {
    renderInTestApp(
      <EntityProvider entity={entityWith('reports')}>
        {element()}
      </EntityProvider>,
      {
        apis: [[awsIdentityApiRef, mockApi(verifiedResponse)]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen
        .findByTestId('aws-identity-sa-sandbox-east/reports/reports')
        .catch(() =>
          screen.findByTestId(
            'aws-identity-card-sa-sandbox-east/reports/reports',
          ),
        ),
    ).toBeInTheDocument();
  });
});
