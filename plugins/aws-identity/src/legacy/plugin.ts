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

import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { AwsIdentityClient } from '../api/AwsIdentityClient';
import { AwsIdentityClusterPicker } from '../components/scaffolder/AwsIdentityClusterPicker/AwsIdentityClusterPicker';
import {
  CLUSTER_PICKER_FIELD_NAME,
  clusterPickerSchema,
} from '../components/scaffolder/AwsIdentityClusterPicker/clusterPickerValue';
import { validateClusterPickerValue } from '../components/scaffolder/AwsIdentityClusterPicker/validation';
import { awsIdentityApiRef } from '../api/AwsIdentityApi';
import {
  requestDetailRouteRef,
  requestsRouteRef,
  rolesRouteRef,
} from '../routes';

const rootRouteRef = createRouteRef({ id: 'aws-identity' });

/**
 * The aws-identity plugin for the legacy frontend system.
 *
 * @public
 */
export const awsIdentityLegacyPlugin = createPlugin({
  id: 'aws-identity',
  apis: [
    createApiFactory({
      api: awsIdentityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AwsIdentityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    requests: requestsRouteRef,
    requestDetail: requestDetailRouteRef,
    roles: rolesRouteRef,
  },
});

/**
 * The AWS identity tab, to mount under an `EntityLayout.Route` of the entity page.
 *
 * @public
 */
export const EntityAwsIdentityContent: () => JSX.Element =
  awsIdentityLegacyPlugin.provide(
    createRoutableExtension({
      name: 'EntityAwsIdentityContent',
      component: () =>
        import(
          '../components/entity/AwsIdentityContent/AwsIdentityContent'
        ).then(m => m.AwsIdentityContent),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The AWS identity overview card (verdict and top finding), for the entity overview page.
 *
 * @public
 */
export const EntityAwsIdentityCard: () => JSX.Element =
  awsIdentityLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityAwsIdentityCard',
      component: {
        lazy: () =>
          import('../components/entity/AwsIdentityCard/AwsIdentityCard').then(
            m => m.AwsIdentityCard,
          ),
      },
    }),
  );

/**
 * The approvals page (role request queue and request detail), to mount with
 * `<Route path="/aws-identity/requests" element={<AwsIdentityRequestsPage />} />`.
 *
 * @public
 */
export const AwsIdentityRequestsPage: () => JSX.Element =
  awsIdentityLegacyPlugin.provide(
    createRoutableExtension({
      name: 'AwsIdentityRequestsPage',
      component: () =>
        import('../components/requests/RequestsPage/RequestsPage').then(
          m => m.LegacyRequestsPage,
        ),
      mountPoint: requestsRouteRef,
    }),
  );

/**
 * The AWS roles page (every role of every read account), to mount with
 * `<Route path="/aws-identity/roles" element={<AwsIdentityRolesPage />} />`.
 *
 * @public
 */
export const AwsIdentityRolesPage: () => JSX.Element =
  awsIdentityLegacyPlugin.provide(
    createRoutableExtension({
      name: 'AwsIdentityRolesPage',
      component: () =>
        import('../components/roles/RolesPage/RolesPage').then(
          m => m.LegacyRolesPage,
        ),
      mountPoint: rolesRouteRef,
    }),
  );

/**
 * The `AwsIdentityClusterPicker` scaffolder field for legacy portals: mount it inside
 * `<ScaffolderFieldExtensions>` of the scaffolder route.
 *
 * @public
 */
export const AwsIdentityClusterPickerFieldExtension =
  awsIdentityLegacyPlugin.provide(
    createScaffolderFieldExtension({
      name: CLUSTER_PICKER_FIELD_NAME,
      component: AwsIdentityClusterPicker,
      validation: validateClusterPickerValue,
      schema: clusterPickerSchema.schema,
    }),
  );
