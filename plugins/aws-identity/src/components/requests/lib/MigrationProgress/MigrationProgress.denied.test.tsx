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
import { renderRequestDetail } from '../../../../__testUtils__/requestDetail';
import { migrationRequest } from '../../../../__testUtils__/requests';


// A file of its own: usePermission keeps its answer per permission for the life of the module
// (SWR's cache), so a denial next to the allowed cases would see their answer.
describe('a verified migration request seen without the create permission', () => {
  it('hides the annotation-removal button from whoever may not create requests', async () => {
    const serviceAccount = { cluster: 'dev', namespace: 'payments', name: 'payments-api' };
    await renderRequestDetail(migrationRequest({ state: 'verified', annotationRemoval: { serviceAccounts: [serviceAccount] } }), {
      user: 'user:default/viewer',
      mayCreate: false,
    });
    expect(await screen.findByTestId('aws-identity-annotation-removal')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /removing the IRSA annotation/ })).not.toBeInTheDocument();
  });

});
